#include "dockerfile/dump.h"

#include "dockerfile/go_text.h"

namespace slimage::dockerfile {

std::string Dump(const Node& node) {
  std::string out = go::ToLower(node.value);
  if (!node.flags.empty()) {  // fmt's %q of a []string
    out += " [";
    for (size_t i = 0; i < node.flags.size(); ++i) {
      if (i > 0) out.push_back(' ');
      go::AppendQuoted(out, node.flags[i]);
    }
    out.push_back(']');
  }
  for (const Node& child : node.children) {
    out.push_back('(');
    out += Dump(child);
    out += ")\n";
  }
  for (const Node& next : node.next) {
    out.push_back(' ');
    if (next.children.empty()) {
      go::AppendQuoted(out, next.value);
    } else {
      out += Dump(next);
    }
  }
  std::string_view trimmed = go::TrimSpace(out);
  if (trimmed.size() == out.size()) return out;
  return std::string(trimmed);
}

}  // namespace slimage::dockerfile
