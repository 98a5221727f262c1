// Fixes of the package-cache rules, one RUN at a time: a flag inserted after the subcommand
// (SL303, SL304, SL306, SL309 gem, SL311) or a cleanup appended to the RUN (SL301, SL305, SL307,
// SL309 bundle/go/cargo). One plan fixes every finding of its rule in the RUN.
#include <algorithm>
#include <regex>
#include <set>

#include "fix/plan.h"
#include "shell/operations.h"

namespace slimage::fix {
namespace {

using shell::PackageAction;
using shell::PackageManager;
using shell::PackageOperation;

struct RunFix {
  const PlanContext& context;
  const rules::RunView& view;
  FixPlan plan;
  std::string reason;
  std::set<std::string> appended;  // each cleanup once per RUN

  bool Append(const std::string& text) {
    if (!appended.insert(text).second) return true;
    std::optional<Edit> edit = AppendToRun(context, *view.run, text, &reason);
    if (!edit) return false;
    plan.edits.push_back(*edit);
    ++plan.command_delta[context.IndexOf(*view.run)];
    return true;
  }
  // The argv word after the program whose value is `value` ("install", "add").
  const shell::Word* WordOf(const shell::ShellCommand& command, std::string_view value) const {
    for (size_t i = 1; i < command.argv.size(); ++i) {
      if (command.argv[i].value == value) return &command.argv[i];
    }
    return nullptr;
  }
  bool InsertAfter(const shell::ShellCommand& command, std::string_view value, const std::string& text) {
    const shell::Word* word = WordOf(command, value);
    if (word == nullptr) {
      reason = "cannot find `" + std::string(value) + "` in the command";
      return false;
    }
    std::optional<Edit> edit = InsertAfterWord(context, *view.run, *word, text, &reason);
    if (!edit) return false;
    plan.edits.push_back(*edit);
    return true;
  }
  // Deletes `word` and the blanks before it.
  bool DeleteWord(const shell::Word& word) {
    if (!context.WordExact(*view.run, word)) {
      reason = "the word `" + Printable(word.value) + "` is not where its offsets say";
      return false;
    }
    size_t begin = context.CommandFileOffset(*view.run, word.begin);
    size_t end = context.CommandFileOffset(*view.run, word.end);
    std::string_view source = context.source();
    while (begin > 0 && (source[begin - 1] == ' ' || source[begin - 1] == '\t')) --begin;
    plan.edits.push_back({begin, end - begin, "", 0});
    return true;
  }
  const shell::ShellCommand& Command(const PackageOperation& operation, size_t script) const {
    return view.scripts[script].analysis.script.commands[operation.command_index];
  }
};

bool IsHttpsClient(std::string_view package) {
  return package == "curl" || package == "wget" || package == "git" || package == "git-core" ||
         package == "aria2" || package == "httpie";
}

// The operations of `view` that `rule` is about, with their script index.
template <typename Pick>
std::vector<std::pair<const PackageOperation*, size_t>> Operations(const rules::RunView& view, Pick&& pick) {
  std::vector<std::pair<const PackageOperation*, size_t>> found;
  for (size_t s = 0; s < view.scripts.size(); ++s) {
    if (view.scripts[s].heredoc != nullptr) continue;
    for (const PackageOperation& operation : view.scripts[s].analysis.packages) {
      if (pick(operation)) found.emplace_back(&operation, s);
    }
  }
  return found;
}

std::string BaseName(std::string_view path) {
  size_t slash = path.rfind('/');
  return std::string(slash == std::string_view::npos ? path : path.substr(slash + 1));
}

bool FixApt(RunFix& fix, const std::string& rule) {
  if (rule == "SL301") {
    // A RUN that only refreshes the lists feeds a later RUN's install: removing them here would
    // break it (SL601 or SL302 join such RUNs instead).
    bool installs = false;
    bool updated = false;
    for (const auto& [op, script] : Operations(fix.view, [](const PackageOperation& o) { return o.manager == PackageManager::kApt; })) {
      (void)script;
      if (op->action == PackageAction::kUpdate) updated = true;
      if (updated && op->action != PackageAction::kUpdate && op->action != PackageAction::kClean) installs = true;
    }
    if (!installs) {
      fix.reason = "the RUN updates the lists but installs nothing from them: a later RUN reads them";
      return false;
    }
    return fix.Append(" && rm -rf /var/lib/apt/lists/*");
  }
  // SL303
  auto ops = Operations(fix.view, [](const PackageOperation& op) {
    return op.manager == PackageManager::kApt && op.action == PackageAction::kInstall && op.subcommand == "install";
  });
  for (const auto& [op, script] : ops) {
    if (op->HasOption({"--no-install-recommends"})) continue;
    const shell::ShellCommand& command = fix.Command(*op, script);
    if (!fix.InsertAfter(command, "install", " --no-install-recommends")) return false;
    bool https = std::any_of(op->packages.begin(), op->packages.end(), IsHttpsClient);
    bool certificates = std::find(op->packages.begin(), op->packages.end(), "ca-certificates") != op->packages.end();
    if (https && !certificates && !fix.InsertAfter(command, "install", " ca-certificates")) return false;
  }
  return true;
}

bool FixApk(RunFix& fix) {
  auto ops = Operations(fix.view, [](const PackageOperation& op) { return op.manager == PackageManager::kApk; });
  for (const auto& [op, script] : ops) {
    const shell::ShellCommand& command = fix.Command(*op, script);
    if (op->action == PackageAction::kUpdate) {
      // `apk update && apk add …`: the update goes, with its `&&`.
      const auto& commands = fix.view.scripts[script].analysis.script.commands;
      size_t next = op->command_index + 1;
      if (command.connector != shell::Connector::kAnd || next >= commands.size() || commands[next].depth != command.depth ||
          command.argv.empty() || commands[next].argv.empty() || command.conditional) {
        fix.reason = "`apk update` is not followed by `&&` and another command";
        return false;
      }
      if (!fix.context.WordExact(*fix.view.run, command.argv.front()) ||
          !fix.context.WordExact(*fix.view.run, commands[next].argv.front())) {
        fix.reason = "the `apk update` command is not where its offsets say";
        return false;
      }
      size_t begin = fix.context.CommandFileOffset(*fix.view.run, command.argv.front().begin);
      size_t end = fix.context.CommandFileOffset(*fix.view.run, commands[next].argv.front().begin);
      fix.plan.edits.push_back({begin, end - begin, "", 0});
      --fix.plan.command_delta[fix.context.IndexOf(*fix.view.run)];
      continue;
    }
    if (op->action != PackageAction::kInstall && op->action != PackageAction::kUpgrade) continue;
    for (size_t i = 1; i < command.argv.size(); ++i) {
      if ((command.argv[i].value == "--update" || command.argv[i].value == "-U") && !fix.DeleteWord(command.argv[i])) {
        return false;
      }
    }
    if (!op->HasOption({"--no-cache"}) && !fix.InsertAfter(command, op->subcommand, " --no-cache")) return false;
  }
  return true;
}

bool FixRpm(RunFix& fix) {
  auto ops = Operations(fix.view, [](const PackageOperation& op) {
    return (op.manager == PackageManager::kYum || op.manager == PackageManager::kDnf ||
            op.manager == PackageManager::kMicrodnf || op.manager == PackageManager::kZypper) &&
           (op.action == PackageAction::kInstall || op.action == PackageAction::kUpgrade);
  });
  for (const auto& [op, script] : ops) {
    std::string tool = BaseName(fix.Command(*op, script).argv.empty() ? op->tool : fix.Command(*op, script).argv.front().value);
    if (tool.empty() || tool.find_first_of(" $`'\"") != std::string::npos) {
      fix.reason = "the package tool's name is not known";
      return false;
    }
    if (!fix.Append(op->manager == PackageManager::kZypper ? " && zypper clean -a" : " && " + tool + " clean all")) {
      return false;
    }
  }
  return true;
}

bool FixPip(RunFix& fix) {
  auto ops = Operations(fix.view, [](const PackageOperation& op) {
    return op.manager == PackageManager::kPip && op.action == PackageAction::kInstall;
  });
  for (const auto& [op, script] : ops) {
    if (op->HasOption({"--no-cache-dir"})) continue;
    if (!fix.InsertAfter(fix.Command(*op, script), op->subcommand.empty() ? "install" : op->subcommand, " --no-cache-dir")) {
      return false;
    }
  }
  return true;
}

bool FixJs(RunFix& fix) {
  auto ops = Operations(fix.view, [](const PackageOperation& op) {
    return (op.manager == PackageManager::kNpm || op.manager == PackageManager::kYarn) && op.action == PackageAction::kInstall;
  });
  for (const auto& [op, script] : ops) {
    (void)script;
    if (!fix.Append(op->manager == PackageManager::kNpm ? " && npm cache clean --force" : " && yarn cache clean")) return false;
  }
  return true;
}

bool FixToolCaches(RunFix& fix, const rules::Finding& finding) {
  std::optional<rules::CommandRef> ref = fix.context.CommandAt(fix.view, finding.line, finding.column);
  if (!ref) {
    fix.reason = "the finding's command is not in the RUN text (a heredoc?)";
    return false;
  }
  const shell::ShellCommand& command = fix.view.Command(*ref);
  const PackageOperation* op = nullptr;
  for (const PackageOperation& candidate : fix.view.scripts[ref->script].analysis.packages) {
    if (candidate.command_index == ref->command) op = &candidate;
  }
  if (op == nullptr) {
    fix.reason = "no package operation at the finding";
    return false;
  }
  switch (op->manager) {
    case PackageManager::kGem: return fix.InsertAfter(command, "install", " --no-document");
    case PackageManager::kGo: return fix.Append(" && rm -rf /root/.cache/go-build");
    case PackageManager::kCargo: return fix.Append(" && rm -rf /root/.cargo/registry /usr/local/cargo/registry");
    case PackageManager::kBundle: {
      if (op->action != PackageAction::kInstall) {
        fix.reason = "`bundle cache` fills vendor/cache on purpose";
        return false;
      }
      // The message names the cache: "keeps every downloaded .gem file in <cache> (and …".
      static const std::regex kCache("file in (\\S+) \\(");
      std::smatch match;
      if (!std::regex_search(finding.message, match, kCache)) {
        fix.reason = "the gem cache's path is not known";
        return false;
      }
      std::string path = match[1].str();
      if (path.find_first_of("$`'\"") != std::string::npos) {
        fix.reason = "the gem cache's path holds a variable";
        return false;
      }
      return fix.Append(" && rm -rf " + path);
    }
    default: fix.reason = "no fix for this command"; return false;
  }
}

}  // namespace

PlanOutcome PlanPackageFix(const PlanContext& context, const rules::Finding& finding) {
  const rules::RunView* view = context.RunAt(finding.line);
  if (view == nullptr) return PlanOutcome::Skip("the finding is not in a RUN");
  if (std::string why = context.NotEditable(*view); !why.empty()) return PlanOutcome::Skip(why);
  const std::string& rule = finding.rule;
  if (rule == "SL303" && !context.unsafe) {
    return PlanOutcome::Skip("dropping Recommends changes what is installed (unsafe: --unsafe applies it)");
  }
  RunFix fix{context, *view, {}, {}, {}};
  fix.plan.rule = rule;
  fix.plan.line = finding.line;
  fix.plan.anchor = context.IndexOf(*view->run);
  bool ok = false;
  if (rule == "SL301" || rule == "SL303") {
    ok = FixApt(fix, rule);
  } else if (rule == "SL304") {
    ok = FixApk(fix);
  } else if (rule == "SL305") {
    ok = FixRpm(fix);
  } else if (rule == "SL306") {
    ok = FixPip(fix);
  } else if (rule == "SL307") {
    ok = FixJs(fix);
  } else if (rule == "SL309") {
    ok = FixToolCaches(fix, finding);
    fix.plan.anchor = fix.plan.anchor * 4096 + static_cast<size_t>(finding.column);  // one plan per command
  } else if (rule == "SL311") {
    std::optional<rules::CommandRef> ref = context.CommandAt(*view, finding.line, finding.column);
    if (!ref || view->Command(*ref).argv.empty()) return PlanOutcome::Skip("the useradd is not in the RUN text");
    const shell::Word& program = view->Command(*ref).argv.front();
    std::optional<Edit> edit = InsertAfterWord(context, *view->run, program, " -l", &fix.reason);
    ok = edit.has_value();
    if (ok) fix.plan.edits.push_back(*edit);
    fix.plan.anchor = fix.plan.anchor * 4096 + static_cast<size_t>(finding.column);
  } else {
    return PlanOutcome::Skip("no fix");
  }
  if (!ok) return PlanOutcome::Skip(fix.reason);
  if (fix.plan.edits.empty()) return PlanOutcome::Skip("nothing to change in the RUN");
  fix.plan.fixes = (rule == "SL309" || rule == "SL311") ? 1 : context.FindingsIn(rule, *view->run);
  return {std::move(fix.plan), {}};
}

}  // namespace slimage::fix
