#include "rules/rule_helpers.h"

#include <algorithm>

namespace slimage::rules {
bool IsLocalTarArchive(std::string_view source) {
  if (source.find("://") != std::string_view::npos) return false;
  for (std::string_view suffix : {".tar", ".tar.gz", ".tgz", ".tar.xz", ".txz", ".tar.bz2", ".tbz2", ".tar.zst"}) {
    if (source.ends_with(suffix)) return true;
  }
  return false;
}

const dockerfile::Stage& RootStage(const dockerfile::BuildModel& model, const dockerfile::Stage& stage) {
  const dockerfile::Stage* current = &stage;
  // A stage can only be built FROM an earlier one, but stay safe against any cycle.
  for (size_t hops = 0; hops <= model.stages.size(); ++hops) {
    int parent = current->base_stage;
    if (parent < 0 || static_cast<size_t>(parent) >= model.stages.size() || parent == current->index) break;
    current = &model.stages[static_cast<size_t>(parent)];
  }
  return *current;
}

const dockerfile::Stage* TargetStage(const dockerfile::BuildModel& model) {
  if (model.target < 0 || static_cast<size_t>(model.target) >= model.stages.size()) return nullptr;
  return &model.stages[static_cast<size_t>(model.target)];
}

bool ImageHasNoShell(const dockerfile::ImageRef& image) {
  if (image.is_scratch()) return true;
  if (!image.valid || image.registry != "gcr.io") return false;
  if (image.repository.rfind("distroless/", 0) != 0) return false;
  return image.tag.find("debug") == std::string::npos;
}

bool StageChainAddsShell(const dockerfile::BuildModel& model, const dockerfile::Stage& stage) {
  const dockerfile::Stage* current = &stage;
  for (size_t hops = 0; hops <= model.stages.size(); ++hops) {
    bool adds = false;
    ForEachInstruction(*current, [&](const dockerfile::Instruction& ins) {
      if (ins.kind == dockerfile::InstructionKind::kShell) adds = true;
      if (ins.kind != dockerfile::InstructionKind::kCopy && ins.kind != dockerfile::InstructionKind::kAdd) return;
      const dockerfile::Flag* from = ins.FindFlag("from");
      if (from && from->value && from->value->find("busybox") != std::string::npos) adds = true;
      const std::vector<std::string>& args = ins.expanded_args.empty() ? ins.args : ins.expanded_args;
      // `ADD rootfs.tar.gz /` unpacks a whole root filesystem (with its /bin/sh) into scratch.
      if (ins.kind == dockerfile::InstructionKind::kAdd && args.size() == 2 && args[1] == "/" &&
          IsLocalTarArchive(args[0])) {
        adds = true;
      }
      for (const std::string& arg : args) {
        std::string_view path = arg;
        if (path.find("busybox") != std::string_view::npos || path == "/bin/sh" ||
            (path.size() > 7 && path.substr(path.size() - 7) == "/bin/sh")) {
          adds = true;
        }
      }
    });
    if (adds) return true;
    int parent = current->base_stage;
    if (parent < 0 || static_cast<size_t>(parent) >= model.stages.size() || parent == current->index) break;
    current = &model.stages[static_cast<size_t>(parent)];
  }
  return false;
}

bool StageHasShell(const dockerfile::BuildModel& model, const dockerfile::Stage& stage) {
  const dockerfile::Stage& root = RootStage(model, stage);
  if (root.base_stage < 0 && (root.base_has_unknown_variables || !ImageHasNoShell(root.base))) return true;
  return StageChainAddsShell(model, stage);
}

std::vector<std::string> CopySources(const dockerfile::Instruction& copy) {
  const std::vector<std::string>& args = copy.expanded_args.empty() ? copy.args : copy.expanded_args;
  if (args.size() < 2) return {};
  return {args.begin(), args.end() - 1};
}

std::string_view RepositoryBaseName(std::string_view repository) {
  size_t slash = repository.rfind('/');
  return slash == std::string_view::npos ? repository : repository.substr(slash + 1);
}

std::string CommandSummary(const shell::ShellCommand& command) {
  constexpr size_t kMaxBytes = 80;
  std::string text;
  for (const shell::Word& word : command.argv) {
    if (!text.empty()) text += ' ';
    text += word.value;
    if (text.size() > kMaxBytes) break;
  }
  // One line: a quoted argument may hold newlines or tabs.
  for (char& c : text) {
    if (static_cast<unsigned char>(c) < 0x20) c = ' ';
  }
  if (text.size() <= kMaxBytes) return text;
  // Too long: end after the last whole word that fits when that keeps at least half, else inside
  // the word (not inside a UTF-8 sequence); "…" says that more follows.
  size_t space = text.rfind(' ', kMaxBytes);
  size_t cut = kMaxBytes;
  if (space != std::string::npos && space >= kMaxBytes / 2) {
    cut = space + 1;
  } else {
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  }
  text.resize(cut);
  text += "…";
  return text;
}

Finding MakeFinding(const RuleInfo& rule, const dockerfile::Stage& stage, const dockerfile::Instruction& at,
                    std::string message) {
  Finding finding;
  finding.rule = std::string(rule.id);
  finding.severity = rule.severity;
  finding.line = at.position.line;
  finding.column = at.position.column;
  finding.end_line = std::max(at.end_line, at.position.line);
  finding.stage = stage.Label();
  finding.message = std::move(message);
  finding.fixable = rule.fixable;
  return finding;
}

}  // namespace slimage::rules
