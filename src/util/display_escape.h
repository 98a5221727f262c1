// Making untrusted text (file names from an image layer, created_by strings, Dockerfile bytes,
// messages quoting them) safe to print on a terminal, in the manner of `ls -b` and git's
// core.quotePath: nothing it returns can move the cursor, retitle or recolour the terminal,
// reorder the line (bidi controls) or start a forged output line.
//
//   C0 controls      \n \t \r, the others \xNN     ("\x1b", "\x00")
//   DEL              \x7f
//   C1 U+0080-U+009F \u0080 ... \u009f             (as UTF-8; a lone byte 0x80-0x9F is invalid)
//   bidi controls    \u061c \u200e \u200f \u202a-\u202e \u2066-\u2069
//   invalid UTF-8    \xNN per byte                 ("\xff", "\xc3" of a truncated "é")
//   backslash        \\ where it would read as the start of an escape: before x u n t r, before
//                    a backslash or an escaped character (a file named `a\x1b` prints `a\\x1b`,
//                    one named "a" ESC prints `a\x1b`); elsewhere (a line continuation's
//                    trailing `\`, `\$`, `\ `) it stays single, so Dockerfile excerpts read as written
//
// Hex digits are lower case. Valid printable UTF-8 (é, CJK, emoji) is kept as it is. The result
// is valid UTF-8 that reads back one way: `\\`, `\xNN`, `\uNNNN`, `\n`, `\t`, `\r` are escapes, a
// backslash before anything else is itself.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace slimage {

// `keep` lists ASCII control characters to pass through unescaped: "\t" for a Dockerfile excerpt
// whose tabs must line up with the caret below it, "\r\n" for the GitHub renderer that encodes
// them as %0D/%0A itself.
std::string EscapeForDisplay(std::string_view text, std::string_view keep = {});

// An escaped text (EscapeForDisplay's result) cut to at most `width` characters, "..." included,
// never inside an escape or a UTF-8 sequence; text that fits is returned unchanged.
std::string ShortenForDisplay(std::string_view escaped, size_t width);

}  // namespace slimage
