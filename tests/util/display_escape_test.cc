#include "util/display_escape.h"

#include <gtest/gtest.h>

namespace slimage {
namespace {

// One test per character class of display_escape.h.

TEST(EscapeForDisplay, EscIsHexSoNoSequenceReachesTheTerminal) {
  EXPECT_EQ(EscapeForDisplay("a\x1b[31mred\x1b]0;title\x07"), "a\\x1b[31mred\\x1b]0;title\\x07");
}

TEST(EscapeForDisplay, NewlineTabAndCarriageReturnHaveShortNames) {
  EXPECT_EQ(EscapeForDisplay("a\nb\tc\rd"), "a\\nb\\tc\\rd");
}

TEST(EscapeForDisplay, OtherC0ControlsAreHex) {
  EXPECT_EQ(EscapeForDisplay(std::string("\x00\x01\x08\x0b\x0c\x1f", 6)), "\\x00\\x01\\x08\\x0b\\x0c\\x1f");
}

TEST(EscapeForDisplay, DelIsHex) { EXPECT_EQ(EscapeForDisplay("a\x7f"), "a\\x7f"); }

TEST(EscapeForDisplay, C1ControlsEncodedAsUtf8AreCodePoints) {
  // U+009B is CSI: a terminal that honours C1 would start a sequence with it.
  EXPECT_EQ(EscapeForDisplay("a\xc2\x9b" "31m\xc2\x80\xc2\x9f"), "a\\u009b31m\\u0080\\u009f");
}

TEST(EscapeForDisplay, LoneC1BytesAreInvalidUtf8) { EXPECT_EQ(EscapeForDisplay("a\x9b" "b"), "a\\x9bb"); }

TEST(EscapeForDisplay, BidiControlsAreCodePoints) {
  EXPECT_EQ(EscapeForDisplay("evil\u202etxt.exe"), "evil\\u202etxt.exe");
  EXPECT_EQ(EscapeForDisplay("\u202a\u202b\u202c\u202d\u2066\u2067\u2068\u2069\u200e\u200f\u061c"),
            "\\u202a\\u202b\\u202c\\u202d\\u2066\\u2067\\u2068\\u2069\\u200e\\u200f\\u061c");
}

TEST(EscapeForDisplay, InvalidUtf8IsOneHexEscapePerByte) {
  EXPECT_EQ(EscapeForDisplay("a\xff" "b"), "a\\xffb");
  EXPECT_EQ(EscapeForDisplay("caf\xc3"), "caf\\xc3");                       // truncated é
  EXPECT_EQ(EscapeForDisplay("\xc0\xaf"), "\\xc0\\xaf");                    // overlong '/'
  EXPECT_EQ(EscapeForDisplay("\xed\xa0\x80"), "\\xed\\xa0\\x80");           // a surrogate
  EXPECT_EQ(EscapeForDisplay("\xf4\x90\x80\x80"), "\\xf4\\x90\\x80\\x80");  // above U+10FFFF
  EXPECT_EQ(EscapeForDisplay("\xe2\x82" "x"), "\\xe2\\x82x");               // cut short, then ASCII
}

TEST(EscapeForDisplay, BackslashIsDoubledWhereItWouldReadAsAnEscape) {
  // A file literally named `a\x1b` must not print like one named "a" ESC.
  EXPECT_EQ(EscapeForDisplay("a\\x1b"), "a\\\\x1b");
  EXPECT_NE(EscapeForDisplay("a\\x1b"), EscapeForDisplay("a\x1b"));
  EXPECT_EQ(EscapeForDisplay("C:\\temp \\u \\n \\r"), "C:\\\\temp \\\\u \\\\n \\\\r");
  EXPECT_EQ(EscapeForDisplay("\\\x1b"), "\\\\\\x1b");  // before an escaped byte
  EXPECT_EQ(EscapeForDisplay("\\\\"), "\\\\\\");       // two: the first would read as one
}

TEST(EscapeForDisplay, BackslashElsewhereStaysSingle) {
  // Line continuations, `\$`, `\"` in Dockerfile excerpts read as written.
  EXPECT_EQ(EscapeForDisplay("RUN a && \\"), "RUN a && \\");
  EXPECT_EQ(EscapeForDisplay("echo \\$HOME \\\" \\ é\\é"), "echo \\$HOME \\\" \\ é\\é");
}

TEST(EscapeForDisplay, ValidNonAsciiIsKept) {
  EXPECT_EQ(EscapeForDisplay("café 日本語 🐳 \u00a0\u200b"), "café 日本語 🐳 \u00a0\u200b");
  EXPECT_EQ(EscapeForDisplay("plain /usr/bin/x"), "plain /usr/bin/x");
}

TEST(EscapeForDisplay, KeepPassesTheListedControlsThrough) {
  EXPECT_EQ(EscapeForDisplay("\tRUN\x1b\n", "\t"), "\tRUN\\x1b\\n");
  EXPECT_EQ(EscapeForDisplay("a\r\nb\t", "\r\n"), "a\r\nb\\t");
}

TEST(ShortenForDisplay, CutsBetweenEscapesAndCharacters) {
  EXPECT_EQ(ShortenForDisplay("abcdef", 6), "abcdef");
  EXPECT_EQ(ShortenForDisplay("abcdefg", 6), "abc...");
  // "ab\x1b" would need 6 columns before the dots: the escape is not split.
  EXPECT_EQ(ShortenForDisplay(EscapeForDisplay("ab\x1b" "cdefgh"), 8), "ab...");
  EXPECT_EQ(ShortenForDisplay(EscapeForDisplay("ab\x1b" "cdefgh"), 9), "ab\\x1b...");
  // é and 日 are one column each, never cut in half.
  EXPECT_EQ(ShortenForDisplay("éé日日日日", 5), "éé...");
  EXPECT_EQ(ShortenForDisplay("éé日日日", 5), "éé日日日");
}

}  // namespace
}  // namespace slimage
