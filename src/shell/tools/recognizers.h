// One recognizer per tool family: each looks at one flattened command (argv after wrappers)
// and, when it is that tool, says what it does with options parsed the way the tool parses them.
// `index` is the command's index in ShellScript::commands, copied into the result.
#pragma once

#include <cstddef>
#include <optional>

#include "shell/command_list.h"
#include "shell/operations.h"

namespace slimage::shell {

std::optional<PackageOperation> RecognizeApt(const ShellCommand& command, size_t index);     // apt-get apt aptitude
std::optional<PackageOperation> RecognizeApk(const ShellCommand& command, size_t index);
std::optional<PackageOperation> RecognizeRpm(const ShellCommand& command, size_t index);     // yum dnf microdnf zypper
std::optional<PackageOperation> RecognizePip(const ShellCommand& command, size_t index);     // pip, python -m pip, uv pip
std::optional<PackageOperation> RecognizeNode(const ShellCommand& command, size_t index);    // npm yarn pnpm
std::optional<PackageOperation> RecognizeRuby(const ShellCommand& command, size_t index);    // gem bundle
std::optional<PackageOperation> RecognizeGo(const ShellCommand& command, size_t index);
std::optional<PackageOperation> RecognizeCargo(const ShellCommand& command, size_t index);

std::optional<Download> RecognizeDownload(const ShellCommand& command, size_t index);       // curl wget
std::optional<Extraction> RecognizeExtraction(const ShellCommand& command, size_t index);   // tar unzip
std::optional<FileOperation> RecognizeFileOperation(const ShellCommand& command, size_t index);  // rm chown chmod mkdir cd

}  // namespace slimage::shell
