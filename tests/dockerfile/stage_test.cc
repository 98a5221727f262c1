#include "dockerfile/stage.h"

#include <gtest/gtest.h>

namespace slimage::dockerfile {
namespace {

struct Built {
  ParseResult parse;
  ModelResult model;
};

// The model points into the parse tree, so both live together.
std::unique_ptr<Built> Build(std::string_view source, std::string target = "") {
  auto built = std::make_unique<Built>();
  built->parse = Parse(source);
  EXPECT_TRUE(built->parse.ok()) << built->parse.error->message;
  built->model = BuildStages(built->parse, {std::move(target)});
  return built;
}

std::string ModelError(std::string_view source) {
  auto built = Build(source);
  if (built->model.ok()) return "(no error)";
  const SyntaxError& error = *built->model.error;
  return std::to_string(error.line) + ":" + std::to_string(error.column) + ": " + error.message;
}

TEST(Stages, NamesBasesAndDependencies) {
  auto built = Build(
      "FROM golang:1.22 AS build\n"
      "RUN go build -o /app .\n"
      "FROM node AS assets\n"
      "FROM build AS test\n"
      "FROM gcr.io/distroless/static@sha256:abcd\n"
      "COPY --from=build /app /app\n"
      "COPY --from=1 /x /x\n");
  const BuildModel& model = built->model.model;
  ASSERT_TRUE(built->model.ok());
  ASSERT_EQ(model.stages.size(), 4u);
  EXPECT_EQ(model.stages[0].name, "build");
  EXPECT_EQ(model.stages[0].base.Normalized(), "docker.io/library/golang:1.22");
  EXPECT_EQ(model.stages[1].base.Normalized(), "docker.io/library/node");
  EXPECT_EQ(model.stages[2].base_stage, 0);
  EXPECT_EQ(model.stages[3].base.registry, "gcr.io");
  EXPECT_EQ(model.stages[3].base.repository, "distroless/static");
  EXPECT_EQ(model.stages[3].base.digest, "sha256:abcd");
  EXPECT_EQ(model.stages[3].copy_sources, (std::vector<int>{0, 1}));
  EXPECT_EQ(model.target, 3);
  EXPECT_EQ(model.needed, (std::vector<int>{0, 1, 3}));
  EXPECT_EQ(model.shipped, (std::vector<int>{3}));
  EXPECT_FALSE(model.Needs(2));
}

TEST(Stages, TargetSelectsStageAndItsFromChain) {
  auto built = Build("FROM alpine AS base\nFROM base AS test\nRUN true\nFROM scratch\n", "TEST");
  const BuildModel& model = built->model.model;
  EXPECT_EQ(model.target, 1);
  EXPECT_EQ(model.shipped, (std::vector<int>{1, 0}));
  EXPECT_TRUE(model.Ships(0));
  EXPECT_FALSE(model.Ships(2));

  auto missing = Build("FROM alpine AS base\n", "nope");
  ASSERT_TRUE(missing->model.target_error.has_value());
  EXPECT_EQ(*missing->model.target_error, "target stage \"nope\" could not be found");
}

TEST(Stages, MetaArgsOnlyVisibleInFromAndAfterBareRedeclaration) {
  auto built = Build(
      "ARG VERSION=3.19\n"
      "ARG BASE=alpine\n"
      "FROM ${BASE}:${VERSION}\n"
      "WORKDIR /v$VERSION\n"
      "ARG VERSION\n"
      "WORKDIR /v$VERSION\n");
  const BuildModel& model = built->model.model;
  ASSERT_EQ(model.meta_args.size(), 2u);
  ASSERT_EQ(model.stages.size(), 1u);
  EXPECT_EQ(model.stages[0].base_name, "alpine:3.19");
  EXPECT_EQ(model.stages[0].base.tag, "3.19");
  const std::vector<Instruction>& ins = model.stages[0].instructions;
  ASSERT_EQ(ins.size(), 3u);
  EXPECT_EQ(ins[0].expanded_args, (std::vector<std::string>{"/v"}));
  EXPECT_EQ(ins[2].expanded_args, (std::vector<std::string>{"/v3.19"}));
}

TEST(Stages, EnvAndArgExpandLaterInstructionsAndStageInheritsEnv) {
  auto built = Build(
      "FROM alpine AS base\n"
      "ENV APP=/srv/app\n"
      "ARG PKGS=\"git vim\"\n"
      "COPY . $APP\n"
      "RUN apk add $PKGS\n"
      "FROM base\n"
      "WORKDIR $APP\n");
  const BuildModel& model = built->model.model;
  const std::vector<Instruction>& first = model.stages[0].instructions;
  EXPECT_EQ(first[0].pairs[0].key, "APP");
  EXPECT_EQ(first[0].pairs[0].value, "/srv/app");
  EXPECT_EQ(first[1].pairs[0].value, "git vim");
  EXPECT_EQ(first[2].expanded_args, (std::vector<std::string>{".", "/srv/app"}));
  EXPECT_EQ(first[3].command, "apk add $PKGS");
  EXPECT_EQ(first[3].env.Find("PKGS"), "git vim");
  EXPECT_EQ(model.stages[1].instructions[0].expanded_args, (std::vector<std::string>{"/srv/app"}));
}

TEST(Stages, RunCommandMapsBackToFilePositions) {
  auto built = Build("FROM alpine\nRUN --mount=type=cache,target=/var/cache/apk \\\n    apk add curl\n");
  const Instruction& run = built->model.model.stages[0].instructions[0];
  EXPECT_EQ(run.command, "apk add curl");  // the argument text is trimmed
  ASSERT_NE(run.FindFlag("mount"), nullptr);
  EXPECT_EQ(*run.FindFlag("mount")->value, "type=cache,target=/var/cache/apk");
  EXPECT_EQ(run.position.line, 2);
  EXPECT_EQ(run.position.column, 1);
  SourcePosition curl = run.CommandPosition(run.command.find("curl"));
  EXPECT_EQ(curl.line, 3);
  EXPECT_EQ(curl.column, 13);
  EXPECT_EQ(run.end_line, 3);
}

TEST(Stages, OnbuildTriggerIsTyped) {
  auto built = Build("FROM alpine\nONBUILD RUN apt-get update\n");
  const Instruction& onbuild = built->model.model.stages[0].instructions[0];
  ASSERT_EQ(onbuild.trigger.size(), 1u);
  EXPECT_EQ(onbuild.trigger[0].kind, InstructionKind::kRun);
  EXPECT_EQ(onbuild.trigger[0].command, "apt-get update");
  EXPECT_EQ(onbuild.trigger[0].CommandPosition(0).column, 13);
}

TEST(Stages, FragmentWithoutFromIsOneStage) {
  auto built = Build("RUN apt-get update\n");
  EXPECT_TRUE(built->model.ok());
  EXPECT_TRUE(built->model.model.is_fragment);
  ASSERT_EQ(built->model.model.stages.size(), 1u);
  EXPECT_EQ(built->model.model.stages[0].instructions.size(), 1u);
}

TEST(Stages, InstructionsBuildkitRejects) {
  EXPECT_EQ(ModelError("FROM a\nFROBNICATE x\n"), "2:1: unknown instruction: FROBNICATE");
  EXPECT_EQ(ModelError("FROM a b\n"), "1:1: FROM requires either one or three arguments");
  EXPECT_EQ(ModelError("FROM a AS 1x\n"),
            "1:1: invalid name for build stage: \"1x\", name can't start with a number or contain symbols");
  EXPECT_EQ(ModelError("FROM a\nCOPY --frm=b x y\n"), "2:1: unknown flag: frm");
  EXPECT_EQ(ModelError("FROM a\nCOPY --from x y\n"), "2:1: Missing a value on flag: from");
  EXPECT_EQ(ModelError("FROM a\nCMD --x [\"a\"]\n"), "2:1: unknown flag: x");
  EXPECT_EQ(ModelError("FROM a\nCOPY x\n"), "2:1: COPY requires at least two arguments");
  EXPECT_EQ(ModelError("FROM a\nENV\n"), "2:1: ENV requires at least one argument");
  EXPECT_EQ(ModelError("FROM a\nWORKDIR\n"), "2:1: WORKDIR requires exactly one argument");
  EXPECT_EQ(ModelError("FROM a\nONBUILD ONBUILD RUN x\n"), "2:1: Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed");
  EXPECT_EQ(ModelError("FROM a\nONBUILD FROM b\n"), "2:1: FROM isn't allowed as an ONBUILD trigger");
  EXPECT_EQ(ModelError("FROM a\nHEALTHCHECK CMDX x\n"), "2:1: Unknown type \"CMDX\" in HEALTHCHECK (try CMD)");
  EXPECT_EQ(ModelError("FROM a\nHEALTHCHECK NONE x\n"), "2:1: HEALTHCHECK NONE takes no arguments");
  EXPECT_EQ(ModelError("RUN x\nFROM a\n"), "1:1: no build stage in context");
  EXPECT_EQ(ModelError("ARG A=1\nFROM a\nCOPY --link --chmod=755 x /y\n"), "(no error)");
}

TEST(ImageRefs, NormalisedLikeDocker) {
  EXPECT_EQ(ParseImageRef("node").Normalized(), "docker.io/library/node");
  EXPECT_EQ(ParseImageRef("library/node:20-slim").Normalized(), "docker.io/library/node:20-slim");
  EXPECT_EQ(ParseImageRef("bitnami/redis:7").repository, "bitnami/redis");
  EXPECT_EQ(ParseImageRef("index.docker.io/foo").Normalized(), "docker.io/library/foo");
  ImageRef local = ParseImageRef("localhost:5000/team/app:1.0");
  EXPECT_EQ(local.registry, "localhost:5000");
  EXPECT_EQ(local.repository, "team/app");
  EXPECT_EQ(local.tag, "1.0");
  EXPECT_TRUE(local.valid);
  EXPECT_TRUE(ParseImageRef("scratch").is_scratch());
  EXPECT_FALSE(ParseImageRef("Node").valid);
  EXPECT_FALSE(ParseImageRef("node:").valid);
  EXPECT_FALSE(ParseImageRef("").valid);
  EXPECT_FALSE(ParseImageRef("node@sha256:").valid);
}

}  // namespace
}  // namespace slimage::dockerfile

namespace slimage::dockerfile {
namespace {

TEST(Stages, HostileInstructionCountIsCapped) {
  std::string source = "FROM a\n";
  for (int i = 0; i < 10000; ++i) source += "ENV A=1\n";
  EXPECT_EQ(ModelError(source), "10001:1: more than 10000 instructions: not analysed");
}

}  // namespace
}  // namespace slimage::dockerfile
