// Command-line options parsed the way getopt_long parses them (and Go's flag package, for go):
// bundled short options (-yq), a short option's value attached or next (-oX=Y, -o X),
// --long=value or --long value, and `--` ending the options. Each tool says which of its
// options take a value; the rest are flags.
#pragma once

#include <cstddef>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace slimage::shell {

struct OptionSpec {
  std::string_view short_with_value;               // letters whose short option takes a value
  std::vector<std::string_view> long_with_value;   // e.g. "--output"
  bool stop_at_operand = false;    // options end at the first operand (sudo, env, xargs, sh)
  bool single_dash_long = false;   // Go style: -ldflags is one option, never a bundle
};

struct ParsedOption {
  std::string name;                  // "-y" or "--yes" (Go style: "-ldflags")
  std::optional<std::string> value;  // for options that take one
  size_t index = 0;                  // index in the argument vector
};

struct ParsedArgs {
  std::vector<ParsedOption> options;
  std::vector<std::string> operands;
  std::vector<size_t> operand_indexes;
  size_t first_operand = 0;  // with stop_at_operand: where the operands (the command) start

  bool Has(std::initializer_list<std::string_view> names) const;
  // The value of the last of these options given, if any.
  std::optional<std::string> Value(std::initializer_list<std::string_view> names) const;
  // Every value given for these options, in order.
  std::vector<std::string> Values(std::initializer_list<std::string_view> names) const;
};

// Parses args[start..]. Never fails: an option missing its value gets none.
ParsedArgs ParseOptions(const std::vector<std::string>& args, size_t start, const OptionSpec& spec);

}  // namespace slimage::shell
