#include <unistd.h>

#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "support/run_cli.h"

namespace slimage::testing {
namespace {

std::string WriteTemp(const std::string& name, const std::string& text) {
  std::filesystem::path dir = std::filesystem::temp_directory_path() / ("slimage-lint-test-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::string path = (dir / name).string();
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

TEST(CliLint, CleanFileExits0WithSummary) {
  std::string path = WriteTemp("clean", "FROM alpine:3.19\nRUN echo hi\n");
  CliResult result = RunCli({"lint", path});
  EXPECT_EQ(result.exit_code, 0);
  EXPECT_EQ(result.out, "0 error, 0 warning, 0 info, 0 style in 1 file\n");
  EXPECT_EQ(result.err, "");
}

TEST(CliLint, EnvWithoutValueIsSL000WithCaret) {
  std::string path = WriteTemp("envpath", "FROM alpine\n\n  ENV PATH\n");
  CliResult result = RunCli({"lint", path});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_EQ(result.out, path + ":3:3 SL000 error: ENV must have two arguments\n"
                               "    ENV PATH\n"
                               "    ^\n"
                               "1 error, 0 warning, 0 info, 0 style in 1 file\n");
}

TEST(CliLint, UnterminatedHeredoc) {
  std::string path = WriteTemp("heredoc", "FROM alpine\nRUN <<EOF\necho hi\n");
  CliResult result = RunCli({"lint", path});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_EQ(result.out, path + ":2:1 SL000 error: unterminated heredoc\n"
                               "  RUN <<EOF\n"
                               "  ^\n"
                               "1 error, 0 warning, 0 info, 0 style in 1 file\n");
}

TEST(CliLint, NestedJsonArray) {
  std::string path = WriteTemp("nested", "FROM alpine\nCMD [ \"echo\", [ \"nested json\" ] ]\n");
  CliResult result = RunCli({"lint", path});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_EQ(result.out, path + ":2:1 SL000 error: when using JSON array syntax, arrays must be comprised of strings only\n"
                               "  CMD [ \"echo\", [ \"nested json\" ] ]\n"
                               "  ^\n"
                               "1 error, 0 warning, 0 info, 0 style in 1 file\n");
}

TEST(CliLint, EmptyFile) {
  std::string path = WriteTemp("empty", "");
  CliResult result = RunCli({"lint", path});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_EQ(result.out, path + ":1:1 SL000 error: file with no instructions\n"
                               "1 error, 0 warning, 0 info, 0 style in 1 file\n");
}

TEST(CliLint, JsonDocumentPerSchema) {
  std::string path = WriteTemp("json", "FROM alpine\nFROBNICATE\n");
  CliResult result = RunCli({"lint", path, "--format", "json"});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_EQ(result.out, std::string("{\n"
                                    "  \"tool\": {\n"
                                    "    \"name\": \"slimage\",\n"
                                    "    \"version\": \"") +
                            SLIMAGE_VERSION +
                            "\"\n"
                            "  },\n"
                            "  \"files\": [\n"
                            "    {\n"
                            "      \"file\": \"" +
                            path +
                            "\",\n"
                            "      \"findings\": [\n"
                            "        {\n"
                            "          \"rule\": \"SL000\",\n"
                            "          \"severity\": \"error\",\n"
                            "          \"line\": 2,\n"
                            "          \"column\": 1,\n"
                            "          \"end_line\": 2,\n"
                            "          \"stage\": null,\n"
                            "          \"message\": \"unknown instruction: FROBNICATE\",\n"
                            "          \"fixable\": false\n"
                            "        }\n"
                            "      ]\n"
                            "    }\n"
                            "  ],\n"
                            "  \"summary\": {\n"
                            "    \"error\": 1,\n"
                            "    \"warning\": 0,\n"
                            "    \"info\": 0,\n"
                            "    \"style\": 0\n"
                            "  }\n"
                            "}\n");
}

TEST(CliLint, SeveralFilesOneBadOthersStillLinted) {
  std::string good = WriteTemp("good", "FROM alpine:3.20\n");
  std::string bad = WriteTemp("bad", "FROM alpine\nENV PATH\n");
  CliResult result = RunCli({"lint", bad, good});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_EQ(result.out, bad + ":2:1 SL000 error: ENV must have two arguments\n"
                              "  ENV PATH\n"
                              "  ^\n"
                              "1 error, 0 warning, 0 info, 0 style in 2 files\n");
}

TEST(CliLint, FailOnNoneExits0) {
  std::string bad = WriteTemp("bad2", "FROM alpine\nENV PATH\n");
  EXPECT_EQ(RunCli({"lint", bad, "--fail-on", "none"}).exit_code, 0);
  EXPECT_EQ(RunCli({"lint", bad, "--fail-on", "error"}).exit_code, 1);
}

TEST(CliLint, UnreadableFileIsExit2AndNothingOnStdout) {
  std::string good = WriteTemp("good2", "FROM alpine\n");
  CliResult result = RunCli({"lint", good, "/nonexistent/Dockerfile", "--format", "json"});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_EQ(result.out, "");
  EXPECT_EQ(result.err, "slimage: /nonexistent/Dockerfile: cannot open: No such file or directory\n");
}

// Issue 16 item 5: a Dockerfile's name and bytes reach the terminal escaped.
TEST(CliLint, HostileFileNameAndBytesAreEscaped) {
  std::string path = WriteTemp("bad\x1b[31mname", "FROM alpine\n\n  ENV \x1b]0;x\x07PATH\n");
  CliResult result = RunCli({"lint", path});
  EXPECT_EQ(result.exit_code, 1);
  const std::string shown = path.substr(0, path.size() - 12) + "bad\\x1b[31mname";
  EXPECT_EQ(result.out, shown + ":3:3 SL000 error: ENV must have two arguments\n"
                                "    ENV \\x1b]0;x\\x07PATH\n"
                                "    ^\n"
                                "1 error, 0 warning, 0 info, 0 style in 1 file\n");
  CliResult missing = RunCli({"lint", "/nonexistent/\u202eDocker\xff"});
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_EQ(missing.err, "slimage: /nonexistent/\\u202eDocker\\xff: cannot open: No such file or directory\n");
}

TEST(CliLint, UnknownTargetIsExit2) {
  std::string path = WriteTemp("target", "FROM alpine:3.20 AS base\n");
  CliResult result = RunCli({"lint", path, "--target", "nope"});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_EQ(result.err, "slimage: " + path + ": target stage \"nope\" could not be found\n");
  EXPECT_EQ(RunCli({"lint", path, "--target", "base"}).exit_code, 0);
}

TEST(CliLint, BadFormatIsUsageError) {
  std::string path = WriteTemp("fmt", "FROM alpine\n");
  CliResult result = RunCli({"lint", path, "--format", "xml"});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_EQ(result.out, "");
}

}  // namespace
}  // namespace slimage::testing
