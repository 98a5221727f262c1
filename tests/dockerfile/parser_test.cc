#include "dockerfile/parser.h"

#include <string>

#include <gtest/gtest.h>

#include "dockerfile/dump.h"
#include "dockerfile/heredoc.h"

namespace slimage::dockerfile {
namespace {

std::string DumpOf(std::string_view source) {
  ParseResult result = Parse(source);
  if (!result.ok()) return "error: " + result.error->message;
  return Dump(result.root);
}

std::string ErrorOf(std::string_view source) {
  ParseResult result = Parse(source);
  if (result.ok()) return "(no error)";
  return std::to_string(result.error->line) + ":" + std::to_string(result.error->column) + ": " + result.error->message;
}

// The Dockerfile of BuildKit's TestParseExtractsHeredoc (parser_heredoc_test.go).
constexpr std::string_view kHeredocs = R"(
FROM alpine:3.6

ENV NAME=me

RUN ls

USER <<INVALID
INVALID

RUN <<EMPTY
EMPTY

RUN 3<<EMPTY2
EMPTY2

RUN "<<NOHEREDOC"

RUN <<INDENT
	foo
	bar
INDENT

RUN <<-UNINDENT
	baz
	quux
UNINDENT

RUN <<-UNINDENT2
	baz
	quux
	UNINDENT2

RUN <<-'NOEXPAND'
	don't expand $NAME
NOEXPAND

COPY <<FILE1 <<FILE2 /dest
content 1
FILE1
content 2
FILE2

COPY <<X <<Y /dest
Y
X
X
Y

RUN <<eo'f'
echo foo
eof

RUN <<eo\'f
echo foo
eo'f

RUN <<'e'o\'f
echo foo
eo'f

RUN <<'one two'
echo bar
one two

RUN <<$EOF
$EOF
	)";

struct ExpectedHeredoc {
  std::string name;
  std::string content;
  bool expand;
  bool chomp;
  uint64_t fd;
};

TEST(ParserHeredoc, BuildkitTableCases) {
  ParseResult result = Parse(kHeredocs);
  ASSERT_TRUE(result.ok()) << result.error->message;
  const std::vector<Node>& c = result.root.children;
  const std::vector<std::vector<ExpectedHeredoc>> expected = {
      {},  // FROM
      {},  // ENV
      {},  // RUN ls
      {},  // USER <<INVALID: USER takes no heredocs
      {},  // INVALID (an unknown instruction)
      {{"EMPTY", "", true, false, 0}},
      {{"EMPTY2", "", true, false, 3}},
      {},  // RUN "<<NOHEREDOC"
      {{"INDENT", "\tfoo\n\tbar\n", true, false, 0}},
      {{"UNINDENT", "\tbaz\n\tquux\n", true, true, 0}},
      {{"UNINDENT2", "\tbaz\n\tquux\n", true, true, 0}},
      {{"NOEXPAND", "\tdon't expand $NAME\n", false, true, 0}},
      {{"FILE1", "content 1\n", true, false, 0}, {"FILE2", "content 2\n", true, false, 0}},
      {{"X", "Y\n", true, false, 0}, {"Y", "X\n", true, false, 0}},
      {{"eof", "echo foo\n", false, false, 0}},
      {{"eo'f", "echo foo\n", true, false, 0}},
      {{"eo'f", "echo foo\n", false, false, 0}},
      {{"one two", "echo bar\n", false, false, 0}},
      {{"$EOF", "", true, false, 0}},
  };
  ASSERT_EQ(c.size(), expected.size());
  for (size_t i = 0; i < expected.size(); ++i) {
    SCOPED_TRACE("instruction " + std::to_string(i) + " at line " + std::to_string(c[i].start_line));
    ASSERT_EQ(c[i].heredocs.size(), expected[i].size());
    for (size_t j = 0; j < expected[i].size(); ++j) {
      EXPECT_EQ(c[i].heredocs[j].name, expected[i][j].name);
      EXPECT_EQ(c[i].heredocs[j].content, expected[i][j].content);
      EXPECT_EQ(c[i].heredocs[j].expand, expected[i][j].expand);
      EXPECT_EQ(c[i].heredocs[j].chomp, expected[i][j].chomp);
      EXPECT_EQ(c[i].heredocs[j].file_descriptor, expected[i][j].fd);
    }
  }
}

TEST(ParserHeredoc, TrailingRedirectAfterDelimiterIsNotPartOfName) {
  ParseResult result = Parse("FROM a\nRUN <<  EOF  > foo\nEOF\n");
  ASSERT_TRUE(result.ok());
  ASSERT_EQ(result.root.children[1].heredocs.size(), 1u);
  EXPECT_EQ(result.root.children[1].heredocs[0].name, "EOF");
}

TEST(ParserHeredoc, BodyLinesAndInstructionRange) {
  ParseResult result = Parse("FROM a\nRUN <<EOF\necho 1\necho 2\nEOF\nRUN true\n");
  ASSERT_TRUE(result.ok());
  const Node& run = result.root.children[1];
  EXPECT_EQ(run.start_line, 2);
  EXPECT_EQ(run.end_line, 5);
  ASSERT_EQ(run.heredocs.size(), 1u);
  EXPECT_EQ(run.heredocs[0].start_line, 3);
  EXPECT_EQ(run.heredocs[0].end_line, 5);
  EXPECT_EQ(result.root.children[2].start_line, 6);
  EXPECT_EQ(Dump(result.root), "(from \"a\")\n(run \"<<EOF\")\n(run \"true\")");
}

TEST(ParserHeredoc, ExecFormAndQuotedMarkersHaveNone) {
  ParseResult result = Parse("FROM a\nRUN [\"<<EOF\"]\nRUN '<<EOF'\nCOPY <<EOF /x\nhi\nEOF\n");
  ASSERT_TRUE(result.ok());
  EXPECT_TRUE(result.root.children[1].heredocs.empty());
  EXPECT_TRUE(result.root.children[2].heredocs.empty());
  ASSERT_EQ(result.root.children[3].heredocs.size(), 1u);
  EXPECT_EQ(result.root.children[3].heredocs[0].content, "hi\n");
}

TEST(ParserHeredoc, OnbuildRunCarriesHeredoc) {
  ParseResult result = Parse("FROM a\nONBUILD RUN <<EOF\nx\nEOF\n");
  ASSERT_TRUE(result.ok());
  ASSERT_EQ(result.root.children[1].heredocs.size(), 1u);
  EXPECT_EQ(result.root.children[1].heredocs[0].content, "x\n");
}

TEST(ParserHeredoc, CrlfBodyKeepsLineEndingsAndFindsTerminator) {
  ParseResult result = Parse("FROM a\r\nRUN <<EOF\r\nx\r\nEOF\r\n");
  ASSERT_TRUE(result.ok());
  ASSERT_EQ(result.root.children[1].heredocs.size(), 1u);
  EXPECT_EQ(result.root.children[1].heredocs[0].content, "x\r\n");
}

TEST(ParserHeredoc, UnterminatedIsAnError) {
  EXPECT_EQ(ErrorOf("FROM a\nRUN <<EOF\necho hi\n"), "2:1: unterminated heredoc");
  ParseResult result = Parse("FROM a\nRUN <<EOF\necho hi\n");
  EXPECT_EQ(result.error->end_line, 3);
}

TEST(Parser, CrlfLineEndingsAreRemoved) {
  EXPECT_EQ(DumpOf("FROM a\r\nRUN echo \\\r\n  hi\r\n"), "(from \"a\")\n(run \"echo   hi\")");
}

TEST(Parser, ByteOrderMarkIsSkipped) {
  EXPECT_EQ(DumpOf("\xEF\xBB\xBF# escape=`\nFROM a\nRUN a `\n b\n"), "(from \"a\")\n(run \"a  b\")");
  ParseResult result = Parse("\xEF\xBB\xBF" "FROM a\n");
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result.root.children[0].PositionOf(0).column, 1);
}

TEST(Parser, BacktickEscapeDirectiveIsCaseInsensitive) {
  EXPECT_EQ(DumpOf("# EsCaPe=`\nFROM a\nRUN dir c:\\ `\n  && x\n"), "(from \"a\")\n(run \"dir c:\\\\   && x\")");
  ParseResult result = Parse("# EsCaPe=`\nFROM a\n");
  EXPECT_EQ(result.escape_token, '`');
  ASSERT_EQ(result.directives.size(), 1u);
  EXPECT_EQ(result.directives[0].name, "escape");
  EXPECT_EQ(result.directives[0].value, "`");
}

TEST(Parser, DirectiveAfterCommentIsOnlyAComment) {
  ParseResult result = Parse("# hello\n# escape=`\nFROM a\nRUN a \\\n b\n");
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result.escape_token, '\\');
  EXPECT_TRUE(result.directives.empty());
  EXPECT_EQ(Dump(result.root), "(from \"a\")\n(run \"a  b\")");
}

TEST(Parser, DirectiveAfterEmptyLineIsOnlyAComment) {
  EXPECT_EQ(Parse("\n# escape=`\nFROM a\n").escape_token, '\\');
}

TEST(Parser, SyntaxAndCheckDirectivesAreRecorded) {
  ParseResult result = Parse("# syntax=docker/dockerfile:1\n#check=skip=all\nFROM a\n");
  ASSERT_TRUE(result.ok());
  ASSERT_EQ(result.directives.size(), 2u);
  EXPECT_EQ(result.directives[0].name, "syntax");
  EXPECT_EQ(result.directives[0].value, "docker/dockerfile:1");
  EXPECT_EQ(result.directives[0].line, 1);
  EXPECT_EQ(result.directives[1].name, "check");
  EXPECT_EQ(result.directives[1].value, "skip=all");
}

TEST(Parser, DirectiveErrors) {
  EXPECT_EQ(ErrorOf("# escape=x\nFROM a\n"), "1:1: invalid escape token 'x' does not match ` or \\");
  EXPECT_EQ(ErrorOf("# syntax=a\n# syntax=b\nFROM a\n"), "2:1: only one syntax parser directive can be used");
}

TEST(Parser, TrailingEscapeAtEndOfFile) {
  EXPECT_EQ(DumpOf("FROM a\nRUN something \\"), "(from \"a\")\n(run \"something\")");
}

TEST(Parser, NoFinalNewline) { EXPECT_EQ(DumpOf("FROM a\nUSER me"), "(from \"a\")\n(user \"me\")"); }

TEST(Parser, CommentsAndEmptyLinesInsideContinuation) {
  ParseResult result = Parse("FROM a\nRUN a \\\n# comment\n\n  b\n");
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(Dump(result.root), "(from \"a\")\n(run \"a   b\")");
  ASSERT_EQ(result.warnings.size(), 1u);
  EXPECT_EQ(result.warnings[0].message, "Empty continuation line found in: RUN a   b");
  EXPECT_EQ(result.root.children[1].end_line, 5);
}

TEST(Parser, JsonForms) {
  EXPECT_EQ(DumpOf("CMD [\"a\", \"b c\"]"), "(cmd \"a\" \"b c\")");
  EXPECT_EQ(DumpOf("CMD ['a']"), "(cmd \"['a']\")");
  EXPECT_EQ(DumpOf("CMD [\"a\""), "(cmd \"[\\\"a\\\"\")");
  EXPECT_EQ(DumpOf("CMD []"), "(cmd)");
  EXPECT_EQ(DumpOf("RUN [\"\\u00e9\\n\"]"), "(run \"é\\n\")");
  EXPECT_EQ(DumpOf("CMD [\"a\", 1]"), "error: when using JSON array syntax, arrays must be comprised of strings only");
  EXPECT_EQ(DumpOf("CMD [\"a\", [\"b\"]]"),
            "error: when using JSON array syntax, arrays must be comprised of strings only");
  EXPECT_EQ(DumpOf("CMD [\"a\", 1e999]"), "(cmd \"[\\\"a\\\", 1e999]\")");  // Go cannot decode it: shell form
  EXPECT_EQ(DumpOf("COPY [\"a b\", \"/c\"]"), "(copy \"a b\" \"/c\")");
  EXPECT_EQ(DumpOf("COPY a  b\t/c"), "(copy \"a\" \"b\" \"/c\")");
}

TEST(Parser, FlagsAndArguments) {
  EXPECT_EQ(DumpOf("RUN --mount=type=cache,target=/root/.cache --network=none pip install x"),
            "(run [\"--mount=type=cache,target=/root/.cache\" \"--network=none\"] \"pip install x\")");
  EXPECT_EQ(DumpOf("COPY --from=build --chown=a:b --link /a /b"),
            "(copy [\"--from=build\" \"--chown=a:b\" \"--link\"] \"/a\" \"/b\")");
  EXPECT_EQ(DumpOf("FROM --platform=$BUILDPLATFORM golang:1.22 AS build"),
            "(from [\"--platform=$BUILDPLATFORM\"] \"golang:1.22\" \"AS\" \"build\")");
}

TEST(Parser, EnvLabelArgShapes) {
  EXPECT_EQ(DumpOf("ENV A=1 B=\"x y\""), "(env \"A\" \"1\" \"=\" \"B\" \"\\\"x y\\\"\" \"=\")");
  EXPECT_EQ(DumpOf("ENV PATH /usr/bin:$PATH x"), "(env \"PATH\" \"/usr/bin:$PATH x\" \"\")");
  EXPECT_EQ(DumpOf("LABEL a=b"), "(label \"a\" \"b\" \"=\")");
  EXPECT_EQ(DumpOf("ARG abc=\"123 456\" def"), "(arg \"abc=\\\"123 456\\\"\" \"def\")");
  EXPECT_EQ(DumpOf("ENV PATH"), "error: ENV must have two arguments");
  EXPECT_EQ(DumpOf("ENV A=1 B"), "error: Syntax error - can't find = in \"B\". Must be of the form: name=value");
}

TEST(Parser, OnbuildHealthcheckAndUnknown) {
  EXPECT_EQ(DumpOf("ONBUILD RUN echo test"), "(onbuild (run \"echo test\"))");
  EXPECT_EQ(DumpOf("HEALTHCHECK --interval=5s CMD curl -f http://x/"),
            "(healthcheck [\"--interval=5s\"] \"CMD\" \"curl -f http://x/\")");
  EXPECT_EQ(DumpOf("HEALTHCHECK NONE"), "(healthcheck \"NONE\")");
  EXPECT_EQ(DumpOf("FROBNICATE a b"), "(frobnicate \"\")");
}

TEST(Parser, EmptyAndCommentOnlyFilesAreErrors) {
  EXPECT_EQ(ErrorOf(""), "1:1: file with no instructions");
  EXPECT_EQ(ErrorOf("# just a comment\n\n"), "1:1: file with no instructions");
}

TEST(Parser, OverlongLineIsAnError) {
  std::string source = "FROM a\nRUN " + std::string(70000, 'x') + "\n";
  EXPECT_EQ(ErrorOf(source), "2:1: dockerfile line greater than max allowed size of 65535");
}

TEST(Parser, PositionsMapJoinedTextBackToTheFile) {
  ParseResult result = Parse("FROM a\n  RUN apt-get update \\\n\t&& apt-get install -y curl\n");
  ASSERT_TRUE(result.ok());
  const Node& run = result.root.children[1];
  EXPECT_EQ(run.original, "RUN apt-get update \t&& apt-get install -y curl");
  SourcePosition name = run.PositionOf(run.name_offset);
  EXPECT_EQ(name.line, 2);
  EXPECT_EQ(name.column, 3);
  size_t install = run.original.find("install");
  SourcePosition at = run.PositionOf(install);
  EXPECT_EQ(at.line, 3);
  EXPECT_EQ(at.column, 13);  // "\t&& apt-get " is 12 bytes
  EXPECT_EQ(run.original.substr(run.args_offset, run.args_length), "apt-get update \t&& apt-get install -y curl");
}

}  // namespace
}  // namespace slimage::dockerfile

namespace slimage::dockerfile {
namespace {

TEST(ParserHeredoc, HeredocWordHelpers) {
  for (std::string_view valid : {"<<EOF", "<<'EOF'", "<<\"EOF\"", "<<-EOF", "<<-'EOF'", "<<-\"EOF\"", "<<EO\"F\"",
                                 "<< EOF", "<<- EOF"}) {
    std::optional<Heredoc> heredoc = ParseHeredocWord(valid);
    ASSERT_TRUE(heredoc.has_value()) << valid;
    EXPECT_EQ(heredoc->name, "EOF") << valid;
  }
  for (std::string_view not_heredoc : {"", "EOF", "<<", "<<-", "<EOF", "<<<EOF", "<<EOF sh", "<<'EOF", "<<EOF\""}) {
    EXPECT_FALSE(ParseHeredocWord(not_heredoc).has_value()) << not_heredoc;
  }
}

TEST(ParserHeredoc, HeredocsFromLineNames) {
  auto names = [](std::string_view line) {
    std::string out;
    for (const Heredoc& heredoc : HeredocsFromLine(line)) out += "[" + heredoc.name + "]";
    return out;
  };
  EXPECT_EQ(names("RUN <<EOF"), "[EOF]");
  EXPECT_EQ(names("RUN <<-EOF"), "[EOF]");
  EXPECT_EQ(names("RUN << -EOF"), "[-EOF]");
  EXPECT_EQ(names("RUN <<'EOF'"), "[EOF]");
  EXPECT_EQ(names("RUN 4<<EOF"), "[EOF]");
  EXPECT_EQ(names("RUN <<EOF <<EOF2"), "[EOF][EOF2]");
  EXPECT_EQ(names("RUN '<<EOF'"), "");
  EXPECT_EQ(names("RUN \"<<EOF\""), "");
  EXPECT_EQ(names("RUN cat <<EOF > /etc/x"), "[EOF]");
}

TEST(ParserHeredoc, ChompRemovesLeadingTabsOnly) {
  EXPECT_EQ(ChompHeredocContent("\thello\n\t\tworld\n  x\n"), "hello\nworld\n  x\n");
}

}  // namespace
}  // namespace slimage::dockerfile
