#include "html/diff_html.h"

#include <sstream>

#include "html/page.h"
#include "html/tree_json.h"
#include "report/diff_report.h"

namespace slimage::html {

void RenderDiffHtml(const diff::DiffSide& a, const diff::DiffSide& b, const diff::ImageDiff& diff,
                    const analysis::SizeTree& delta_tree, std::ostream& out) {
  std::ostringstream report_json;  // the very document `--format json` prints
  report::RenderDiffJson(a, b, diff, report_json);
  std::string report = report_json.str();
  if (!report.empty() && report.back() == '\n') report.pop_back();
  std::string tree = SizeTreeJson(delta_tree, true).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  WritePage(Page{"diff", {{"slimage-report", std::move(report)}, {"slimage-tree", std::move(tree)}}}, out);
}

}  // namespace slimage::html
