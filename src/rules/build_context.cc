#include "rules/build_context.h"

#include <fnmatch.h>

#include <filesystem>
#include <optional>
#include <system_error>

#include <fmt/format.h>

#include "rules/rule_helpers.h"
#include "util/file.h"

namespace slimage::rules {
namespace {

using dockerfile::Instruction;
using dockerfile::InstructionKind;
using dockerfile::Stage;

constexpr size_t kMaxDockerignoreBytes = 1u << 20;

std::string_view Trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r')) text.remove_suffix(1);
  return text;
}

bool IsWholeDirectory(std::string_view path) { return path == "." || path == "./" || path == "./." || path == "/"; }

// What the build context lacks, or nullopt when .dockerignore covers it.
struct ContextCheck {
  bool has_dockerignore = false;
  std::vector<std::string> not_excluded;  // ".git", "node_modules"
};

// BuildKit prefers `<Dockerfile>.dockerignore` beside the Dockerfile to the context's .dockerignore.
ContextCheck CheckContext(const std::string& context_dir, std::string_view dockerfile) {
  namespace fs = std::filesystem;
  ContextCheck check;
  std::error_code error;
  fs::path dir(context_dir);
  bool has_package_json = fs::is_regular_file(dir / "package.json", error);
  fs::path ignore_file = dir / ".dockerignore";
  if (!dockerfile.empty() && dockerfile != "<stdin>") {
    fs::path specific = fs::path(std::string(dockerfile) + ".dockerignore");
    if (fs::is_regular_file(specific, error)) ignore_file = specific;
  }
  std::string dockerignore;
  if (fs::is_regular_file(ignore_file, error)) {
    Expected<std::string> text = ReadTextFile(ignore_file.string(), kMaxDockerignoreBytes);
    if (text) {
      check.has_dockerignore = true;
      dockerignore = std::move(*text);
    }
  }
  if (!DockerignoreExcludes(dockerignore, ".git")) check.not_excluded.push_back(".git");
  if (has_package_json && !DockerignoreExcludes(dockerignore, "node_modules")) {
    check.not_excluded.push_back("node_modules");
  }
  return check;
}

constexpr RuleInfo kSL701{
    "SL701",
    Severity::kWarning,
    "COPY . with a build context whose .dockerignore does not exclude .git (or node_modules)",
    "`COPY . …` copies the whole build context into a layer: the .git history (often larger than the "
    "code), and a host node_modules (hundreds of MB, built for the host, overwritten by `npm ci` anyway). "
    "Add a .dockerignore next to the Dockerfile (or in the --context folder) listing `.git` and "
    "`node_modules`, or copy only what the build needs. Ignore it when the context is generated and "
    "holds nothing else.",
    "# no .dockerignore\nFROM node:24-slim\nWORKDIR /app\nCOPY . .\nRUN npm ci --omit=dev",
    "# .dockerignore:\n#   .git\n#   node_modules\nFROM node:24-slim\nWORKDIR /app\nCOPY . .\nRUN npm ci --omit=dev",
    false,
    "",
};

constexpr RuleInfo kSL702{
    "SL702",
    Severity::kWarning,
    "COPY --from=<stage> / /: the whole filesystem of another stage",
    "Copying / from another stage copies its operating system, package caches and toolchain into one "
    "new layer: the multi-stage build saves nothing. Copy only the files the image needs "
    "(`COPY --from=build /app /app`). Ignore it for a deliberate squash of a stage built FROM scratch.",
    "FROM debian:12 AS build\nRUN make install DESTDIR=/out\n\nFROM debian:12-slim\nCOPY --from=build / /",
    "FROM debian:12 AS build\nRUN make install DESTDIR=/out\n\nFROM debian:12-slim\nCOPY --from=build /out/ /",
    false,
    "DL3067",
};

}  // namespace

bool DockerignoreExcludes(std::string_view dockerignore, std::string_view name) {
  std::string candidate(name);
  bool excluded = false;
  size_t start = 0;
  while (start < dockerignore.size()) {
    size_t end = dockerignore.find('\n', start);
    if (end == std::string_view::npos) end = dockerignore.size();
    std::string_view line = Trim(dockerignore.substr(start, end - start));
    start = end + 1;
    if (line.empty() || line.front() == '#') continue;
    bool negate = line.front() == '!';
    if (negate) line = Trim(line.substr(1));
    while (line.substr(0, 2) == "./") line.remove_prefix(2);
    while (!line.empty() && line.front() == '/') line.remove_prefix(1);
    while (line.substr(0, 3) == "**/") line.remove_prefix(3);
    while (line.size() > 1 && line.back() == '/') line.remove_suffix(1);
    if (line.empty()) continue;
    std::string pattern(line);
    if (fnmatch(pattern.c_str(), candidate.c_str(), 0) == 0) excluded = !negate;
  }
  return excluded;
}

const RuleInfo& CopyWholeContextRule::info() const { return kSL701; }
const RuleInfo& CopyWholeStageRule::info() const { return kSL702; }

void CopyWholeContextRule::Check(const LintContext& context, std::vector<Finding>* findings) const {
  if (context.settings.context_dir.empty()) return;
  std::optional<ContextCheck> check;
  for (const Stage& stage : context.model.stages) {
    if (!context.model.Ships(stage.index)) continue;
    ForEachInstruction(stage, [&](const Instruction& ins) {
      if (ins.kind != InstructionKind::kCopy && ins.kind != InstructionKind::kAdd) return;
      if (ins.FindFlag("from") != nullptr) return;
      std::vector<std::string> sources = CopySources(ins);
      bool whole = std::any_of(sources.begin(), sources.end(), [](const std::string& s) { return IsWholeDirectory(s); });
      if (!whole) return;
      if (!check) check = CheckContext(context.settings.context_dir, context.file);
      if (check->not_excluded.empty()) return;
      std::string missing = check->not_excluded.size() == 1 ? check->not_excluded[0]
                                                            : check->not_excluded[0] + " and " + check->not_excluded[1];
      std::string message =
          check->has_dockerignore
              ? fmt::format("{} . copies the whole build context and its .dockerignore does not exclude {}",
                            dockerfile::KindName(ins.kind), missing)
              : fmt::format("{} . copies the whole build context, which has no .dockerignore: {} go{} into the layer",
                            dockerfile::KindName(ins.kind), missing, check->not_excluded.size() == 1 ? "es" : "");
      findings->push_back(MakeFinding(info(), stage, ins, std::move(message)));
    });
  }
}

void CopyWholeStageRule::Check(const LintContext& context, std::vector<Finding>* findings) const {
  for (const Stage& stage : context.model.stages) {
    if (!context.model.Ships(stage.index)) continue;  // e.g. a dev-envs target: its bytes never ship
    ForEachInstruction(stage, [&](const Instruction& ins) {
      if (ins.kind != InstructionKind::kCopy) return;
      const dockerfile::Flag* from = ins.FindFlag("from");
      if (from == nullptr || !from->value) return;
      for (const std::string& source : CopySources(ins)) {
        if (source != "/" && source != "/." && source != "/*") continue;
        findings->push_back(MakeFinding(
            info(), stage, ins,
            fmt::format("COPY --from={} {} copies the whole filesystem of {} into one layer: copy only the files the "
                        "image needs",
                        *from->value, source, *from->value)));
        return;
      }
    });
  }
}

}  // namespace slimage::rules
