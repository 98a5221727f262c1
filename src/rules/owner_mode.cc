#include "rules/owner_mode.h"

#include <algorithm>
#include <utility>

namespace slimage::rules {
namespace {

// Splits `user:group` (`user.group` too, chown's old syntax).
std::pair<std::string_view, std::optional<std::string_view>> SplitOwner(std::string_view owner, bool allow_dot) {
  size_t colon = owner.find(':');
  if (colon == std::string_view::npos && allow_dot) colon = owner.find('.');
  if (colon == std::string_view::npos) return {owner, std::nullopt};
  return {owner.substr(0, colon), owner.substr(colon + 1)};
}

}  // namespace

bool SameOwner(std::string_view copy_owner, std::string_view chown_owner) {
  auto [copy_user, copy_group] = SplitOwner(copy_owner, false);
  auto [user, group] = SplitOwner(chown_owner, true);
  if (user.empty() || user != copy_user) return false;  // `chown :group` changes the group only: not compared
  if (!group) return true;                              // chown USER leaves the group
  // `chown user:` is the user's login group; Docker's `--chown=user` gives the user's own id.
  std::string_view wanted = group->empty() ? user : *group;
  return wanted == copy_group.value_or(copy_user);
}

std::optional<unsigned> ApplyChmod(unsigned mode, std::string_view chmod_mode, bool directory) {
  if (chmod_mode.empty()) return std::nullopt;
  if (std::all_of(chmod_mode.begin(), chmod_mode.end(), [](char c) { return c >= '0' && c <= '7'; })) {
    if (chmod_mode.size() > 4) return std::nullopt;
    unsigned value = 0;
    for (char c : chmod_mode) value = value * 8 + static_cast<unsigned>(c - '0');
    return value;
  }
  constexpr unsigned kUmask = 022;
  std::string_view rest = chmod_mode;
  while (true) {
    size_t comma = rest.find(',');
    std::string_view clause = rest.substr(0, comma);
    unsigned who = 0;
    size_t i = 0;
    for (; i < clause.size() && std::string_view("ugoa").find(clause[i]) != std::string_view::npos; ++i) {
      who |= clause[i] == 'u' ? 04700u : clause[i] == 'g' ? 02070u : clause[i] == 'o' ? 01007u : 07777u;
    }
    bool masked = who == 0;
    if (masked) who = 07777u;
    if (i == clause.size()) return std::nullopt;  // no operator
    while (i < clause.size()) {
      char op = clause[i++];
      if (op != '+' && op != '-' && op != '=') return std::nullopt;
      unsigned bits = 0;
      for (; i < clause.size() && clause[i] != '+' && clause[i] != '-' && clause[i] != '='; ++i) {
        switch (clause[i]) {
          case 'r': bits |= 0444; break;
          case 'w': bits |= 0222; break;
          case 'x': bits |= 0111; break;
          case 'X': if (directory || (mode & 0111) != 0) bits |= 0111; break;
          case 's': bits |= 06000; break;
          case 't': bits |= 01000; break;
          default: return std::nullopt;  // u/g/o copies are not followed
        }
      }
      unsigned affected = bits & who & (masked ? ~kUmask : 07777u);
      if (op == '+') mode |= affected;
      if (op == '-') mode &= ~affected;
      if (op == '=') mode = (mode & ~(who & 0777u)) | affected;
    }
    if (comma == std::string_view::npos) break;
    rest = rest.substr(comma + 1);
  }
  return mode;
}

}  // namespace slimage::rules
