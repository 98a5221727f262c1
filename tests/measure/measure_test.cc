// The measure engine against a builder that answers in memory: each "build" turns the
// Dockerfile's RUN lines into layers (apt lists kept unless the same RUN removes them,
// recommends unless --no-install-recommends, a whiteout layer for a separate rm), so the deltas
// are real analyses of real (in-memory) archives.
#include "measure/measure.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "support/image_builder.h"
#include "support/in_memory_image.h"

namespace slimage::measure {
namespace {

using testing::File;
using testing::TestImage;
using testing::TestLayer;

std::string ReadAll(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

class FakeBuilder : public Builder {
 public:
  std::string Name() const override { return "fake"; }

  Expected<BuildOutcome> Build(const BuildRequest& request, const OutputSink& progress) override {
    const std::string text = ReadAll(request.dockerfile);
    dockerfiles.push_back(request.dockerfile);
    built_texts.push_back(text);
    if (progress) progress("Step 1/1 : building\n");
    if (text.find("nosuchpackage") != std::string::npos) {
      return BuildOutcome{false, "", {"E: Unable to locate package nosuchpackage", "returned a non-zero code: 100"}};
    }
    TestImage image;
    std::istringstream lines(text);
    std::string line;
    std::string run;
    auto flush = [&] {
      if (run.empty()) return;
      TestLayer layer;
      layer.created_by = "/bin/sh -c " + run;
      const bool update = run.find("apt-get update") != std::string::npos;
      const bool clean = run.find("rm -rf /var/lib/apt/lists/*") != std::string::npos;
      if (update && !clean) layer.items.push_back(File("var/lib/apt/lists/index", std::string(50000, 'l')));
      if (!update && clean) layer.items.push_back(File("var/lib/apt/lists/.wh.index", ""));
      if (run.find("install") != std::string::npos) {
        layer.items.push_back(File("usr/bin/curl", std::string(3000, 'c')));
        if (run.find("--no-install-recommends") == std::string::npos) {
          layer.items.push_back(File("usr/bin/killall", std::string(7000, 'k')));
        }
        if (run.find("ca-certificates") != std::string::npos || run.find("--no-install-recommends") == std::string::npos) {
          layer.items.push_back(File("etc/ssl/certs/ca-certificates.crt", std::string(200, 'a')));
        }
      }
      if (layer.items.empty()) layer.items.push_back(File("tmp/.keep", ""));
      image.layers.push_back(layer);
      run.clear();
    };
    while (std::getline(lines, line)) {
      if (line.rfind("RUN ", 0) == 0) {
        flush();
        run = line.substr(4);
      } else if (!run.empty() && line.rfind("    ", 0) == 0) {
        run += " " + line.substr(4);
      } else {
        flush();
      }
      if (!run.empty() && !run.ends_with("\\")) flush();
    }
    flush();
    TestLayer base;
    base.items = {File("bin/sh", "#!"), File("usr/lib/base", std::string(1000, 'b'))};
    image.layers.insert(image.layers.begin(), base);
    images[request.tag] = testing::MakeDockerArchive(image, request.tag);
    return BuildOutcome{true, "sha256:" + std::to_string(images.size()), {}};
  }

  Expected<RunOutcome> Run(const RunRequest& request) override {
    runs.push_back(request);
    if (run_times_out) return RunOutcome{true, 0, "", ""};
    auto model = testing::ModelFromArchive(images.at(request.image));
    if (!model) return model.error();
    // The smoke command needs killall (a Recommends of procps).
    const bool killall = model->filesystem.count("/usr/bin/killall") != 0;
    return RunOutcome{false, killall ? 0 : 127, killall ? "ok\n" : "", ""};
  }

  Expected<analysis::ImageModel> Read(const std::string& tag, const analysis::AnalyzeOptions& options) override {
    return testing::ModelFromArchive(images.at(tag), options);
  }

  Expected<void> Remove(const std::string& tag) override {
    removed.push_back(tag);
    return {};
  }

  std::map<std::string, std::string> images;
  std::vector<std::string> dockerfiles;
  std::vector<std::string> built_texts;
  std::vector<RunRequest> runs;
  std::vector<std::string> removed;
  bool run_times_out = false;
};

constexpr const char* kApt =
    "FROM debian:12\n"
    "RUN apt-get update && apt-get install -y curl procps\n"
    "RUN rm -rf /var/lib/apt/lists/*\n"
    "CMD [\"killall\", \"--version\"]\n";

MeasureOptions Options(const std::string& dir) {
  MeasureOptions options;
  options.dockerfile = "Dockerfile";
  options.context = ".";
  options.name = "app";
  options.smoke = "killall --version";
  options.temp_parent = dir;
  return options;
}

class MeasureTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("slimage-measure-test-" + std::to_string(getpid()));
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::filesystem::path dir_;
};

TEST_F(MeasureTest, OneStepPerFiringFixWithDeltasThatAddUpToTheTotal) {
  FakeBuilder builder;
  auto result = Measure(kApt, Options(dir_), builder);
  ASSERT_TRUE(result) << result.error().message;
  ASSERT_EQ(result->steps.size(), 3u);  // as written, SL301, SL302 (SL303 needs --unsafe)
  EXPECT_EQ(result->steps[1].rules, std::vector<std::string>{"SL301"});
  EXPECT_EQ(result->steps[2].rules, std::vector<std::string>{"SL302"});
  // SL301 drops the 50000 bytes of lists; SL302 then drops the whiteout RUN.
  EXPECT_EQ(result->steps[1].delta, static_cast<int64_t>(result->steps[1].size) - static_cast<int64_t>(result->steps[0].size));
  EXPECT_EQ(result->steps[1].delta, -50000);  // the lists; the whiteout layer stays
  EXPECT_EQ(result->steps[2].layers, result->steps[1].layers - 1);
  int64_t sum = 0;
  for (const Step& step : result->steps) sum += step.delta;
  EXPECT_EQ(-sum, result->saved);
  EXPECT_EQ(result->size_before - result->size_after, static_cast<uint64_t>(result->saved));
  for (const Step& step : result->steps) EXPECT_EQ(step.smoke, SmokeStatus::kPassed) << step.step;
  ASSERT_TRUE(result->largest);
  EXPECT_EQ(result->largest->step, 1);
  EXPECT_EQ(result->largest->against, 0);
}

TEST_F(MeasureTest, StepZeroBuildsTheUsersFileAndTheVariantsComeFromTheTempDirectoryWhichIsRemoved) {
  const std::string user_file = (dir_ / "Dockerfile").string();
  { std::ofstream(user_file) << kApt; }
  MeasureOptions options = Options(dir_);
  options.dockerfile_path = user_file;
  FakeBuilder builder;
  ASSERT_TRUE(Measure(kApt, options, builder));
  ASSERT_EQ(builder.dockerfiles.size(), 3u);
  EXPECT_EQ(builder.dockerfiles[0], user_file);
  EXPECT_EQ(ReadAll(user_file), kApt);  // untouched
  for (size_t i = 1; i < builder.dockerfiles.size(); ++i) {
    EXPECT_EQ(builder.dockerfiles[i].rfind((dir_ / "slimage-measure.").string(), 0), 0u) << builder.dockerfiles[i];
    EXPECT_FALSE(std::filesystem::exists(builder.dockerfiles[i]));
  }
  EXPECT_NE(builder.built_texts[1].find("procps && rm -rf /var/lib/apt/lists/*"), std::string::npos);
  // Only the user's file is left in dir_.
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir_), std::filesystem::directory_iterator()), 1);
}

TEST_F(MeasureTest, EveryTagIsRemovedUnlessKept) {
  FakeBuilder builder;
  ASSERT_TRUE(Measure(kApt, Options(dir_), builder));
  ASSERT_EQ(builder.removed.size(), 3u);
  for (const auto& [tag, archive] : builder.images) {
    EXPECT_NE(std::find(builder.removed.begin(), builder.removed.end(), tag), builder.removed.end()) << tag;
    EXPECT_EQ(tag.rfind("slimage-measure/app:tmp-", 0), 0u) << tag;
  }
  MeasureOptions keep = Options(dir_);
  keep.keep = true;
  FakeBuilder kept;
  ASSERT_TRUE(Measure(kApt, keep, kept));
  EXPECT_TRUE(kept.removed.empty());
  EXPECT_EQ(kept.images.count("slimage-measure/app:0"), 1u);
  EXPECT_EQ(kept.images.count("slimage-measure/app:2"), 1u);
}

TEST_F(MeasureTest, AFixThatBreaksTheSmokeRunIsRejectedAndLaterStepsAreBuiltWithoutIt) {
  MeasureOptions options = Options(dir_);
  options.fix.unsafe = true;
  options.fix.rules = {"SL302", "SL303"};  // SL303 drops procps' Recommends: killall goes
  FakeBuilder builder;
  auto result = Measure(kApt, options, builder);
  ASSERT_TRUE(result) << result.error().message;
  ASSERT_EQ(result->steps.size(), 3u);
  EXPECT_EQ(result->steps[1].rules, std::vector<std::string>{"SL302"});
  EXPECT_EQ(result->steps[2].rules, std::vector<std::string>{"SL303"});
  EXPECT_EQ(result->steps[1].smoke, SmokeStatus::kPassed);
  EXPECT_EQ(result->steps[2].smoke, SmokeStatus::kFailed);
  EXPECT_EQ(result->steps[2].smoke_problem, "exited 127, step 0 exited 0");
  EXPECT_EQ(result->steps[2].based_on, 1);
  ASSERT_EQ(result->rejected.size(), 1u);
  EXPECT_EQ(result->rejected[0].rule, "SL303");
  EXPECT_EQ(result->size_after, result->steps[1].size);  // the failed step is not the result
  EXPECT_EQ(result->saved, -result->steps[1].delta);
}

TEST_F(MeasureTest, ARejectedFixIsLeftOutOfTheNextVariant) {
  MeasureOptions options = Options(dir_);
  options.fix.unsafe = true;
  options.fix.rules = {"SL301", "SL303", "SL302"};
  FakeBuilder builder;
  auto result = Measure(kApt, options, builder);
  ASSERT_TRUE(result) << result.error().message;
  ASSERT_EQ(result->steps.size(), 4u);  // rule order: SL301, SL302, SL303
  EXPECT_EQ(result->steps[3].rules, std::vector<std::string>{"SL303"});
  EXPECT_EQ(result->steps[3].smoke, SmokeStatus::kFailed);
  // Step 3 was built with SL301 + SL302 + SL303; nothing after it, and the result is step 2.
  EXPECT_NE(builder.built_texts[3].find("--no-install-recommends"), std::string::npos);
  EXPECT_EQ(result->size_after, result->steps[2].size);
}

TEST_F(MeasureTest, ADockerfileThatDoesNotBuildAsWrittenIsAnErrorWithTheBuildersLastLinesAndNothingLeft) {
  FakeBuilder builder;
  auto result = Measure("FROM debian:12\nRUN apt-get install -y nosuchpackage\n", Options(dir_), builder);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().message,
            "Dockerfile: does not build as written with fake: E: Unable to locate package nosuchpackage | "
            "returned a non-zero code: 100");
  EXPECT_TRUE(builder.removed.empty());
  EXPECT_TRUE(std::filesystem::is_empty(dir_));
}

TEST_F(MeasureTest, WithoutSmokeAnImageWithoutEntrypointOrCmdHasNoSmokeResult) {
  MeasureOptions options = Options(dir_);
  options.smoke.clear();
  FakeBuilder builder;  // its configs have no Entrypoint or Cmd
  auto result = Measure(kApt, options, builder);
  ASSERT_TRUE(result) << result.error().message;
  for (const Step& step : result->steps) EXPECT_EQ(step.smoke, SmokeStatus::kNone);
  EXPECT_TRUE(builder.runs.empty());
  EXPECT_TRUE(result->smoke_default);
}

TEST_F(MeasureTest, AnExplicitSmokeCommandThatTimesOutOnStepZeroIsAnError) {
  MeasureOptions options = Options(dir_);
  options.smoke_timeout_seconds = 3;
  FakeBuilder builder;
  builder.run_times_out = true;
  auto result = Measure(kApt, options, builder);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().message,
            "--smoke: 'killall --version' did not finish within 3 s in the image as written (--smoke-timeout)");
  EXPECT_EQ(builder.removed.size(), 1u);  // step 0's tag
}

TEST_F(MeasureTest, FindingsWithoutAFixAreListedWithTheBytesOfTheirImageFindings) {
  FakeBuilder builder;
  auto result = Measure("FROM debian:12\nRUN apt-get update && apt-get install -y vim && rm -rf /var/lib/apt/lists/*\n",
                        Options(dir_), builder);
  ASSERT_TRUE(result) << result.error().message;
  ASSERT_EQ(result->steps.size(), 1u);
  ASSERT_EQ(result->not_applied.size(), 1u);
  EXPECT_EQ(result->not_applied[0].rule, "SL401");
  EXPECT_EQ(result->not_applied[0].image_rules, std::vector<std::string>{"IM204"});
}

TEST(TagName, LowercaseLettersDigitsAndSeparatorsOfTheFolderName) {
  EXPECT_EQ(TagName("/home/me/My App_2/"), "myapp_2");
  EXPECT_EQ(TagName("/"), "image");
  EXPECT_EQ(TagName("-x-"), "x");
}

}  // namespace
}  // namespace slimage::measure
