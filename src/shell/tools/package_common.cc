#include "shell/tools/package_common.h"

namespace slimage::shell {

PackageOperation NewPackageOperation(const ShellCommand& command, size_t index, PackageManager manager,
                                     std::string tool, const ParsedArgs& parsed, size_t first_package) {
  PackageOperation operation;
  operation.manager = manager;
  operation.tool = std::move(tool);
  operation.command_index = index;
  operation.options = parsed.options;
  for (size_t k = first_package; k < parsed.operands.size(); ++k) {
    operation.packages.push_back(parsed.operands[k]);
    size_t at = parsed.operand_indexes[k];
    if (at < command.argv.size() && !command.argv[at].known()) operation.packages_known = false;
  }
  return operation;
}

std::string JoinSubcommand(const ParsedArgs& parsed, size_t words) {
  std::string out;
  for (size_t k = 0; k < words && k < parsed.operands.size(); ++k) {
    if (k) out += ' ';
    out += parsed.operands[k];
  }
  return out;
}

}  // namespace slimage::shell
