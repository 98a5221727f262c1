#include "packages/text_databases.h"

#include <charconv>
#include <map>
#include <set>

#include <fmt/format.h>

#include "util/text.h"

namespace slimage::packages {
namespace {

// Splits into lines, dropping a trailing '\r'.
std::vector<std::string_view> Lines(std::string_view text) {
  std::vector<std::string_view> lines;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back(line);
    start = end + 1;
  }
  return lines;
}

bool ParseNumber(std::string_view text, uint64_t& value) {
  text = TrimView(text, " \t");
  if (text.empty()) return false;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  return error == std::errc() && end == text.data() + text.size();
}

}  // namespace

Expected<std::vector<Package>> ParseDpkgStatus(std::string_view text) {
  std::vector<Package> found;
  std::set<std::string> names;
  std::map<std::string, std::string> fields;
  std::string last_field;
  size_t line_number = 0;
  size_t paragraph_line = 1;
  auto finish = [&]() -> Status {
    if (fields.empty()) return {};
    auto name = fields.find("package");
    if (name == fields.end() || name->second.empty()) {
      return MakeError("paragraph at line {} has no Package field", paragraph_line);
    }
    const std::string status = fields.count("status") ? fields["status"] : "install ok installed";
    if (status.ends_with(" installed") || status == "installed") {
      Package package;
      package.manager = "dpkg";
      package.name = name->second;
      if (names.count(package.name) && fields.count("architecture")) package.name += ":" + fields["architecture"];
      package.version = fields.count("version") ? fields["version"] : "";
      if (auto size = fields.find("installed-size"); size != fields.end()) {
        uint64_t kib = 0;
        if (!ParseNumber(size->second, kib) || kib > (UINT64_MAX >> 10)) {
          return MakeError("package {}: Installed-Size '{}' is not a number", package.name, size->second);
        }
        package.size = kib * 1024;
      }
      names.insert(package.name);
      found.push_back(std::move(package));
    }
    fields.clear();
    last_field.clear();
    return {};
  };
  for (std::string_view line : Lines(text)) {
    ++line_number;
    if (TrimView(line, " \t").empty()) {
      if (Status done = finish(); !done) return done.error();
      paragraph_line = line_number + 1;
      continue;
    }
    if (line.front() == ' ' || line.front() == '\t') {
      if (last_field.empty()) return MakeError("line {}: continuation line outside a field", line_number);
      continue;  // multi-line values (Description, Conffiles) are not needed
    }
    const size_t colon = line.find(':');
    if (colon == std::string_view::npos || colon == 0) {
      return MakeError("line {}: expected 'Field: value'", line_number);
    }
    last_field = ToLower(line.substr(0, colon));
    fields[last_field] = std::string(TrimView(line.substr(colon + 1), " \t"));
  }
  if (Status done = finish(); !done) return done.error();
  return found;
}

Expected<std::vector<Package>> ParseApkInstalled(std::string_view text) {
  std::vector<Package> found;
  Package current;
  bool open = false;
  size_t line_number = 0;
  auto finish = [&]() -> Status {
    if (!open) return {};
    if (current.name.empty()) return MakeError("record ending at line {} has no P: line", line_number);
    current.manager = "apk";
    found.push_back(std::move(current));
    current = Package{};
    open = false;
    return {};
  };
  for (std::string_view line : Lines(text)) {
    ++line_number;
    if (line.empty()) {
      if (Status done = finish(); !done) return done.error();
      continue;
    }
    if (line.size() < 2 || line[1] != ':') return MakeError("line {}: expected 'X:value'", line_number);
    open = true;
    const std::string_view value = line.substr(2);
    switch (line[0]) {
      case 'P': current.name = std::string(value); break;
      case 'V': current.version = std::string(value); break;
      case 'I':
        if (!ParseNumber(value, current.size)) {
          return MakeError("line {}: installed size '{}' is not a number", line_number, value);
        }
        break;
      default: break;
    }
  }
  if (Status done = finish(); !done) return done.error();
  return found;
}

}  // namespace slimage::packages
