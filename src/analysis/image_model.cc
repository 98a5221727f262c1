#include "analysis/image_model.h"

namespace slimage::analysis {

const char* HiddenHowName(HiddenHow how) {
  switch (how) {
    case HiddenHow::kOverwritten: return "overwritten";
    case HiddenHow::kDeleted: return "deleted";
    case HiddenHow::kOpaqueDir: return "opaque-dir";
  }
  return "overwritten";
}

}  // namespace slimage::analysis
