#include "analysis/size_tree.h"

#include <algorithm>
#include <map>
#include <memory>
#include <optional>
#include <string_view>

namespace slimage::analysis {
namespace {

// The paths as a trie. A node may be a file and have children at once: a diff's union of two
// filesystems can hold "/x" as a file in one image and a directory in the other.
struct Trie {
  std::map<std::string, std::unique_ptr<Trie>, std::less<>> children;
  const SizeLeaf* leaf = nullptr;
  uint64_t bytes = 0;  // everything beneath, its own leaf included
  uint64_t files = 0;
};

void Insert(Trie& root, const SizeLeaf& leaf) {
  Trie* node = &root;
  std::string_view rest = leaf.path;
  while (!rest.empty()) {
    size_t start = rest.find_first_not_of('/');
    if (start == std::string_view::npos) break;
    rest.remove_prefix(start);
    size_t end = rest.find('/');
    std::string_view part = rest.substr(0, end);
    rest = end == std::string_view::npos ? std::string_view() : rest.substr(end);
    auto it = node->children.find(part);
    if (it == node->children.end()) it = node->children.emplace(std::string(part), std::make_unique<Trie>()).first;
    node = it->second.get();
    node->bytes += leaf.bytes;
    ++node->files;
  }
  if (node == &root) return;  // "/" is never a file
  node->leaf = &leaf;
}

class Builder {
 public:
  Builder(uint64_t threshold, SizeTree& tree) : threshold_(threshold), tree_(tree) {}

  SizeNode Directory(const Trie& trie, std::string name) {
    SizeNode node;
    node.name = std::move(name);
    std::map<int, SizeNode> small;  // by group
    for (const auto& [child_name, child] : trie.children) {
      if (child->leaf != nullptr) {
        if (child->leaf->bytes >= threshold_) {
          node.children.push_back(FileNode(*child->leaf, child_name));
        } else {
          AddSmall(small, *child->leaf);
        }
      }
      if (child->children.empty()) continue;
      if (child->bytes - (child->leaf != nullptr ? child->leaf->bytes : 0) >= threshold_) {
        node.children.push_back(Directory(*child, child_name));
      } else {
        Fold(*child, small);
      }
    }
    for (auto& [group, aggregate] : small) {
      ++tree_.aggregates;
      node.children.push_back(std::move(aggregate));
    }
    for (const SizeNode& child : node.children) {
      node.bytes += child.bytes;
      node.delta += child.delta;
      node.files += child.files;
    }
    std::stable_sort(node.children.begin(), node.children.end(), [](const SizeNode& a, const SizeNode& b) {
      if (a.bytes != b.bytes) return a.bytes > b.bytes;
      return a.name < b.name;
    });
    return node;
  }

 private:
  SizeNode FileNode(const SizeLeaf& leaf, const std::string& name) {
    ++tree_.shown_files;
    SizeNode node;
    node.name = name;
    node.bytes = leaf.bytes;
    node.delta = leaf.delta;
    node.group = leaf.group;
    node.files = 1;
    return node;
  }

  static void AddSmall(std::map<int, SizeNode>& small, const SizeLeaf& leaf) {
    SizeNode& aggregate = small[leaf.group];
    aggregate.aggregate = true;
    aggregate.group = leaf.group;
    aggregate.bytes += leaf.bytes;
    aggregate.delta += leaf.delta;
    ++aggregate.files;
  }

  // Everything beneath `trie` (not its own leaf) into the aggregates of the directory above.
  static void Fold(const Trie& trie, std::map<int, SizeNode>& small) {
    for (const auto& [name, child] : trie.children) {
      if (child->leaf != nullptr) AddSmall(small, *child->leaf);
      Fold(*child, small);
    }
  }

  uint64_t threshold_;
  SizeTree& tree_;
};

}  // namespace

uint64_t SmallFileThreshold(uint64_t total_bytes) {
  return std::max<uint64_t>(1, total_bytes / kMaxShownFiles + (total_bytes % kMaxShownFiles != 0 ? 1 : 0));
}

SizeTree BuildSizeTree(const std::vector<SizeLeaf>& leaves, uint64_t threshold) {
  Trie root;
  for (const SizeLeaf& leaf : leaves) Insert(root, leaf);
  SizeTree tree;
  tree.threshold = std::max<uint64_t>(threshold, 1);
  tree.root = Builder(tree.threshold, tree).Directory(root, "");
  return tree;
}

int HistoryIndexOfLayer(const ImageModel& model, int layer) {
  if (layer < 0 || static_cast<size_t>(layer) >= model.layers.size()) return layer;
  const std::optional<int>& index = model.layers[static_cast<size_t>(layer)].history_index;
  return index ? *index : layer;
}

SizeTree FinalFilesystemTree(const ImageModel& model) {
  std::vector<SizeLeaf> leaves;
  uint64_t total = 0;
  for (const auto& [path, node] : model.filesystem) {
    if (node.entry.type != image::EntryType::kFile) continue;
    leaves.push_back(SizeLeaf{path, node.entry.size, HistoryIndexOfLayer(model, node.layer), 0});
    total += node.entry.size;
  }
  return BuildSizeTree(leaves, SmallFileThreshold(total));
}

}  // namespace slimage::analysis
