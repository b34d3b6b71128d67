#include "lib/controlplane/http/json_path.h"

#include "lib/controlplane/core/json_text.h"

#include <string>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"

namespace sei::controlplane {
namespace {

using Json = nlohmann::json;

absl::Status Unsupported(absl::string_view path, absl::string_view why) {
  return absl::InvalidArgumentError(absl::StrCat("unsupported JSONPath \"", path, "\": ", why));
}

// The value at a dotted key path (".a.b") below `node`, or nullptr.
const Json* Lookup(const Json& node, absl::string_view dotted) {
  const Json* current = &node;
  while (!dotted.empty()) {
    if (dotted.front() != '.') return nullptr;
    dotted.remove_prefix(1);
    const size_t end = dotted.find('.');
    const std::string key(dotted.substr(0, end));
    dotted = end == absl::string_view::npos ? absl::string_view() : dotted.substr(end);
    if (!current->is_object()) return nullptr;
    auto it = current->find(key);
    if (it == current->end()) return nullptr;
    current = &*it;
  }
  return current;
}

// Compares a filter operand to a literal the way JSONPath printing does:
// strings by value, other scalars by their JSON text.
bool LiteralEquals(const Json& value, absl::string_view literal, bool quoted) {
  if (quoted) return value.is_string() && value.get<std::string>() == literal;
  return JsonText(value) == literal;
}

// One step applied to every current node.
class Evaluator {
 public:
  explicit Evaluator(absl::string_view path) : path_(path) {}

  absl::StatusOr<std::vector<Json>> Run(const Json& root) {
    absl::string_view rest = absl::StripAsciiWhitespace(path_);
    if (absl::ConsumePrefix(&rest, "{")) {
      if (!absl::ConsumeSuffix(&rest, "}")) return Unsupported(path_, "unbalanced braces");
    }
    absl::ConsumePrefix(&rest, "$");
    std::vector<const Json*> nodes = {&root};
    while (!rest.empty() && !nodes.empty()) {
      std::vector<const Json*> next;
      if (absl::ConsumePrefix(&rest, "..")) return Unsupported(path_, "recursive descent");
      if (absl::ConsumePrefix(&rest, ".")) {
        size_t end = 0;
        while (end < rest.size() && rest[end] != '.' && rest[end] != '[') ++end;
        const std::string key(rest.substr(0, end));
        rest.remove_prefix(end);
        if (key.empty()) return Unsupported(path_, "empty field name");
        for (const Json* node : nodes) {
          if (key == "*") {
            if (node->is_object() || node->is_array()) {
              for (const auto& child : *node) next.push_back(&child);
            }
          } else if (node->is_object()) {
            auto it = node->find(key);
            if (it != node->end()) next.push_back(&*it);
          }
        }
      } else if (absl::ConsumePrefix(&rest, "[")) {
        const size_t close = FindClose(rest);
        if (close == absl::string_view::npos) return Unsupported(path_, "unbalanced brackets");
        const absl::string_view inside = absl::StripAsciiWhitespace(rest.substr(0, close));
        rest.remove_prefix(close + 1);
        auto status = Bracket(inside, nodes, next);
        if (!status.ok()) return status;
      } else {
        return Unsupported(path_, absl::StrCat("unexpected \"", rest.substr(0, 1), "\""));
      }
      nodes = std::move(next);
    }
    std::vector<Json> values;
    values.reserve(nodes.size());
    for (const Json* node : nodes) values.push_back(*node);
    return values;
  }

 private:
  // The index of the ']' closing the bracket that was just opened, skipping
  // quoted strings.
  static size_t FindClose(absl::string_view text) {
    char quote = 0;
    for (size_t i = 0; i < text.size(); ++i) {
      const char c = text[i];
      if (quote != 0) {
        if (c == quote) quote = 0;
      } else if (c == '\'' || c == '"') {
        quote = c;
      } else if (c == ']') {
        return i;
      }
    }
    return absl::string_view::npos;
  }

  absl::Status Bracket(absl::string_view inside, const std::vector<const Json*>& nodes,
                       std::vector<const Json*>& next) {
    if (inside == "*") {
      for (const Json* node : nodes) {
        if (node->is_object() || node->is_array()) {
          for (const auto& child : *node) next.push_back(&child);
        }
      }
      return absl::OkStatus();
    }
    if (inside.size() >= 2 && (inside.front() == '\'' || inside.front() == '"') &&
        inside.back() == inside.front()) {
      const std::string key(inside.substr(1, inside.size() - 2));
      for (const Json* node : nodes) {
        if (!node->is_object()) continue;
        auto it = node->find(key);
        if (it != node->end()) next.push_back(&*it);
      }
      return absl::OkStatus();
    }
    if (absl::ConsumePrefix(&inside, "?(")) {
      if (!absl::ConsumeSuffix(&inside, ")")) return Unsupported(path_, "unbalanced filter");
      return Filter(absl::StripAsciiWhitespace(inside), nodes, next);
    }
    int64_t index = 0;
    if (!absl::SimpleAtoi(inside, &index)) {
      return Unsupported(path_, absl::StrCat("bracket \"[", inside, "]\""));
    }
    for (const Json* node : nodes) {
      if (!node->is_array()) continue;
      const int64_t size = static_cast<int64_t>(node->size());
      const int64_t position = index < 0 ? size + index : index;
      if (position >= 0 && position < size) next.push_back(&(*node)[position]);
    }
    return absl::OkStatus();
  }

  // `@.key == "value"` / `@.key != 'value'` / `@.key == 3`.
  absl::Status Filter(absl::string_view expression, const std::vector<const Json*>& nodes,
                      std::vector<const Json*>& next) {
    size_t op = expression.find("==");
    bool equal = true;
    if (op == absl::string_view::npos) {
      op = expression.find("!=");
      equal = false;
    }
    if (op == absl::string_view::npos) return Unsupported(path_, "filter without == or !=");
    absl::string_view left = absl::StripAsciiWhitespace(expression.substr(0, op));
    absl::string_view right = absl::StripAsciiWhitespace(expression.substr(op + 2));
    if (!absl::ConsumePrefix(&left, "@")) return Unsupported(path_, "filter must start with @");
    bool quoted = false;
    if (right.size() >= 2 && (right.front() == '"' || right.front() == '\'') &&
        right.back() == right.front()) {
      right = right.substr(1, right.size() - 2);
      quoted = true;
    }
    for (const Json* node : nodes) {
      if (!node->is_array()) continue;
      for (const auto& element : *node) {
        const Json* operand = Lookup(element, left);
        if (operand == nullptr) continue;
        if (LiteralEquals(*operand, right, quoted) == equal) next.push_back(&element);
      }
    }
    return absl::OkStatus();
  }

  absl::string_view path_;
};

}  // namespace

absl::StatusOr<std::vector<Json>> EvaluateJsonPath(const Json& root, absl::string_view path) {
  return Evaluator(path).Run(root);
}

}  // namespace sei::controlplane
