#include "rules/hadolint_map.h"

#include <array>

namespace slimage::rules {

std::span<const HadolintMapping> HadolintMappings() {
  static constexpr std::array<HadolintMapping, 13> kMappings = {{
      {"DL3006", "SL202"},  // FROM without a tag
      {"DL3007", "SL202"},  // FROM ...:latest
      {"DL3009", "SL301"},  // apt lists not deleted
      {"DL3015", "SL303"},  // apt-get install without --no-install-recommends
      {"DL3019", "SL304"},  // apk add without --no-cache
      {"DL3032", "SL305"},  // yum clean all missing
      {"DL3036", "SL305"},  // zypper clean missing
      {"DL3040", "SL305"},  // dnf clean all missing
      {"DL3042", "SL306"},  // pip install without --no-cache-dir
      {"DL3046", "SL311"},  // useradd without -l and a high UID
      {"DL3059", "SL601"},  // multiple consecutive RUN instructions
      {"DL3060", "SL307"},  // yarn cache clean missing
      {"DL3067", "SL702"},  // COPY --from=stage / /
  }};
  return kMappings;
}

std::vector<std::string_view> RulesForHadolint(std::string_view code) {
  std::vector<std::string_view> rules;
  for (const HadolintMapping& mapping : HadolintMappings()) {
    if (mapping.hadolint == code) rules.push_back(mapping.rule);
  }
  return rules;
}

}  // namespace slimage::rules
