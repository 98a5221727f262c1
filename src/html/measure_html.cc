#include "html/measure_html.h"

#include <sstream>

#include "html/page.h"

namespace slimage::html {

std::string RenderMeasureHtml(std::string_view measure_json_document) {
  std::string_view document = measure_json_document;
  while (!document.empty() && (document.back() == '\n' || document.back() == '\r')) document.remove_suffix(1);
  std::ostringstream out;
  WritePage(Page{"measure", {{"slimage-report", std::string(document)}}}, out);
  return out.str();
}

}  // namespace slimage::html
