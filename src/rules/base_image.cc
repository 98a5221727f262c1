#include "rules/base_image.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdlib>
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
std::vector<Step> OfficialLadder(const std::string& family, std::string_view tag) {
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

// "17" from "17.0.2", "8" from "8u342"; empty when the version is not numeric.
std::string JavaMajor(std::string_view version) {
  size_t end = 0;
  while (end < version.size() && std::isdigit(static_cast<unsigned char>(version[end]))) ++end;
  if (end == 0 || (end < version.size() && version[end] != '.' && version[end] != 'u')) return "";
  return std::string(version.substr(0, end));
}

// `openjdk` is deprecated (no updates since 2022, only early-access builds): a JDK tag moves to
// its JRE (openjdk had JRE tags up to 11 only) and to eclipse-temurin's maintained JRE.
std::vector<Step> OpenJdkLadder(std::string_view tag) {
  TagParts parts = SplitTag(tag);
  std::string major = JavaMajor(parts.version);
  if (major.empty() || tag.find("jre") != std::string_view::npos || tag.find("-ea") != std::string_view::npos ||
      tag.find("windowsservercore") != std::string_view::npos || tag.find("nanoserver") != std::string_view::npos) {
    return {};
  }
  // eclipse-temurin has 8, 11 and 17 on; 9, 10 and 12-16 have no maintained JRE to move to.
  int number = std::atoi(major.c_str());
  if (number != 8 && number != 11 && number < 17) return {};
  bool alpine = tag.find("alpine") != std::string_view::npos;
  std::vector<Step> steps;
  if (major == "8" || major == "11") {
    std::string jre(tag);
    size_t jdk = jre.find("jdk");
    if (jdk != std::string::npos) {
      jre.replace(jdk, 3, "jre");
    } else {
      jre = parts.version + "-jre" + (parts.suffix.empty() ? "" : "-" + parts.suffix);
    }
    steps.push_back(Official("openjdk", jre, "a JRE: no javac or jlink; still the deprecated image, no updates"));
  }
  if (!alpine) steps.push_back(Official("eclipse-temurin", major + "-jre", "a maintained JRE: no javac or jlink"));
  steps.push_back(Official("eclipse-temurin", major + "-jre-alpine", kAlpine));
  return steps;
}

// The .NET SDK as a runtime: the ASP.NET Core (or .NET) runtime image, then its Alpine and
// Ubuntu chiseled variants (Microsoft publishes chiseled images from .NET 8 on).
std::vector<Step> DotnetSdkLadder(std::string_view tag) {
  TagParts parts = SplitTag(tag);
  // Previews and release candidates have runtime tags of their own naming.
  if (!IsNumericVersion(parts.version) || parts.suffix.find("preview") != std::string::npos ||
      parts.suffix.find("rc") == 0) {
    return {};
  }
  // An SDK tag may name the SDK's own version (8.0.100); the runtime images are tagged 8.0.
  size_t minor_end = parts.version.find('.', parts.version.find('.') + 1);
  if (parts.version.find('.') != std::string::npos && minor_end != std::string::npos) {
    parts.version.resize(minor_end);
  }
  const std::string repository = "mcr.microsoft.com/dotnet/aspnet";
  auto step = [&](const std::string& variant, std::string_view trade_off) {
    std::string name = Join(parts.version, variant);
    if (!name.empty() && name.back() == '-') name.pop_back();
    return Step{repository, name, repository + ":" + name, trade_off};
  };
  bool alpine = parts.suffix.find("alpine") != std::string::npos;
  std::vector<Step> steps;
  if (!alpine) {
    steps.push_back(step("", "the ASP.NET Core runtime (dotnet/runtime for other apps): no SDK, compilers or NuGet "
                             "caches"));
  }
  steps.push_back(step("alpine", "musl libc and globalization-invariant mode (no ICU)"));
  int major = std::atoi(parts.version.c_str());
  if (major >= 8) {
    steps.push_back(step("noble-chiseled", "Ubuntu chiseled: no shell, no package manager, no ICU or tzdata"));
  }
  return steps;
}

// nvidia/cuda: devel (the whole CUDA toolkit) -> runtime (the CUDA libraries) -> base (cudart
// only). The cuDNN flavour has devel and runtime tags, not base.
std::vector<Step> CudaLadder(std::string_view tag) {
  size_t devel = tag.find("-devel");
  if (devel == std::string_view::npos) return {};
  std::string runtime(tag);
  runtime.replace(devel, 6, "-runtime");
  std::string base(tag);
  base.replace(devel, 6, "-base");
  size_t cudnn = base.find("-cudnn");
  if (cudnn != std::string::npos) {
    size_t end = base.find('-', cudnn + 1);
    base.erase(cudnn, end - cudnn);
  }
  return {{"nvidia/cuda", runtime, "nvidia/cuda:" + runtime,
           "the CUDA libraries without nvcc, headers or static libraries: build in a devel stage"},
          {"nvidia/cuda", base, "nvidia/cuda:" + base,
           "only the CUDA runtime (cudart): copy or install the libraries you use (cuBLAS, cuDNN, ...)"}};
}

// pytorch/pytorch: -devel (CUDA toolkit and compilers) -> -runtime.
std::vector<Step> PytorchLadder(std::string_view tag) {
  if (!tag.ends_with("-devel")) return {};
  std::string runtime(tag.substr(0, tag.size() - 6));
  runtime += "-runtime";
  return {{"pytorch/pytorch", runtime, "pytorch/pytorch:" + runtime,
           "PyTorch and the CUDA libraries without nvcc or headers: build CUDA extensions in a devel stage"}};
}

// A family's ladder with the words that introduce it.
struct Ladder {
  std::string family;  // catalogue family of the current image
  std::string_view lead = "is the full variant; smaller official variants:";
  std::vector<Step> steps;
};

Ladder LadderFor(const dockerfile::ImageRef& base) {
  Ladder ladder;
  if (base.registry == "mcr.microsoft.com" && base.repository == "dotnet/sdk") {
    ladder.family = "mcr.microsoft.com/dotnet/sdk";
    ladder.lead = "is the .NET SDK used as a runtime; smaller official images:";
    ladder.steps = DotnetSdkLadder(base.tag);
    return ladder;
  }
  if (base.registry != "docker.io") return ladder;
  if (base.repository == "nvidia/cuda") {
    ladder.family = base.repository;
    ladder.lead = "is the CUDA devel image (the whole CUDA toolkit, gigabytes a step); smaller official variants:";
    ladder.steps = CudaLadder(base.tag);
    return ladder;
  }
  if (base.repository == "pytorch/pytorch") {
    ladder.family = base.repository;
    ladder.lead = "is the PyTorch devel image (the CUDA toolkit and compilers); smaller official variant:";
    ladder.steps = PytorchLadder(base.tag);
    return ladder;
  }
  if (base.repository.rfind("library/", 0) != 0) return ladder;
  ladder.family = std::string(RepositoryBaseName(base.repository));
  if (ladder.family == "openjdk") {
    ladder.lead = "is a JDK from the deprecated openjdk image (no updates); smaller images:";
    ladder.steps = OpenJdkLadder(base.tag);
    return ladder;
  }
  ladder.steps = OfficialLadder(ladder.family, base.tag);
  return ladder;
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
    "and package manager too. The same holds for SDK images shipped as runtimes: a JDK (eclipse-temurin "
    "`-jdk`, the deprecated openjdk, which gets no updates: use eclipse-temurin's `-jre`), the .NET SDK "
    "(`mcr.microsoft.com/dotnet/aspnet` or `runtime`, then `-alpine` or `-noble-chiseled`), and the "
    "largest images people ship, CUDA (`nvidia/cuda` `-devel` -> `-runtime` -> `-base`) and PyTorch "
    "(`pytorch/pytorch` `-devel` -> `-runtime`), gigabytes a step. The message lists the ladder with "
    "the compressed sizes the catalogue has (docker-library/repo-info, see data/base-images.SOURCE.md; "
    "an image with no sourced size is listed without one) and what each step gives up. Ignore it when "
    "the image needs what the full variant carries (building native modules or CUDA kernels at "
    "start-up, a development container).",
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

// Whether the shipped image runs something of its own (an ENTRYPOINT or CMD in the target or a
// stage it is built FROM): an image FROM the .NET SDK without one is an SDK image, not a runtime.
bool SetsEntrypointOrCmd(const dockerfile::BuildModel& model, const dockerfile::Stage& target) {
  for (const dockerfile::Stage* stage = &target; stage != nullptr;) {
    for (const dockerfile::Instruction& ins : stage->instructions) {
      if (ins.kind == dockerfile::InstructionKind::kEntrypoint || ins.kind == dockerfile::InstructionKind::kCmd) {
        return true;
      }
    }
    int parent = stage->base_stage;
    stage = parent >= 0 && parent < stage->index ? &model.stages[static_cast<size_t>(parent)] : nullptr;
  }
  return false;
}

}  // namespace

const RuleInfo& SmallerBaseRule::info() const { return kSL201; }
const RuleInfo& UnpinnedBaseRule::info() const { return kSL202; }

void SmallerBaseRule::Check(const LintContext& context, std::vector<Finding>* findings) const {
  const dockerfile::Stage* target = TargetStage(context.model);
  if (target == nullptr || context.model.is_fragment) return;
  const dockerfile::Stage& root = RootStage(context.model, *target);
  const dockerfile::ImageRef& base = root.base;
  if (root.base_stage >= 0 || root.base_has_unknown_variables || !base.valid) return;
  Ladder ladder = LadderFor(base);
  const std::string& family = ladder.family;
  const std::vector<Step>& steps = ladder.steps;
  if (steps.empty()) return;
  if (family == "mcr.microsoft.com/dotnet/sdk" && !SetsEntrypointOrCmd(context.model, *target)) return;
  std::string_view platform = PlatformOf(root);
  std::string newest_date;
  auto sized = [&](const std::string& name, std::optional<BaseImageSize> size) {
    if (!size) return name;
    newest_date = std::max(newest_date, std::string(size->date));
    return fmt::format("{} ({}", name, FormatSize(size->compressed_bytes));
  };
  std::string current = sized(root.base_name, FindBaseImageSize(family, base.tag.empty() ? "latest" : base.tag, platform));
  if (current != root.base_name) current += ")";
  std::string text_ladder;
  for (const Step& step : steps) {
    std::optional<BaseImageSize> size;
    if (!step.family.empty()) size = FindBaseImageSize(step.family, step.tag, platform);
    std::string text = sized(step.image, size);
    text += size ? fmt::format("; {})", step.trade_off) : fmt::format(" ({})", step.trade_off);
    text_ladder += (text_ladder.empty() ? "" : ", ") + text;
  }
  std::string note = newest_date.empty()
                         ? std::string()
                         : fmt::format(" [compressed {} sizes, read up to {}]", platform, newest_date);
  findings->push_back(MakeFinding(
      info(), root, root.from,
      fmt::format("{} {} {}{}", current, ladder.lead, text_ladder, note)));
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
