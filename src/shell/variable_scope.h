// Variables as a RUN sees them while it runs: the stage's ARG/ENV plus what the RUN assigned
// so far. Used by shell/command_list.cc while flattening.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "shell/word.h"
#include "shell/word_expander.h"

namespace slimage::shell {

// The stage's ARG/ENV, indexed once (a later declaration wins).
using VariableMap = std::unordered_map<std::string, std::optional<std::string>>;

// Substituted bytes per RUN: $X$X$X... with a large X must not exhaust memory. Past the
// budget, variables read as unknown (their text stays, bounded by the input).
inline constexpr size_t kMaxRunExpandedBytes = 16u << 20;
// Distinct names one scope tracks; past it, names it does not hold read as unknown.
inline constexpr size_t kMaxScopeVariables = 4096;

// Variables assigned in the RUN so far, over the stage's ARG/ENV. std::nullopt: unknown value.
// A subshell or nested sh -c gets a child scope: its assignments do not leak out, and nothing
// is copied (nesting is capped, so the parent chain is short).
class VariableScope {
 public:
  VariableScope(const VariableMap& env, size_t& budget) : env_(&env), budget_(&budget) {}
  static VariableScope Child(const VariableScope& parent) {
    VariableScope child(*parent.env_, *parent.budget_);
    child.parent_ = &parent;
    return child;
  }
  void Set(const std::string& name, std::optional<std::string> value) {
    auto it = local_.find(name);
    if (it != local_.end()) {
      it->second = std::move(value);
    } else if (local_.size() < kMaxScopeVariables) {
      local_.emplace(name, std::move(value));
    } else {
      overflowed_ = true;
    }
  }
  std::optional<std::string> Find(std::string_view name) const {
    std::string key(name);
    for (const VariableScope* scope = this; scope != nullptr; scope = scope->parent_) {
      auto it = scope->local_.find(key);
      if (it != scope->local_.end()) return Spend(it->second);
      if (scope->overflowed_) return std::nullopt;
    }
    auto it = env_->find(key);
    if (it == env_->end()) return std::nullopt;
    return Spend(it->second);
  }
  VariableLookup Lookup() const {
    return [this](std::string_view name) { return Find(name); };
  }

 private:
  std::optional<std::string> Spend(const std::optional<std::string>& value) const {
    if (!value) return std::nullopt;
    if (value->size() > *budget_) return std::nullopt;
    *budget_ -= value->size();
    return value;
  }

  const VariableMap* env_;
  size_t* budget_;
  const VariableScope* parent_ = nullptr;
  std::unordered_map<std::string, std::optional<std::string>> local_;
  bool overflowed_ = false;
};

VariableMap IndexEnvironment(const Environment& env);

}  // namespace slimage::shell
