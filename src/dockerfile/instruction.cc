#include "dockerfile/instruction.h"

#include <array>
#include <utility>

namespace slimage::dockerfile {
namespace {

constexpr std::array<std::pair<std::string_view, InstructionKind>, 18> kKinds = {{
    {"from", InstructionKind::kFrom},
    {"run", InstructionKind::kRun},
    {"cmd", InstructionKind::kCmd},
    {"entrypoint", InstructionKind::kEntrypoint},
    {"shell", InstructionKind::kShell},
    {"copy", InstructionKind::kCopy},
    {"add", InstructionKind::kAdd},
    {"env", InstructionKind::kEnv},
    {"arg", InstructionKind::kArg},
    {"label", InstructionKind::kLabel},
    {"expose", InstructionKind::kExpose},
    {"volume", InstructionKind::kVolume},
    {"workdir", InstructionKind::kWorkdir},
    {"user", InstructionKind::kUser},
    {"stopsignal", InstructionKind::kStopSignal},
    {"healthcheck", InstructionKind::kHealthcheck},
    {"onbuild", InstructionKind::kOnbuild},
    {"maintainer", InstructionKind::kMaintainer},
}};

const std::vector<Heredoc> kNoHeredocs;

}  // namespace

InstructionKind KindFromName(std::string_view lower_case_name) {
  for (const auto& [name, kind] : kKinds) {
    if (name == lower_case_name) return kind;
  }
  return InstructionKind::kUnknown;
}

std::string_view KindName(InstructionKind kind) {
  static constexpr std::array<std::string_view, 19> kNames = {
      "FROM", "RUN", "CMD", "ENTRYPOINT", "SHELL", "COPY", "ADD", "ENV", "ARG", "LABEL",
      "EXPOSE", "VOLUME", "WORKDIR", "USER", "STOPSIGNAL", "HEALTHCHECK", "ONBUILD", "MAINTAINER", "UNKNOWN"};
  return kNames[static_cast<size_t>(kind)];
}

const Flag* Instruction::FindFlag(std::string_view flag_name) const {
  for (const Flag& flag : flags) {
    if (flag.name == flag_name) return &flag;
  }
  return nullptr;
}

const std::vector<Heredoc>& Instruction::heredocs() const { return node ? node->heredocs : kNoHeredocs; }

SourcePosition Instruction::CommandPosition(size_t offset) const {
  if (json_form || node == nullptr || line_node == nullptr) return position;
  return line_node->PositionOf(node->args_offset + command_offset + offset);
}

}  // namespace slimage::dockerfile
