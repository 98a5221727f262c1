#include "shell/parser.h"

#include <initializer_list>

#include "shell/word.h"

namespace slimage::shell {

namespace {

class Parser {
 public:
  explicit Parser(const std::vector<Token>& tokens) : tokens_(tokens) {}

  Expected<CommandList> Run() {
    auto list = List({});
    if (!list) return list.error();
    if (!AtEnd()) {
      return MakeError("unexpected '{}' at offset {}", Current().text, Current().begin);
    }
    return list;
  }

 private:
  bool AtEnd() const { return pos_ >= tokens_.size(); }
  const Token& Current() const { return tokens_[pos_]; }
  bool Is(TokenKind kind) const { return !AtEnd() && Current().kind == kind; }
  // A reserved word is only reserved where a command may start, and only unquoted.
  bool IsWord(std::string_view word) const {
    return Is(TokenKind::kWord) && Current().text == word;
  }
  bool IsAnyWord(std::initializer_list<std::string_view> words) const {
    for (auto word : words) {
      if (IsWord(word)) return true;
    }
    return false;
  }
  void SkipNewlines() {
    while (Is(TokenKind::kNewline)) ++pos_;
  }
  Error Unexpected(std::string_view expected) const {
    if (AtEnd()) return MakeError("unexpected end of shell text, expected {}", expected);
    std::string_view shown = Current().kind == TokenKind::kNewline ? "newline" : Current().text;
    return MakeError("unexpected '{}' at offset {}, expected {}", shown, Current().begin, expected);
  }
  Status Expect(std::string_view word) {
    SkipNewlines();
    if (!IsWord(word)) return Unexpected(fmt::format("'{}'", word));
    ++pos_;
    return {};
  }

  // A list ends at the end of the text, at `)`, `;;`, or at one of the given reserved words.
  Expected<CommandList> List(std::initializer_list<std::string_view> terminators) {
    CommandList list;
    while (true) {
      while (Is(TokenKind::kNewline) || Is(TokenKind::kSemicolon)) ++pos_;
      if (AtEnd() || Is(TokenKind::kRightParen) || Is(TokenKind::kDoubleSemicolon)) break;
      bool terminated = false;
      for (auto word : terminators) terminated = terminated || IsWord(word);
      if (terminated) break;
      auto pipeline = ParsePipeline();
      if (!pipeline) return pipeline.error();
      list.pipelines.push_back(std::move(*pipeline));
      Pipeline& added = list.pipelines.back();
      if (Is(TokenKind::kAndIf) || Is(TokenKind::kOrIf)) {
        added.next = Is(TokenKind::kAndIf) ? Connector::kAnd : Connector::kOr;
        ++pos_;
        SkipNewlines();
        if (AtEnd() || Is(TokenKind::kRightParen) || Is(TokenKind::kDoubleSemicolon) ||
            Is(TokenKind::kSemicolon) || Is(TokenKind::kAmpersand)) {
          return Unexpected("a command");
        }
      } else if (Is(TokenKind::kSemicolon) || Is(TokenKind::kNewline)) {
        added.next = Connector::kSequence;
        ++pos_;
      } else if (Is(TokenKind::kAmpersand)) {
        added.next = Connector::kBackground;
        ++pos_;
      } else {
        added.next = Connector::kEnd;
        break;
      }
    }
    if (!list.pipelines.empty() && list.pipelines.back().next == Connector::kSequence) {
      list.pipelines.back().next = Connector::kEnd;
    }
    return list;
  }

  Expected<Pipeline> ParsePipeline() {
    Pipeline pipeline;
    if (IsWord("!")) {
      pipeline.negated = true;
      ++pos_;
    }
    while (true) {
      auto command = Command();
      if (!command) return command.error();
      pipeline.commands.push_back(std::move(*command));
      if (!Is(TokenKind::kPipe)) break;
      ++pos_;
      SkipNewlines();
    }
    return pipeline;
  }

  Expected<AstCommand> Command() {
    if (++depth_ > kMaxShellNesting) {
      return MakeError("shell commands nested more than {} levels deep", kMaxShellNesting);
    }
    auto command = CommandAtDepth();
    --depth_;
    return command;
  }

  Expected<AstCommand> CommandAtDepth() {
    if (AtEnd()) return Unexpected("a command");
    size_t begin = Current().begin;
    Expected<AstCommand> command = Error{};
    if (Is(TokenKind::kLeftParen)) {
      command = Compound(CommandKind::kSubshell);
    } else if (IsWord("{")) {
      command = Compound(CommandKind::kGroup);
    } else if (IsWord("if")) {
      command = If();
    } else if (IsWord("for")) {
      command = For();
    } else if (IsWord("while") || IsWord("until")) {
      command = Loop();
    } else if (IsWord("case")) {
      command = Case();
    } else if (IsWord("function") || LooksLikeFunctionDefinition()) {
      command = Function();
    } else {
      return Simple();
    }
    if (!command) return command;
    // Redirections after a compound command.
    while (Is(TokenKind::kRedirect)) {
      auto status = AddRedirect(*command);
      if (!status) return status.error();
    }
    command->begin = begin;
    command->end = pos_ > 0 ? tokens_[pos_ - 1].end : begin;
    return command;
  }

  // name() { ...; }
  bool LooksLikeFunctionDefinition() const {
    return Is(TokenKind::kWord) && pos_ + 2 < tokens_.size() &&
           tokens_[pos_ + 1].kind == TokenKind::kLeftParen &&
           tokens_[pos_ + 2].kind == TokenKind::kRightParen;
  }

  Status AddRedirect(AstCommand& command) {
    const Token& op = Current();
    ++pos_;
    if (!Is(TokenKind::kWord)) return Unexpected(fmt::format("a word after '{}'", op.text));
    Redirect redirect;
    redirect.op = op.text;
    redirect.io_number = op.io_number;
    redirect.target = Current().text;
    redirect.target_begin = Current().begin;
    redirect.heredoc_begin = op.heredoc_begin;
    redirect.heredoc_end = op.heredoc_end;
    command.redirects.push_back(redirect);
    ++pos_;
    return {};
  }

  Expected<AstCommand> Simple() {
    AstCommand command;
    command.kind = CommandKind::kSimple;
    command.begin = Current().begin;
    while (!AtEnd()) {
      if (Is(TokenKind::kRedirect)) {
        auto status = AddRedirect(command);
        if (!status) return status.error();
      } else if (Is(TokenKind::kWord)) {
        command.words.push_back(pos_);
        ++pos_;
      } else {
        break;
      }
    }
    if (command.words.empty() && command.redirects.empty()) return Unexpected("a command");
    command.end = tokens_[pos_ - 1].end;
    return command;
  }

  Status Body(AstCommand& command, std::initializer_list<std::string_view> terminators, bool condition) {
    auto list = List(terminators);
    if (!list) return list.error();
    command.bodies.push_back(std::move(*list));
    command.body_is_condition.push_back(condition);
    return {};
  }

  Expected<AstCommand> Compound(CommandKind kind) {
    AstCommand command;
    command.kind = kind;
    ++pos_;  // ( or {
    if (kind == CommandKind::kSubshell) {
      auto status = Body(command, {}, false);
      if (!status) return status.error();
      if (!Is(TokenKind::kRightParen)) return Unexpected("')'");
      ++pos_;
    } else {
      auto status = Body(command, {"}"}, false);
      if (!status) return status.error();
      status = Expect("}");
      if (!status) return status.error();
    }
    return command;
  }

  Expected<AstCommand> If() {
    AstCommand command;
    command.kind = CommandKind::kIf;
    ++pos_;  // if
    while (true) {
      auto status = Body(command, {"then"}, true);
      if (!status) return status.error();
      if (status = Expect("then"); !status) return status.error();
      if (status = Body(command, {"elif", "else", "fi"}, false); !status) return status.error();
      if (IsWord("elif")) {
        ++pos_;
        continue;
      }
      if (IsWord("else")) {
        ++pos_;
        if (status = Body(command, {"fi"}, false); !status) return status.error();
      }
      if (status = Expect("fi"); !status) return status.error();
      return command;
    }
  }

  Expected<AstCommand> For() {
    AstCommand command;
    command.kind = CommandKind::kFor;
    ++pos_;  // for
    if (!Is(TokenKind::kWord)) return Unexpected("a loop variable");
    command.words.push_back(pos_++);
    SkipNewlines();
    if (IsWord("in")) {
      ++pos_;
      while (Is(TokenKind::kWord)) command.words.push_back(pos_++);
    }
    while (Is(TokenKind::kSemicolon) || Is(TokenKind::kNewline)) ++pos_;
    auto status = Expect("do");
    if (!status) return status.error();
    if (status = Body(command, {"done"}, false); !status) return status.error();
    if (status = Expect("done"); !status) return status.error();
    return command;
  }

  Expected<AstCommand> Loop() {
    AstCommand command;
    command.kind = IsWord("while") ? CommandKind::kWhile : CommandKind::kUntil;
    ++pos_;
    auto status = Body(command, {"do"}, true);
    if (!status) return status.error();
    if (status = Expect("do"); !status) return status.error();
    if (status = Body(command, {"done"}, false); !status) return status.error();
    if (status = Expect("done"); !status) return status.error();
    return command;
  }

  Expected<AstCommand> Case() {
    AstCommand command;
    command.kind = CommandKind::kCase;
    ++pos_;  // case
    if (!Is(TokenKind::kWord)) return Unexpected("a word after 'case'");
    command.words.push_back(pos_++);
    auto status = Expect("in");
    if (!status) return status.error();
    while (true) {
      SkipNewlines();
      if (IsWord("esac")) break;
      // pattern [| pattern]... )
      if (Is(TokenKind::kLeftParen)) ++pos_;
      while (Is(TokenKind::kWord) || Is(TokenKind::kPipe)) ++pos_;
      if (!Is(TokenKind::kRightParen)) return Unexpected("')' after a case pattern");
      ++pos_;
      if (status = Body(command, {"esac"}, false); !status) return status.error();
      if (Is(TokenKind::kDoubleSemicolon)) {
        ++pos_;
      } else {
        break;
      }
    }
    if (status = Expect("esac"); !status) return status.error();
    return command;
  }

  Expected<AstCommand> Function() {
    AstCommand command;
    command.kind = CommandKind::kFunction;
    if (IsWord("function")) ++pos_;
    if (!Is(TokenKind::kWord)) return Unexpected("a function name");
    command.words.push_back(pos_++);
    if (Is(TokenKind::kLeftParen)) {
      ++pos_;
      if (!Is(TokenKind::kRightParen)) return Unexpected("')'");
      ++pos_;
    }
    SkipNewlines();
    auto body = Command();
    if (!body) return body.error();
    CommandList list;
    Pipeline pipeline;
    pipeline.commands.push_back(std::move(*body));
    list.pipelines.push_back(std::move(pipeline));
    command.bodies.push_back(std::move(list));
    command.body_is_condition.push_back(false);
    return command;
  }

  const std::vector<Token>& tokens_;
  size_t pos_ = 0;
  int depth_ = 0;
};

}  // namespace

Expected<ShellAst> ParseShell(std::string_view text) {
  auto tokens = LexShell(text);
  if (!tokens) return tokens.error();
  ShellAst ast;
  ast.tokens = std::move(*tokens);
  auto root = Parser(ast.tokens).Run();
  if (!root) return root.error();
  ast.root = std::move(*root);
  return ast;
}

}  // namespace slimage::shell
