#include "rules/debuggability.h"

#include <string_view>

#include <fmt/format.h>

#include "rules/rule_helpers.h"

namespace slimage::rules {
namespace {

constexpr RuleInfo kSL801{
    "SL801",
    Severity::kInfo,
    "The image has no shell and the Dockerfile has no debug target",
    "scratch and distroless images are the smallest, but `docker exec -it … sh` fails during an "
    "incident. Keep the shipped image shell-less and add a second target that is never deployed: "
    "`FROM app AS debug` + `COPY --from=busybox:musl /bin/ /bin/` (about 1 MB), or the same COPY lines "
    "on a `:debug` distroless base; build it with `docker build --target debug`. A stage with a shell "
    "named as a published variant (`alpine`, `debug`, `shell`, `busybox`, `*-debug`) is such a target "
    "even when the image copies from it. Ignore it when you "
    "debug with ephemeral containers (`kubectl debug`) or `docker debug`.",
    "FROM golang:1.22 AS build\nRUN CGO_ENABLED=0 go build -o /app .\n\nFROM scratch AS app\n"
    "COPY --from=build /app /app\nENTRYPOINT [\"/app\"]",
    "FROM golang:1.22 AS build\nRUN CGO_ENABLED=0 go build -o /app .\n\nFROM scratch AS app\n"
    "COPY --from=build /app /app\nENTRYPOINT [\"/app\"]\n\nFROM app AS debug\n"
    "COPY --from=busybox:musl /bin/ /bin/",
    false,
    "",
};

// A stage whose name says it is a published variant of the image (`--target alpine`, `--target
// debug`): a debug target even when another stage copies from it.
bool NamedAsPublishedVariant(std::string_view name) {
  return name == "alpine" || name == "debug" || name == "shell" || name == "busybox" || name.ends_with("-debug");
}

}  // namespace

const RuleInfo& NoDebugTargetRule::info() const { return kSL801; }

void NoDebugTargetRule::Check(const LintContext& context, std::vector<Finding>* findings) const {
  const dockerfile::BuildModel& model = context.model;
  const dockerfile::Stage* target = TargetStage(model);
  if (target == nullptr || model.is_fragment || StageHasShell(model, *target)) return;
  for (const dockerfile::Stage& stage : model.stages) {
    // Another target: a stage the shipped image does not need (a build stage is not one), or one
    // named as a published variant that the shipped image copies from.
    if (stage.index == target->index || model.Ships(stage.index)) continue;
    if (model.Needs(stage.index) && !NamedAsPublishedVariant(stage.name)) continue;
    if (StageHasShell(model, stage)) return;
  }
  const dockerfile::Stage& root = RootStage(model, *target);
  std::string app = target->name.empty() ? "<app-stage>" : target->name;
  findings->push_back(MakeFinding(
      info(), *target, target->from,
      fmt::format("the image (FROM {}) has no shell and no other target has one: `docker exec -it … sh` will fail; "
                  "add `FROM {} AS debug` + `COPY --from=busybox:musl /bin/ /bin/` and build it with "
                  "`docker build --target debug`",
                  root.base_name, app)));
}

}  // namespace slimage::rules
