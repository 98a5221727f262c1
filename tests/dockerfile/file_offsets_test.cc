// The byte positions the parser records for `slimage fix`: each instruction's range in the file
// and the file offset of every byte of its joined text.
#include <gtest/gtest.h>

#include <string>

#include "dockerfile/parser.h"

namespace slimage::dockerfile {
namespace {

TEST(FileOffsetsTest, InstructionRangesCoverTheirLinesIndentationAndLineEnding) {
  std::string source = "FROM a\r\n  RUN x \\\r\n# note\r\n    y\r\nCMD z";
  ParseResult parse = Parse(source);
  ASSERT_TRUE(parse.ok());
  ASSERT_EQ(parse.root.children.size(), 3u);
  const Node& run = parse.root.children[1];
  EXPECT_EQ(source.substr(run.file_begin, run.file_end - run.file_begin), "  RUN x \\\r\n# note\r\n    y\r\n");
  const Node& cmd = parse.root.children[2];
  EXPECT_EQ(source.substr(cmd.file_begin, cmd.file_end - cmd.file_begin), "CMD z");
}

TEST(FileOffsetsTest, JoinedTextMapsBackAcrossContinuationsAndComments) {
  std::string source = "FROM a\n  RUN x \\\n# note\n    y\n";
  ParseResult parse = Parse(source);
  ASSERT_TRUE(parse.ok());
  const Node& run = parse.root.children[1];
  // original is "RUN x     y": "x" at 4, "y" at the end.
  ASSERT_EQ(run.original, "RUN x     y");
  EXPECT_EQ(source[run.FileOffsetOf(4)], 'x');
  EXPECT_EQ(source[run.FileOffsetOf(run.original.size() - 1)], 'y');
  EXPECT_EQ(run.FileOffsetOf(run.original.size()), source.size() - 1);  // before the final "\n"
}

TEST(FileOffsetsTest, ABomIsNotPartOfTheFirstInstruction) {
  std::string source = "\xEF\xBB\xBF" "FROM a\nRUN b\n";
  ParseResult parse = Parse(source);
  ASSERT_TRUE(parse.ok());
  EXPECT_EQ(parse.root.children[0].file_begin, 3u);
  EXPECT_EQ(source[parse.root.children[0].FileOffsetOf(0)], 'F');
}

TEST(FileOffsetsTest, AHeredocBodyBelongsToItsInstruction) {
  std::string source = "FROM a\nRUN <<EOF\necho hi\nEOF\nCMD x\n";
  ParseResult parse = Parse(source);
  ASSERT_TRUE(parse.ok());
  const Node& run = parse.root.children[1];
  EXPECT_EQ(source.substr(run.file_begin, run.file_end - run.file_begin), "RUN <<EOF\necho hi\nEOF\n");
}

}  // namespace
}  // namespace slimage::dockerfile
