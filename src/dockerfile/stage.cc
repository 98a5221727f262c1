#include "dockerfile/stage.h"

#include <algorithm>
#include <array>

#include <fmt/format.h>

#include "dockerfile/go_text.h"

namespace slimage::dockerfile {
namespace {

// Real Dockerfiles have hundreds of instructions at most; the cap bounds the work on hostile
// input (every command copies the environment in scope).
constexpr size_t kMaxInstructions = 10000;

struct FlagSpec {
  std::string_view name;
  bool boolean;
};

// The flags BuildKit's instructions accept (instructions/parse.go); any other is an error.
std::vector<FlagSpec> AllowedFlags(InstructionKind kind) {
  switch (kind) {
    case InstructionKind::kFrom: return {{"platform", false}};
    case InstructionKind::kRun: return {{"mount", false}, {"network", false}, {"security", false}, {"device", false}};
    case InstructionKind::kCopy:
      return {{"from", false}, {"chown", false}, {"chmod", false}, {"link", true}, {"parents", true}, {"exclude", false}};
    case InstructionKind::kAdd:
      return {{"chown", false}, {"chmod", false}, {"link", true}, {"keep-git-dir", true}, {"checksum", false},
              {"exclude", false}, {"unpack", true}};
    case InstructionKind::kHealthcheck:
      return {{"interval", false}, {"timeout", false}, {"start-period", false}, {"start-interval", false},
              {"retries", false}};
    default: return {};
  }
}

std::string ToUpperAscii(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
  return out;
}

std::string ToLowerAscii(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  return out;
}

bool ValidStageName(std::string_view name) {  // BuildKit: ^[a-z][a-z0-9-_.]*$ (after lower-casing)
  if (name.empty() || !(name[0] >= 'a' && name[0] <= 'z')) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
  });
}

class ModelBuilder {
 public:
  ModelBuilder(const ParseResult& parse, const ModelOptions& options) : parse_(parse), options_(options) {}

  ModelResult Build() {
    const std::vector<Node>& nodes = parse_.root.children;
    bool has_from = std::any_of(nodes.begin(), nodes.end(), [](const Node& n) { return n.value == "from"; });
    result_.model.is_fragment = !has_from;
    if (!has_from) StartStage(nullptr);
    if (nodes.size() > kMaxInstructions) {
      const Node& extra = nodes[kMaxInstructions];
      result_.error = SyntaxError{fmt::format("more than {} instructions: not analysed", kMaxInstructions),
                                  extra.start_line, 1, extra.end_line};
      return std::move(result_);
    }
    for (const Node& node : nodes) {
      Instruction instruction = MakeInstruction(node, node, 0);
      if (instruction.kind == InstructionKind::kFrom) {
        StartStage(&instruction);
        continue;
      }
      if (stage_ == nullptr) {
        if (instruction.kind != InstructionKind::kArg) {
          Fail("no build stage in context", instruction);
          continue;
        }
        for (const KeyValue& pair : instruction.pairs) {
          if (pair.value) meta_env_.Set(pair.key, *pair.value);
        }
        result_.model.meta_args.push_back(std::move(instruction));
        continue;
      }
      Apply(instruction);
      stage_->instructions.push_back(std::move(instruction));
    }
    ResolveDependencies();
    return std::move(result_);
  }

 private:
  void Fail(std::string message, const Instruction& at) {
    if (result_.error) return;
    result_.error = SyntaxError{std::move(message), at.position.line, at.position.column, at.end_line};
  }

  // Expands with the environment in scope; on a BuildKit expansion error the word stays raw.
  std::string Expand(std::string_view word, const shell::Environment& env, bool* unknown = nullptr) {
    shell::ExpansionInfo info;
    Expected<std::string> expanded = shell::ExpandWord(word, env, parse_.escape_token, &info);
    if (unknown && !info.unset_variables.empty()) *unknown = true;
    return expanded ? std::move(*expanded) : std::string(word);
  }

  void StartStage(const Instruction* from) {
    Stage stage;
    stage.index = static_cast<int>(result_.model.stages.size());
    env_ = shell::Environment();
    if (from != nullptr) {
      stage.from = *from;
      const std::vector<std::string>& args = from->args;
      if (args.size() != 1 && !(args.size() == 3 && ToLowerAscii(args[1]) == "as")) {
        Fail("FROM requires either one or three arguments", *from);
      }
      if (!args.empty()) stage.base_name = Expand(args[0], meta_env_, &stage.base_has_unknown_variables);
      if (args.size() == 3) {
        stage.name = ToLowerAscii(args[2]);
        if (!ValidStageName(stage.name)) {
          Fail(fmt::format("invalid name for build stage: {}, name can't start with a number or contain symbols",
                           go::Quote(args[2])),
               *from);
        }
      }
      if (const Flag* platform = from->FindFlag("platform"); platform && platform->value) {
        stage.platform = Expand(*platform->value, meta_env_);
      }
      for (const Stage& other : result_.model.stages) {
        if (!other.name.empty() && other.name == ToLowerAscii(stage.base_name)) {
          stage.base_stage = other.index;
          for (const auto& [key, value] : other.final_env.entries()) env_.Set(key, value);
        }
      }
      if (stage.base_stage < 0) stage.base = ParseImageRef(stage.base_name);
      stage.from.env = meta_env_;
    }
    result_.model.stages.push_back(std::move(stage));
    stage_ = &result_.model.stages.back();
  }

  void Apply(Instruction& instruction) {
    if (instruction.kind == InstructionKind::kArg) {
      for (const KeyValue& pair : instruction.pairs) {
        if (pair.value) {
          env_.Set(pair.key, *pair.value);
        } else if (std::optional<std::string_view> meta = meta_env_.Find(pair.key)) {
          env_.Set(pair.key, std::string(*meta));  // a bare ARG redeclares a meta ARG
        }
      }
    } else if (instruction.kind == InstructionKind::kEnv) {
      for (const KeyValue& pair : instruction.pairs) {
        env_.Set(pair.key, pair.value.value_or(""));
        stage_->final_env.Set(pair.key, pair.value.value_or(""));
      }
    }
    if (const Flag* from = instruction.FindFlag("from"); from && from->value && instruction.kind == InstructionKind::kCopy) {
      AddSource(Expand(*from->value, env_));
    }
    if (instruction.kind == InstructionKind::kRun) {
      for (const Flag& flag : instruction.flags) {
        if (flag.name != "mount" || !flag.value) continue;
        std::string_view spec = *flag.value;
        while (!spec.empty()) {
          size_t comma = spec.find(',');
          std::string_view field = spec.substr(0, comma);
          if (field.substr(0, 5) == "from=") AddSource(Expand(field.substr(5), env_));
          spec = comma == std::string_view::npos ? std::string_view() : spec.substr(comma + 1);
        }
      }
    }
  }

  void AddSource(const std::string& source) { stage_->copy_source_names.push_back(source); }

  Instruction MakeInstruction(const Node& node, const Node& line_node, int depth) {
    Instruction ins;
    ins.name = node.value;
    ins.kind = KindFromName(node.value);
    ins.node = &node;
    ins.line_node = &line_node;
    ins.position = line_node.PositionOf(node.name_offset);
    ins.end_line = line_node.end_line;
    ins.json_form = node.json;
    const shell::Environment& env = stage_ ? env_ : meta_env_;
    // Only commands keep a copy of the environment (the shell model expands their text).
    if (ins.kind == InstructionKind::kRun || ins.kind == InstructionKind::kCmd ||
        ins.kind == InstructionKind::kEntrypoint || ins.kind == InstructionKind::kHealthcheck) {
      ins.env = env;
    }
    for (const std::string& raw : node.flags) {
      std::string_view text = raw;
      if (text.substr(0, 2) == "--") text.remove_prefix(2);
      size_t equals = text.find('=');
      Flag flag{std::string(text.substr(0, equals)), std::nullopt};
      if (equals != std::string_view::npos) flag.value = std::string(text.substr(equals + 1));
      ins.flags.push_back(std::move(flag));
    }
    if (ins.kind != InstructionKind::kOnbuild) {
      for (const Node& arg : node.next) ins.args.push_back(arg.value);
    }
    Validate(ins);
    std::string_view args_text = std::string_view(line_node.original).substr(
        std::min(node.args_offset, line_node.original.size()), node.args_length);
    switch (ins.kind) {
      case InstructionKind::kRun:
      case InstructionKind::kCmd:
      case InstructionKind::kEntrypoint:
        if (ins.json_form) {
          for (size_t i = 0; i < ins.args.size(); ++i) ins.command += (i ? " " : "") + ins.args[i];
        } else {
          ins.command = std::string(args_text);
        }
        break;
      case InstructionKind::kHealthcheck:
        if (ins.args.size() > 1 && !ins.json_form) {
          ins.command = ins.args[1];
          size_t found = args_text.find(ins.args[1]);
          ins.command_offset = found == std::string_view::npos ? 0 : found;
        }
        break;
      case InstructionKind::kEnv:
      case InstructionKind::kLabel:
        for (size_t i = 0; i + 1 < ins.args.size(); i += 3) {
          ins.pairs.push_back({Expand(ins.args[i], env), Expand(ins.args[i + 1], env)});
        }
        break;
      case InstructionKind::kArg:
        for (const std::string& word : ins.args) {
          size_t equals = word.find('=');
          if (equals == std::string::npos) {
            ins.pairs.push_back({Expand(word, env), std::nullopt});
          } else {
            ins.pairs.push_back({Expand(word.substr(0, equals), env), Expand(word.substr(equals + 1), env)});
          }
        }
        break;
      case InstructionKind::kOnbuild:
        if (!node.next.empty() && !node.next.front().children.empty()) {
          const Node& inner = node.next.front().children.front();
          if (inner.value == "onbuild") {
            Fail("Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed", ins);
          } else if (inner.value == "from" || inner.value == "maintainer") {
            Fail(fmt::format("{} isn't allowed as an ONBUILD trigger", ToUpperAscii(inner.value)), ins);
          } else if (depth == 0) {
            ins.trigger.push_back(MakeInstruction(inner, line_node, depth + 1));
          }
        }
        break;
      default:
        break;
    }
    static constexpr std::array kExpanded = {InstructionKind::kFrom, InstructionKind::kCopy, InstructionKind::kAdd,
                                             InstructionKind::kWorkdir, InstructionKind::kUser,
                                             InstructionKind::kExpose, InstructionKind::kStopSignal,
                                             InstructionKind::kVolume};
    if (std::find(kExpanded.begin(), kExpanded.end(), ins.kind) != kExpanded.end()) {
      for (const std::string& arg : ins.args) ins.expanded_args.push_back(Expand(arg, env, &ins.expanded_unknown));
    } else {
      for (const KeyValue& pair : ins.pairs) {
        ins.expanded_args.push_back(pair.value ? pair.key + "=" + *pair.value : pair.key);
      }
    }
    return ins;
  }

  // The instruction-level checks of BuildKit's instructions/parse.go that make `docker build`
  // fail (see docs/dockerfile-parser.md for the list and why these).
  void Validate(const Instruction& ins) {
    const size_t count = ins.kind == InstructionKind::kOnbuild ? ins.node->next.size() : ins.args.size();
    std::string upper = ToUpperAscii(ins.name);
    switch (ins.kind) {
      case InstructionKind::kUnknown:
        Fail(fmt::format("unknown instruction: {}", upper), ins);
        return;
      case InstructionKind::kEnv:
      case InstructionKind::kLabel:
      case InstructionKind::kArg:
      case InstructionKind::kExpose:
      case InstructionKind::kVolume:
      case InstructionKind::kOnbuild:
      case InstructionKind::kHealthcheck:
        if (count == 0) Fail(fmt::format("{} requires at least one argument", upper), ins);
        break;
      case InstructionKind::kCopy:
      case InstructionKind::kAdd:
        if (count < 2) Fail(fmt::format("{} requires at least two arguments", upper), ins);
        break;
      case InstructionKind::kWorkdir:
      case InstructionKind::kUser:
      case InstructionKind::kStopSignal:
      case InstructionKind::kMaintainer:
        if (count != 1) Fail(fmt::format("{} requires exactly one argument", upper), ins);
        break;
      default:
        break;
    }
    if (ins.kind == InstructionKind::kHealthcheck && count > 0) {
      std::string type = ToUpperAscii(ins.args[0]);
      if (type != "CMD" && type != "NONE") {
        Fail(fmt::format("Unknown type {} in HEALTHCHECK (try CMD)", go::Quote(type)), ins);
      } else if (type == "NONE" && count > 1) {
        Fail("HEALTHCHECK NONE takes no arguments", ins);
      } else if (type == "CMD" && count == 1) {
        Fail("Missing command after HEALTHCHECK CMD", ins);
      }
    }
    std::vector<FlagSpec> allowed = AllowedFlags(ins.kind);
    for (const Flag& flag : ins.flags) {
      auto spec = std::find_if(allowed.begin(), allowed.end(), [&](const FlagSpec& s) { return s.name == flag.name; });
      if (spec == allowed.end()) {
        Fail(fmt::format("unknown flag: {}", flag.name), ins);
      } else if (!spec->boolean && !flag.value) {
        Fail(fmt::format("Missing a value on flag: {}", flag.name), ins);
      }
    }
  }

  void ResolveDependencies() {
    BuildModel& model = result_.model;
    for (Stage& stage : model.stages) {
      for (const std::string& source : stage.copy_source_names) {
        int found = -1;
        std::string lower = ToLowerAscii(source);
        for (const Stage& other : model.stages) {
          if (!other.name.empty() && other.name == lower) found = other.index;
        }
        if (found < 0 && !source.empty() && std::all_of(source.begin(), source.end(), [](char c) { return c >= '0' && c <= '9'; }) &&
            source.size() < 6) {
          int index = std::stoi(source);
          if (index < static_cast<int>(model.stages.size())) found = index;
        }
        if (found >= 0 && found != stage.index &&
            std::find(stage.copy_sources.begin(), stage.copy_sources.end(), found) == stage.copy_sources.end()) {
          stage.copy_sources.push_back(found);
        }
      }
    }
    if (model.stages.empty()) return;
    model.target = static_cast<int>(model.stages.size()) - 1;
    if (!options_.target.empty()) {
      const Stage* target = model.FindStage(ToLowerAscii(options_.target));
      if (target == nullptr || target->name.empty()) {
        result_.target_error = fmt::format("target stage {} could not be found", go::Quote(options_.target));
        return;
      }
      model.target = target->index;
    }
    std::vector<bool> needed(model.stages.size(), false);
    std::vector<int> work = {model.target};
    while (!work.empty()) {
      int index = work.back();
      work.pop_back();
      if (needed[static_cast<size_t>(index)]) continue;
      needed[static_cast<size_t>(index)] = true;
      const Stage& stage = model.stages[static_cast<size_t>(index)];
      if (stage.base_stage >= 0) work.push_back(stage.base_stage);
      for (int source : stage.copy_sources) work.push_back(source);
    }
    for (size_t i = 0; i < needed.size(); ++i) {
      if (needed[i]) model.needed.push_back(static_cast<int>(i));
    }
    for (int index = model.target; index >= 0;) {
      if (std::find(model.shipped.begin(), model.shipped.end(), index) != model.shipped.end()) break;
      model.shipped.push_back(index);
      index = model.stages[static_cast<size_t>(index)].base_stage;
    }
  }

  const ParseResult& parse_;
  const ModelOptions& options_;
  ModelResult result_;
  Stage* stage_ = nullptr;
  shell::Environment meta_env_;
  shell::Environment env_;
};

}  // namespace

bool BuildModel::Ships(int stage) const { return std::find(shipped.begin(), shipped.end(), stage) != shipped.end(); }
bool BuildModel::Needs(int stage) const { return std::find(needed.begin(), needed.end(), stage) != needed.end(); }

const Stage* BuildModel::FindStage(std::string_view name_or_index) const {
  for (const Stage& stage : stages) {
    if (!stage.name.empty() && stage.name == name_or_index) return &stage;
  }
  if (!name_or_index.empty() && name_or_index.size() < 6 &&
      std::all_of(name_or_index.begin(), name_or_index.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    size_t index = std::stoul(std::string(name_or_index));
    if (index < stages.size()) return &stages[index];
  }
  return nullptr;
}

ModelResult BuildStages(const ParseResult& parse, const ModelOptions& options) {
  return ModelBuilder(parse, options).Build();
}

}  // namespace slimage::dockerfile
