#include "shell/variable_scope.h"

namespace slimage::shell {

VariableMap IndexEnvironment(const Environment& env) {
  VariableMap map;
  for (const auto& [name, value] : env.entries()) map[name] = value;  // a later entry wins
  return map;
}

}  // namespace slimage::shell
