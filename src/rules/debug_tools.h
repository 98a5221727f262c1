// The interactive and debugging tools SL401 reports (rules.md SL401), and the commands each
// package installs, by which an image can be seen to use it (`HEALTHCHECK CMD dig …` uses
// dnsutils). The image analyzer's IM204 keeps its own table of files (analysis/tool_table.h).
#pragma once

#include <string_view>
#include <vector>

namespace slimage::rules {

// True when `name` (a package name without version) is an interactive/debugging tool SL401 reports.
bool IsDebugTool(std::string_view name);

// The commands the package `name` installs ("dnsutils" -> dig, nslookup, host, …); for a package
// not in the table, the package name itself ("curl" -> curl).
std::vector<std::string_view> ToolCommands(std::string_view name);

}  // namespace slimage::rules
