// What a built image uses of the programs installed in it (SL401: a listed tool the image uses is
// not a debugging tool): the programs its HEALTHCHECK, ENTRYPOINT and CMD name, those the scripts
// they run call (read from the build context when a COPY put them there), and those that later
// RUNs call (a build dependency).
#pragma once

#include <cstddef>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "dockerfile/stage.h"
#include "rules/rule.h"
#include "rules/run_scan.h"
#include "shell/command_list.h"

namespace slimage::rules {

// The programs a command starts, as written (paths kept): argv[0] and, for a runner that starts
// another program (`gosu USER CMD`, `su-exec`, `tini -- CMD`, `dumb-init`, `timeout 5 CMD`, `nice`,
// `setsid`, …), that program too.
std::vector<std::string> ProgramsOf(const shell::ShellCommand& command);

// The script files a command runs: its programs, and the operand of `sh x.sh`, `bash x.sh`,
// `. x.sh`, `source x.sh`.
std::vector<std::string> ScriptsOf(const shell::ShellCommand& command);

// The programs a shell script's commands start (ProgramsOf each, `sh -c` bodies included), as
// written. A script the shell model cannot parse (bash arrays, `[[ ]]` …) is scanned instead: the
// first word of each command on each line.
std::vector<std::string> ScriptPrograms(std::string_view text);

// The text of the script a command word names (a path, relative ones against `workdir`, or a name
// looked up on PATH) as a COPY/ADD of `stage` (or of a stage it is built FROM) before instruction
// `index` put it there: from the build context, or the COPY's heredoc. nullopt when no COPY wrote
// it or it cannot be read (no build context, over 256 KiB, binary).
std::optional<std::string> CopiedScript(const LintContext& context, const dockerfile::Stage& stage, size_t index,
                                        const std::optional<std::string>& workdir, std::string_view program);

// The base names the running image names: every word of the HEALTHCHECK, ENTRYPOINT and CMD
// instructions of the shipped stages (exec and shell form, through `sh -c`), and the programs of
// the scripts they run, followed three scripts deep.
std::set<std::string> RuntimeNames(const LintContext& context);

// The base names of the programs the commands of RUN `view` after `after` start (all of them for
// nullopt), and of the scripts those run (CopiedScript), added to `names`.
void AddRunNames(const LintContext& context, const RunView& view, std::optional<CommandRef> after,
                 std::set<std::string>* names);

}  // namespace slimage::rules
