#include "html/tree_json.h"

#include "report/json_text.h"

namespace slimage::html {
namespace {

using nlohmann::ordered_json;

ordered_json NodeJson(const analysis::SizeNode& node, bool with_delta) {
  ordered_json item = ordered_json::object();
  if (node.aggregate) {
    item["k"] = node.files;
  } else {
    report::PutText(item, "n", node.name);
  }
  item["s"] = node.bytes;
  if (with_delta) item["d"] = node.delta;
  if (node.group >= 0) {
    item["g"] = node.group;
    return item;
  }
  item["f"] = node.files;
  ordered_json children = ordered_json::array();
  for (const analysis::SizeNode& child : node.children) children.push_back(NodeJson(child, with_delta));
  item["c"] = std::move(children);
  return item;
}

}  // namespace

ordered_json SizeTreeJson(const analysis::SizeTree& tree, bool with_delta) {
  ordered_json document;
  document["threshold"] = tree.threshold;
  document["shown_files"] = tree.shown_files;
  document["aggregates"] = tree.aggregates;
  document["root"] = NodeJson(tree.root, with_delta);
  return document;
}

}  // namespace slimage::html
