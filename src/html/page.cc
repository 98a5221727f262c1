#include "html/page.h"

#include <fmt/format.h>

#include "html/assets.h"
#include "image/sha256.h"
#include "util/base64.h"

namespace slimage::html {
namespace {

// CSP's hash source: 'sha256-' and the base64 of the digest of the element's exact text.
std::string CspHash(std::string_view text) {
  const std::string hex = image::Sha256Digest(text).substr(7);
  std::string raw;
  for (size_t i = 0; i + 1 < hex.size(); i += 2) raw.push_back(static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16)));
  return "'sha256-" + Base64Encode(raw) + "'";
}

}  // namespace

std::string EscapeJsonForScript(std::string_view json) {
  std::string out;
  out.reserve(json.size() + json.size() / 16);
  for (size_t i = 0; i < json.size(); ++i) {
    const char c = json[i];
    if (c == '<') {
      out += "\\u003c";
    } else if (c == '>') {
      out += "\\u003e";
    } else if (c == '&') {
      out += "\\u0026";
    } else if (c == '\xe2' && i + 2 < json.size() && json[i + 1] == '\x80' && (json[i + 2] == '\xa8' || json[i + 2] == '\xa9')) {
      // U+2028 and U+2029: valid in JSON, line terminators in older JavaScript
      out += json[i + 2] == '\xa8' ? "\\u2028" : "\\u2029";
      i += 2;
    } else {
      out += c;
    }
  }
  return out;
}

void WritePage(const Page& page, std::ostream& out) {
  const std::string_view style = Asset("report.css");
  // d3-hierarchy (the treemap layout), the shared helpers, then the view that draws the page.
  const std::vector<std::string_view> scripts = {Asset("vendor/d3-hierarchy.min.js"), Asset("common.js"),
                                                 Asset(page.view + ".js")};
  std::string script_hashes;
  for (std::string_view script : scripts) script_hashes += " " + CspHash(script);
  out << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
  out << fmt::format(
      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src{}; style-src {}; "
      "img-src data:\">\n",
      script_hashes, CspHash(style));
  out << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  out << fmt::format("<meta name=\"generator\" content=\"slimage {}\">\n", SLIMAGE_VERSION);
  out << fmt::format("<title>slimage {}</title>\n", page.view);
  out << "<style>" << style << "</style>\n</head>\n";
  out << fmt::format("<body data-view=\"{}\">\n", page.view);
  out << "<noscript>This report is drawn by its inline JavaScript: allow scripts for this file.</noscript>\n";
  out << "<main id=\"app\" aria-live=\"polite\"></main>\n";
  for (const PageData& data : page.data) {
    out << fmt::format("<script type=\"application/json\" id=\"{}\">", data.id) << EscapeJsonForScript(data.json)
        << "</script>\n";
  }
  // The ISC licence asks for its notice in every copy.
  out << "<!-- d3-hierarchy 3.1.2, https://github.com/d3/d3-hierarchy\n" << Asset("vendor/d3-hierarchy.LICENSE")
      << "-->\n";
  for (std::string_view script : scripts) out << "<script>" << script << "</script>\n";
  out << "</body>\n</html>\n";
}

}  // namespace slimage::html
