#include "analysis/tool_table.h"

#include <array>

namespace slimage::analysis {
namespace {

using Names = std::string_view;

constexpr std::array<Names, 8> kVim = {"vim", "vim.basic", "vim.tiny", "vim.nox", "vim.gtk3", "vi", "nvi", "vim.gtk"};
constexpr std::array<Names, 1> kVimData = {"/usr/share/vim"};
constexpr std::array<Names, 2> kNano = {"nano", "rnano"};
constexpr std::array<Names, 1> kEmacs = {"emacs*"};
constexpr std::array<Names, 1> kEmacsData = {"/usr/share/emacs"};
constexpr std::array<Names, 1> kLess = {"less"};
constexpr std::array<Names, 1> kGit = {"git"};
constexpr std::array<Names, 2> kGitData = {"/usr/lib/git-core", "/usr/share/git-core"};
constexpr std::array<Names, 1> kWget = {"wget"};
constexpr std::array<Names, 1> kStrace = {"strace"};
constexpr std::array<Names, 1> kGdb = {"gdb"};
constexpr std::array<Names, 1> kGdbData = {"/usr/share/gdb"};
constexpr std::array<Names, 1> kTcpdump = {"tcpdump"};
constexpr std::array<Names, 1> kTelnet = {"telnet"};
constexpr std::array<Names, 1> kHtop = {"htop"};
constexpr std::array<Names, 4> kNetTools = {"netstat", "ifconfig", "route", "arp"};
constexpr std::array<Names, 1> kPing = {"ping"};
constexpr std::array<Names, 3> kDns = {"dig", "nslookup", "host"};
constexpr std::array<Names, 2> kManDb = {"man", "mandb"};
constexpr std::array<Names, 1> kLsof = {"lsof"};
constexpr std::array<Names, 5> kProcps = {"ps", "top", "free", "vmstat", "pgrep"};
constexpr std::array<Names, 1> kCurl = {"curl"};
constexpr std::array<Names, 0> kNone = {};

constexpr std::array<DebugTool, 18> kDebugTools = {{
    {"vim", "vi", kVim, kVimData},
    {"nano", "", kNano, kNone},
    {"emacs", "", kEmacs, kEmacsData},
    {"less", "", kLess, kNone},
    {"git", "", kGit, kGitData},
    {"wget", "", kWget, kNone},
    {"strace", "", kStrace, kNone},
    {"gdb", "", kGdb, kGdbData},
    {"tcpdump", "", kTcpdump, kNone},
    {"telnet", "", kTelnet, kNone},
    {"htop", "", kHtop, kNone},
    {"net-tools", "", kNetTools, kNone},
    {"iputils-ping", "ping", kPing, kNone},
    {"dnsutils", "bind-tools bind9-dnsutils", kDns, kNone},
    {"man-db", "man", kManDb, kNone},
    {"lsof", "", kLsof, kNone},
    {"procps", "procps-ng", kProcps, kNone},
    {"curl", "", kCurl, kNone},
}};

constexpr std::array<Names, 6> kBinDirs = {"/bin", "/usr/bin", "/sbin", "/usr/sbin", "/usr/local/bin",
                                           "/usr/local/sbin"};

constexpr std::array<Names, 12> kCompilers = {"cc1", "cc1plus", "gcc", "g++", "gcc-#", "g++-#", "clang",
                                              "clang++", "clang-#", "x86_64-linux-gnu-gcc-#",
                                              "aarch64-linux-gnu-gcc-#", "x86_64-linux-gnu-g++-#"};
constexpr std::array<Names, 1> kGoDirs = {"/usr/local/go"};
constexpr std::array<Names, 2> kRust = {"rustc", "cargo"};
constexpr std::array<Names, 1> kRustDirs = {"~/.rustup"};
constexpr std::array<Names, 1> kJavac = {"javac"};
constexpr std::array<Names, 1> kHeaders = {"/usr/include"};
constexpr std::array<Names, 2> kNodeGyp = {"~/.cache/node-gyp", "~/.node-gyp"};

constexpr std::array<Toolchain, 7> kToolchains = {{
    {"C/C++ compiler", kCompilers, kNone, ""},
    {"Go toolchain", kNone, kGoDirs, ""},
    {"Rust toolchain", kRust, kRustDirs, ""},
    {"Java compiler", kJavac, kNone, ""},
    {"C headers", kNone, kHeaders, ""},
    {"static libraries", kNone, kNone, ".a"},
    {"node-gyp cache", kNone, kNodeGyp, ""},
}};

}  // namespace

std::span<const DebugTool> DebugTools() { return kDebugTools; }
std::span<const std::string_view> BinDirectories() { return kBinDirs; }
std::span<const Toolchain> Toolchains() { return kToolchains; }

bool MatchesToolName(std::string_view basename, std::string_view pattern) {
  if (pattern.empty()) return false;
  if (pattern.back() == '*') {
    pattern.remove_suffix(1);
    return basename.substr(0, pattern.size()) == pattern;
  }
  if (pattern.back() == '#') {
    pattern.remove_suffix(1);
    // A version and nothing else ("gcc-12", "clang-15.0"): "gcc-12-base:amd64.list" is not gcc.
    if (basename.size() <= pattern.size() || basename.substr(0, pattern.size()) != pattern) return false;
    const std::string_view version = basename.substr(pattern.size());
    return version.front() >= '0' && version.front() <= '9' &&
           version.find_first_not_of("0123456789.") == std::string_view::npos;
  }
  return basename == pattern;
}

}  // namespace slimage::analysis
