#include "lib/controlplane/core/selectors.h"

#include <algorithm>
#include <optional>
#include <set>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "lib/controlplane/core/label_syntax.h"

namespace sei::controlplane {
namespace {

using nlohmann::json;
using Operator = LabelSelector::Operator;
using Requirement = LabelSelector::Requirement;

// ---- Label selector text: lexer ------------------------------------------

enum class TokenType {
  kEnd,
  kIdentifier,
  kIn,
  kNotIn,
  kNot,  // '!' (existence negation)
  kEquals,
  kDoubleEquals,
  kNotEquals,
  kGreaterThan,
  kLessThan,
  kOpenParen,
  kCloseParen,
  kComma,
};

struct Token {
  TokenType type;
  std::string text;
};

// As in the k8s.io/apimachinery/pkg/labels lexer, a character that is
// neither whitespace nor an operator (below) is identifier text.
bool IsSelectorWhitespace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// The token of a one-character operator, or nullopt for identifier text.
std::optional<TokenType> OperatorToken(char c) {
  switch (c) {
    case '=':
      return TokenType::kEquals;
    case '!':
      return TokenType::kNot;
    case '(':
      return TokenType::kOpenParen;
    case ')':
      return TokenType::kCloseParen;
    case ',':
      return TokenType::kComma;
    case '<':
      return TokenType::kLessThan;
    case '>':
      return TokenType::kGreaterThan;
    default:
      return std::nullopt;
  }
}

std::vector<Token> Lex(absl::string_view text) {
  std::vector<Token> tokens;
  size_t i = 0;
  while (true) {
    while (i < text.size() && IsSelectorWhitespace(text[i])) ++i;
    if (i == text.size()) break;
    if (std::optional<TokenType> op = OperatorToken(text[i])) {
      // Longest match: the only two-character operators are "!=" and "==".
      absl::string_view two = text.substr(i, 2);
      if (two == "!=" || two == "==") {
        tokens.push_back(
            {two == "!=" ? TokenType::kNotEquals : TokenType::kDoubleEquals, std::string(two)});
        i += 2;
      } else {
        tokens.push_back({*op, std::string(1, text[i])});
        ++i;
      }
      continue;
    }
    const size_t start = i;
    while (i < text.size() && !IsSelectorWhitespace(text[i]) && !OperatorToken(text[i])) ++i;
    std::string word(text.substr(start, i - start));
    TokenType type = word == "in"      ? TokenType::kIn
                     : word == "notin" ? TokenType::kNotIn
                                       : TokenType::kIdentifier;
    tokens.push_back({type, std::move(word)});
  }
  tokens.push_back({TokenType::kEnd, ""});
  return tokens;
}

// ---- Requirements, shared by the text and structured forms ---------------

// Go's strconv.ParseInt(s, 10, 64): optional sign, digits only, no overflow.
std::optional<int64_t> ParseInt64(absl::string_view s) {
  absl::string_view digits = s;
  if (!digits.empty() && (digits.front() == '+' || digits.front() == '-')) {
    digits.remove_prefix(1);
  }
  if (digits.empty() || !std::all_of(digits.begin(), digits.end(), absl::ascii_isdigit)) {
    return std::nullopt;
  }
  int64_t value = 0;
  if (!absl::SimpleAtoi(s, &value)) return std::nullopt;
  return value;
}

// labels.NewRequirement: the checks both forms apply.
absl::StatusOr<Requirement> MakeRequirement(std::string key, Operator op,
                                            std::vector<std::string> values) {
  if (absl::Status status = ValidateLabelKey(key); !status.ok()) return status;
  Requirement requirement{std::move(key), op, {}, 0};
  switch (op) {
    case Operator::kIn:
    case Operator::kNotIn:
      if (values.empty()) {
        return absl::InvalidArgumentError(
            absl::StrCat("key \"", requirement.key,
                         "\": for 'in', 'notin' operators, values set can't be empty"));
      }
      break;
    case Operator::kExists:
    case Operator::kDoesNotExist:
      if (!values.empty()) {
        return absl::InvalidArgumentError(
            absl::StrCat("key \"", requirement.key,
                         "\": values set must be empty for exists and does not exist"));
      }
      break;
    case Operator::kGreaterThan:
    case Operator::kLessThan: {
      std::optional<int64_t> bound;
      if (values.size() == 1) bound = ParseInt64(values.front());
      if (!bound.has_value()) {
        return absl::InvalidArgumentError(
            absl::StrCat("key \"", requirement.key,
                         "\": for 'Gt', 'Lt' operators, exactly one integer value is required"));
      }
      requirement.bound = *bound;
      break;
    }
  }
  for (const std::string& value : values) {
    if (absl::Status status = ValidateLabelValue(value); !status.ok()) return status;
  }
  // Sorted and de-duplicated, like the string set Kubernetes keeps.
  std::sort(values.begin(), values.end());
  values.erase(std::unique(values.begin(), values.end()), values.end());
  requirement.values = std::move(values);
  return requirement;
}

// ---- Label selector text: parser -----------------------------------------

// A recursive-descent parser over the token list, mirroring the parser of
// k8s.io/apimachinery/pkg/labels so that the same strings are accepted.
class SelectorParser {
 public:
  explicit SelectorParser(absl::string_view text) : tokens_(Lex(text)) {}

  absl::StatusOr<std::vector<Requirement>> Parse() {
    std::vector<Requirement> requirements;
    while (true) {
      const Token& next = Peek(kValues);
      if (next.type == TokenType::kEnd) return requirements;
      if (!StartsRequirement(next)) return Unexpected(next, "!, identifier, or end of string");
      absl::StatusOr<Requirement> requirement = ParseRequirement();
      if (!requirement.ok()) return requirement.status();
      requirements.push_back(*std::move(requirement));
      const Token separator = Next(kValues);
      if (separator.type == TokenType::kEnd) return requirements;
      if (separator.type != TokenType::kComma) {
        return Unexpected(separator, "',' or end of string");
      }
      if (!StartsRequirement(Peek(kValues))) {
        return Unexpected(Peek(kValues), "identifier after ','");
      }
    }
  }

 private:
  // Whether "in"/"notin" are keywords. Only where an operator is expected;
  // elsewhere they are plain identifiers, so "in" works as a key or value.
  enum Context { kOperator, kValues };

  static bool StartsRequirement(const Token& token) {
    return token.type == TokenType::kIdentifier || token.type == TokenType::kNot;
  }

  Token Peek(Context context) const {
    Token token = tokens_[position_];
    if (context == kValues && (token.type == TokenType::kIn || token.type == TokenType::kNotIn)) {
      token.type = TokenType::kIdentifier;
    }
    return token;
  }

  Token Next(Context context) {
    Token token = Peek(context);
    if (token.type != TokenType::kEnd) ++position_;
    return token;
  }

  static absl::Status Unexpected(const Token& token, absl::string_view expected) {
    const std::string found =
        token.type == TokenType::kEnd ? "end of string" : absl::StrCat("'", token.text, "'");
    return absl::InvalidArgumentError(absl::StrCat("found ", found, ", expected: ", expected));
  }

  absl::StatusOr<Requirement> ParseRequirement() {
    Token key = Next(kValues);
    const bool negated = key.type == TokenType::kNot;
    if (negated) key = Next(kValues);
    if (key.type != TokenType::kIdentifier) return Unexpected(key, "identifier");
    // "!key" is complete on its own; anything after it is caught by the
    // caller as a missing ','.
    if (negated) return MakeRequirement(key.text, Operator::kDoesNotExist, {});
    const TokenType after = Peek(kValues).type;
    if (after == TokenType::kEnd || after == TokenType::kComma) {
      return MakeRequirement(key.text, Operator::kExists, {});
    }
    const Token op = Next(kOperator);
    switch (op.type) {
      case TokenType::kIn:
      case TokenType::kNotIn: {
        absl::StatusOr<std::vector<std::string>> values = ParseValueSet();
        if (!values.ok()) return values.status();
        return MakeRequirement(key.text,
                               op.type == TokenType::kIn ? Operator::kIn : Operator::kNotIn,
                               *std::move(values));
      }
      case TokenType::kEquals:
      case TokenType::kDoubleEquals:
      case TokenType::kNotEquals:
      case TokenType::kGreaterThan:
      case TokenType::kLessThan: {
        absl::StatusOr<std::string> value = ParseExactValue();
        if (!value.ok()) return value.status();
        Operator kind = Operator::kIn;
        if (op.type == TokenType::kNotEquals) kind = Operator::kNotIn;
        if (op.type == TokenType::kGreaterThan) kind = Operator::kGreaterThan;
        if (op.type == TokenType::kLessThan) kind = Operator::kLessThan;
        return MakeRequirement(key.text, kind, {*std::move(value)});
      }
      default:
        return Unexpected(op, "in, notin, =, ==, !=, >, <");
    }
  }

  // The value after =, ==, !=, > or <; "key=" means the empty value.
  absl::StatusOr<std::string> ParseExactValue() {
    const Token next = Peek(kValues);
    if (next.type == TokenType::kEnd || next.type == TokenType::kComma) return std::string();
    Next(kValues);
    if (next.type != TokenType::kIdentifier) return Unexpected(next, "identifier");
    return next.text;
  }

  // "(a,b)". As in Kubernetes, empty members are the empty value: "()" is
  // {""} and "(a,)" is {"a", ""}.
  absl::StatusOr<std::vector<std::string>> ParseValueSet() {
    const Token open = Next(kValues);
    if (open.type != TokenType::kOpenParen) return Unexpected(open, "'('");
    std::vector<std::string> values;
    bool expect_value = true;  // at the start and after each ','
    while (true) {
      const Token token = Next(kValues);
      if (token.type == TokenType::kCloseParen) {
        if (expect_value) values.emplace_back();
        return values;
      }
      if (token.type == TokenType::kComma) {
        if (expect_value) values.emplace_back();
        expect_value = true;
        continue;
      }
      if (token.type != TokenType::kIdentifier) {
        return Unexpected(token, expect_value ? "',', ')' or identifier" : "',' or ')'");
      }
      if (!expect_value) return Unexpected(token, "',' or ')'");
      values.push_back(token.text);
      expect_value = false;
    }
  }

  std::vector<Token> tokens_;  // always ends with kEnd
  size_t position_ = 0;
};

// ---- Label matching ------------------------------------------------------

bool RequirementMatches(const Requirement& requirement, const json& labels) {
  const json* value = nullptr;
  if (labels.is_object()) {
    auto it = labels.find(requirement.key);
    if (it != labels.end() && !it->is_null()) value = &*it;
  }
  auto is_listed = [&requirement](const json& v) {
    return v.is_string() && std::binary_search(requirement.values.begin(), requirement.values.end(),
                                               v.get_ref<const std::string&>());
  };
  switch (requirement.op) {
    case Operator::kExists:
      return value != nullptr;
    case Operator::kDoesNotExist:
      return value == nullptr;
    case Operator::kIn:
      return value != nullptr && is_listed(*value);
    case Operator::kNotIn:
      return value == nullptr || !is_listed(*value);
    case Operator::kGreaterThan:
    case Operator::kLessThan: {
      if (value == nullptr || !value->is_string()) return false;
      std::optional<int64_t> number = ParseInt64(value->get_ref<const std::string&>());
      if (!number.has_value()) return false;
      return requirement.op == Operator::kGreaterThan ? *number > requirement.bound
                                                      : *number < requirement.bound;
    }
  }
  return false;
}

// ---- Structured selectors ------------------------------------------------

absl::Status Prefixed(absl::string_view prefix, const absl::Status& status) {
  return absl::Status(status.code(), absl::StrCat(prefix, ": ", status.message()));
}

absl::StatusOr<std::vector<Requirement>> MatchLabelsRequirements(const json& match_labels) {
  std::vector<Requirement> requirements;
  if (match_labels.is_null()) return requirements;
  if (!match_labels.is_object()) {
    return absl::InvalidArgumentError("matchLabels: must be an object");
  }
  for (auto it = match_labels.begin(); it != match_labels.end(); ++it) {
    const std::string where = absl::StrCat("matchLabels.", it.key());
    if (!it.value().is_string()) return absl::InvalidArgumentError(where + ": must be a string");
    absl::StatusOr<Requirement> requirement =
        MakeRequirement(it.key(), Operator::kIn, {it.value().get<std::string>()});
    if (!requirement.ok()) return Prefixed(where, requirement.status());
    requirements.push_back(*std::move(requirement));
  }
  return requirements;
}

absl::StatusOr<Requirement> MatchExpressionRequirement(const json& expression) {
  if (!expression.is_object()) return absl::InvalidArgumentError("must be an object");
  auto key = expression.find("key");
  if (key == expression.end() || !key->is_string()) {
    return absl::InvalidArgumentError("key: must be a string");
  }
  auto op = expression.find("operator");
  if (op == expression.end() || !op->is_string()) {
    return absl::InvalidArgumentError("operator: must be a string");
  }
  const std::string& op_name = op->get_ref<const std::string&>();
  Operator kind;
  if (op_name == "In") {
    kind = Operator::kIn;
  } else if (op_name == "NotIn") {
    kind = Operator::kNotIn;
  } else if (op_name == "Exists") {
    kind = Operator::kExists;
  } else if (op_name == "DoesNotExist") {
    kind = Operator::kDoesNotExist;
  } else {
    return absl::InvalidArgumentError(
        absl::StrCat("operator: \"", op_name, "\" is not a valid label selector operator"));
  }
  std::vector<std::string> values;
  auto values_json = expression.find("values");
  if (values_json != expression.end() && !values_json->is_null()) {
    if (!values_json->is_array()) return absl::InvalidArgumentError("values: must be an array");
    for (const json& value : *values_json) {
      if (!value.is_string()) return absl::InvalidArgumentError("values: must be strings");
      values.push_back(value.get<std::string>());
    }
  }
  return MakeRequirement(key->get<std::string>(), kind, std::move(values));
}

absl::StatusOr<std::vector<Requirement>> StructuredRequirements(const json& selector) {
  if (!selector.is_object()) return absl::InvalidArgumentError("must be an object");
  std::vector<Requirement> requirements;
  if (auto it = selector.find("matchLabels"); it != selector.end()) {
    absl::StatusOr<std::vector<Requirement>> labels = MatchLabelsRequirements(*it);
    if (!labels.ok()) return labels.status();
    requirements = *std::move(labels);
  }
  auto expressions = selector.find("matchExpressions");
  if (expressions == selector.end() || expressions->is_null()) return requirements;
  if (!expressions->is_array()) {
    return absl::InvalidArgumentError("matchExpressions: must be an array");
  }
  for (size_t i = 0; i < expressions->size(); ++i) {
    absl::StatusOr<Requirement> requirement = MatchExpressionRequirement((*expressions)[i]);
    if (!requirement.ok()) {
      return Prefixed(absl::StrCat("matchExpressions[", i, "]"), requirement.status());
    }
    requirements.push_back(*std::move(requirement));
  }
  return requirements;
}

// ---- Field selectors -----------------------------------------------------

// Splits on ',' not preceded by '\' (fields.splitTerms).
std::vector<std::string> SplitFieldTerms(absl::string_view text) {
  std::vector<std::string> terms;
  if (text.empty()) return terms;
  std::string current;
  bool escaped = false;
  for (char c : text) {
    if (!escaped && c == ',') {
      terms.push_back(std::move(current));
      current.clear();
      continue;
    }
    escaped = !escaped && c == '\\';
    current.push_back(c);
  }
  terms.push_back(std::move(current));
  return terms;
}

// fields.UnescapeValue: "\\", "\," and "\=" are the only escapes, and bare
// ',' or '=' are not allowed in a value.
absl::StatusOr<std::string> UnescapeFieldValue(absl::string_view value) {
  std::string out;
  for (size_t i = 0; i < value.size(); ++i) {
    const char c = value[i];
    if (c == ',' || c == '=') {
      return absl::InvalidArgumentError(
          absl::StrCat("unescaped '", std::string(1, c), "' in value \"", value, "\""));
    }
    if (c != '\\') {
      out.push_back(c);
      continue;
    }
    if (i + 1 == value.size() ||
        (value[i + 1] != '\\' && value[i + 1] != ',' && value[i + 1] != '=')) {
      return absl::InvalidArgumentError(
          absl::StrCat("invalid escape sequence in value \"", value, "\""));
    }
    out.push_back(value[++i]);
  }
  return out;
}

// The value a field selector compares against (see FieldSelector::Matches).
std::string FieldValue(const json& object, absl::string_view path) {
  const json* node = &object;
  for (absl::string_view part : absl::StrSplit(path, '.')) {
    if (!node->is_object()) return "";
    auto it = node->find(std::string(part));
    if (it == node->end()) return "";
    node = &*it;
  }
  if (node->is_string()) return node->get<std::string>();
  if (node->is_boolean()) return node->get<bool>() ? "true" : "false";
  if (node->is_number()) return node->dump();
  return "";
}

}  // namespace

absl::StatusOr<LabelSelector> LabelSelector::Parse(absl::string_view text) {
  absl::StatusOr<std::vector<Requirement>> requirements = SelectorParser(text).Parse();
  if (!requirements.ok()) {
    return Prefixed(absl::StrCat("invalid label selector \"", text, "\""), requirements.status());
  }
  return LabelSelector(*std::move(requirements));
}

absl::StatusOr<LabelSelector> LabelSelector::FromLabelSelectorJson(const json& selector) {
  if (selector.is_null()) return LabelSelector();
  absl::StatusOr<std::vector<Requirement>> requirements = StructuredRequirements(selector);
  if (!requirements.ok()) return Prefixed("invalid label selector", requirements.status());
  return LabelSelector(*std::move(requirements));
}

bool LabelSelector::Matches(const json& labels) const {
  return std::all_of(requirements_.begin(), requirements_.end(),
                     [&labels](const Requirement& r) { return RequirementMatches(r, labels); });
}

absl::StatusOr<FieldSelector> FieldSelector::Parse(absl::string_view text) {
  auto invalid = [text](absl::string_view reason) {
    return absl::InvalidArgumentError(
        absl::StrCat("invalid field selector \"", text, "\": ", reason));
  };
  std::vector<Term> terms;
  for (const std::string& term : SplitFieldTerms(text)) {
    if (term.empty()) continue;  // "a=b,,c=d" and a trailing ',' are tolerated
    // The first operator from the left wins; at one position "!=" and "=="
    // are tried before "=" (fields.splitTerm).
    size_t op_at = std::string::npos;
    size_t op_length = 0;
    for (size_t i = 0; i < term.size() && op_at == std::string::npos; ++i) {
      if (term.compare(i, 2, "!=") == 0 || term.compare(i, 2, "==") == 0) {
        op_at = i;
        op_length = 2;
      } else if (term[i] == '=') {
        op_at = i;
        op_length = 1;
      }
    }
    if (op_at == std::string::npos) {
      return invalid(absl::StrCat("can't understand \"", term, "\""));
    }
    if (op_at == 0) return invalid(absl::StrCat("missing field name in \"", term, "\""));
    absl::StatusOr<std::string> value =
        UnescapeFieldValue(absl::string_view(term).substr(op_at + op_length));
    if (!value.ok()) return invalid(value.status().message());
    terms.push_back({term.substr(0, op_at), term[op_at] != '!', *std::move(value)});
  }
  return FieldSelector(std::move(terms));
}

bool FieldSelector::Matches(const json& object) const {
  return std::all_of(terms_.begin(), terms_.end(), [&object](const Term& term) {
    return (FieldValue(object, term.field) == term.value) == term.equal;
  });
}

std::vector<std::string> FieldSelector::Fields() const {
  std::vector<std::string> fields;
  std::set<std::string> seen;
  for (const Term& term : terms_) {
    if (seen.insert(term.field).second) fields.push_back(term.field);
  }
  return fields;
}

}  // namespace sei::controlplane
