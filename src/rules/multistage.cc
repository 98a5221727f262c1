#include "rules/multistage.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <optional>

#include <fmt/format.h>

#include "rules/package_removal.h"
#include "rules/rule_helpers.h"
#include "rules/run_scan.h"

namespace slimage::rules {
namespace {

using dockerfile::ImageRef;
using shell::PackageAction;
using shell::PackageManager;
using shell::ShellCommand;

bool StartsWith(std::string_view text, std::string_view prefix) { return text.substr(0, prefix.size()) == prefix; }
bool EndsWith(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

// The toolchain an SDK image carries, or nullopt for a runtime image.
std::optional<std::string> ToolchainOf(const ImageRef& image) {
  if (!image.valid) return std::nullopt;
  std::string_view name = RepositoryBaseName(image.repository);
  std::string_view tag = image.tag;
  if (image.registry == "mcr.microsoft.com" && image.repository == "dotnet/sdk") return "the .NET SDK";
  if (image.registry != "docker.io") return std::nullopt;
  // The devel images carry the whole CUDA toolkit (gigabytes); runtime and base do not.
  if (image.repository == "nvidia/cuda" && tag.find("-devel") != std::string_view::npos) {
    return "the CUDA toolkit: nvcc, headers and static libraries";
  }
  if (image.repository == "pytorch/pytorch" && tag.ends_with("-devel")) {
    return "the CUDA toolkit (nvcc) and compilers";
  }
  if (name == "golang") return "the Go toolchain";
  if (name == "rust") return "the Rust toolchain";
  if (name == "gcc") return "GCC";
  if (name == "maven") return "Maven and a JDK";
  if (name == "gradle") return "Gradle and a JDK";
  if (name == "buildpack-deps") return "compilers and -dev packages (buildpack-deps)";
  if ((name == "openjdk" || name == "eclipse-temurin" || name == "amazoncorretto") &&
      tag.find("jre") == std::string_view::npos) {
    return "a JDK";
  }
  if (name == "node" && tag.find("slim") == std::string_view::npos && tag.find("alpine") == std::string_view::npos) {
    return "Node.js with compilers and -dev packages";
  }
  return std::nullopt;
}

bool IsBuildCommand(const ShellCommand& command) {
  std::string name = command.name();
  std::vector<std::string> args = command.args();
  auto has_arg = [&](std::initializer_list<std::string_view> words) {
    for (size_t i = 1; i < args.size(); ++i) {
      if (std::find(words.begin(), words.end(), args[i]) != words.end()) return true;
    }
    return false;
  };
  static constexpr std::array<std::string_view, 11> kCompilers = {"make",    "gcc", "g++",   "cc",    "c++", "clang",
                                                                  "clang++", "tsc", "javac", "cmake", "nvcc"};
  if (std::find(kCompilers.begin(), kCompilers.end(), name) != kCompilers.end()) {
    // `nvcc --version`, `gcc -v`: a smoke test, not a build.
    return !(args.size() == 2 && (args[1] == "--version" || args[1] == "-v" || args[1] == "-V" || args[1] == "--help"));
  }
  if (name == "go") return args.size() > 1 && args[1] == "build";
  if (name == "cargo") return args.size() > 1 && args[1] == "build";
  if (name == "mvn" || name == "mvnw") return has_arg({"package", "install", "verify", "compile"});
  if (name == "gradle" || name == "gradlew") {
    return has_arg({"build", "assemble", "jar", "bootJar", "installDist", "shadowJar"});
  }
  if (name == "dotnet") return args.size() > 1 && (args[1] == "publish" || args[1] == "build");
  if (name == "npm" || name == "yarn" || name == "pnpm") {
    return (args.size() > 2 && args[1] == "run" && StartsWith(args[2], "build")) ||
           (args.size() > 1 && args[1] == "build");
  }
  if (name == "pip" || name == "pip3") return args.size() > 1 && args[1] == "wheel";
  return false;
}

// Package names that are build toolchains, as rules.md SL102 lists them.
bool IsToolchainPackage(std::string_view package) {
  size_t cut = package.find_first_of("=<>~:");
  if (cut != std::string_view::npos) package = package.substr(0, cut);
  static constexpr std::array<std::string_view, 18> kNames = {
      "build-essential", "gcc", "g++", "gcc-c++", "make", "cmake", "build-base", "alpine-sdk", "golang", "go",
      "rustc", "cargo", "default-jdk", "maven", "clang", "autoconf", "automake", "libtool"};
  if (std::find(kNames.begin(), kNames.end(), package) != kNames.end()) return true;
  // gcc-12, g++-12 (versioned compilers), linux-headers.
  if ((StartsWith(package, "gcc-") || StartsWith(package, "g++-")) && package.size() > 4 &&
      std::isdigit(static_cast<unsigned char>(package.back()))) {
    return true;
  }
  if (package == "linux-headers") return true;
  return EndsWith(package, "-dev") || EndsWith(package, "-devel");
}

// Whether a later operation of the same RUN removes the toolchain `install` installed. An
// autoremove alone does not: it takes only packages marked automatic, never one named on an
// install line (unless `apt-mark auto` marked it first, which RemovedLater follows).
bool ToolchainRemovedLater(const shell::RunAnalysis& analysis, const shell::PackageOperation& install,
                           const std::vector<std::string>& toolchain) {
  return std::all_of(toolchain.begin(), toolchain.end(),
                     [&](const std::string& package) { return RemovedLater(analysis, install, package); });
}

std::string JoinFirst(const std::vector<std::string>& items, size_t limit) {
  std::string text;
  for (size_t i = 0; i < items.size() && i < limit; ++i) text += (i ? ", " : "") + items[i];
  if (items.size() > limit) text += fmt::format(" and {} more", items.size() - limit);
  return text;
}

constexpr RuleInfo kSL101{
    "SL101",
    Severity::kWarning,
    "The shipped image is built FROM a compiler/SDK image and compiles in a shipped stage",
    "SDK images (golang, rust, gcc, maven, gradle, a JDK, the .NET SDK, node on buildpack-deps, "
    "buildpack-deps) carry compilers, headers and package caches worth hundreds of megabytes that the "
    "program does not need at run time; the CUDA and PyTorch devel images (`nvidia/cuda:*-devel*`, "
    "`pytorch/pytorch:*-devel`) carry the CUDA toolkit, gigabytes of it. Build in a first stage (`FROM "
    "golang:1.22 AS build`, `FROM nvidia/cuda:12.4.1-devel-ubuntu22.04 AS build` for nvcc) and copy "
    "only the result into a small runtime stage (`FROM gcr.io/distroless/static`, `-slim`, `-alpine`, a "
    "JRE, the CUDA `-runtime` image). Ignore it for images whose purpose is to build (CI runners, dev "
    "containers).",
    "FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN go build -o /app .\nCMD [\"/app\"]",
    "FROM golang:1.22 AS build\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build -o /app .\n\n"
    "FROM gcr.io/distroless/static-debian12\nCOPY --from=build /app /app\nCMD [\"/app\"]",
    false,
    "",
};

constexpr RuleInfo kSL102{
    "SL102",
    Severity::kWarning,
    "A shipped stage installs a build toolchain and does not remove it in the same RUN",
    "Compilers and -dev packages (build-essential, gcc, make, *-dev, build-base, alpine-sdk, ...) are "
    "needed to build native code but stay in the layer, often 100-300 MB. Build in a separate stage and "
    "copy the result, or install and remove them in the same RUN: `apk add --virtual .build-deps gcc "
    "musl-dev && pip install ... && apk del .build-deps`, or `apt-get purge -y --auto-remove gcc` at the "
    "end of the RUN (a removal in a later RUN saves nothing). Ignore it when the image is a build or "
    "development environment.",
    "FROM python:3.12-slim\nRUN apt-get update && apt-get install -y gcc libpq-dev \\\n"
    " && pip install --no-cache-dir psycopg2 && rm -rf /var/lib/apt/lists/*",
    "FROM python:3.12-slim\nRUN apt-get update && apt-get install -y gcc libpq-dev \\\n"
    " && pip install --no-cache-dir psycopg2 \\\n && apt-get purge -y --auto-remove gcc libpq-dev "
    "&& rm -rf /var/lib/apt/lists/*",
    false,
    "",
};

constexpr RuleInfo kSL103{
    "SL103",
    Severity::kInfo,
    "A stage without a name is never used",
    "An unnamed stage that is not the target, not an ancestor of it and not a COPY --from source never "
    "reaches the image; it only costs build time (the classic builder still builds it). Delete it, or "
    "name it (`AS debug`) if it is an alternative --target. Named stages are taken as alternative "
    "targets and not reported.",
    "FROM alpine:3.20\nRUN echo old experiment\n\nFROM alpine:3.20\nCOPY app /app",
    "FROM alpine:3.20\nCOPY app /app",
    false,
    "",
};

}  // namespace

const RuleInfo& ToolchainBaseRule::info() const { return kSL101; }
const RuleInfo& BuildPackagesKeptRule::info() const { return kSL102; }
const RuleInfo& UnusedStageRule::info() const { return kSL103; }

void ToolchainBaseRule::Check(const LintContext& context, std::vector<Finding>* findings) const {
  const dockerfile::Stage* target = TargetStage(context.model);
  if (target == nullptr || context.model.is_fragment) return;
  const dockerfile::Stage& root = RootStage(context.model, *target);
  if (root.base_stage >= 0 || root.base_has_unknown_variables) return;
  std::optional<std::string> toolchain = ToolchainOf(root.base);
  if (!toolchain) return;
  for (const RunView& view : Runs(context)) {
    if (!context.model.Ships(view.stage->index)) continue;
    for (const RunScript& script : view.scripts) {
      for (const ShellCommand& command : script.analysis.script.commands) {
        if (!IsBuildCommand(command)) continue;
        findings->push_back(MakeFinding(
            info(), root, root.from,
            fmt::format("the shipped image is built FROM {} ({}) and runs `{}` (line {}): build in a separate "
                        "stage and copy the result into a small runtime stage",
                        root.base_name, *toolchain, CommandSummary(command), view.run->position.line)));
        return;  // one finding per image
      }
    }
  }
}

void BuildPackagesKeptRule::Check(const LintContext& context, std::vector<Finding>* findings) const {
  ForEachPackageOperation(context, [&](const RunView& view, CommandRef ref, const shell::PackageOperation& op) {
      if (!context.model.Ships(view.stage->index)) return true;
      if (op.action != PackageAction::kInstall || !IsSystemManager(op.manager)) return true;
      std::vector<std::string> toolchain;
      for (const std::string& package : op.packages) {
        if (IsToolchainPackage(package)) toolchain.push_back(package);
      }
      if (toolchain.empty() || ToolchainRemovedLater(view.scripts[ref.script].analysis, op, toolchain)) return true;
      std::string remedy = op.manager == PackageManager::kApk
                               ? "use `apk add --virtual .build-deps … && apk del .build-deps`"
                               : "remove them at the end of the same RUN";
      findings->push_back(view.MakeFinding(
          info(), info().severity, ref,
          fmt::format("`{}` installs build toolchain package{} {} that stay{} in the image: build in a separate "
                      "stage, or {}",
                      op.tool + " " + op.subcommand, toolchain.size() > 1 ? "s" : "", JoinFirst(toolchain, 4),
                      toolchain.size() > 1 ? "" : "s", remedy)));
      return true;
  });
}

void UnusedStageRule::Check(const LintContext& context, std::vector<Finding>* findings) const {
  const dockerfile::BuildModel& model = context.model;
  for (const dockerfile::Stage& stage : model.stages) {
    if (!stage.name.empty() || model.Needs(stage.index) || stage.index == model.target) continue;
    bool used = std::any_of(model.stages.begin(), model.stages.end(), [&](const dockerfile::Stage& other) {
      return other.base_stage == stage.index ||
             std::find(other.copy_sources.begin(), other.copy_sources.end(), stage.index) != other.copy_sources.end();
    });
    if (used) continue;
    findings->push_back(MakeFinding(info(), stage, stage.from,
                                    fmt::format("stage {} (FROM {}) has no name and nothing uses it: it never reaches "
                                                "the image; delete it or name it as an alternative --target",
                                                stage.index, stage.base_name)));
  }
}

}  // namespace slimage::rules
