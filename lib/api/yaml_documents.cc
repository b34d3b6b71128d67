#include "lib/api/yaml_documents.h"

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <exception>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/charconv.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/string_view.h"
#include "lib/api/json_describe.h"
#include "lib/api/utf8.h"

namespace sei::api {
namespace {

using Json = nlohmann::json;

// Real manifests nest < 20 deep; the limit keeps recursion (and cyclic
// aliases such as `&a [*a]`) from exhausting the stack.
constexpr int kMaxDepth = 1000;
// Aliases let a small file expand enormously ("billion laughs"); no manifest
// comes close to these.
constexpr int64_t kMaxNodes = 1000000;
constexpr int64_t kMinScalarBytesBudget = int64_t{64} << 20;

constexpr absl::string_view kTagPrefix = "tag:yaml.org,2002:";

absl::Status ErrorAt(int line0, int column0, absl::string_view message) {
  // yaml-cpp marks are 0-based; people count from 1.
  return absl::InvalidArgumentError(absl::StrCat("YAML parse error at line ", line0 + 1,
                                                 ", column ", column0 + 1, ": ", message));
}

absl::Status ErrorAt(const YAML::Mark& mark, absl::string_view message) {
  if (mark.is_null())
    return absl::InvalidArgumentError(absl::StrCat("YAML parse error: ", message));
  return ErrorAt(mark.line, mark.column, message);
}

// ---- Plain scalar resolution (yaml.v2 / YAML 1.1, as used by kubectl) ----

struct Resolved {
  enum Kind { kString, kNull, kBool, kInt, kUint, kFloat, kNonFinite };
  Kind kind = kString;
  bool bool_value = false;
  int64_t int_value = 0;
  uint64_t uint_value = 0;
  double float_value = 0;
};

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// strconv.ParseUint(s, 0, 64): optional 0b/0o/0x prefix, a bare leading 0
// means octal, no sign.
bool GoParseUint(absl::string_view s, uint64_t* out) {
  if (s.empty()) return false;
  int base = 10;
  if (s[0] == '0') {
    const char prefix = s.size() >= 3 ? static_cast<char>(s[1] | 0x20) : '\0';
    if (prefix == 'b') {
      base = 2, s.remove_prefix(2);
    } else if (prefix == 'o') {
      base = 8, s.remove_prefix(2);
    } else if (prefix == 'x') {
      base = 16, s.remove_prefix(2);
    } else {
      base = 8, s.remove_prefix(1);
    }
  }
  uint64_t n = 0;
  for (char c : s) {
    int digit;
    if (IsDigit(c)) {
      digit = c - '0';
    } else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') {
      digit = (c | 0x20) - 'a' + 10;
    } else {
      return false;
    }
    if (digit >= base) return false;
    if (n > (UINT64_MAX - static_cast<uint64_t>(digit)) / base) return false;
    n = n * base + digit;
  }
  *out = n;
  return true;
}

// strconv.ParseInt(s, 0, 64).
bool GoParseInt(absl::string_view s, int64_t* out) {
  bool negative = false;
  if (!s.empty() && (s[0] == '+' || s[0] == '-')) {
    negative = s[0] == '-';
    s.remove_prefix(1);
  }
  uint64_t magnitude;
  if (!GoParseUint(s, &magnitude)) return false;
  if (negative) {
    if (magnitude > uint64_t{1} << 63) return false;
    *out = static_cast<int64_t>(0 - magnitude);
  } else {
    if (magnitude > static_cast<uint64_t>(INT64_MAX)) return false;
    *out = static_cast<int64_t>(magnitude);
  }
  return true;
}

// yaml.v2's float pattern: ^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$
bool MatchesYamlFloat(absl::string_view s) {
  size_t i = 0;
  const auto digits = [&] {
    const size_t start = i;
    while (i < s.size() && IsDigit(s[i])) ++i;
    return i - start;
  };
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
  if (i < s.size() && s[i] == '.') {
    ++i;
    if (digits() == 0) return false;
  } else {
    if (digits() == 0) return false;
    if (i < s.size() && s[i] == '.') {
      ++i;
      digits();
    }
  }
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    if (digits() == 0) return false;
  }
  return i == s.size();
}

// strconv.ParseFloat on text that matched MatchesYamlFloat. False on
// overflow, where Go reports an error and yaml.v2 keeps the text a string.
bool ParseFloatText(absl::string_view s, double* out) {
  const bool negative = !s.empty() && s[0] == '-';
  if (!s.empty() && (s[0] == '+' || s[0] == '-')) s.remove_prefix(1);
  double d = 0;
  const absl::from_chars_result result = absl::from_chars(s.data(), s.data() + s.size(), d);
  if (result.ec == std::errc::invalid_argument || result.ptr != s.data() + s.size()) return false;
  if (result.ec == std::errc::result_out_of_range) {
    if (std::fabs(d) >= 1) return false;  // overflow
    d = 0;                                // underflow: Go yields 0 as well
  }
  *out = negative ? -d : d;
  return true;
}

Resolved ResolvePlain(absl::string_view s) {
  Resolved r;
  static const auto* const kBoolTrue = new std::vector<absl::string_view>{
      "y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"};
  static const auto* const kBoolFalse = new std::vector<absl::string_view>{
      "n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"};
  static const auto* const kNull =
      new std::vector<absl::string_view>{"", "~", "null", "Null", "NULL"};
  static const auto* const kNonFinite =
      new std::vector<absl::string_view>{".nan",  ".NaN",  ".NAN",  ".inf",  ".Inf",  ".INF",
                                         "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF"};
  const auto in = [s](const std::vector<absl::string_view>* set) {
    for (absl::string_view v : *set) {
      if (v == s) return true;
    }
    return false;
  };
  if (in(kNull)) {
    r.kind = Resolved::kNull;
    return r;
  }
  if (in(kBoolTrue) || in(kBoolFalse)) {
    r.kind = Resolved::kBool;
    r.bool_value = in(kBoolTrue);
    return r;
  }
  if (in(kNonFinite)) {
    r.kind = Resolved::kNonFinite;
    return r;
  }
  const char first = s[0];
  if (first == '.') {
    if (MatchesYamlFloat(s) && ParseFloatText(s, &r.float_value)) r.kind = Resolved::kFloat;
    return r;
  }
  if (!IsDigit(first) && first != '+' && first != '-') return r;
  // yaml.v2 drops every underscore before trying numbers (`1_000` is 1000).
  const std::string plain = absl::StrReplaceAll(s, {{"_", ""}});
  if (GoParseInt(plain, &r.int_value)) {
    r.kind = Resolved::kInt;
  } else if (GoParseUint(plain, &r.uint_value)) {
    r.kind = Resolved::kUint;
  } else if (MatchesYamlFloat(plain) && ParseFloatText(plain, &r.float_value)) {
    r.kind = Resolved::kFloat;
  }
  return r;
}

Json ResolvedToJson(const Resolved& r, const std::string& text) {
  switch (r.kind) {
    case Resolved::kNull:
      return nullptr;
    case Resolved::kBool:
      return r.bool_value;
    case Resolved::kInt:
      return r.int_value;
    case Resolved::kUint:
      return r.uint_value;
    case Resolved::kFloat:
      return r.float_value;
    case Resolved::kString:
    case Resolved::kNonFinite:
      break;
  }
  return text;
}

// ---- YAML node tree → JSON ----

class YamlToJson {
 public:
  explicit YamlToJson(int64_t scalar_bytes_budget) : scalar_bytes_budget_(scalar_bytes_budget) {}

  absl::Status Convert(const YAML::Node& node, int depth, Json* out) {
    if (depth > kMaxDepth) {
      return ErrorAt(node.Mark(), absl::StrCat("nested more than ", kMaxDepth,
                                               " levels deep (or a recursive alias)"));
    }
    if (++nodes_ > kMaxNodes) {
      return ErrorAt(node.Mark(), absl::StrCat("document expands to more than ", kMaxNodes,
                                               " nodes (excessive aliasing?)"));
    }
    switch (node.Type()) {
      case YAML::NodeType::Undefined:
      case YAML::NodeType::Null:
        // `!!str` on an empty value is the empty string, not null.
        *out = node.Tag() == absl::StrCat(kTagPrefix, "str") ? Json("") : Json(nullptr);
        return absl::OkStatus();
      case YAML::NodeType::Scalar:
        return ConvertScalar(node, out);
      case YAML::NodeType::Sequence: {
        *out = Json::array();
        for (const YAML::Node& element : node) {
          Json value;
          absl::Status status = Convert(element, depth + 1, &value);
          if (!status.ok()) return status;
          out->push_back(std::move(value));
        }
        return absl::OkStatus();
      }
      case YAML::NodeType::Map:
        return ConvertMap(node, depth, out);
    }
    return ErrorAt(node.Mark(), "unsupported YAML node");
  }

 private:
  absl::Status ConvertScalar(const YAML::Node& node, Json* out) {
    const std::string& text = node.Scalar();
    scalar_bytes_ += static_cast<int64_t>(text.size());
    if (scalar_bytes_ > scalar_bytes_budget_) {
      return ErrorAt(node.Mark(), "document expands to too much text (excessive aliasing?)");
    }
    if (!IsValidUtf8(text)) return ErrorAt(node.Mark(), "text is not valid UTF-8");
    const std::string& tag = node.Tag();
    // "!" marks a quoted or block scalar: always a string.
    if (tag == "!" || tag == absl::StrCat(kTagPrefix, "str") ||
        tag == absl::StrCat(kTagPrefix, "binary") || tag == absl::StrCat(kTagPrefix, "timestamp")) {
      *out = text;
      return absl::OkStatus();
    }
    const Resolved resolved = ResolvePlain(text);
    if (resolved.kind == Resolved::kNonFinite) {
      return ErrorAt(node.Mark(), absl::StrCat(QuoteForMessage(text),
                                               " (infinity/NaN) cannot be represented in JSON"));
    }
    if (tag != "?" && tag.rfind(std::string(kTagPrefix), 0) == 0) {
      // An explicit core tag (`!!int 5`) must agree with what the text is.
      const absl::string_view want = absl::string_view(tag).substr(kTagPrefix.size());
      const bool ok = (want == "int" &&
                       (resolved.kind == Resolved::kInt || resolved.kind == Resolved::kUint)) ||
                      (want == "float" &&
                       (resolved.kind == Resolved::kFloat || resolved.kind == Resolved::kInt ||
                        resolved.kind == Resolved::kUint)) ||
                      (want == "bool" && resolved.kind == Resolved::kBool) ||
                      (want == "null" && resolved.kind == Resolved::kNull);
      if (!ok) {
        return ErrorAt(node.Mark(),
                       absl::StrCat("cannot decode ", QuoteForMessage(text), " as !!", want));
      }
      if (want == "float") {
        const Json value = ResolvedToJson(resolved, text);
        *out = value.get<double>();
        return absl::OkStatus();
      }
    }
    // Plain scalars and application tags (`!foo`) resolve by content, as in
    // yaml.v2.
    *out = ResolvedToJson(resolved, text);
    return absl::OkStatus();
  }

  static bool IsMergeKey(const YAML::Node& key) {
    return key.IsScalar() && key.Tag() == "?" && key.Scalar() == "<<";
  }

  // JSON object keys are strings; plain keys that YAML 1.1 reads as another
  // type are spelt the way kubectl's YAML→JSON conversion spells them.
  absl::Status KeyText(const YAML::Node& key, std::string* out) {
    if (key.IsNull()) {
      *out = key.Tag() == absl::StrCat(kTagPrefix, "str") ? "" : "null";
      return absl::OkStatus();
    }
    if (!key.IsScalar()) {
      return ErrorAt(key.Mark(), "mapping keys must be scalars, not lists or mappings");
    }
    const std::string& text = key.Scalar();
    if (!IsValidUtf8(text)) return ErrorAt(key.Mark(), "key is not valid UTF-8");
    if (key.Tag() != "?") {
      *out = text;
      return absl::OkStatus();
    }
    const Resolved r = ResolvePlain(text);
    switch (r.kind) {
      case Resolved::kBool:
        *out = r.bool_value ? "true" : "false";
        break;
      case Resolved::kInt:
        *out = absl::StrCat(r.int_value);
        break;
      case Resolved::kUint:
        *out = absl::StrCat(r.uint_value);
        break;
      default:
        *out = text;
        break;
    }
    return absl::OkStatus();
  }

  absl::Status ConvertMap(const YAML::Node& node, int depth, Json* out) {
    *out = Json::object();
    std::vector<YAML::Node> merges;
    for (const auto& entry : node) {
      if (IsMergeKey(entry.first)) {
        merges.push_back(entry.second);
        continue;
      }
      std::string key;
      absl::Status status = KeyText(entry.first, &key);
      if (!status.ok()) return status;
      if (out->contains(key)) {
        return ErrorAt(entry.first.Mark(), absl::StrCat("duplicate key ", QuoteForMessage(key)));
      }
      Json value;
      status = Convert(entry.second, depth + 1, &value);
      if (!status.ok()) return status;
      (*out)[key] = std::move(value);
    }
    // `<<: *base` (or a list of them) fills in keys the mapping does not set
    // itself; earlier sources win over later ones.
    for (const YAML::Node& merge : merges) {
      std::vector<YAML::Node> sources;
      if (merge.IsMap()) {
        sources.push_back(merge);
      } else if (merge.IsSequence()) {
        for (const YAML::Node& source : merge) sources.push_back(source);
      }
      if (sources.empty() && !merge.IsSequence()) {
        return ErrorAt(merge.Mark(), "a merge key (<<) needs a mapping or a list of mappings");
      }
      for (const YAML::Node& source : sources) {
        if (!source.IsMap()) {
          return ErrorAt(source.Mark(), "a merge key (<<) needs a mapping or a list of mappings");
        }
        Json merged;
        absl::Status status = Convert(source, depth + 1, &merged);
        if (!status.ok()) return status;
        for (auto& [key, value] : merged.items()) {
          if (!out->contains(key)) (*out)[key] = std::move(value);
        }
      }
    }
    return absl::OkStatus();
  }

  const int64_t scalar_bytes_budget_;
  int64_t nodes_ = 0;
  int64_t scalar_bytes_ = 0;
};

// ---- JSON streams ----

bool IsJsonSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

void LineColumn(absl::string_view text, size_t offset, int* line, int* column) {
  *line = 0;
  *column = 0;
  for (size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++*line;
      *column = 0;
    } else {
      ++*column;
    }
  }
}

absl::Status JsonErrorAt(absl::string_view text, size_t offset, absl::string_view message) {
  int line, column;
  LineColumn(text, offset, &line, &column);
  // The hint matters for flow-style YAML (`{a: 1}`), which kubectl also
  // reads as JSON and rejects.
  return absl::InvalidArgumentError(absl::StrCat("JSON parse error at line ", line + 1, ", column ",
                                                 column + 1, ": ", message,
                                                 " (input starting with '{' is read as JSON)"));
}

// Finds the end of the JSON object starting at `start` by bracket matching
// outside strings, so that each object of a stream can be handed to the
// parser separately (and its line reported). Returns text.size() when the
// object is unterminated; the parser then reports the precise problem.
absl::Status FindObjectEnd(absl::string_view text, size_t start, size_t* end) {
  int depth = 0;
  bool in_string = false;
  for (size_t i = start; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      if (++depth > kMaxDepth) {
        return JsonErrorAt(text, i, absl::StrCat("nested more than ", kMaxDepth, " levels deep"));
      }
    } else if (c == '}' || c == ']') {
      if (--depth == 0) {
        *end = i + 1;
        return absl::OkStatus();
      }
    }
  }
  *end = text.size();
  return absl::OkStatus();
}

// nlohmann's messages embed their own (per-object) position; keep only the
// description after it.
std::string JsonParseMessage(const std::string& what) {
  const size_t column = what.find("column ");
  if (column != std::string::npos) {
    const size_t colon = what.find(": ", column);
    if (colon != std::string::npos) return what.substr(colon + 2);
  }
  // "[json.exception.out_of_range.406] number overflow ..." → the description.
  if (!what.empty() && what[0] == '[') {
    const size_t bracket = what.find("] ");
    if (bracket != std::string::npos) return what.substr(bracket + 2);
  }
  return what;
}

absl::StatusOr<std::vector<Document>> ParseJsonStream(absl::string_view text) {
  std::vector<Document> documents;
  size_t pos = 0;
  if (absl::StartsWith(text, "\xEF\xBB\xBF")) pos = 3;
  while (true) {
    while (pos < text.size() && IsJsonSpace(text[pos])) ++pos;
    if (pos == text.size()) break;
    if (text[pos] != '{') {
      return JsonErrorAt(text, pos, "expected '{' to start the next JSON object");
    }
    size_t end;
    absl::Status status = FindObjectEnd(text, pos, &end);
    if (!status.ok()) return status;
    Document document;
    document.index = static_cast<int>(documents.size());
    int line, column;
    LineColumn(text, pos, &line, &column);
    document.line = line + 1;
    try {
      document.json = Json::parse(text.begin() + pos, text.begin() + end);
    } catch (const Json::parse_error& e) {
      const size_t offset = pos + (e.byte > 0 ? e.byte - 1 : 0);
      return JsonErrorAt(text, offset, JsonParseMessage(e.what()));
    } catch (const Json::exception& e) {
      // E.g. a number too large for a double; nlohmann gives no position.
      return JsonErrorAt(text, pos, JsonParseMessage(e.what()));
    }
    documents.push_back(std::move(document));
    pos = end;
  }
  return documents;
}

bool LooksLikeJson(absl::string_view text) {
  if (absl::StartsWith(text, "\xEF\xBB\xBF")) text.remove_prefix(3);
  for (char c : text) {
    if (IsJsonSpace(c)) continue;
    return c == '{';
  }
  return false;
}

absl::StatusOr<std::vector<Document>> ParseYamlStream(absl::string_view text) {
  std::vector<YAML::Node> nodes;
  try {
    nodes = YAML::LoadAll(std::string(text));
  } catch (const YAML::DeepRecursion& e) {
    // yaml-cpp 0.7 gives this one the unrelated text "bad file".
    return ErrorAt(e.mark, "nested too deeply for the YAML parser");
  } catch (const YAML::Exception& e) {
    return ErrorAt(e.mark, e.msg);
  }
  std::vector<Document> documents;
  const int64_t budget =
      std::max<int64_t>(kMinScalarBytesBudget, 4 * static_cast<int64_t>(text.size()));
  for (const YAML::Node& node : nodes) {
    // Empty and comment-only documents load as null; kubectl skips them.
    if (!node.IsDefined() || node.IsNull()) continue;
    Document document;
    document.index = static_cast<int>(documents.size());
    document.line = node.Mark().is_null() ? 0 : node.Mark().line + 1;
    YamlToJson converter(budget);
    absl::Status status = converter.Convert(node, 0, &document.json);
    if (!status.ok()) return status;
    documents.push_back(std::move(document));
  }
  return documents;
}

// ---- Emitting ----

// Strings that a YAML 1.2 reader (or PyYAML) would not read back as text
// even though yaml.v2 does; quoted to stay portable.
bool LooksTypedElsewhere(absl::string_view s) {
  const std::string plain = absl::StrReplaceAll(s, {{"_", ""}});
  if (MatchesYamlFloat(plain)) return true;  // e.g. 1e400
  // Timestamps (2026-06-06...).
  if (s.size() >= 8 && IsDigit(s[0]) && IsDigit(s[1]) && IsDigit(s[2]) && IsDigit(s[3]) &&
      s[4] == '-' && IsDigit(s[5])) {
    return true;
  }
  // YAML 1.1 sexagesimal numbers (1:30:00).
  size_t i = (s[0] == '+' || s[0] == '-') ? 1 : 0;
  bool saw_colon = false;
  bool digits_only = i < s.size() && IsDigit(s[i]);
  for (; i < s.size() && digits_only; ++i) {
    if (s[i] == ':') {
      saw_colon = true;
    } else if (!IsDigit(s[i]) && s[i] != '.') {
      digits_only = false;
    }
  }
  return saw_colon && digits_only;
}

bool NeedsQuotes(absl::string_view s) {
  if (s.empty()) return true;
  if (ResolvePlain(s).kind != Resolved::kString) return true;
  if (LooksTypedElsewhere(s)) return true;
  // The YAML 1.1 merge key and "value" key types (PyYAML resolves both).
  if (s == "<<" || s == "=") return true;
  // Indicators that start something other than a plain scalar.
  if (absl::string_view("-?:,[]{}#&*!|>'\"%@`").find(s[0]) != absl::string_view::npos) {
    return true;
  }
  if (absl::StartsWith(s, "...")) return true;
  const char last = s.back();
  if (s[0] == ' ' || s[0] == '\t' || last == ' ' || last == '\t' || last == ':') return true;
  for (size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x20 || c == 0x7F) return true;
    if (c == ':' && i + 1 < s.size() && (s[i + 1] == ' ' || s[i + 1] == '\t')) return true;
    if (c == '#' && i > 0 && (s[i - 1] == ' ' || s[i - 1] == '\t')) return true;
    // C1 controls incl. NEL (U+0080..U+009F), LS/PS (U+2028/9) and BOM
    // (U+FEFF) are line breaks or invisible in YAML.
    if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) <= 0x9F) return true;
    const absl::string_view three = s.substr(i, 3);
    if (three == "\xE2\x80\xA8" || three == "\xE2\x80\xA9" || three == "\xEF\xBB\xBF") {
      return true;
    }
  }
  return false;
}

std::string DoubleQuoted(absl::string_view s) {
  std::string out = "\"";
  for (size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    switch (c) {
      case '"':
        out += "\\\"";
        continue;
      case '\\':
        out += "\\\\";
        continue;
      case '\n':
        out += "\\n";
        continue;
      case '\t':
        out += "\\t";
        continue;
      case '\r':
        out += "\\r";
        continue;
      default:
        break;
    }
    if (c < 0x20 || c == 0x7F) {
      absl::StrAppendFormat(&out, "\\u%04X", c);
    } else if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) <= 0x9F) {
      absl::StrAppendFormat(&out, "\\u%04X", static_cast<unsigned char>(s[i + 1]));
      ++i;
    } else if (s.substr(i, 3) == "\xE2\x80\xA8") {
      out += "\\u2028", i += 2;
    } else if (s.substr(i, 3) == "\xE2\x80\xA9") {
      out += "\\u2029", i += 2;
    } else if (s.substr(i, 3) == "\xEF\xBB\xBF") {
      out += "\\uFEFF", i += 2;
    } else {
      out += static_cast<char>(c);
    }
  }
  out += '"';
  return out;
}

std::string StringText(absl::string_view s) {
  return NeedsQuotes(s) ? DoubleQuoted(s) : std::string(s);
}

template <typename J>
std::string ScalarText(const J& value) {
  switch (value.type()) {
    case nlohmann::detail::value_t::null:
      return "null";
    case nlohmann::detail::value_t::boolean:
      return value.template get<bool>() ? "true" : "false";
    case nlohmann::detail::value_t::string:
      return StringText(value.template get_ref<const std::string&>());
    case nlohmann::detail::value_t::number_integer:
      return absl::StrCat(value.template get<int64_t>());
    case nlohmann::detail::value_t::number_unsigned:
      return absl::StrCat(value.template get<uint64_t>());
    case nlohmann::detail::value_t::number_float: {
      const double d = value.template get<double>();
      if (std::isnan(d)) return ".nan";
      if (std::isinf(d)) return d > 0 ? ".inf" : "-.inf";
      // nlohmann prints the shortest round-trip form, always with a '.' or
      // an exponent, which YAML reads back as a float.
      return value.dump();
    }
    case nlohmann::detail::value_t::object:
      return "{}";
    case nlohmann::detail::value_t::array:
      return "[]";
    default:
      return "null";
  }
}

template <typename J>
bool IsBlock(const J& value) {
  return (value.is_object() || value.is_array()) && !value.empty();
}

// Writes a non-empty mapping or sequence, one entry per line, each line
// starting with `indent` spaces.
template <typename J>
void EmitBlock(const J& value, int indent, int depth, std::string* out) {
  const std::string pad(indent, ' ');
  if (value.is_object()) {
    for (auto it = value.begin(); it != value.end(); ++it) {
      absl::StrAppend(out, pad, StringText(it.key()), ":");
      const J& child = it.value();
      if (IsBlock(child) && depth < kMaxDepth) {
        out->push_back('\n');
        EmitBlock(child, indent + 2, depth + 1, out);
      } else {
        absl::StrAppend(out, " ", IsBlock(child) ? "null" : ScalarText(child), "\n");
      }
    }
    return;
  }
  for (const J& child : value) {
    if (IsBlock(child) && depth < kMaxDepth) {
      // Render the child as if indented by two more, then put the dash in
      // the first line's indentation: "- key: v" / "  key2: v".
      std::string nested;
      EmitBlock(child, indent + 2, depth + 1, &nested);
      absl::StrAppend(out, pad, "- ", absl::string_view(nested).substr(indent + 2));
    } else {
      absl::StrAppend(out, pad, "- ", IsBlock(child) ? "null" : ScalarText(child), "\n");
    }
  }
}

template <typename J>
std::string EmitDocument(const J& value) {
  if (!IsBlock(value)) return absl::StrCat(ScalarText(value), "\n");
  std::string out;
  EmitBlock(value, 0, 0, &out);
  return out;
}

}  // namespace

absl::StatusOr<std::vector<Document>> ParseYamlDocuments(absl::string_view text) {
  try {
    if (LooksLikeJson(text)) return ParseJsonStream(text);
    return ParseYamlStream(text);
  } catch (const std::exception& e) {
    // yaml-cpp and nlohmann errors are handled above; this keeps anything
    // unforeseen (e.g. allocation failure) from escaping the library.
    return absl::InternalError(absl::StrCat("reading YAML failed: ", e.what()));
  }
}

std::string EmitYaml(const nlohmann::ordered_json& value) { return EmitDocument(value); }

std::string EmitYaml(const nlohmann::json& value) { return EmitDocument(value); }

std::string EmitYamlStream(const std::vector<nlohmann::ordered_json>& documents) {
  std::string out;
  for (size_t i = 0; i < documents.size(); ++i) {
    if (i > 0) out += "---\n";
    out += EmitYaml(documents[i]);
  }
  return out;
}

}  // namespace sei::api
