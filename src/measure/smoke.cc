#include "measure/smoke.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace slimage::measure {

std::vector<std::string> DefaultCommand(const std::string& config_json) {
  std::vector<std::string> command;
  auto config = nlohmann::json::parse(config_json, nullptr, false);
  if (config.is_discarded() || !config.is_object()) return command;
  const auto& inner = config.contains("config") && config["config"].is_object() ? config["config"] : config;
  for (const char* key : {"Entrypoint", "Cmd"}) {
    if (!inner.contains(key) || !inner[key].is_array()) continue;
    for (const auto& word : inner[key]) {
      if (word.is_string()) command.push_back(word.get<std::string>());
    }
  }
  return command;
}

std::string KeptOutput(std::string text) {
  constexpr size_t kKept = 4096;
  if (text.size() > kKept) text.erase(0, text.size() - kKept);
  return text;
}

void JudgeSmoke(const RunOutcome& ran, const SmokeReference& reference, bool compare_output, int timeout_seconds,
                Step& step) {
  step.smoke = SmokeStatus::kPassed;
  if (ran.timed_out) {
    step.smoke = SmokeStatus::kFailed;
    step.smoke_problem = fmt::format("did not finish within {} s", timeout_seconds);
    return;
  }
  step.smoke_exit_code = ran.exit_code;
  step.smoke_output = KeptOutput(ran.out);
  if (ran.exit_code != reference.exit_code) {
    step.smoke = SmokeStatus::kFailed;
    step.smoke_problem = fmt::format("exited {}, step 0 exited {}", ran.exit_code, reference.exit_code);
  } else if (compare_output && ran.out != reference.out) {
    step.smoke = SmokeStatus::kFailed;
    step.smoke_problem = "printed other output than step 0";
  }
}

}  // namespace slimage::measure
