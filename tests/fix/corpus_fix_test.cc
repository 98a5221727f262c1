// The fix over the whole corpus (../shared/corpus/dockerfiles), safe and with --unsafe: every
// fixed file parses, a second fix changes nothing, the fixed findings are gone (counted by the
// lint runner, not by the fixer's own proof), and the fixed text is the original with exactly
// the reported edits applied. Prints the tally that docs/fix.md reports.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <map>

#include "fix/edit.h"
#include "fix/fixer.h"
#include "report/lint_runner.h"
#include "support/run_cli.h"

namespace slimage::fix {
namespace {

namespace fs = std::filesystem;

std::map<std::string, int> Counts(const std::string& text) {
  report::LintOptions options;
  Expected<report::FileLint> lint = report::LintSource("Dockerfile", text, options);
  std::map<std::string, int> counts;
  if (!lint) return counts;
  for (const rules::Finding& finding : lint->findings) ++counts[finding.rule];
  return counts;
}

// "the word `x` is not…" -> "the word is not…": reasons grouped without the file's text.
std::string Kind(const std::string& reason) {
  std::string kind = reason;
  size_t tick = kind.find('`');
  if (tick != std::string::npos) {
    size_t close = kind.find('`', tick + 1);
    if (close != std::string::npos) kind.erase(tick, close - tick + 1);
  }
  size_t digits = kind.find("line ");
  if (digits != std::string::npos) kind = kind.substr(0, digits + 5) + "N";
  return kind;
}

void CheckCorpus(bool unsafe) {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(testing::SharedPath("corpus/dockerfiles"))) {
    if (entry.path().filename() != "SOURCES.tsv") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  ASSERT_EQ(files.size(), 540u);
  FixOptions options;
  options.unsafe = unsafe;
  int changed = 0;
  int fixed = 0;
  int unparsed = 0;
  std::map<std::string, int> skipped;
  std::map<std::string, int> fixed_by_rule;
  for (const fs::path& path : files) {
    std::string source = testing::ReadFileBytes(path.string());
    Expected<FileFix> result = FixSource(path.filename().string(), source, options);
    if (!result) {
      ++unparsed;
      continue;
    }
    SCOPED_TRACE(path.filename().string());
    for (const SkippedFix& skip : result->skipped) ++skipped[skip.rule + ": " + Kind(skip.reason)];
    if (!result->changed) {
      EXPECT_EQ(result->fixed, source);
      EXPECT_TRUE(result->edits.empty());
      continue;
    }
    ++changed;
    fixed += result->fixed_findings;
    // Only the edited bytes differ.
    std::vector<Edit> edits;
    for (const AppliedEdit& edit : result->edits) edits.push_back({edit.offset, edit.length, edit.replacement, 0});
    EXPECT_FALSE(AnyOverlap(edits));
    for (size_t i = 1; i < edits.size(); ++i) EXPECT_LE(edits[i - 1].offset, edits[i].offset);
    Expected<std::string> rebuilt = ApplyEdits(source, edits);
    ASSERT_TRUE(rebuilt);
    EXPECT_EQ(*rebuilt, result->fixed);
    // A second fix changes nothing, and the result parses.
    Expected<FileFix> again = FixSource(path.filename().string(), result->fixed, options);
    ASSERT_TRUE(again) << again.error().message;
    EXPECT_FALSE(again->changed) << result->fixed;
    // The fixed rules fire less, by as much as the fixer says; nothing else fires more.
    std::map<std::string, int> before = Counts(source);
    std::map<std::string, int> after = Counts(result->fixed);
    std::map<std::string, int> removed;
    for (const AppliedEdit& edit : result->edits) removed[edit.rule] = 1;
    int dropped = 0;
    for (const auto& [rule, count] : after) {
      EXPECT_LE(count, before[rule]) << rule << " fires more after the fix";
    }
    for (const auto& [rule, count] : before) {
      int now = after.count(rule) ? after[rule] : 0;
      if (removed.count(rule) != 0) {
        EXPECT_LT(now, count) << rule << " still fires as often";
      }
      dropped += count - now;
    }
    EXPECT_GE(dropped, result->fixed_findings);
    fixed_by_rule["files"] += 1;
  }
  std::cout << (unsafe ? "[unsafe] " : "[safe] ") << "files changed: " << changed << ", findings fixed: " << fixed
            << ", not parsed: " << unparsed << "\n";
  for (const auto& [reason, count] : skipped) std::cout << "  skipped " << count << "  " << reason << "\n";
  EXPECT_GT(changed, 0);
}

TEST(CorpusFixTest, SafeFixesParseAreIdempotentAndOnlyEditWhatTheySay) { CheckCorpus(false); }
TEST(CorpusFixTest, UnsafeFixesParseAreIdempotentAndOnlyEditWhatTheySay) { CheckCorpus(true); }

}  // namespace
}  // namespace slimage::fix
