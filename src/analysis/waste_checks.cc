#include "analysis/waste_checks.h"

#include <algorithm>
#include <map>
#include <set>

#include "analysis/check_support.h"
#include "analysis/package_bookkeeping.h"
#include <fmt/ranges.h>

#include "util/size.h"

namespace slimage::analysis {
namespace {

void SortLargestFirst(std::vector<ImageFinding>* findings) {
  std::stable_sort(findings->begin(), findings->end(),
                   [](const ImageFinding& a, const ImageFinding& b) { return a.bytes > b.bytes; });
}

// A regular file that a later layer wrote again with the same size and content (IM102).
struct Rewrite {
  std::string path;
  uint64_t size = 0;
  int held_by = 0;    // the layer whose copy the rewrite hides
  int stored_by = 0;  // the layer that stored it again
  bool new_mode = false;
  bool new_owner = false;
};

// Every IM102 rewrite (the applier marks them as it hides the lower copy), package
// bookkeeping left out.
std::vector<Rewrite> FindRewrites(const ImageModel& model) {
  std::vector<Rewrite> rewrites;
  for (const HiddenEntry& hidden : model.hidden) {
    if (!hidden.same_content || IsPackageBookkeeping(hidden.path)) continue;
    rewrites.push_back({hidden.path, hidden.bytes, hidden.written_by, hidden.hidden_by, hidden.new_mode, hidden.new_owner});
  }
  return rewrites;
}

}  // namespace

std::vector<ImageFinding> CheckWastedBytes(const ImageModel& model, int top) {
  // The findings partition the hidden bytes: a copy that IM102 explains (the same content
  // stored again) is IM102's alone, and package bookkeeping is nobody's.
  std::map<std::pair<int, int>, std::set<std::string>> explained;  // (held by, stored by) -> paths
  for (Rewrite& rewrite : FindRewrites(model)) {
    explained[{rewrite.held_by, rewrite.stored_by}].insert(std::move(rewrite.path));
  }
  auto reported = [&explained](const HiddenEntry& hidden) {
    if (IsPackageBookkeeping(hidden.path)) return false;
    if (hidden.how != HiddenHow::kOverwritten) return true;
    const auto pair = explained.find({hidden.written_by, hidden.hidden_by});
    return pair == explained.end() || pair->second.count(hidden.path) == 0;
  };
  struct Group {
    uint64_t bytes = 0;
    std::set<HiddenHow> hows;
    std::vector<const HiddenEntry*> entries;
  };
  std::map<std::pair<int, int>, Group> groups;  // (written_by, hidden_by)
  for (const HiddenEntry& hidden : model.hidden) {
    Group& group = groups[{hidden.written_by, hidden.hidden_by}];
    if (hidden.type == image::EntryType::kDirectory) {
      // A hidden directory only summarises the files beneath it, which are listed too: its
      // bytes are worked out below from the files this finding reports.
      group.entries.push_back(&hidden);
      continue;
    }
    if (!reported(hidden)) continue;
    group.bytes += hidden.bytes;
    group.hows.insert(hidden.how);
    group.entries.push_back(&hidden);
  }
  std::vector<ImageFinding> findings;
  for (auto& [layers, group] : groups) {
    if (group.bytes == 0) continue;
    // List a hidden directory once rather than every file beneath it.
    std::sort(group.entries.begin(), group.entries.end(),
              [](const HiddenEntry* a, const HiddenEntry* b) { return a->path < b->path; });
    ByteTally tally;
    const HiddenEntry* covering = nullptr;  // the last hidden directory listed
    size_t covering_slot = 0;               // its line in tally.paths
    for (const HiddenEntry* entry : group.entries) {
      if (covering != nullptr && IsUnder(entry->path, covering->path)) {
        if (entry->type != image::EntryType::kDirectory) tally.paths[covering_slot].first += entry->bytes;
        continue;
      }
      if (entry->type == image::EntryType::kDirectory) {
        covering = entry;
        covering_slot = tally.paths.size();
        tally.paths.emplace_back(0, entry->path);
        continue;
      }
      tally.paths.emplace_back(entry->bytes, entry->path);
    }
    std::erase_if(tally.paths, [](const auto& line) { return line.first == 0; });
    tally.bytes = group.bytes;
    tally.by_layer[layers.first] = group.bytes;
    std::vector<std::string> how_names;
    for (HiddenHow how : group.hows) how_names.emplace_back(HiddenHowName(how));
    const std::string hidden_by = layers.first == layers.second
                                      ? std::string("the same layer")
                                      : LayerLabel(model, layers.second);
    ImageFinding finding = TallyFinding(
        model, "IM101", Severity::kWarning, "",
        fmt::format("wasted: written by {} and hidden ({}) by {}", LayerLabel(model, layers.first),
                    fmt::join(how_names, ", "), hidden_by),
        tally, top);
    finding.details.pop_back();  // "written by …": the message names both layers already
    std::sort(tally.paths.begin(), tally.paths.end(), std::greater<>());
    if (!tally.paths.empty()) finding.path = tally.paths.front().second;
    findings.push_back(std::move(finding));
  }
  SortLargestFirst(&findings);
  return findings;
}

std::vector<ImageFinding> CheckDuplicatedContent(const ImageModel& model, int top) {
  std::map<std::pair<int, int>, ByteTally> groups;  // (held by, stored again by)
  std::map<std::pair<int, int>, std::set<std::string>> changes;
  for (const Rewrite& rewrite : FindRewrites(model)) {
    const std::pair<int, int> layers{rewrite.held_by, rewrite.stored_by};
    groups[layers].Add(rewrite.path, rewrite.size, rewrite.held_by);
    auto& what = changes[layers];
    if (rewrite.new_mode) what.insert("mode");
    if (rewrite.new_owner) what.insert("owner");
  }
  std::vector<ImageFinding> findings;
  for (const auto& [layers, tally] : groups) {
    const std::set<std::string>& what = changes[layers];
    const std::string kind = what.empty() ? std::string("identical files")
                                          : fmt::format("the same content with a new {}", fmt::join(what, " and "));
    ImageFinding finding = TallyFinding(
        model, "IM102", Severity::kWarning, "",
        fmt::format("stored twice: {} rewrote {} that {} already holds", LayerLabel(model, layers.second), kind,
                    LayerLabel(model, layers.first)),
        tally, top);
    finding.layer = HistoryIndexOf(model, layers.second);  // the layer that could be avoided
    std::vector<std::pair<uint64_t, std::string>> paths = tally.paths;
    std::sort(paths.begin(), paths.end(), std::greater<>());
    finding.path = paths.front().second;
    finding.details.back() = fmt::format("stored again by {}", LayerLabel(model, layers.second));
    findings.push_back(std::move(finding));
  }
  SortLargestFirst(&findings);
  return findings;
}

}  // namespace slimage::analysis
