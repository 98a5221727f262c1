// SL201's messages: the ladder of each family, with the catalogue's sizes where it has them and
// none where it does not (data/base-images.SOURCE.md). Which lines fire is in
// tests/rules/cases/SL201/; this checks what the message says.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "support/run_cli.h"

namespace slimage::testing {
namespace {

// The SL201 messages for a Dockerfile given as text.
std::vector<std::string> Sl201Messages(const std::string& dockerfile) {
  // One folder per process: ctest runs each test as its own process, two at a time, and a
  // shared file let one test read the other's Dockerfile (a flaky SmallerBaseRuleTest under ASan).
  std::filesystem::path dir = std::filesystem::path(::testing::TempDir()) / ("sl201-" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  std::filesystem::path path = dir / "Dockerfile";
  std::ofstream(path, std::ios::binary | std::ios::trunc) << dockerfile;
  CliResult result = RunCli({"lint", "--format", "json", "--fail-on", "none", path.string()});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  std::vector<std::string> messages;
  nlohmann::json document = nlohmann::json::parse(result.out);
  for (const auto& finding : document.at("files").at(0).at("findings")) {
    if (finding.at("rule") == "SL201") messages.push_back(finding.at("message").get<std::string>());
  }
  return messages;
}

std::string OnlyMessage(const std::string& dockerfile) {
  std::vector<std::string> messages = Sl201Messages(dockerfile);
  EXPECT_EQ(messages.size(), 1u) << dockerfile;
  return messages.empty() ? std::string() : messages[0];
}

TEST(SmallerBaseRuleTest, NodeLadderQuotesTheCatalogueSizes) {
  std::string message = OnlyMessage("FROM node:24\nCMD [\"node\", \"server.js\"]\n");
  EXPECT_EQ(message,
            "node:24 (409.8 MB) is the full variant; smaller official variants: node:24-slim (80.8 MB; Debian slim: "
            "no compilers, -dev headers or docs), node:24-alpine (58.5 MB; musl libc: glibc binaries and some "
            "native modules break), gcr.io/distroless/nodejs24-debian12 (no shell, no package manager) "
            "[compressed linux/amd64 sizes, read up to 2026-09-19]");
}

TEST(SmallerBaseRuleTest, OpenJdkIsDeprecatedAndMovesToItsJreAndToTemurin) {
  std::string message = OnlyMessage("FROM openjdk:11-jdk-slim\nCMD [\"java\", \"-jar\", \"/app.jar\"]\n");
  EXPECT_EQ(message,
            "openjdk:11-jdk-slim is a JDK from the deprecated openjdk image (no updates); smaller images: "
            "openjdk:11-jre-slim (a JRE: no javac or jlink; still the deprecated image, no updates), "
            "eclipse-temurin:11-jre (a maintained JRE: no javac or jlink), eclipse-temurin:11-jre-alpine (musl "
            "libc: glibc binaries and some native modules break)");
}

TEST(SmallerBaseRuleTest, OpenJdkAfter11HasNoJreTagAndQuotesTemurinSizes) {
  std::string message = OnlyMessage("FROM openjdk:25\nCMD [\"java\", \"-jar\", \"/app.jar\"]\n");
  EXPECT_NE(message.find("openjdk:25 is a JDK from the deprecated openjdk image"), std::string::npos) << message;
  EXPECT_EQ(message.find("openjdk:25-jre"), std::string::npos) << message;
  // eclipse-temurin:25-jre is in the catalogue (116810071 bytes, 2026-09-25).
  EXPECT_NE(message.find("eclipse-temurin:25-jre (116.8 MB; a maintained JRE"), std::string::npos) << message;
  EXPECT_NE(message.find("[compressed linux/amd64 sizes, read up to 2026-09-25]"), std::string::npos) << message;
}

TEST(SmallerBaseRuleTest, OpenJdkAlpineStaysOnAlpine) {
  std::string message = OnlyMessage("FROM openjdk:8-jdk-alpine\nCMD [\"java\", \"-jar\", \"/app.jar\"]\n");
  EXPECT_NE(message.find("openjdk:8-jre-alpine ("), std::string::npos) << message;
  EXPECT_NE(message.find("eclipse-temurin:8-jre-alpine ("), std::string::npos) << message;
  EXPECT_EQ(message.find("eclipse-temurin:8-jre ("), std::string::npos) << message;
}

TEST(SmallerBaseRuleTest, DotnetSdkLadderHasNoInventedSizes) {
  std::string message = OnlyMessage("FROM mcr.microsoft.com/dotnet/sdk:8.0\nENTRYPOINT [\"dotnet\", \"Api.dll\"]\n");
  EXPECT_EQ(message,
            "mcr.microsoft.com/dotnet/sdk:8.0 is the .NET SDK used as a runtime; smaller official images: "
            "mcr.microsoft.com/dotnet/aspnet:8.0 (the ASP.NET Core runtime (dotnet/runtime for other apps): no "
            "SDK, compilers or NuGet caches), mcr.microsoft.com/dotnet/aspnet:8.0-alpine (musl libc and "
            "globalization-invariant mode (no ICU)), mcr.microsoft.com/dotnet/aspnet:8.0-noble-chiseled (Ubuntu "
            "chiseled: no shell, no package manager, no ICU or tzdata)");
}

TEST(SmallerBaseRuleTest, DotnetAlpineSdkAndOldVersions) {
  std::string alpine = OnlyMessage("FROM mcr.microsoft.com/dotnet/sdk:9.0-alpine\nENTRYPOINT [\"dotnet\", \"a.dll\"]\n");
  EXPECT_EQ(alpine.find("aspnet:9.0 ("), std::string::npos) << alpine;
  EXPECT_NE(alpine.find("aspnet:9.0-alpine ("), std::string::npos) << alpine;
  // Chiseled images exist from .NET 8 on.
  std::string old = OnlyMessage("FROM mcr.microsoft.com/dotnet/sdk:6.0\nENTRYPOINT [\"dotnet\", \"a.dll\"]\n");
  EXPECT_NE(old.find("aspnet:6.0-alpine"), std::string::npos) << old;
  EXPECT_EQ(old.find("chiseled"), std::string::npos) << old;
  // An SDK version tag (8.0.100) moves to the runtime's major.minor tag.
  std::string patch = OnlyMessage("FROM mcr.microsoft.com/dotnet/sdk:8.0.100-bookworm-slim\nCMD [\"dotnet\"]\n");
  EXPECT_NE(patch.find("mcr.microsoft.com/dotnet/aspnet:8.0 ("), std::string::npos) << patch;
  EXPECT_EQ(patch.find("aspnet:8.0.100"), std::string::npos) << patch;
}

TEST(SmallerBaseRuleTest, CudaDevelToRuntimeToBase) {
  std::string message = OnlyMessage("FROM nvidia/cuda:11.8.0-cudnn8-devel-ubuntu22.04\nCMD [\"python3\"]\n");
  EXPECT_EQ(message,
            "nvidia/cuda:11.8.0-cudnn8-devel-ubuntu22.04 is the CUDA devel image (the whole CUDA toolkit, "
            "gigabytes a step); smaller official variants: nvidia/cuda:11.8.0-cudnn8-runtime-ubuntu22.04 (the "
            "CUDA libraries without nvcc, headers or static libraries: build in a devel stage), "
            "nvidia/cuda:11.8.0-base-ubuntu22.04 (only the CUDA runtime (cudart): copy or install the libraries "
            "you use (cuBLAS, cuDNN, ...))");
}

TEST(SmallerBaseRuleTest, PytorchDevelToRuntime) {
  std::string message = OnlyMessage("FROM pytorch/pytorch:2.3.0-cuda12.1-cudnn8-devel\nCMD [\"python\"]\n");
  EXPECT_EQ(message,
            "pytorch/pytorch:2.3.0-cuda12.1-cudnn8-devel is the PyTorch devel image (the CUDA toolkit and "
            "compilers); smaller official variant: pytorch/pytorch:2.3.0-cuda12.1-cudnn8-runtime (PyTorch and the "
            "CUDA libraries without nvcc or headers: build CUDA extensions in a devel stage)");
}

TEST(SmallerBaseRuleTest, RuntimeAndBaseVariantsAreNotReported) {
  EXPECT_TRUE(Sl201Messages("FROM nvidia/cuda:12.4.1-base-ubuntu22.04\nCMD [\"/app\"]\n").empty());
  EXPECT_TRUE(Sl201Messages("FROM nvidia/cuda:12.4.1-runtime-ubuntu22.04\nCMD [\"/app\"]\n").empty());
  EXPECT_TRUE(Sl201Messages("FROM mcr.microsoft.com/dotnet/runtime:8.0\nCMD [\"dotnet\"]\n").empty());
  EXPECT_TRUE(Sl201Messages("FROM openjdk:11-jre\nCMD [\"java\"]\n").empty());
  // A preview SDK: the runtime images of a preview are tagged differently.
  EXPECT_TRUE(Sl201Messages("FROM mcr.microsoft.com/dotnet/sdk:11.0.100-preview.7-alpine3.24\nCMD [\"dotnet\"]\n").empty());
  // A registry mirror of another project is not the official image.
  EXPECT_TRUE(Sl201Messages("FROM ghcr.io/example/cuda:12.4.1-devel-ubuntu22.04\nCMD [\"/app\"]\n").empty());
}

}  // namespace
}  // namespace slimage::testing
