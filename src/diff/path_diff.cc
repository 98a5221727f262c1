// Paths and directories: the two final filesystems walked side by side.
#include <algorithm>
#include <map>
#include <set>

#include "diff/image_diff.h"

namespace slimage::diff {
namespace {

using image::EntryType;
using image::LayerEntry;

bool Differs(const LayerEntry& a, const LayerEntry& b) {
  if (a.type != b.type || a.size != b.size || a.link_target != b.link_target) return true;
  // The reader hashes every regular file's bytes (XXH3-64), so a same-size rewrite shows.
  return a.type == EntryType::kFile && a.content_hash != b.content_hash;
}

PathRow Row(const std::string& path, PathStatus status, const LayerEntry* a, const LayerEntry* b) {
  PathRow row;
  row.path = path;
  row.status = status;
  if (a) {
    row.a_type = image::EntryTypeName(a->type);
    row.a_size = a->size;
  }
  if (b) {
    row.b_type = image::EntryTypeName(b->type);
    row.b_size = b->size;
  }
  row.delta = static_cast<int64_t>(row.b_size) - static_cast<int64_t>(row.a_size);
  return row;
}

// The rows of one group by index into `changed` (no copies: a rebuild can change 100,000 paths).
struct Members {
  PathGroup* group;
  std::vector<uint32_t> rows;
};

void Keep(Members& members, const std::vector<PathRow>& changed, size_t index) {
  ++members.group->count;
  members.group->bytes += changed[index].delta;
  members.rows.push_back(static_cast<uint32_t>(index));
}

// Largest first by `key`, then by path; the first `top` are copied into the group.
template <typename Key>
void Cut(Members& members, const std::vector<PathRow>& changed, int top, Key key) {
  std::vector<uint32_t>& rows = members.rows;
  const size_t keep = std::min(rows.size(), static_cast<size_t>(std::max(top, 0)));
  auto before = [&](uint32_t x, uint32_t y) {
    const auto kx = key(changed[x]), ky = key(changed[y]);
    return kx != ky ? kx > ky : changed[x].path < changed[y].path;
  };
  std::partial_sort(rows.begin(), rows.begin() + static_cast<std::ptrdiff_t>(keep), rows.end(), before);
  for (size_t i = 0; i < keep; ++i) members.group->top.push_back(changed[rows[i]]);
}

std::string ParentOf(const std::string& path) {
  const size_t slash = path.rfind('/');
  return slash == 0 || slash == std::string::npos ? "/" : path.substr(0, slash);
}

// Depth-first order: '/' sorts before every other byte.
std::string TreeKey(std::string path) {
  std::replace(path.begin(), path.end(), '/', '\x01');
  return path;
}

uint64_t BytesBeneath(const analysis::ImageModel& model, const std::string& dir) {
  const std::string prefix = dir == "/" ? "/" : dir + "/";
  uint64_t total = 0;
  for (auto it = model.filesystem.lower_bound(prefix); it != model.filesystem.end(); ++it) {
    if (it->first.compare(0, prefix.size(), prefix) != 0) break;
    if (it->second.entry.type == EntryType::kFile) total += it->second.entry.size;
  }
  return total;
}

}  // namespace

std::vector<PathRow> ChangedPaths(const analysis::ImageModel& a, const analysis::ImageModel& b) {
  std::vector<PathRow> rows;
  auto ia = a.filesystem.begin();
  auto ib = b.filesystem.begin();
  while (ia != a.filesystem.end() || ib != b.filesystem.end()) {
    const bool take_a = ib == b.filesystem.end() || (ia != a.filesystem.end() && ia->first < ib->first);
    const bool take_b = ia == a.filesystem.end() || (ib != b.filesystem.end() && ib->first < ia->first);
    if (take_a) {
      if (ia->second.entry.type != EntryType::kDirectory) {
        rows.push_back(Row(ia->first, PathStatus::kRemoved, &ia->second.entry, nullptr));
      }
      ++ia;
      continue;
    }
    if (take_b) {
      if (ib->second.entry.type != EntryType::kDirectory) {
        rows.push_back(Row(ib->first, PathStatus::kAdded, nullptr, &ib->second.entry));
      }
      ++ib;
      continue;
    }
    const LayerEntry& ea = ia->second.entry;
    const LayerEntry& eb = ib->second.entry;
    const bool a_dir = ea.type == EntryType::kDirectory;
    const bool b_dir = eb.type == EntryType::kDirectory;
    if (a_dir && !b_dir) {
      rows.push_back(Row(ib->first, PathStatus::kAdded, nullptr, &eb));  // a directory became a file
    } else if (!a_dir && b_dir) {
      rows.push_back(Row(ia->first, PathStatus::kRemoved, &ea, nullptr));
    } else if (!a_dir && Differs(ea, eb)) {
      rows.push_back(Row(ia->first, PathStatus::kChanged, &ea, &eb));
    }
    ++ia;
    ++ib;
  }
  return rows;
}

PathChanges GroupPaths(const std::vector<PathRow>& changed, int top) {
  PathChanges groups;
  Members added{&groups.added, {}}, removed{&groups.removed, {}}, grown{&groups.grown, {}},
      shrunk{&groups.shrunk, {}}, modified{&groups.modified, {}};
  for (size_t i = 0; i < changed.size(); ++i) {
    const PathRow& row = changed[i];
    if (row.status == PathStatus::kAdded) {
      Keep(added, changed, i);
    } else if (row.status == PathStatus::kRemoved) {
      Keep(removed, changed, i);
    } else if (row.delta > 0) {
      Keep(grown, changed, i);
    } else if (row.delta < 0) {
      Keep(shrunk, changed, i);
    } else {
      Keep(modified, changed, i);
    }
  }
  Cut(added, changed, top, [](const PathRow& row) { return row.b_size; });
  Cut(removed, changed, top, [](const PathRow& row) { return row.a_size; });
  Cut(grown, changed, top, [](const PathRow& row) { return row.delta; });
  Cut(shrunk, changed, top, [](const PathRow& row) { return -row.delta; });
  Cut(modified, changed, top, [](const PathRow& row) { return row.b_size; });
  return groups;
}

std::vector<DirectoryRow> CollapseDirectories(const std::vector<PathRow>& changed, const analysis::ImageModel& a,
                                              const analysis::ImageModel& b, int top) {
  struct Tally {
    int64_t delta = 0;
    std::set<std::string> children;  // changed children (files and directories)
  };
  std::map<std::string, Tally> tallies;
  for (const PathRow& row : changed) {
    if (row.delta == 0) continue;
    std::string child = row.path;
    while (true) {
      const std::string parent = ParentOf(child);
      Tally& tally = tallies[parent];
      tally.delta += row.delta;
      tally.children.insert(child);
      if (parent == "/") break;
      child = parent;
    }
  }
  std::vector<std::pair<std::string, int64_t>> candidates;
  for (const auto& [dir, tally] : tallies) {
    if (tally.delta == 0) continue;
    // All of the change is in one child directory: that child stands for this one.
    if (tally.children.size() == 1 && tallies.count(*tally.children.begin())) continue;
    candidates.emplace_back(dir, tally.delta);
  }
  auto larger = [](const auto& x, const auto& y) {
    const uint64_t mx = x.second < 0 ? -static_cast<uint64_t>(x.second) : static_cast<uint64_t>(x.second);
    const uint64_t my = y.second < 0 ? -static_cast<uint64_t>(y.second) : static_cast<uint64_t>(y.second);
    return mx != my ? mx > my : x.first < y.first;
  };
  std::sort(candidates.begin(), candidates.end(), larger);
  candidates.resize(std::min(candidates.size(), static_cast<size_t>(std::max(top, 0))));
  std::sort(candidates.begin(), candidates.end(),
            [](const auto& x, const auto& y) { return TreeKey(x.first) < TreeKey(y.first); });
  std::set<std::string> listed;
  for (const auto& candidate : candidates) listed.insert(candidate.first);
  std::vector<DirectoryRow> rows;
  for (const auto& [dir, delta] : candidates) {
    DirectoryRow row;
    row.path = dir;
    row.delta = delta;
    row.a_size = BytesBeneath(a, dir);
    row.b_size = BytesBeneath(b, dir);
    for (std::string up = dir; up != "/";) {
      up = ParentOf(up);
      if (listed.count(up)) ++row.depth;
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace slimage::diff
