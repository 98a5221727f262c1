#include "packages/language_packages.h"

#include <charconv>

#include <nlohmann/json.hpp>

#include "util/text.h"

namespace slimage::packages {

Expected<NameVersion> ParsePipMetadata(std::string_view text) {
  NameVersion found;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    start = end + 1;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) break;  // the body (description) follows
    const size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;  // a folded continuation
    const std::string field = ToLower(line.substr(0, colon));
    const std::string_view value = TrimView(line.substr(colon + 1), " \t");
    if (field == "name" && found.name.empty()) found.name = std::string(value);
    if (field == "version" && found.version.empty()) found.version = std::string(value);
  }
  if (found.name.empty()) return MakeError("no Name: header");
  return found;
}

Expected<uint64_t> PipRecordSize(std::string_view text) {
  uint64_t total = 0;
  size_t start = 0;
  size_t line_number = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    start = end + 1;
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) continue;
    // The size is the last column; a quoted path may hold commas, the size never does.
    const size_t comma = line.rfind(',');
    if (comma == std::string_view::npos) return MakeError("line {}: expected path,hash,size", line_number);
    const std::string_view size = TrimView(line.substr(comma + 1), " \t");
    if (size.empty()) continue;
    uint64_t value = 0;
    auto [at, error] = std::from_chars(size.data(), size.data() + size.size(), value);
    if (error != std::errc() || at != size.data() + size.size()) {
      return MakeError("line {}: size '{}' is not a number", line_number, size);
    }
    total += value;
  }
  return total;
}

Expected<NameVersion> ParseNpmPackageJson(std::string_view text) {
  const nlohmann::json document = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (document.is_discarded()) return MakeError("not valid JSON");
  if (!document.is_object()) return MakeError("not a JSON object");
  NameVersion found;
  if (auto name = document.find("name"); name != document.end() && name->is_string()) found.name = *name;
  if (auto version = document.find("version"); version != document.end() && version->is_string()) {
    found.version = *version;
  }
  return found;
}

}  // namespace slimage::packages
