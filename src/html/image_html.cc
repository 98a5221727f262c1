#include "html/image_html.h"

#include <sstream>

#include "html/page.h"
#include "html/tree_json.h"
#include "report/image_report.h"
#include "report/json_text.h"

namespace slimage::html {
namespace {

using nlohmann::ordered_json;

ordered_json WastedJson(const std::vector<analysis::WastedPath>& paths) {
  ordered_json list = ordered_json::array();
  for (const analysis::WastedPath& path : paths) {
    ordered_json item;
    report::PutText(item, "path", path.path);
    item["directory"] = path.directory;
    item["bytes"] = path.bytes;
    item["written_by"] = path.written_by;
    item["hidden_by"] = path.hidden_by;
    item["how"] = analysis::HiddenHowName(path.how);
    list.push_back(std::move(item));
  }
  return list;
}

std::string TreeDocument(const analysis::SizeTree& tree, const analysis::ImageBreakdown& breakdown) {
  ordered_json document = SizeTreeJson(tree, false);
  ordered_json layers = ordered_json::array();
  for (const analysis::LayerBreakdown& layer : breakdown.layers) {
    layers.push_back({{"index", layer.history_index},
                      {"visible_files", layer.visible_files},
                      {"visible_bytes", layer.visible_bytes},
                      {"wasted_files", layer.wasted_files},
                      {"wasted_bytes", layer.wasted_bytes},
                      {"wasted", WastedJson(layer.wasted)}});
  }
  document["layers"] = std::move(layers);
  document["top_wasted"] = WastedJson(breakdown.top_wasted);
  return document.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

void RenderImageHtml(const analysis::ImageModel& model, const std::vector<analysis::ImageFinding>& findings,
                     const analysis::SizeTree& tree, const analysis::ImageBreakdown& breakdown, std::ostream& out) {
  std::ostringstream report_json;  // the very document `--format json` prints
  report::RenderImageJson(model, findings, report_json);
  std::string report = report_json.str();
  if (!report.empty() && report.back() == '\n') report.pop_back();
  WritePage(Page{"analyze", {{"slimage-report", std::move(report)}, {"slimage-tree", TreeDocument(tree, breakdown)}}},
            out);
}

}  // namespace slimage::html
