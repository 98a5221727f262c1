#include <algorithm>
#include <cstdio>

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "support/run_cli.h"

namespace slimage::testing {
namespace {

nlohmann::json DiffJson(const std::string& a, const std::string& b, const std::string& top = "10") {
  CliResult result = RunCli({"diff", SharedPath(a), SharedPath(b), "--format", "json", "--top", top});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.err, "");
  return nlohmann::json::parse(result.out);
}

// Every path row's delta adds up to the final size's: nothing is lost or counted twice.
void ExpectPathTotalsAddUp(const nlohmann::json& doc) {
  int64_t bytes = 0;
  for (const char* kind : {"added", "removed", "grown", "shrunk", "modified"}) {
    bytes += doc["path_totals"][kind]["bytes"].get<int64_t>();
  }
  EXPECT_EQ(bytes, doc["delta"]["final_size"].get<int64_t>());
}

TEST(DiffCommand, DockerAndKanikoBuildsOfTheSameDockerfile) {
  const nlohmann::json doc = DiffJson("images/dive/test-docker-image.tar", "images/dive/test-kaniko-image.tar");
  EXPECT_EQ(doc["a"]["size"], 1220598);
  EXPECT_EQ(doc["b"]["size"], 1326410);
  EXPECT_EQ(doc["delta"]["size"], 1326410 - 1220598);
  EXPECT_EQ(doc["delta"]["layers"], doc["b"].value("layers", 0) - doc["a"].value("layers", 0));
  ExpectPathTotalsAddUp(doc);
  // Every layer of both images is in the table once.
  int a_layers = 0, b_layers = 0;
  for (const auto& row : doc["layers"]) {
    if (!row["a_index"].is_null()) ++a_layers;
    if (!row["b_index"].is_null()) ++b_layers;
  }
  EXPECT_EQ(a_layers, 14);
  EXPECT_EQ(b_layers - a_layers, doc["delta"]["layers"].get<int>());
}

TEST(DiffCommand, OverwrittenFileAgainstWhiteoutImage) {
  // a: /foo.txt (4 bytes) replaced by a symlink to bar.txt; b: /foo.txt deleted by a whiteout.
  const nlohmann::json doc = DiffJson("images/ggcr/overwritten_file.tar", "images/ggcr/whiteout_image.tar");
  ExpectPathTotalsAddUp(doc);
  EXPECT_EQ(doc["delta"]["size"], 0);
  EXPECT_EQ(doc["delta"]["wasted"], 0);
  ASSERT_EQ(doc["paths"].size(), 1u);
  EXPECT_EQ(doc["paths"][0]["path"], "/foo.txt");
  EXPECT_EQ(doc["paths"][0]["status"], "removed");
  EXPECT_EQ(doc["paths"][0]["a_type"], "symlink");
  EXPECT_TRUE(doc["paths"][0]["b_type"].is_null());
  EXPECT_EQ(doc["paths"][0]["delta"], 0);
  EXPECT_TRUE(doc["directories"].empty());  // no byte moved
  // Both hide the first /foo.txt (IM101, same rule and path): not a change.
  EXPECT_TRUE(doc["findings"]["added"].empty());
  EXPECT_TRUE(doc["findings"]["removed"].empty());
  ASSERT_EQ(doc["layers"].size(), 3u);
  EXPECT_EQ(doc["layers"][0]["status"], "changed");  // rebuilt with the same instruction
  EXPECT_EQ(doc["layers"][0]["delta"], 4);
  EXPECT_EQ(doc["layers"][1]["status"], "changed");
  EXPECT_EQ(doc["layers"][1]["delta"], -4);
  EXPECT_EQ(doc["layers"][2]["status"], "same");
}

TEST(DiffCommand, TheSameLayerCompressedTwoWaysIsSame) {
  // buildx wrote one 11,189-byte file as a gzip and as a zstd OCI layout: one diff_id.
  const nlohmann::json doc = DiffJson("images/dive/test-oci-gzip-image.tar", "images/dive/test-oci-zstd-image.tar");
  ASSERT_EQ(doc["layers"].size(), 1u);
  EXPECT_EQ(doc["layers"][0]["status"], "same");
  EXPECT_EQ(doc["layers"][0]["size"], 11189);
  EXPECT_EQ(doc["delta"]["size"], 0);
  EXPECT_NE(doc["delta"]["compressed_size"], 0);  // only the blob differs
  EXPECT_EQ(doc["delta"]["compressed_size"].get<int64_t>(),
            doc["b"]["compressed_size"].get<int64_t>() - doc["a"]["compressed_size"].get<int64_t>());
  EXPECT_TRUE(doc["paths"].empty());
}

// `-` is a docker save archive on the process's standard input: run the binary.
TEST(DiffCommand, OneImageFromStdin) {
  const std::string command = std::string("'") + SLIMAGE_BINARY + "' diff - '" +
                              SharedPath("images/ggcr/whiteout_image.tar") + "' --format json < '" +
                              SharedPath("images/ggcr/overwritten_file.tar") + "'";
  FILE* pipe = ::popen(command.c_str(), "r");
  ASSERT_NE(pipe, nullptr);
  std::string out;
  char buffer[4096];
  for (size_t got; (got = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;) out.append(buffer, got);
  ASSERT_EQ(::pclose(pipe), 0) << out;
  const nlohmann::json doc = nlohmann::json::parse(out);
  EXPECT_EQ(doc["a"]["source"], "-");
  EXPECT_EQ(doc["a"]["size"], 8);
  ASSERT_EQ(doc["paths"].size(), 1u);
  EXPECT_EQ(doc["paths"][0]["path"], "/foo.txt");
}

TEST(DiffCommand, AnImageAgainstItselfIsAllSame) {
  const nlohmann::json doc = DiffJson("images/dive/test-docker-image.tar", "images/dive/test-docker-image.tar");
  for (const char* key : {"size", "compressed_size", "final_size", "wasted", "files", "layers"}) {
    EXPECT_EQ(doc["delta"][key], 0) << key;
    if (!doc["percent"][key].is_null()) {
      EXPECT_EQ(doc["percent"][key], 0.0) << key;
    }
  }
  EXPECT_EQ(doc["delta"]["efficiency"], 0.0);
  ASSERT_EQ(doc["layers"].size(), 14u);
  for (const auto& row : doc["layers"]) {
    EXPECT_EQ(row["status"], "same");
    EXPECT_EQ(row["a_index"], row["b_index"]);
    EXPECT_EQ(row["delta"], 0);
  }
  EXPECT_TRUE(doc["paths"].empty());
  EXPECT_TRUE(doc["directories"].empty());
  EXPECT_TRUE(doc["packages"].empty());
  EXPECT_TRUE(doc["findings"]["added"].empty());
  EXPECT_TRUE(doc["findings"]["removed"].empty());
}

TEST(DiffCommand, TextNamesBothImagesAndEverySection) {
  CliResult result = RunCli({"diff", SharedPath("images/ggcr/overwritten_file.tar"),
                             SharedPath("images/ggcr/whiteout_image.tar")});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.out.find("A: " + SharedPath("images/ggcr/overwritten_file.tar")), std::string::npos);
  EXPECT_NE(result.out.find("B: " + SharedPath("images/ggcr/whiteout_image.tar")), std::string::npos);
  for (const char* section : {"\nLayers\n", "\nDirectories (collapsed to where the change is)\n", "\nPaths\n",
                              "\nPackages\n", "\nFindings\n"}) {
    EXPECT_NE(result.out.find(section), std::string::npos) << section;
  }
}

TEST(DiffCommand, BadInputIsExitTwoWithOneLineAndNoOutput) {
  CliResult missing = RunCli({"diff", SharedPath("images/ggcr/overwritten_file.tar"), "/nonexistent/image.tar"});
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_EQ(missing.out, "");
  EXPECT_NE(missing.err.find("/nonexistent/image.tar"), std::string::npos) << missing.err;
  EXPECT_EQ(std::count(missing.err.begin(), missing.err.end(), '\n'), 1);
  CliResult stdin_twice = RunCli({"diff", "-", "-"});
  EXPECT_EQ(stdin_twice.exit_code, 2);
  EXPECT_EQ(stdin_twice.err, "slimage: diff: only one of the two images can be read from stdin\n");
  CliResult one = RunCli({"diff", SharedPath("images/ggcr/overwritten_file.tar")});
  EXPECT_EQ(one.exit_code, 2);
  EXPECT_EQ(one.out, "");
}

}  // namespace
}  // namespace slimage::testing
