#include "rules/workdir.h"

#include <algorithm>
#include <vector>

namespace slimage::rules {

std::string ResolvePath(std::string_view workdir, std::string_view path) {
  std::string joined = path.starts_with('/') ? std::string(path) : std::string(workdir) + "/" + std::string(path);
  std::vector<std::string_view> segments;
  std::string_view rest = joined;
  while (!rest.empty()) {
    size_t slash = rest.find('/');
    std::string_view segment = rest.substr(0, slash);
    rest = slash == std::string_view::npos ? std::string_view() : rest.substr(slash + 1);
    if (segment.empty() || segment == ".") continue;
    if (segment == "..") {
      if (!segments.empty()) segments.pop_back();  // `/..` stays `/`
      continue;
    }
    segments.push_back(segment);
  }
  std::string clean;
  for (std::string_view segment : segments) {
    clean += '/';
    clean += segment;
  }
  return clean.empty() ? "/" : clean;
}

std::optional<std::string> WorkdirBefore(const dockerfile::BuildModel& model, const dockerfile::Stage& stage,
                                         size_t index) {
  // Walk back to the nearest absolute WORKDIR, collecting the relative ones on the way; a stage
  // built FROM another stage continues at the end of that stage.
  std::vector<const std::string*> relative;
  const dockerfile::Stage* current = &stage;
  size_t end = std::min(index, stage.instructions.size());
  for (size_t hops = 0; hops <= model.stages.size(); ++hops) {
    for (size_t i = end; i-- > 0;) {
      const dockerfile::Instruction& ins = current->instructions[i];
      if (ins.kind != dockerfile::InstructionKind::kWorkdir) continue;
      if (ins.expanded_unknown || ins.expanded_args.size() != 1 || ins.expanded_args[0].empty()) return std::nullopt;
      const std::string& dir = ins.expanded_args[0];
      if (dir.starts_with('/')) {
        std::string resolved = ResolvePath("/", dir);
        for (size_t r = relative.size(); r-- > 0;) resolved = ResolvePath(resolved, *relative[r]);
        return resolved;
      }
      relative.push_back(&dir);
    }
    int parent = current->base_stage;
    if (parent < 0 || static_cast<size_t>(parent) >= model.stages.size() || parent == current->index) break;
    current = &model.stages[static_cast<size_t>(parent)];
    end = current->instructions.size();
  }
  return std::nullopt;
}

}  // namespace slimage::rules
