// The page every HTML report is: one self-contained file (styles, d3-hierarchy and the view's
// script inlined; nothing is fetched) that embeds its data as JSON documents in
// <script type="application/json"> elements, which the view's script reads and draws.
// Nothing from the image is written as HTML: the data goes in as escaped JSON and the script
// sets it as text (docs/html-report.md, "Escaping").
#pragma once

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace slimage::html {

struct PageData {
  std::string id;    // the element's id: "slimage-report", "slimage-tree"
  std::string json;  // one JSON document (valid UTF-8, as nlohmann's dump writes it)
};

struct Page {
  std::string view;  // "analyze", "diff" or "measure": the script assets/<view>.js draws it
  std::vector<PageData> data;
};

// `json` made safe inside <script type="application/json">: '<', '>', '&' and U+2028/U+2029
// become \u escapes. They occur only inside JSON strings, where the escape means the same
// character, so JSON.parse returns the same document, and "</script" or "<!--" cannot appear.
std::string EscapeJsonForScript(std::string_view json);

// The whole page. A Content-Security-Policy allows only the page's own inline scripts and
// style (by hash) and no network at all.
void WritePage(const Page& page, std::ostream& out);

}  // namespace slimage::html
