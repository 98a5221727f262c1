// Turning one joined instruction line into an instruction Node, per instruction, the way
// BuildKit's line_parsers.go / split_command.go do (its dispatch table).
#pragma once

#include <string>
#include <string_view>

#include "dockerfile/ast.h"

namespace slimage::dockerfile {

inline constexpr int kMaxOnbuildDepth = 64;  // ONBUILD ONBUILD ...: far past any real file

// Builds the node for `line`, a substring of the top-level joined text starting at byte
// `base_offset` of it (non-zero for the instruction wrapped by ONBUILD). On error returns false
// and sets *error to BuildKit's message.
bool NodeFromLine(std::string_view line, size_t base_offset, char escape_token, int depth, Node* node,
                  std::string* error);

// BuildKit's parseWords: words split on white space, quotes and escapes kept verbatim.
void SplitWordsKeepingQuotes(std::string_view text, char escape_token, std::vector<std::string>* words);

}  // namespace slimage::dockerfile
