#include "rules/base_image.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <optional>

#include <fmt/format.h>

#include "rules/base_image_catalogue.h"
#include "rules/rule_helpers.h"

namespace slimage::rules {
namespace {

// One rung of a family's ladder: an image and what you give up by moving to it.
struct Step {
  std::string family;  // catalogue family, empty for images the catalogue does not hold
  std::string tag;
  std::string image;   // as the user would write it
  std::string_view trade_off;
};

constexpr std::string_view kSlim = "Debian slim: no compilers, -dev headers or docs";
constexpr std::string_view kAlpine = "musl libc: glibc binaries and some native modules break";
constexpr std::string_view kNoShell = "no shell, no package manager";

bool IsDistroCodename(std::string_view word) {
  static constexpr std::array<std::string_view, 5> kNames = {"bookworm", "bullseye", "trixie", "buster", "jammy"};
  return std::find(kNames.begin(), kNames.end(), word) != kNames.end();
}

// "24-bookworm" -> version "24", suffix "bookworm"; "" and "latest" have no version.
struct TagParts {
  std::string version;
  std::string suffix;
};

TagParts SplitTag(std::string_view tag) {
  if (tag.empty() || tag == "latest") return {};
  size_t dash = tag.find('-');
  if (dash == std::string_view::npos) return {std::string(tag), ""};
  return {std::string(tag.substr(0, dash)), std::string(tag.substr(dash + 1))};
}

// "24-slim", or "slim" when the tag had no version.
std::string Join(const std::string& version, std::string_view rest) {
  return version.empty() ? std::string(rest) : version + "-" + std::string(rest);
}

Step Official(const std::string& family, const std::string& tag, std::string_view trade_off) {
  return {family, tag, family + ":" + tag, trade_off};
}

bool IsNumericVersion(std::string_view version) {
  return !version.empty() && std::all_of(version.begin(), version.end(), [](char c) {
    return std::isdigit(static_cast<unsigned char>(c)) || c == '.';
  });
}

// The smaller variants of a full official image, smallest last; empty when it is not a full
// variant of a family we know.
std::vector<Step> Ladder(const std::string& family, std::string_view tag) {
  TagParts parts = SplitTag(tag);
  bool plain = parts.suffix.empty() || IsDistroCodename(parts.suffix);
  static constexpr std::array<std::string_view, 4> kVariantWords = {"slim", "alpine", "stable-slim", "jre"};
  if (std::find(kVariantWords.begin(), kVariantWords.end(), parts.version) != kVariantWords.end()) return {};
  std::vector<Step> steps;
  if (family == "node" || family == "python") {
    if (!plain) return {};
    steps.push_back(Official(family, Join(parts.version, "slim"), kSlim));
    steps.push_back(Official(family, Join(parts.version, "alpine"), kAlpine));
    if (family == "node" && IsNumericVersion(parts.version)) {
      std::string major = parts.version.substr(0, parts.version.find('.'));
      steps.push_back({"", "", "gcr.io/distroless/nodejs" + major + "-debian12", kNoShell});
    }
  } else if (family == "debian") {
    if (!parts.suffix.empty()) return {};
    steps.push_back(Official(family, parts.version.empty() ? "stable-slim" : parts.version + "-slim",
                             "no man pages, docs or locales"));
  } else if (family == "eclipse-temurin") {
    if (tag.find("jre") != std::string_view::npos || tag.find("alpine") != std::string_view::npos) return {};
    steps.push_back(Official(family, Join(parts.version, "jre"), "a JRE: no javac, jlink or tools"));
    steps.push_back(Official(family, Join(parts.version, "jre-alpine"), kAlpine));
  } else if (family == "golang") {
    if (!plain) return {};
    steps.push_back(Official(family, Join(parts.version, "alpine"), "musl libc, still the whole Go toolchain"));
    steps.push_back({"", "", "gcr.io/distroless/static-debian12",
                     "no shell, no package manager; needs a static binary (CGO_ENABLED=0)"});
    steps.push_back({"", "", "scratch", "nothing but your files: add CA certificates and tzdata yourself"});
  } else if (family == "buildpack-deps") {
    if (!parts.suffix.empty() || parts.version.empty()) return {};
    steps.push_back(Official(family, parts.version + "-scm", "no compilers or -dev packages; keeps git"));
    steps.push_back(Official(family, parts.version + "-curl", "only curl, wget and CA certificates"));
    steps.push_back(Official("debian", parts.version + "-slim", "no man pages, docs or locales"));
  } else if (family == "nginx") {
    if (!plain) return {};
    steps.push_back(Official(family, Join(parts.version, "alpine"), kAlpine));
    steps.push_back(Official(family, Join(parts.version, "alpine-slim"), "musl libc, no extra modules or envsubst"));
  } else if (family == "redis" || family == "postgres") {
    if (!plain) return {};
    steps.push_back(Official(family, Join(parts.version, "alpine"),
                             family == "postgres" ? "musl libc: locale collation differs from glibc" : kAlpine));
  }
  return steps;
}

std::string FormatSize(std::uint64_t bytes) { return fmt::format("{:.1f} MB", static_cast<double>(bytes) / 1e6); }

std::string_view PlatformOf(const dockerfile::Stage& stage) {
  return stage.platform.find("arm64") != std::string::npos ? "linux/arm64" : "linux/amd64";
}

constexpr RuleInfo kSL201{
    "SL201",
    Severity::kInfo,
    "The shipped base is a full variant of an image family that has smaller official variants",
    "Full official images (node:24, python:3.14, golang, buildpack-deps, ...) are built on "
    "buildpack-deps: compilers, headers, git and hundreds of -dev packages that a running program "
    "rarely needs. The -slim variant drops them, -alpine uses musl libc, and distroless drops the shell "
    "and package manager too. The message lists the ladder with the compressed sizes of the catalogue "
    "(docker-library/repo-info, see data/base-images.SOURCE.md) and what each step gives up. Ignore it "
    "when the image needs what the full variant carries (building native modules at start-up, a "
    "development container).",
    "FROM node:24\nCOPY . .\nRUN npm ci --omit=dev\nCMD [\"node\", \"server.js\"]",
    "FROM node:24-slim\nCOPY . .\nRUN npm ci --omit=dev\nCMD [\"node\", \"server.js\"]",
    false,
    "",
};

constexpr RuleInfo kSL202{
    "SL202",
    Severity::kWarning,
    "FROM without a tag or digest, or with :latest and no digest",
    "An unpinned base moves: the size (and content) you measure today is not what the next build "
    "ships, and a new major version can add hundreds of megabytes. Name a tag (`node:24-slim`) or, "
    "for reproducible builds, a digest (`node:24-slim@sha256:…`). scratch, stage names, digests and a "
    "FROM that is only a variable with no known value are not reported.",
    "FROM python\nCOPY app.py /\nCMD [\"python\", \"/app.py\"]",
    "FROM python:3.14-slim\nCOPY app.py /\nCMD [\"python\", \"/app.py\"]",
    false,
    "DL3006,DL3007",
};

}  // namespace

const RuleInfo& SmallerBaseRule::info() const { return kSL201; }
const RuleInfo& UnpinnedBaseRule::info() const { return kSL202; }

void SmallerBaseRule::Check(const LintContext& context, std::vector<Finding>* findings) const {
  const dockerfile::Stage* target = TargetStage(context.model);
  if (target == nullptr || context.model.is_fragment) return;
  const dockerfile::Stage& root = RootStage(context.model, *target);
  const dockerfile::ImageRef& base = root.base;
  if (root.base_stage >= 0 || root.base_has_unknown_variables || !base.valid || base.registry != "docker.io" ||
      base.repository.rfind("library/", 0) != 0) {
    return;
  }
  std::string family(RepositoryBaseName(base.repository));
  std::vector<Step> steps = Ladder(family, base.tag);
  if (steps.empty()) return;
  std::string_view platform = PlatformOf(root);
  std::string newest_date;
  auto sized = [&](const std::string& name, std::optional<BaseImageSize> size) {
    if (!size) return name;
    newest_date = std::max(newest_date, std::string(size->date));
    return fmt::format("{} ({}", name, FormatSize(size->compressed_bytes));
  };
  std::string current = sized(root.base_name, FindBaseImageSize(family, base.tag.empty() ? "latest" : base.tag, platform));
  if (current != root.base_name) current += ")";
  std::string ladder;
  for (const Step& step : steps) {
    std::optional<BaseImageSize> size;
    if (!step.family.empty()) size = FindBaseImageSize(step.family, step.tag, platform);
    std::string text = sized(step.image, size);
    text += size ? fmt::format("; {})", step.trade_off) : fmt::format(" ({})", step.trade_off);
    ladder += (ladder.empty() ? "" : ", ") + text;
  }
  std::string note = newest_date.empty()
                         ? std::string()
                         : fmt::format(" [compressed {} sizes, read up to {}]", platform, newest_date);
  findings->push_back(MakeFinding(
      info(), root, root.from,
      fmt::format("{} is the full variant; smaller official variants: {}{}", current, ladder, note)));
}

void UnpinnedBaseRule::Check(const LintContext& context, std::vector<Finding>* findings) const {
  if (context.model.is_fragment) return;
  for (const dockerfile::Stage& stage : context.model.stages) {
    const dockerfile::ImageRef& base = stage.base;
    if (stage.base_stage >= 0 || stage.base_has_unknown_variables || !base.valid || base.is_scratch() ||
        !base.digest.empty()) {
      continue;
    }
    if (base.tag.empty()) {
      findings->push_back(MakeFinding(info(), stage, stage.from,
                                      fmt::format("FROM {} has no tag or digest: it pulls whatever :latest is on the "
                                                  "day of the build; pin a tag or a digest",
                                                  stage.base_name)));
    } else if (base.tag == "latest") {
      findings->push_back(MakeFinding(info(), stage, stage.from,
                                      fmt::format("FROM {} uses :latest without a digest: the size you measure today "
                                                  "is not the size you ship tomorrow; pin a version tag or a digest",
                                                  stage.base_name)));
    }
  }
}

}  // namespace slimage::rules
