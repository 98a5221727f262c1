#include "shell/tools/options.h"

#include <algorithm>

namespace slimage::shell {

bool ParsedArgs::Has(std::initializer_list<std::string_view> names) const {
  return std::any_of(options.begin(), options.end(), [&](const ParsedOption& option) {
    return std::find(names.begin(), names.end(), option.name) != names.end();
  });
}

std::optional<std::string> ParsedArgs::Value(std::initializer_list<std::string_view> names) const {
  std::optional<std::string> found;
  for (const auto& option : options) {
    if (option.value && std::find(names.begin(), names.end(), option.name) != names.end()) {
      found = option.value;
    }
  }
  return found;
}

std::vector<std::string> ParsedArgs::Values(std::initializer_list<std::string_view> names) const {
  std::vector<std::string> found;
  for (const auto& option : options) {
    if (option.value && std::find(names.begin(), names.end(), option.name) != names.end()) {
      found.push_back(*option.value);
    }
  }
  return found;
}

ParsedArgs ParseOptions(const std::vector<std::string>& args, size_t start, const OptionSpec& spec) {
  ParsedArgs parsed;
  parsed.first_operand = args.size();
  auto takes_long_value = [&](std::string_view name) {
    return std::find(spec.long_with_value.begin(), spec.long_with_value.end(), name) !=
           spec.long_with_value.end();
  };
  bool options_done = false;
  for (size_t i = start; i < args.size(); ++i) {
    const std::string& arg = args[i];
    bool is_option = !options_done && arg.size() > 1 && arg[0] == '-';
    if (!options_done && arg == "--") {
      options_done = true;
      if (spec.stop_at_operand) {
        parsed.first_operand = std::min(parsed.first_operand, i + 1);
      }
      continue;
    }
    if (!is_option) {
      if (spec.stop_at_operand && parsed.first_operand == args.size()) parsed.first_operand = i;
      if (spec.stop_at_operand) options_done = true;
      parsed.operands.push_back(arg);
      parsed.operand_indexes.push_back(i);
      continue;
    }
    bool long_form = arg.size() > 2 && arg[1] == '-';
    if (long_form || spec.single_dash_long) {
      size_t eq = arg.find('=');
      std::string name = arg.substr(0, eq);
      if (spec.single_dash_long && long_form) name = name.substr(1);  // --x is -x for Go
      ParsedOption option{name, std::nullopt, i};
      if (eq != std::string::npos) {
        option.value = arg.substr(eq + 1);
      } else if (takes_long_value(name) && i + 1 < args.size()) {
        option.value = args[++i];
      }
      parsed.options.push_back(std::move(option));
      continue;
    }
    // A bundle of short options: each letter is a flag until one that takes a value.
    for (size_t k = 1; k < arg.size(); ++k) {
      char letter = arg[k];
      ParsedOption option{std::string{'-', letter}, std::nullopt, i};
      if (spec.short_with_value.find(letter) != std::string_view::npos) {
        if (k + 1 < arg.size()) {
          option.value = arg.substr(k + 1);
        } else if (i + 1 < args.size()) {
          option.value = args[++i];
        }
        parsed.options.push_back(std::move(option));
        break;
      }
      parsed.options.push_back(std::move(option));
    }
  }
  return parsed;
}

}  // namespace slimage::shell
