#include "lib/planner/validation/schema_checks.h"

#include <set>

#include "absl/strings/str_join.h"

namespace sei::planner::schema {
namespace {

bool IsLowerAlnum(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }
bool IsAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAlnum(char c) { return IsAlpha(c) || IsDigit(c); }

// `first` for the first character, `last` for the last one (when there is
// more than one), `middle` for the others: the shape of all the fixed
// patterns below.
bool MatchesShape(absl::string_view s, bool (*first)(char), bool (*middle)(char),
                  bool (*last)(char)) {
  if (s.empty() || !first(s.front())) return false;
  if (s.size() == 1) return true;
  if (!last(s.back())) return false;
  for (size_t i = 1; i + 1 < s.size(); ++i) {
    if (!middle(s[i])) return false;
  }
  return true;
}

// OpenAPI maxLength counts characters, not bytes: count UTF-8 lead bytes.
size_t CharCount(absl::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

// ^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])$
bool IsQualifiedNamePart(absl::string_view s) {
  return MatchesShape(
      s, IsAlnum, [](char c) { return IsAlnum(c) || c == '-' || c == '_' || c == '.'; }, IsAlnum);
}

// The Condition.type pattern of api.md §9.1: an optional DNS-subdomain
// prefix and a slash, then a qualified name part.
bool IsConditionType(absl::string_view s) {
  const size_t slash = s.find('/');
  if (slash == absl::string_view::npos) return IsQualifiedNamePart(s);
  return IsDnsSubdomain(s.substr(0, slash)) && IsQualifiedNamePart(s.substr(slash + 1));
}

// ^[A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?$
bool IsConditionReason(absl::string_view s) {
  return MatchesShape(
      s, IsAlpha, [](char c) { return IsAlnum(c) || c == '_' || c == ',' || c == ':'; },
      [](char c) { return IsAlnum(c) || c == '_'; });
}

constexpr absl::string_view kConditionTypePattern =
    "^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?"
    "(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])$";
constexpr absl::string_view kConditionReasonPattern = "^[A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?$";

constexpr absl::string_view kSubdomainMessage =
    "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or "
    "'.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used "
    "for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

// Characters the server appends to a generateName prefix.
constexpr size_t kGeneratedSuffixLength = 5;

}  // namespace

std::string Child(absl::string_view parent, absl::string_view field) {
  return parent.empty() ? std::string(field) : absl::StrCat(parent, ".", field);
}

std::string Index(absl::string_view parent, size_t index) {
  return absl::StrCat(parent, "[", index, "]");
}

std::string Key(absl::string_view parent, absl::string_view key) {
  return absl::StrCat(parent, "[", key, "]");
}

std::string QuoteValue(absl::string_view value) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out = "\"";
  for (unsigned char c : value) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\a':
        out += "\\a";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\v':
        out += "\\v";
        break;
      default:
        if (c < 0x20 || c == 0x7F) {
          out += "\\x";
          out += kHex[c >> 4];
          out += kHex[c & 0xF];
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  out += '"';
  return out;
}

bool IsDnsLabel(absl::string_view s) {
  return MatchesShape(
      s, IsLowerAlnum, [](char c) { return IsLowerAlnum(c) || c == '-'; }, IsLowerAlnum);
}

bool IsDnsSubdomain(absl::string_view s) {
  if (s.empty()) return false;
  size_t start = 0;
  while (true) {
    const size_t dot = s.find('.', start);
    if (!IsDnsLabel(s.substr(start, dot == absl::string_view::npos ? s.npos : dot - start))) {
      return false;
    }
    if (dot == absl::string_view::npos) return true;
    start = dot + 1;
  }
}

bool IsKeyName(absl::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!IsAlnum(c) && c != '_' && c != '-') return false;
  }
  return true;
}

void Add(FieldViolations* out, std::string path, std::string message) {
  out->push_back(FieldViolation{std::move(path), std::move(message)});
}

void CheckRequired(FieldViolations* out, const std::string& path, bool present) {
  if (!present) Add(out, path, "Required value");
}

void CheckString(FieldViolations* out, const std::string& path, absl::string_view value,
                 const StringSchema& schema) {
  if (value.empty()) {
    if (schema.required) Add(out, path, "Required value");
    return;
  }
  if (schema.max_length > 0 && CharCount(value) > schema.max_length) {
    Add(out, path, absl::StrCat("Too long: may not be more than ", schema.max_length, " bytes"));
  }
  if (schema.matches != nullptr && !schema.matches(value)) {
    Add(out, path,
        absl::StrCat("Invalid value: ", QuoteValue(value), ": should match '", schema.pattern,
                     "'"));
  }
}

void CheckEnum(FieldViolations* out, const std::string& path, absl::string_view value,
               absl::Span<const absl::string_view> allowed, bool required) {
  if (value.empty()) {
    if (required) Add(out, path, "Required value");
    return;
  }
  for (absl::string_view candidate : allowed) {
    if (candidate == value) return;
  }
  Add(out, path,
      absl::StrCat("Unsupported value: ", QuoteValue(value), ": supported values: ",
                   absl::StrJoin(allowed, ", ", [](std::string* o, absl::string_view v) {
                     o->append(QuoteValue(v));
                   })));
}

void CheckRule(FieldViolations* out, const std::string& path, bool holds,
               absl::string_view message) {
  if (!holds) Add(out, path, std::string(message));
}

void AddRuleEvaluationError(FieldViolations* out, const std::string& path,
                            absl::string_view missing_key, absl::string_view rule) {
  // The apiserver's wording for a CEL runtime error on an object node.
  Add(out, path,
      absl::StrCat("Invalid value: \"object\": no such key: ", missing_key,
                   " evaluating rule: ", rule));
}

void CheckObjectName(FieldViolations* out, const v1alpha1::ObjectMeta& meta,
                     absl::string_view label_reason) {
  std::string path = "metadata.name";
  std::string value = meta.name();
  // The name the server will generate: the prefix plus random lowercase
  // alphanumerics, which also makes a trailing '-' of the prefix legal.
  std::string candidate = value;
  size_t suffix = 0;
  if (value.empty()) {
    if (meta.generate_name().empty()) {
      Add(out, path, "Required value: name or generateName is required");
      return;
    }
    path = "metadata.generateName";
    value = meta.generate_name();
    suffix = kGeneratedSuffixLength;
    candidate = absl::StrCat(value, std::string(suffix, 'x'));
  }
  const std::string invalid = absl::StrCat("Invalid value: ", QuoteValue(value), ": ");
  bool subdomain_ok = true;
  if (candidate.size() > 253) {
    Add(out, path, absl::StrCat(invalid, "must be no more than ", 253 - suffix, " characters"));
    subdomain_ok = false;
  }
  if (!IsDnsSubdomain(candidate)) {
    Add(out, path, absl::StrCat(invalid, kSubdomainMessage));
    subdomain_ok = false;
  }
  // A name that is no subdomain is no label either: one report is enough.
  if (label_reason.empty() || !subdomain_ok) return;
  if (candidate.size() > 63 || !IsDnsLabel(candidate)) {
    Add(out, path,
        absl::StrCat(invalid, "must be a DNS label (at most ", 63 - suffix,
                     " characters, matching '", kDnsLabelPattern, "') because ", label_reason));
  }
}

void CheckConditions(FieldViolations* out, const std::string& path,
                     const google::protobuf::RepeatedPtrField<v1alpha1::Condition>& conditions) {
  static constexpr StringSchema kType{true, 316, kConditionTypePattern, &IsConditionType};
  static constexpr StringSchema kReason{true, 1024, kConditionReasonPattern, &IsConditionReason};
  static constexpr StringSchema kMessage = PlainString(false, 32768);
  std::set<std::string> seen_types;
  for (int i = 0; i < conditions.size(); ++i) {
    const v1alpha1::Condition& c = conditions[i];
    const std::string item = Index(path, i);
    if (!c.type().empty() && !seen_types.insert(c.type()).second) {
      Add(out, item, absl::StrCat("Duplicate value: {\"type\":", QuoteValue(c.type()), "}"));
    }
    CheckString(out, Child(item, "type"), c.type(), kType);
    CheckEnum(out, Child(item, "status"), c.status(), {"True", "False", "Unknown"}, true);
    CheckMinimum(out, Child(item, "observedGeneration"), c.observed_generation(), 0);
    CheckRequired(out, Child(item, "lastTransitionTime"), c.has_last_transition_time());
    CheckString(out, Child(item, "reason"), c.reason(), kReason);
    CheckString(out, Child(item, "message"), c.message(), kMessage);
  }
}

}  // namespace sei::planner::schema
