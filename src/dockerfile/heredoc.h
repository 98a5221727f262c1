// Recognising here-documents on RUN/COPY/ADD lines as BuildKit does: the line is split into
// words like a shell would (quotes and escapes kept), and each word matching
// `^(\d*)<<(-?)\s*([^<]*)$` whose rest is a single shell word starts a heredoc. The delimiter is
// that word with its quotes removed; quoting any part of it turns off expansion of the body.
// Only quote removal happens here: variables are never expanded ($EOF stays "$EOF").
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "dockerfile/ast.h"

namespace slimage::dockerfile {

// The heredoc that `word` (one raw shell word) introduces, if any. Body and lines are not set.
std::optional<Heredoc> ParseHeredocWord(std::string_view word);

// Every heredoc introduced on an instruction line, in order.
std::vector<Heredoc> HeredocsFromLine(std::string_view line);

// Removes leading tabs from every line of a `<<-` body (BuildKit's ChompHeredocContent).
std::string ChompHeredocContent(std::string_view content);

}  // namespace slimage::dockerfile
