#include <nlohmann/json.hpp>

#include "report/fix_report.h"

namespace slimage::report {

void RenderFixJson(const std::vector<fix::FileFix>& files, std::ostream& out) {
  nlohmann::ordered_json document;
  document["tool"] = {{"name", "slimage"}, {"version", SLIMAGE_VERSION}};
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (const fix::FileFix& file : files) {
    nlohmann::ordered_json entry;
    entry["file"] = file.file;
    entry["changed"] = file.changed;
    nlohmann::ordered_json edits = nlohmann::ordered_json::array();
    for (const fix::AppliedEdit& edit : file.edits) {
      edits.push_back({{"rule", edit.rule}, {"line", edit.line}, {"column", edit.column}, {"end_line", edit.end_line},
                       {"offset", edit.offset}, {"length", edit.length}, {"replacement", edit.replacement}});
    }
    entry["edits"] = std::move(edits);
    nlohmann::ordered_json skipped = nlohmann::ordered_json::array();
    for (const fix::SkippedFix& skip : file.skipped) {
      skipped.push_back({{"rule", skip.rule}, {"line", skip.line}, {"reason", skip.reason}});
    }
    entry["skipped"] = std::move(skipped);
    list.push_back(std::move(entry));
  }
  document["files"] = std::move(list);
  // Replacement text comes from the Dockerfile: invalid UTF-8 is replaced, never an exception.
  out << document.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
}

}  // namespace slimage::report
