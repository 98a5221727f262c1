#include "config/config.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace slimage::config {
namespace {

using ::testing::ElementsAre;

Config Parsed(std::string_view yaml) {
  Expected<Config> result = ParseConfig(yaml, ".slimage.yaml");
  EXPECT_TRUE(result.ok()) << (result.ok() ? "" : result.error().message);
  return result.ok() ? *result : Config{};
}

std::string ErrorOf(std::string_view yaml) {
  Expected<Config> result = ParseConfig(yaml, ".slimage.yaml");
  return result.ok() ? "no error" : result.error().message;
}

TEST(ConfigTest, TheExampleOfCliMd) {
  const Config config = Parsed(
      "ignore: [SL601]\n"
      "severity: {SL201: warning}\n"
      "allow-packages: [curl]       # not reported by SL401 / IM204\n"
      "fail-on: warning\n"
      "budgets: {max-size: 200MB, max-wasted: 10MB, min-efficiency: 0.95}\n");
  EXPECT_EQ(config.path, ".slimage.yaml");
  EXPECT_THAT(config.ignore, ElementsAre("SL601"));
  ASSERT_EQ(config.severity.size(), 1u);
  EXPECT_EQ(config.severity.at("SL201"), Severity::kWarning);
  EXPECT_THAT(config.allow_packages, ElementsAre("curl"));
  EXPECT_EQ(config.fail_on, Severity::kWarning);
  EXPECT_EQ(config.budgets.max_size, 200000000u);
  EXPECT_EQ(config.budgets.max_wasted, 10000000u);
  EXPECT_EQ(config.budgets.min_efficiency, 0.95);
  EXPECT_FALSE(config.budgets.max_user_wasted_percent.has_value());
}

TEST(ConfigTest, BlockStyleAndEveryBudget) {
  const Config config = Parsed(
      "ignore:\n"
      "  - SL601\n"
      "  - IM203\n"
      "severity:\n"
      "  IM302: error\n"
      "  SL101: style\n"
      "budgets:\n"
      "  max-size: 1.5GiB\n"
      "  max-wasted: 1024\n"
      "  min-efficiency: 1\n"
      "  max-user-wasted-percent: 12.5\n");
  EXPECT_THAT(config.ignore, ElementsAre("SL601", "IM203"));
  EXPECT_EQ(config.severity.at("IM302"), Severity::kError);
  EXPECT_EQ(config.severity.at("SL101"), Severity::kStyle);
  EXPECT_EQ(config.budgets.max_size, 1610612736u);
  EXPECT_EQ(config.budgets.max_wasted, 1024u);
  EXPECT_EQ(config.budgets.min_efficiency, 1.0);
  EXPECT_EQ(config.budgets.max_user_wasted_percent, 12.5);
  EXPECT_FALSE(config.fail_on.has_value());
}

TEST(ConfigTest, EmptyFileAndNullValuesAreDefaults) {
  EXPECT_TRUE(Parsed("").ignore.empty());
  EXPECT_TRUE(Parsed("# only a comment\n").ignore.empty());
  const Config config = Parsed("ignore:\nbudgets:\nallow-packages: git\n");
  EXPECT_TRUE(config.ignore.empty());
  EXPECT_FALSE(config.budgets.max_size.has_value());
  EXPECT_THAT(config.allow_packages, ElementsAre("git"));  // a single name is a list of one
}

TEST(ConfigTest, UnknownKeysNameTheLine) {
  EXPECT_EQ(ErrorOf("fail-on: error\n\nignroe: [SL601]\n"), ".slimage.yaml:3: unknown key 'ignroe'");
  EXPECT_EQ(ErrorOf("budgets:\n  max-size: 1MB\n  max-sise: 2MB\n"),
            ".slimage.yaml:3: unknown key 'max-sise' in 'budgets'");
  EXPECT_EQ(ErrorOf("ignore: []\nignore: [SL101]\n"), ".slimage.yaml:2: duplicate key 'ignore'");
}

TEST(ConfigTest, BadValuesNameTheLine) {
  EXPECT_EQ(ErrorOf("ignore: [SL601, nope]\n"),
            ".slimage.yaml:1: 'ignore': 'nope' is not a rule ID (like SL301 or IM201)");
  EXPECT_EQ(ErrorOf("ignore:\n  - SL601\n  - {a: b}\n"), ".slimage.yaml:3: 'ignore' must be a list of rule IDs");
  EXPECT_EQ(ErrorOf("severity: [SL201]\n"), ".slimage.yaml:1: 'severity' must be a mapping of rule ID to severity");
  EXPECT_EQ(ErrorOf("severity:\n  SL201: fatal\n"),
            ".slimage.yaml:2: 'severity' of SL201: unknown severity 'fatal' (use error, warning, info or style)");
  EXPECT_EQ(ErrorOf("fail-on: high\n"),
            ".slimage.yaml:1: 'fail-on': unknown severity 'high' (use error, warning, info or style)");
  EXPECT_EQ(ErrorOf("fail-on: [error]\n"), ".slimage.yaml:1: 'fail-on' must be a severity");
  EXPECT_EQ(ErrorOf("allow-packages: {a: 1}\n"), ".slimage.yaml:1: 'allow-packages' must be a list of package names");
  EXPECT_EQ(ErrorOf("budgets: 5\n"),
            ".slimage.yaml:1: 'budgets' must be a mapping (max-size, max-wasted, min-efficiency, "
            "max-user-wasted-percent)");
  EXPECT_EQ(ErrorOf("budgets:\n  max-size: 12XB\n"),
            ".slimage.yaml:2: 'max-size': invalid size '12XB': unknown unit 'XB' (use B, kB, MB, GB, TB, KiB, "
            "MiB, GiB or TiB)");
  EXPECT_EQ(ErrorOf("budgets:\n  max-wasted: -1MB\n"), ".slimage.yaml:2: 'max-wasted': invalid size '-1MB': negative");
  EXPECT_EQ(ErrorOf("budgets: {min-efficiency: 1.5}\n"),
            ".slimage.yaml:1: 'min-efficiency' must be a number between 0 and 1, not '1.5'");
  EXPECT_EQ(ErrorOf("budgets: {min-efficiency: nan}\n"),
            ".slimage.yaml:1: 'min-efficiency' must be a number between 0 and 1, not 'nan'");
  EXPECT_EQ(ErrorOf("budgets:\n  max-user-wasted-percent: 101\n"),
            ".slimage.yaml:2: 'max-user-wasted-percent' must be a number between 0 and 100, not '101'");
  EXPECT_EQ(ErrorOf("- a\n- b\n"), ".slimage.yaml:1: expected a mapping of settings (ignore, severity, ...)");
}

TEST(ConfigTest, YamlSyntaxErrorsNameTheLine) {
  EXPECT_EQ(ErrorOf("ignore: [SL601\nfail-on: error\n"),
            ".slimage.yaml:2: invalid YAML: end of sequence flow not found");
  EXPECT_EQ(ErrorOf("a: b\n  c: d\n"), ".slimage.yaml:2: invalid YAML: illegal map value");
}

TEST(ConfigTest, DeepNestingIsAnErrorNotACrash) {
  const std::string deep = "ignore: " + std::string(100000, '[');
  const std::string error = ErrorOf(deep);
  EXPECT_THAT(error, ::testing::StartsWith(".slimage.yaml:1: invalid YAML: "));
}

TEST(LoadConfigTest, ExplicitPathAndDefaultFile) {
  const std::filesystem::path dir = std::filesystem::temp_directory_path() / "slimage_config_test";
  std::filesystem::create_directories(dir);
  const std::filesystem::path previous = std::filesystem::current_path();
  std::filesystem::current_path(dir);
  std::filesystem::remove(".slimage.yaml");

  Expected<Config> none = LoadConfig("");
  ASSERT_TRUE(none.ok());
  EXPECT_EQ(none->path, "");

  std::ofstream(".slimage.yaml") << "fail-on: error\n";
  Expected<Config> found = LoadConfig("");
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(found->path, ".slimage.yaml");
  EXPECT_EQ(found->fail_on, Severity::kError);

  std::ofstream("other.yaml") << "\nbad: 1\n";
  Expected<Config> other = LoadConfig("other.yaml");
  ASSERT_FALSE(other.ok());
  EXPECT_EQ(other.error().message, "other.yaml:2: unknown key 'bad'");

  Expected<Config> missing = LoadConfig("missing.yaml");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().message, "missing.yaml: cannot open: No such file or directory");

  std::filesystem::current_path(previous);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace slimage::config
