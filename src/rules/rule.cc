#include "rules/rule.h"

namespace slimage::rules {

std::span<const Rule* const> AllRules() {
  // Rules register here, one line each, in ID order. SL000 is not a rule: the lint runner
  // reports parse errors itself.
  static const std::vector<const Rule*> kRules = {};
  return kRules;
}

}  // namespace slimage::rules
