// slimage fix [FILE…] [--diff | --write | --check] [--rules ID,…] [--unsafe] [--format text|json]:
// apply the automatic rewrites of the rules marked **fix** (fix/fixer.h). Default: the fixed
// file on stdout. Exit 0; 1 with --check when a fix would apply; 2 for a file that does not
// parse (left untouched), an unreadable file or bad usage.
#include <filesystem>
#include <iterator>

#include <fmt/format.h>

#include "cli/command.h"
#include "cli/fix_rules_option.h"
#include "config/config.h"
#include "fix/fixer.h"
#include "fix/unified_diff.h"
#include "report/fix_report.h"
#include "rules/catalogue.h"
#include "util/atomic_file.h"
#include "util/file.h"

namespace slimage::cli {
namespace {

struct FixArgs {
  std::vector<std::string> files;
  bool diff = false;
  bool write = false;
  bool check = false;
  std::vector<std::string> rules;
  bool unsafe = false;
  std::string format = "text";
  std::string config;
  std::string target;
};

std::string DiffPath(const std::string& file) {
  if (file == "-") return "Dockerfile";
  std::string path = std::filesystem::path(file).lexically_normal().generic_string();
  while (path.starts_with("./")) path.erase(0, 2);
  while (path.starts_with("/")) path.erase(0, 1);
  return path;
}

// `-` is standard input (the Io's, so that tests can feed it).
std::string ReadInput(const std::string& file, const Io& io) {
  if (file != "-" || io.in == nullptr) return OrThrow(ReadTextFile(file));
  std::string text{std::istreambuf_iterator<char>(*io.in), std::istreambuf_iterator<char>()};
  return text;
}

std::vector<fix::Edit> EditsOf(const fix::FileFix& file) {
  std::vector<fix::Edit> edits;
  for (const fix::AppliedEdit& edit : file.edits) edits.push_back({edit.offset, edit.length, edit.replacement, 0});
  return edits;  // already in file order
}

}  // namespace

void RegisterFixCommand(CLI::App& app, CommandContext& context) {
  CLI::App* sub = app.add_subcommand("fix", "Rewrite Dockerfiles so that the fixable findings go away");
  auto args = std::make_shared<FixArgs>();
  sub->add_option("FILE", args->files, "Dockerfiles (default ./Dockerfile; - reads stdin)");
  auto* diff = sub->add_flag("--diff", args->diff, "Print a unified diff instead of the fixed file");
  auto* write = sub->add_flag("--write", args->write, "Rewrite the files in place (atomically)");
  auto* check = sub->add_flag("--check", args->check, "Change nothing; exit 1 when a fix would apply");
  diff->excludes(write, check);
  write->excludes(check);
  sub->add_option("--rules", args->rules, "Only these rules (comma separated IDs)")->delimiter(',')->allow_extra_args(false);
  sub->add_flag("--unsafe", args->unsafe, "Also apply fixes that change what is installed (SL303)");
  sub->add_option("--format", args->format, "Output format: text or json")->check(CLI::IsMember({"text", "json"}));
  sub->add_option("--config", args->config, "Configuration file (default ./.slimage.yaml when present)");
  sub->add_option("--target", args->target, "The stage that is built (default: the last one)");
  sub->callback([&context, args] {
    const config::Config config = OrThrow(config::LoadConfig(args->config));
    fix::FixOptions options;
    options.unsafe = args->unsafe;
    options.target = args->target;
    options.ignore = config.ignore;
    options.settings.allow_packages = config.allow_packages;
    options.rules = FixRulesOrThrow(args->rules);
    std::vector<std::string> files = args->files.empty() ? std::vector<std::string>{"Dockerfile"} : args->files;
    if (args->write && std::find(files.begin(), files.end(), "-") != files.end()) {
      throw InvalidInput("--write cannot rewrite standard input");
    }
    // Everything is read and fixed before anything is written or printed: a bad file among
    // several leaves them all untouched.
    std::vector<fix::FileFix> results;
    for (const std::string& file : files) {
      std::string parent = file == "-" ? "." : std::filesystem::path(file).parent_path().string();
      options.settings.context_dir = parent.empty() ? "." : parent;
      results.push_back(OrThrow(fix::FixSource(file == "-" ? "<stdin>" : file, ReadInput(file, context.io), options)));
    }
    bool would_change = false;
    for (const fix::FileFix& result : results) would_change = would_change || result.changed;
    if (args->write) {
      for (size_t i = 0; i < results.size(); ++i) {
        if (!results[i].changed) continue;
        Status written = WriteFileAtomically(files[i], results[i].fixed);
        if (!written) throw InvalidInput(written.error());
      }
    }
    if (args->format == "json") {
      report::RenderFixJson(results, context.io.out);
    } else if (args->diff) {
      for (size_t i = 0; i < results.size(); ++i) {
        context.io.out << fix::UnifiedDiff(DiffPath(files[i]), results[i].original, EditsOf(results[i]));
      }
    } else if (args->check) {
      report::RenderFixCheck(results, context.io.out);
    } else if (args->write) {
      report::RenderFixWritten(results, context.io.err);
    } else {
      for (const fix::FileFix& result : results) context.io.out << result.fixed;
    }
    if (args->format != "json") report::RenderFixSkipped(results, context.io.err);
    context.exit_code = args->check && would_change ? kExitFindings : kExitOk;
  });
}

}  // namespace slimage::cli
