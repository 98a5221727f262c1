#include "rules/debug_tools.h"

#include <algorithm>
#include <array>
#include <span>

namespace slimage::rules {
namespace {

using Names = std::string_view;

// Debian, Alpine and Fedora package names; the commands are those a Dockerfile or script calls.
constexpr std::array<Names, 7> kVim = {"vim", "vi", "view", "vimdiff", "ex", "rvim", "vim.tiny"};
constexpr std::array<Names, 2> kVimTiny = {"vi", "vim.tiny"};
constexpr std::array<Names, 2> kNano = {"nano", "rnano"};
constexpr std::array<Names, 1> kEmacs = {"emacs"};
constexpr std::array<Names, 2> kGdb = {"gdb", "gdbserver"};
constexpr std::array<Names, 7> kNetTools = {"netstat", "ifconfig", "route", "arp", "nameif", "mii-tool", "rarp"};
constexpr std::array<Names, 3> kPing = {"ping", "ping4", "ping6"};
constexpr std::array<Names, 5> kDns = {"dig", "nslookup", "host", "nsupdate", "delv"};
constexpr std::array<Names, 3> kMan = {"man", "mandb", "apropos"};
constexpr std::array<Names, 17> kProcps = {"ps",   "top",   "pgrep", "pkill", "pidof",  "pmap",  "pwdx",  "free",  "vmstat",
                                           "uptime", "w",   "watch", "sysctl", "slabtop", "tload", "skill", "snice"};
constexpr std::array<Names, 4> kIproute = {"ip", "ss", "tc", "bridge"};
constexpr std::array<Names, 2> kNetcat = {"nc", "netcat"};
constexpr std::array<Names, 2> kNmap = {"nmap", "ncat"};

struct Package {
  Names name;
  std::span<const Names> commands;
};

constexpr std::array<Package, 19> kPackages = {{
    {"vim", kVim},           {"vim-tiny", kVimTiny},     {"vi", kVimTiny},          {"nano", kNano},
    {"gdb", kGdb},           {"net-tools", kNetTools},   {"iputils-ping", kPing},   {"dnsutils", kDns},
    {"bind-tools", kDns},    {"bind-utils", kDns},       {"bind9-dnsutils", kDns},  {"man-db", kMan},
    {"man", kMan},           {"procps", kProcps},        {"procps-ng", kProcps},    {"iproute2", kIproute},
    {"netcat", kNetcat},     {"netcat-openbsd", kNetcat}, {"nmap", kNmap},
}};

}  // namespace

bool IsDebugTool(std::string_view name) {
  static constexpr std::array<std::string_view, 29> kTools = {
      "vim",      "vi",         "vim-tiny", "nano",    "less",          "git",     "wget",
      "strace",   "ltrace",     "gdb",      "tcpdump", "telnet",        "htop",    "net-tools",
      "iputils-ping", "dnsutils", "bind-tools", "bind-utils", "bind9-dnsutils", "man-db", "man",
      "lsof",     "procps",     "procps-ng", "iproute2",  "netcat",   "netcat-openbsd", "nmap", "valgrind"};
  if (name.starts_with("emacs")) return true;
  return std::find(kTools.begin(), kTools.end(), name) != kTools.end();
}

std::vector<std::string_view> ToolCommands(std::string_view name) {
  if (name.starts_with("emacs")) return {kEmacs.begin(), kEmacs.end()};
  for (const Package& package : kPackages) {
    if (package.name == name) return {package.commands.begin(), package.commands.end()};
  }
  // Most packages install a command of their own name (less, git, wget, strace, curl, …).
  return {name};
}

}  // namespace slimage::rules
