#include "rules/static_linking.h"

#include <algorithm>
#include <array>
#include <optional>

#include <fmt/format.h>

#include "rules/rule_helpers.h"
#include "rules/run_scan.h"

namespace slimage::rules {
namespace {

using dockerfile::Instruction;
using dockerfile::InstructionKind;
using dockerfile::Stage;
using shell::ShellCommand;

bool Contains(std::string_view text, std::string_view part) { return text.find(part) != std::string_view::npos; }

bool IsStaticBase(const dockerfile::ImageRef& image) {
  return image.is_scratch() ||
         (image.valid && image.registry == "gcr.io" && image.repository.rfind("distroless/static", 0) == 0);
}

// Why the command's output is probably dynamically linked, or nullopt.
std::optional<std::string> DynamicBuildReason(const RunView& run, CommandRef index, const Stage& root) {
  const ShellCommand& command = run.Command(index);
  std::vector<std::string> args = command.args();
  std::string joined;
  for (const std::string& arg : args) joined += arg + " ";
  std::string name = command.name();
  if (name == "go" && args.size() > 1 && args[1] == "build") {
    std::optional<std::string> cgo = VariableFor(run, index, "CGO_ENABLED");
    if (cgo && *cgo == "0") return std::nullopt;
    if (Contains(joined, "netgo") && Contains(joined, "-extldflags") && Contains(joined, "-static")) return std::nullopt;
    return "without CGO_ENABLED=0";
  }
  if (name == "cargo" && args.size() > 1 && args[1] == "build") {
    if (Contains(joined, "-musl") || Contains(root.base.tag, "alpine")) return std::nullopt;
    // Another explicit target (wasm32-wasi, a cross target) is not a native glibc binary.
    if (Contains(joined, "--target") && !Contains(joined, "linux-gnu")) return std::nullopt;
    std::optional<std::string> target = VariableFor(run, index, "CARGO_BUILD_TARGET");
    if (target && Contains(*target, "musl")) return std::nullopt;
    std::optional<std::string> flags = VariableFor(run, index, "RUSTFLAGS");
    if (flags && Contains(*flags, "crt-static")) return std::nullopt;
    return "without a *-musl target";
  }
  static constexpr std::array<std::string_view, 6> kCompilers = {"gcc", "g++", "cc", "c++", "clang", "clang++"};
  if (std::find(kCompilers.begin(), kCompilers.end(), name) != kCompilers.end()) {
    bool compile_only = std::find(args.begin(), args.end(), "-c") != args.end();
    bool is_static = std::any_of(args.begin(), args.end(), [](const std::string& a) { return a.rfind("-static", 0) == 0; });
    if (compile_only || is_static) return std::nullopt;
    return "without -static";
  }
  return std::nullopt;
}

bool IsShellForm(const Instruction& ins) {
  if (ins.json_form) return false;
  switch (ins.kind) {
    case InstructionKind::kRun:
    case InstructionKind::kCmd:
    case InstructionKind::kEntrypoint:
      return !ins.args.empty();
    case InstructionKind::kHealthcheck:
      return ins.args.size() > 1 && (ins.args[0] == "CMD" || ins.args[0] == "cmd");
    default:
      return false;
  }
}

constexpr RuleInfo kSL501{
    "SL501",
    Severity::kError,
    "A binary copied into scratch or distroless/static was probably linked dynamically",
    "scratch and gcr.io/distroless/static have no C library and no dynamic loader. A Go binary built "
    "with cgo (the default in golang images), a Rust binary for a glibc target, or a C program linked "
    "without -static needs them and fails with `exec … no such file or directory`. Build it static: "
    "`CGO_ENABLED=0 go build`, `cargo build --target x86_64-unknown-linux-musl`, `gcc -static`; or "
    "use a base with a libc (gcr.io/distroless/base, cc). `slimage analyze` checks the real binary "
    "(IM301). Ignore it when the build is static by other means this rule cannot see.",
    "FROM golang:1.22 AS build\nRUN go build -o /app .\n\nFROM scratch\nCOPY --from=build /app /app\n"
    "ENTRYPOINT [\"/app\"]",
    "FROM golang:1.22 AS build\nRUN CGO_ENABLED=0 go build -o /app .\n\nFROM scratch\n"
    "COPY --from=build /app /app\nENTRYPOINT [\"/app\"]",
    false,
    "",
};

constexpr RuleInfo kSL502{
    "SL502",
    Severity::kError,
    "Shell form CMD/ENTRYPOINT/HEALTHCHECK/RUN in an image without a shell",
    "The shell form (`CMD node server.js`) runs `/bin/sh -c \"…\"`. scratch and distroless images "
    "(except their :debug variants) have no /bin/sh, so the container (or the RUN) fails with `exec: "
    "\"/bin/sh\": no such file or directory`. Use the exec (JSON) form: `CMD [\"node\", \"server.js\"]`. "
    "Ignore it when the stage copies a shell in (busybox).",
    "FROM gcr.io/distroless/nodejs20-debian12\nCOPY . /app\nCMD node /app/server.js",
    "FROM gcr.io/distroless/nodejs20-debian12\nCOPY . /app\nCMD [\"/app/server.js\"]",
    false,
    "",
};

constexpr RuleInfo kSL503{
    "SL503",
    Severity::kInfo,
    "A scratch final stage that makes TLS connections has no CA certificates",
    "scratch is empty: without /etc/ssl/certs/ca-certificates.crt every HTTPS request fails with "
    "`x509: certificate signed by unknown authority`. Copy the bundle from the build stage "
    "(`COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/`, about 200 KB) or use "
    "gcr.io/distroless/static, which has it. It is reported when the final stage's own instructions "
    "name an https:// URL (a CMD argument, an ENV), the sources built into it use TLS (net/http, "
    "crypto/tls, reqwest, rustls) or the build stage installs ca-certificates; a URL a build stage only "
    "downloads from does not count. Ignore it when the program makes no outbound TLS connections or "
    "embeds its own roots.",
    "FROM golang:1.22 AS build\nRUN CGO_ENABLED=0 go build -o /app .\n\nFROM scratch\n"
    "COPY --from=build /app /app\nENTRYPOINT [\"/app\", \"--upstream=https://api.example.com\"]",
    "FROM golang:1.22 AS build\nRUN CGO_ENABLED=0 go build -o /app .\n\nFROM scratch\n"
    "COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/\nCOPY --from=build /app /app\n"
    "ENTRYPOINT [\"/app\", \"--upstream=https://api.example.com\"]",
    false,
    "",
};

}  // namespace

const RuleInfo& DynamicBinaryInStaticBaseRule::info() const { return kSL501; }
const RuleInfo& ShellFormWithoutShellRule::info() const { return kSL502; }
const RuleInfo& ScratchWithoutCaCertificatesRule::info() const { return kSL503; }

void DynamicBinaryInStaticBaseRule::Check(const LintContext& context, std::vector<Finding>* findings) const {
  const dockerfile::BuildModel& model = context.model;
  const Stage* target = TargetStage(model);
  if (target == nullptr || model.is_fragment) return;
  const Stage& root = RootStage(model, *target);
  if (root.base_stage >= 0 || !IsStaticBase(root.base)) return;
  for (const Stage& stage : model.stages) {
    if (!model.Ships(stage.index)) continue;
    ForEachInstruction(stage, [&](const Instruction& ins) {
      if (ins.kind != InstructionKind::kCopy) return;
      const dockerfile::Flag* from = ins.FindFlag("from");
      if (from == nullptr || !from->value) return;
      const Stage* source = model.FindStage(*from->value);
      if (source == nullptr || source->index >= stage.index) return;
      const Stage& source_root = RootStage(model, *source);
      // The build may be in the source stage or in a stage it is built FROM.
      for (const Stage* builder = source; builder != nullptr;) {
        for (const RunView& run : Runs(context)) {
          if (run.stage != builder) continue;
          for (size_t s = 0; s < run.scripts.size(); ++s) {
            for (size_t i = 0; i < run.scripts[s].analysis.script.commands.size(); ++i) {
              std::optional<std::string> reason = DynamicBuildReason(run, CommandRef{s, i}, source_root);
              if (!reason) continue;
              findings->push_back(MakeFinding(
                  info(), stage, ins,
                  fmt::format("COPY --from={} copies into {} what `{}` (line {}) built {}: a dynamically linked "
                              "binary will not start there (exec … no such file or directory)",
                              *from->value, root.base_name, CommandSummary(run.Command(CommandRef{s, i})),
                              run.run->position.line, *reason)));
              return;
            }
          }
        }
        int parent = builder->base_stage;
        builder = parent >= 0 && parent < builder->index ? &model.stages[static_cast<size_t>(parent)] : nullptr;
      }
    });
  }
}

void ShellFormWithoutShellRule::Check(const LintContext& context, std::vector<Finding>* findings) const {
  const dockerfile::BuildModel& model = context.model;
  if (model.is_fragment) return;
  for (const Stage& stage : model.stages) {
    const Stage& root = RootStage(model, stage);
    if (root.base_stage >= 0 || root.base_has_unknown_variables || !ImageHasNoShell(root.base)) continue;
    if (StageChainAddsShell(model, stage)) continue;
    ForEachInstruction(stage, [&](const Instruction& ins) {
      if (!IsShellForm(ins)) return;
      std::string_view what = ins.kind == InstructionKind::kRun ? "the build fails" : "the container fails";
      std::string name(dockerfile::KindName(ins.kind));
      if (ins.kind == InstructionKind::kHealthcheck) name = "HEALTHCHECK CMD";
      findings->push_back(MakeFinding(
          info(), stage, ins,
          fmt::format("shell form {} in a stage built FROM {}, which has no /bin/sh: {}; use the exec form "
                      "{} [\"…\"]",
                      name, root.base_name, what, name)));
    });
  }
}

void ScratchWithoutCaCertificatesRule::Check(const LintContext& context, std::vector<Finding>* findings) const {
  const dockerfile::BuildModel& model = context.model;
  const Stage* target = TargetStage(model);
  if (target == nullptr || model.is_fragment) return;
  const Stage& root = RootStage(model, *target);
  if (root.base_stage >= 0 || !root.base.is_scratch()) return;
  // An export stage (`FROM scratch AS output` + `COPY --from=build /out /`, for `--output`) runs
  // nothing: no ENTRYPOINT or CMD, and every COPY unpacks a folder into /.
  bool export_only = true;
  for (const Stage* stage = target; stage != nullptr;) {
    ForEachInstruction(*stage, [&](const Instruction& ins) {
      if (ins.kind == InstructionKind::kEntrypoint || ins.kind == InstructionKind::kCmd) export_only = false;
      const auto& args = ins.expanded_args.empty() ? ins.args : ins.expanded_args;
      bool copy = ins.kind == InstructionKind::kCopy || ins.kind == InstructionKind::kAdd;
      if (copy && (args.empty() || args.back() != "/")) export_only = false;
    });
    int parent = stage->base_stage;
    stage = parent >= 0 && parent < stage->index ? &model.stages[static_cast<size_t>(parent)] : nullptr;
  }
  if (export_only) return;
  std::string reason;
  for (const Stage& stage : model.stages) {
    bool copies_certificates = false;
    ForEachInstruction(stage, [&](const Instruction& ins) {
      if (model.Ships(stage.index) && (ins.kind == InstructionKind::kCopy || ins.kind == InstructionKind::kAdd)) {
        for (const std::string& arg : CopySources(ins)) {
          if (Contains(arg, "/etc/ssl") || Contains(arg, "ca-certificates") || Contains(arg, "ca-bundle") ||
              Contains(arg, "cacert")) {
            copies_certificates = true;
          }
        }
      }
      if (ins.kind == InstructionKind::kLabel || ins.kind == InstructionKind::kMaintainer || ins.line_node == nullptr) {
        return;
      }
      if (!reason.empty()) return;
      std::string text = ins.line_node->original;
      for (const dockerfile::Heredoc& heredoc : ins.heredocs()) text += "\n" + heredoc.content;
      for (std::string_view marker : {"https://", "net/http", "crypto/tls", "reqwest", "rustls"}) {
        // A URL says something about the runtime only in the final image's own instructions (a
        // CMD argument, an ENV): what a build stage downloads from is fetched at build time.
        if (marker == "https://" && !model.Ships(stage.index)) continue;
        if (Contains(text, marker)) {
          reason = fmt::format("line {} mentions {}", ins.position.line, marker);
          break;
        }
      }
    });
    if (copies_certificates) return;
    if (reason.empty()) {
      ForEachPackageOperation(context, [&](const RunView& run, CommandRef, const shell::PackageOperation& op) {
        if (run.stage == &stage && op.action == shell::PackageAction::kInstall &&
            std::find(op.packages.begin(), op.packages.end(), "ca-certificates") != op.packages.end()) {
          reason = fmt::format("line {} installs ca-certificates", run.run->position.line);
        }
        return true;
      });
    }
  }
  if (reason.empty()) return;
  findings->push_back(MakeFinding(
      info(), *target, target->from,
      fmt::format("the final stage is FROM scratch and nothing copies /etc/ssl/certs, but {}: HTTPS requests will "
                  "fail (x509: certificate signed by unknown authority)",
                  reason)));
}

}  // namespace slimage::rules
