#include "shell/scan.h"

namespace slimage::shell {

ScanResult ScanSingleQuoted(std::string_view text, size_t pos) {
  size_t close = text.find('\'', pos + 1);
  if (close == std::string_view::npos) return {ScanStatus::kUnterminated, text.size()};
  return {ScanStatus::kOk, close + 1};
}

ScanResult ScanBackquoted(std::string_view text, size_t pos) {
  for (size_t i = pos + 1; i < text.size(); ++i) {
    if (text[i] == '\\') {
      ++i;
    } else if (text[i] == '`') {
      return {ScanStatus::kOk, i + 1};
    }
  }
  return {ScanStatus::kUnterminated, text.size()};
}

ScanResult ScanDoubleQuoted(std::string_view text, size_t pos, int depth) {
  if (depth > kMaxScanDepth) return {ScanStatus::kTooDeep, pos};
  size_t i = pos + 1;
  while (i < text.size()) {
    char c = text[i];
    if (c == '"') return {ScanStatus::kOk, i + 1};
    if (c == '\\') {
      i += 2;
    } else if (c == '`') {
      ScanResult inner = ScanBackquoted(text, i);
      if (inner.status != ScanStatus::kOk) return inner;
      i = inner.end;
    } else if (c == '$' && i + 1 < text.size() && (text[i + 1] == '{' || text[i + 1] == '(')) {
      ScanResult inner = ScanDollar(text, i, depth + 1);
      if (inner.status != ScanStatus::kOk) return inner;
      i = inner.end;
    } else {
      ++i;
    }
  }
  return {ScanStatus::kUnterminated, text.size()};
}

ScanResult ScanDollar(std::string_view text, size_t pos, int depth) {
  if (depth > kMaxScanDepth) return {ScanStatus::kTooDeep, pos};
  const char open = text[pos + 1];
  const char close = open == '{' ? '}' : ')';
  int balance = 1;
  size_t i = pos + 2;
  while (i < text.size()) {
    char c = text[i];
    if (c == '\\') {
      i += 2;
      continue;
    }
    ScanResult inner{ScanStatus::kOk, i + 1};
    if (c == '\'' && open == '(') {
      inner = ScanSingleQuoted(text, i);
    } else if (c == '"') {
      inner = ScanDoubleQuoted(text, i, depth + 1);
    } else if (c == '`') {
      inner = ScanBackquoted(text, i);
    } else if (c == '$' && i + 1 < text.size() && (text[i + 1] == '{' || text[i + 1] == '(')) {
      inner = ScanDollar(text, i, depth + 1);
    } else if (c == open) {
      ++balance;
    } else if (c == close) {
      if (--balance == 0) return {ScanStatus::kOk, i + 1};
    }
    if (inner.status != ScanStatus::kOk) return inner;
    i = inner.end;
  }
  return {ScanStatus::kUnterminated, text.size()};
}

}  // namespace slimage::shell
