#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

#include "support/image_builder.h"
#include "support/run_cli.h"
#include "util/base64.h"

namespace slimage::testing {
namespace {

std::string WriteTemp(const std::string& name, const std::string& bytes) {
  std::string path = ::testing::TempDir() + name;
  std::ofstream(path, std::ios::binary) << bytes;
  return path;
}

TEST(AnalyzeCommand, JsonFollowsTheContract) {
  std::string path = SharedPath("images/ggcr/overwritten_file.tar");
  CliResult result = RunCli({"analyze", path, "--format", "json"});
  // IM101 (the overwritten /foo.txt) is a warning, and --fail-on defaults to warning.
  ASSERT_EQ(result.exit_code, 1) << result.err;
  EXPECT_EQ(result.err, "");
  auto document = nlohmann::json::parse(result.out);
  EXPECT_EQ(document["tool"]["name"], "slimage");
  const auto& image = document["image"];
  EXPECT_EQ(image["source"], path);
  EXPECT_EQ(image["size"], 8);
  EXPECT_EQ(image["final_size"], 4);
  EXPECT_EQ(image["wasted"], 4);
  EXPECT_DOUBLE_EQ(image["efficiency"].get<double>(), 0.5);
  EXPECT_EQ(image["files"], 1);
  EXPECT_EQ(image["has_shell"], false);
  for (const char* key : {"digest", "os", "architecture", "compressed_size", "user_size", "user_wasted",
                          "user_wasted_percent"}) {
    EXPECT_TRUE(image.contains(key)) << key;
  }
  ASSERT_EQ(document["layers"].size(), 3u);
  const auto& first = document["layers"][0];
  EXPECT_EQ(first["index"], 0);
  EXPECT_EQ(first["size"], 4);
  EXPECT_EQ(first["wasted"], 4);
  EXPECT_EQ(first["files_added"], 1);
  EXPECT_EQ(document["layers"][1]["files_changed"], 1);
  for (const char* key : {"digest", "diff_id", "created_by", "empty_layer", "compressed_size", "files_removed"}) {
    EXPECT_TRUE(first.contains(key)) << key;
  }
  EXPECT_TRUE(document["findings"].is_array());
}

TEST(AnalyzeCommand, FailOnSetsTheThresholdForExitOne) {
  std::string path = SharedPath("images/ggcr/overwritten_file.tar");
  // Its findings: IM101 warning, IM302 and IM303 info.
  EXPECT_EQ(RunCli({"analyze", path, "--fail-on", "error"}).exit_code, 0);
  EXPECT_EQ(RunCli({"analyze", path, "--fail-on", "warning"}).exit_code, 1);
  EXPECT_EQ(RunCli({"analyze", path, "--fail-on", "info"}).exit_code, 1);
  EXPECT_EQ(RunCli({"analyze", path, "--fail-on", "none"}).exit_code, 0);
  EXPECT_EQ(RunCli({"analyze", path, "--fail-on", "bogus"}).exit_code, 2);
}

TEST(AnalyzeCommand, ConfigIgnoresRulesOverridesSeverityAndSetsFailOn) {
  std::string path = SharedPath("images/ggcr/overwritten_file.tar");
  auto dir = std::filesystem::temp_directory_path() / ("slimage-analyze-config-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  auto write_config = [&](const std::string& text) {
    std::ofstream((dir / "c.yaml").string()) << text;
    return (dir / "c.yaml").string();
  };
  // IM101 is the only warning: ignoring it, or lowering it to info, makes the run pass.
  CliResult ignored = RunCli({"analyze", path, "--format", "json", "--config", write_config("ignore: [IM101]\n")});
  EXPECT_EQ(ignored.exit_code, 0) << ignored.err;
  const nlohmann::json ignored_document = nlohmann::json::parse(ignored.out);  // outlives the loop
  for (const auto& finding : ignored_document["findings"]) EXPECT_NE(finding["rule"], "IM101");
  CliResult lowered = RunCli({"analyze", path, "--format", "json", "--config", write_config("severity: {IM101: info}\n")});
  EXPECT_EQ(lowered.exit_code, 0) << lowered.err;
  EXPECT_NE(lowered.out.find("\"severity\":\"info\""), std::string::npos);
  // fail-on from the config applies unless the flag says otherwise.
  std::string strict = write_config("fail-on: info\nignore: [IM101]\n");
  EXPECT_EQ(RunCli({"analyze", path, "--config", strict}).exit_code, 1);
  EXPECT_EQ(RunCli({"analyze", path, "--config", strict, "--fail-on", "warning"}).exit_code, 0);
  // A bad config is invalid input, before the image is read.
  CliResult bad = RunCli({"analyze", path, "--config", write_config("ignroe: [IM101]\n")});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_EQ(bad.out, "");
  std::filesystem::remove_all(dir);
}

TEST(AnalyzeCommand, EmptyHistoryEntriesAreListedWithoutDigest) {
  CliResult result = RunCli({"analyze", SharedPath("images/ggcr/hello-world-v25.tar"), "--format", "json"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  auto layers = nlohmann::json::parse(result.out)["layers"];
  ASSERT_EQ(layers.size(), 2u);
  EXPECT_EQ(layers[1]["empty_layer"], true);
  EXPECT_EQ(layers[1]["size"], 0);
  EXPECT_EQ(layers[1]["created_by"], "CMD [\"/hello\"]");
  EXPECT_FALSE(layers[1].contains("digest"));
  EXPECT_EQ(layers[0]["digest"], "sha256:12660636fe55438cc3ae7424da7ac56e845cdb52493ff9cf949c47a7f57f8b43");
}

TEST(AnalyzeCommand, TextListsLayersAndTopWastedPaths) {
  CliResult result =
      RunCli({"analyze", SharedPath("images/dive/test-docker-image.tar"), "--top", "3", "--fail-on", "none"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.out.find("size 1.2 MB"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("wasted 32.0 kB"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("Top wasted paths:\n     12.8 kB  /root/example/  (written by #8, deleted by #10)\n"),
            std::string::npos)
      << result.out;
  EXPECT_NE(result.out.find("rm -rf /root/example/"), std::string::npos);
  EXPECT_EQ(result.out.find("/root/saved.txt  ("), std::string::npos);  // 4th and beyond cut by --top 3
}

// Issue 16 item 5: a layer's file names and created_by reach the terminal escaped, and the
// JSON keeps the exact bytes (path_base64 when they are not UTF-8).
TEST(AnalyzeCommand, HostileFileNamesAreEscapedInTextAndExactInJson) {
  const std::string name = "app/\x1b]0;pwned\x07\nforged \u202e\xff";
  std::string path = WriteTemp("hostile.tar", MakeDockerArchive({{{{File(name, "0123456789")}, Compress::kNone,
                                                                   "RUN \x1b[2J echo"},
                                                                  {{File(name, "01234")}, Compress::kNone, "COPY x /"}},
                                                                 {}}));
  CliResult text = RunCli({"analyze", path, "--fail-on", "none"});
  ASSERT_EQ(text.exit_code, 0) << text.err;
  for (char c : text.out) EXPECT_TRUE(c == '\n' || static_cast<unsigned char>(c) >= 0x20) << text.out;
  EXPECT_NE(text.out.find("Top wasted paths:\n        10 B  /app/\\x1b]0;pwned\\x07\\nforged \\u202e\\xff  "
                          "(written by #0, overwritten by #1)\n"),
            std::string::npos)
      << text.out;
  EXPECT_NE(text.out.find("  RUN \\x1b[2J echo\n"), std::string::npos) << text.out;

  CliResult json = RunCli({"analyze", path, "--format", "json", "--fail-on", "none"});
  ASSERT_EQ(json.exit_code, 0) << json.err;
  auto document = nlohmann::json::parse(json.out);
  EXPECT_EQ(document["layers"][0]["created_by"], "RUN \x1b[2J echo");
  bool found = false;
  for (const auto& finding : document["findings"]) {
    if (!finding.contains("path_base64")) continue;
    found = true;
    EXPECT_EQ(Base64Decode(finding["path_base64"].get<std::string>()), "/" + name) << finding;
    EXPECT_EQ(finding["path"], "/app/\x1b]0;pwned\x07\nforged \u202e\uFFFD") << finding;
  }
  EXPECT_TRUE(found) << json.out;

  CliResult history = RunCli({"history", path});
  ASSERT_EQ(history.exit_code, 0) << history.err;
  EXPECT_NE(history.out.find("  RUN \\x1b[2J echo\n"), std::string::npos) << history.out;
}

TEST(AnalyzeCommand, ErrorLinesQuoteNamesEscaped) {
  CliResult missing = RunCli({"analyze", "/nonexistent/\x1b]0;x\x07\n.tar"});
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_EQ(missing.err, "slimage: /nonexistent/\\x1b]0;x\\x07\\n.tar: no such file or directory\n");
}

TEST(AnalyzeCommand, BadInputIsOneLineAndExit2WithoutPartialJson) {
  std::string bomb = WriteTemp("bomb.tar", MakeDockerArchive({{{{File("z", std::string(4u << 20, '\0'))},
                                                                Compress::kZstd, "ADD"}}, {}}));
  CliResult capped = RunCli({"analyze", bomb, "--format", "json", "--max-layer-size", "1MB"});
  EXPECT_EQ(capped.exit_code, 2);
  EXPECT_EQ(capped.out, "");
  EXPECT_EQ(capped.err, "slimage: " + bomb + ": layer 0: uncompressed layer is larger than --max-layer-size (1000000 bytes)\n");

  CliResult missing = RunCli({"analyze", "/nonexistent/image.tar"});
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_EQ(missing.err, "slimage: /nonexistent/image.tar: no such file or directory\n");

  CliResult null_manifest = RunCli({"analyze", SharedPath("images/ggcr/null_manifest.tar"), "--format", "json"});
  EXPECT_EQ(null_manifest.exit_code, 2);
  EXPECT_EQ(null_manifest.out, "");
  EXPECT_EQ(null_manifest.err,
            "slimage: " + SharedPath("images/ggcr/null_manifest.tar") + ": manifest.json is not a list of images\n");

  CliResult bad_size = RunCli({"analyze", bomb, "--max-layer-size", "lots"});
  EXPECT_EQ(bad_size.exit_code, 2);
  EXPECT_EQ(bad_size.err.rfind("slimage: invalid size 'lots'", 0), 0u) << bad_size.err;
}

TEST(AnalyzeCommand, BaseLayersOverride) {
  CliResult result = RunCli({"analyze", SharedPath("images/dive/test-docker-image.tar"), "--format", "json",
                             "--base-layers", "0", "--fail-on", "none"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  auto image = nlohmann::json::parse(result.out)["image"];
  EXPECT_EQ(image["user_size"], 1220598);
  EXPECT_EQ(image["user_wasted"], 5 * 6405);
}

TEST(AnalyzeCommand, OciLayoutDirectoryAndPlatform) {
  // An OCI layout directory: unpack a generated layout tar by hand.
  std::string dir = ::testing::TempDir() + "oci-layout-test";
  std::string archive = MakeOciArchive({{{{File("etc/hostname", "box\n")}, Compress::kGzip, "ADD"}}, {}});
  std::string tar_path = WriteTemp("layout.tar", archive);
  ASSERT_EQ(std::system(("rm -rf " + dir + " && mkdir -p " + dir + " && tar -xf " + tar_path + " -C " + dir).c_str()), 0);
  CliResult result = RunCli({"analyze", "oci:" + dir, "--format", "json", "--platform", "linux/amd64"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(nlohmann::json::parse(result.out)["image"]["size"], 4);
  CliResult wrong = RunCli({"analyze", dir + "/", "--platform", "linux/s390x"});
  EXPECT_EQ(wrong.exit_code, 2);
  EXPECT_EQ(wrong.err, "slimage: " + dir + ": no image for platform linux/s390x; available: linux/amd64\n");
}

}  // namespace
}  // namespace slimage::testing
