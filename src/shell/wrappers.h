// Commands that run another command: sudo, env, exec, xargs, nohup, time, command, nice,
// timeout, stdbuf; and shells that run a script string (sh -c '...') or stdin (sh <<EOF).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace slimage::shell {

struct PeeledWrapper {
  size_t command_index = 0;  // where the wrapped command starts in args
  std::vector<std::pair<std::string, std::string>> assignments;  // env/sudo VAR=value
  bool args_from_stdin = false;  // xargs
};

// `name` is the base name of args[0]. std::nullopt when it is not a wrapper or wraps nothing.
std::optional<PeeledWrapper> PeelWrapper(const std::string& name, const std::vector<std::string>& args);

struct ShellInvocation {
  std::optional<size_t> script_index;  // index of the -c string; none: the script is stdin
};

// sh/bash/dash/ash/zsh/ksh with -c (script_index set) or reading stdin (no script operand).
// std::nullopt when it is not a shell or it runs a script file.
std::optional<ShellInvocation> FindShellScript(const std::string& name, const std::vector<std::string>& args);

}  // namespace slimage::shell
