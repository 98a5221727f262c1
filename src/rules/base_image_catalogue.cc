#include "rules/base_image_catalogue.h"

namespace slimage::rules {

std::optional<BaseImageSize> FindBaseImageSize(std::string_view family, std::string_view tag,
                                               std::string_view platform) {
  for (const BaseImageSize& row : BaseImageCatalogue()) {
    if (row.family == family && row.tag == tag && row.platform == platform) return row;
  }
  return std::nullopt;
}

}  // namespace slimage::rules
