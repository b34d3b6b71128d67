#include "lib/controlplane/schema/validation.h"

#include <re2/re2.h>

#include <cmath>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "lib/controlplane/core/go_strconv.h"
#include "lib/controlplane/core/go_utf8.h"
#include "lib/controlplane/schema/go_format.h"

namespace sei::controlplane {
namespace {

using Json = nlohmann::json;

// kube-openapi names the location of the value "body" in every message.
std::string Subject(const std::string& path) { return absl::StrCat(path, " in body"); }

std::string ChildPath(const std::string& parent, const std::string& name) {
  return parent.empty() ? name : absl::StrCat(parent, ".", name);
}

std::string IndexPath(const std::string& parent, size_t index) {
  return absl::StrCat(parent, "[", index, "]");
}

// field.Path.Key: map keys in the list-type walk are bracketed.
std::string KeyPath(const std::string& parent, const std::string& key) {
  return absl::StrCat(parent, "[", key, "]");
}

// ---------------------------------------------------------------------------
// Types

bool HasType(const SchemaNode& schema) { return schema.int_or_string || !schema.type.empty(); }

bool ContainsType(const SchemaNode& schema, absl::string_view type) {
  if (schema.int_or_string) return type == "integer" || type == "string";
  return !schema.type.empty() && schema.type == type;
}

// How kube-openapi lists the expected types: "integer,string" for
// x-kubernetes-int-or-string.
std::string ExpectedTypes(const SchemaNode& schema) {
  return schema.int_or_string ? "integer,string" : schema.type;
}

// The JSON type and the go-openapi "format" of a Go value, as kube-openapi's
// type validator infers them.
std::pair<std::string, std::string> TypeAndFormatOf(GoKind kind) {
  switch (kind) {
    case GoKind::kBool:
      return {"boolean", ""};
    case GoKind::kInt64:
      return {"integer", "int64"};
    case GoKind::kFloat64:
      return {"number", "float64"};
    case GoKind::kString:
      return {"string", ""};
    case GoKind::kSlice:
      return {"array", ""};
    case GoKind::kMap:
      return {"object", ""};
    case GoKind::kNull:
      break;
  }
  return {"null", ""};
}

// swag.IsFloat64AJSONInteger: integral within ±2^53, with a relative
// tolerance of 1e-9 measured against the truncated value (which, as in Go,
// only ever helps positive numbers).
bool IsJsonInteger(double f) {
  constexpr double kMaxJsonFloat = 9007199254740992.0;  // 2^53
  if (!std::isfinite(f) || f < -kMaxJsonFloat || f > kMaxJsonFloat) return false;
  const double truncated = std::trunc(f);
  if (f == truncated) return true;
  if (f < 0 || truncated == 0) return false;
  return (f - truncated) / (f + truncated) < 1e-9;
}

// ---------------------------------------------------------------------------
// Formats (only the string formats the apiserver checks and that this engine
// implements; the others it supports are accepted unchecked)

bool IsLeapYear(int year) { return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0); }

// time.Parse("2006-01-02", s) == nil.
bool IsDate(absl::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (!absl::ascii_isdigit(static_cast<unsigned char>(s[i]))) return false;
  }
  int year = 0;
  int month = 0;
  int day = 0;
  if (!absl::SimpleAtoi(s.substr(0, 4), &year) || !absl::SimpleAtoi(s.substr(5, 2), &month) ||
      !absl::SimpleAtoi(s.substr(8, 2), &day)) {
    return false;
  }
  if (month < 1 || month > 12 || day < 1) return false;
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const int days = kDays[month - 1] + (month == 2 && IsLeapYear(year) ? 1 : 0);
  return day <= days;
}

// strfmt.IsDateTime: lower-cased, split at every 't'; the first part must be
// a date and the second a time with zone (seconds fraction optional). Later
// parts are ignored, as in Go.
bool IsDateTime(absl::string_view s) {
  if (s.size() < 4) return false;
  const std::string lower = absl::AsciiStrToLower(s);
  const std::vector<absl::string_view> parts = absl::StrSplit(lower, 't');
  if (parts.size() < 2 || !IsDate(parts[0])) return false;
  static const RE2* const kTime =
      new RE2("^([0-9]{2}):([0-9]{2}):([0-9]{2})(.[0-9]+)?(z|([+-][0-9]{2}:[0-9]{2}))$");
  std::string hour;
  std::string minute;
  std::string second;
  const re2::StringPiece time(parts[1].data(), parts[1].size());
  if (!RE2::PartialMatch(time, *kTime, &hour, &minute, &second)) return false;
  return hour <= "23" && minute <= "59" && second <= "59";
}

bool MatchesFormat(const std::string& format, const std::string& value) {
  static const RE2* const kUuid =
      new RE2("(?i)^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$");
  static const RE2* const kUuid3 =
      new RE2("(?i)^[0-9a-f]{8}-?[0-9a-f]{4}-?3[0-9a-f]{3}-?[0-9a-f]{4}-?[0-9a-f]{12}$");
  static const RE2* const kUuid4 =
      new RE2("(?i)^[0-9a-f]{8}-?[0-9a-f]{4}-?4[0-9a-f]{3}-?[89ab][0-9a-f]{3}-?[0-9a-f]{12}$");
  static const RE2* const kUuid5 =
      new RE2("(?i)^[0-9a-f]{8}-?[0-9a-f]{4}-?5[0-9a-f]{3}-?[89ab][0-9a-f]{3}-?[0-9a-f]{12}$");
  static const RE2* const kBase64 =
      new RE2("^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=|[A-Za-z0-9+/]{4})$");
  // go-openapi looks formats up without dashes ("date-time" is "datetime").
  const std::string name = absl::StrReplaceAll(format, {{"-", ""}});
  if (name == "datetime") return IsDateTime(value);
  if (name == "date") return IsDate(value);
  if (name == "uuid") return RE2::PartialMatch(value, *kUuid);
  if (name == "uuid3") return RE2::PartialMatch(value, *kUuid3);
  if (name == "uuid4") return RE2::PartialMatch(value, *kUuid4);
  if (name == "uuid5") return RE2::PartialMatch(value, *kUuid5);
  if (name == "byte") return RE2::PartialMatch(value, *kBase64);
  return true;
}

// ---------------------------------------------------------------------------
// Enum equality: Go compares the decoded values, converting numbers to the
// enum value's type, so 1 and 1.0 are equal.

bool GoValuesEqual(const Json& a, const Json& b) {
  const GoKind kind_a = GoKindOf(a);
  const GoKind kind_b = GoKindOf(b);
  const auto is_number = [](GoKind k) { return k == GoKind::kInt64 || k == GoKind::kFloat64; };
  if (is_number(kind_a) && is_number(kind_b)) {
    if (kind_a == GoKind::kInt64 && kind_b == GoKind::kInt64) return GoInt64(a) == GoInt64(b);
    return GoFloat64(a) == GoFloat64(b);
  }
  if (kind_a != kind_b) return false;
  switch (kind_a) {
    case GoKind::kSlice: {
      if (a.size() != b.size()) return false;
      for (size_t i = 0; i < a.size(); ++i) {
        if (!GoValuesEqual(a[i], b[i])) return false;
      }
      return true;
    }
    case GoKind::kMap: {
      if (a.size() != b.size()) return false;
      for (auto it = a.begin(); it != a.end(); ++it) {
        const auto other = b.find(it.key());
        if (other == b.end() || !GoValuesEqual(it.value(), *other)) return false;
      }
      return true;
    }
    default:
      return a == b;
  }
}

// ---------------------------------------------------------------------------
// The kube-openapi schema validator

class SchemaValidator {
 public:
  explicit SchemaValidator(std::vector<FieldError>* errors) : errors_(errors) {}

  // SchemaValidator.Validate: a null value only meets the type and enum
  // checks; any other value every check that applies to its Go type.
  void Validate(const SchemaNode& schema, const Json& value, const std::string& path) {
    const GoKind kind = GoKindOf(value);
    CheckType(schema, value, kind, path);
    if (kind == GoKind::kNull) {
      CheckEnum(schema, value, path);
      return;
    }
    CheckJunctors(schema, value, path);
    if (kind == GoKind::kString) {
      CheckString(schema, value.get_ref<const std::string&>(), path);
      CheckFormat(schema, value.get_ref<const std::string&>(), path);
    }
    if (kind == GoKind::kInt64 || kind == GoKind::kFloat64) CheckNumber(schema, value, kind, path);
    if (kind == GoKind::kSlice) CheckArray(schema, value, path);
    CheckEnum(schema, value, path);
    if (kind == GoKind::kMap) CheckObject(schema, value, path);
  }

 private:
  void Emit(FieldError error) { errors_->push_back(std::move(error)); }

  // The errors of `value` against one junctor alternative.
  std::vector<FieldError> ValidateAlternative(const SchemaNode& schema, const Json& value,
                                              const std::string& path) {
    std::vector<FieldError> errors;
    SchemaValidator(&errors).Validate(schema, value, path);
    return errors;
  }

  // Junctor failures are plain errors in kube-openapi, which the apiserver
  // turns into an Invalid error of the whole object (printed path "<nil>").
  void EmitJunctorError(const std::string& path, absl::string_view what) {
    Emit(InvalidError("", "", absl::StrCat(GoQuote(path), " ", what)));
  }

  void Append(std::vector<FieldError> errors) {
    for (FieldError& error : errors) Emit(std::move(error));
  }

  void CheckType(const SchemaNode& schema, const Json& value, GoKind kind,
                 const std::string& path) {
    if (!HasType(schema) && schema.format.empty()) return;
    const auto type_error = [&](const std::string& expected, const std::string& actual) {
      Emit(TypeInvalidError(
          path, actual,
          absl::StrCat(Subject(path), " must be of type ", expected, ": ", GoQuote(actual))));
    };
    if (kind == GoKind::kNull) {
      if (HasType(schema) && !schema.nullable) type_error(ExpectedTypes(schema), "null");
      return;
    }
    const auto [actual_type, actual_format] = TypeAndFormatOf(kind);
    const bool float_is_int = kind == GoKind::kFloat64 && IsJsonInteger(GoFloat64(value)) &&
                              ContainsType(schema, "integer");
    const bool int_is_float = kind == GoKind::kInt64 && ContainsType(schema, "number");
    const bool type_matches = ContainsType(schema, actual_type) || float_is_int || int_is_float;
    // A declared format is checked first for non-strings: the apiserver then
    // names the format, not the type ("must be of type int32: \"float64\"").
    if (kind != GoKind::kString && kind != GoKind::kSlice && !schema.format.empty() &&
        !(type_matches || actual_format == schema.format)) {
      type_error(schema.format, actual_format);
      return;
    }
    if (!(ContainsType(schema, "number") || ContainsType(schema, "integer")) &&
        !schema.format.empty() && (kind == GoKind::kString || kind == GoKind::kSlice)) {
      return;
    }
    if (!type_matches) type_error(ExpectedTypes(schema), actual_type);
  }

  void CheckJunctors(const SchemaNode& schema, const Json& value, const std::string& path) {
    if (!schema.any_of.empty()) {
      // On failure the errors of one alternative are reported with the
      // summary; kube-openapi picks the one that got furthest, approximated
      // here as the one with the fewest errors (first on ties).
      std::optional<std::vector<FieldError>> best;
      bool matched = false;
      for (const auto& alternative : schema.any_of) {
        std::vector<FieldError> errors = ValidateAlternative(*alternative, value, path);
        if (errors.empty()) {
          matched = true;
          break;
        }
        if (!best.has_value() || errors.size() < best->size()) best = std::move(errors);
      }
      if (!matched) {
        EmitJunctorError(path, "must validate at least one schema (anyOf)");
        Append(std::move(*best));
      }
    }
    if (!schema.one_of.empty()) {
      std::optional<std::vector<FieldError>> best;
      int valid = 0;
      for (const auto& alternative : schema.one_of) {
        std::vector<FieldError> errors = ValidateAlternative(*alternative, value, path);
        if (errors.empty()) {
          ++valid;
          best.reset();
        } else if (valid == 0 && (!best.has_value() || errors.size() < best->size())) {
          best = std::move(errors);
        }
      }
      if (valid != 1) {
        EmitJunctorError(path, valid == 0 ? "must validate one and only one schema (oneOf). "
                                            "Found none valid"
                                          : absl::StrCat("must validate one and only one schema "
                                                         "(oneOf). Found ",
                                                         valid, " valid alternatives"));
        if (best.has_value()) Append(std::move(*best));
      }
    }
    if (!schema.all_of.empty()) {
      size_t valid = 0;
      for (const auto& alternative : schema.all_of) {
        std::vector<FieldError> errors = ValidateAlternative(*alternative, value, path);
        if (errors.empty()) ++valid;
        Append(std::move(errors));
      }
      if (valid != schema.all_of.size()) {
        EmitJunctorError(path, valid == 0 ? "must validate all the schemas (allOf). None validated"
                                          : "must validate all the schemas (allOf)");
      }
    }
    if (schema.not_schema != nullptr &&
        ValidateAlternative(*schema.not_schema, value, path).empty()) {
      EmitJunctorError(path, "must not validate the schema (not)");
    }
  }

  // kube-openapi's string validator stops at its first failure.
  void CheckString(const SchemaNode& schema, const std::string& text, const std::string& path) {
    const int64_t length = GoRuneCount(text);
    if (schema.max_length.has_value() && length > *schema.max_length) {
      Emit(TooLongError(path, *schema.max_length));
      return;
    }
    if (schema.min_length.has_value() && length < *schema.min_length) {
      Emit(InvalidError(
          path, text,
          absl::StrCat(Subject(path), " should be at least ", *schema.min_length, " chars long")));
      return;
    }
    if (schema.pattern_regexp != nullptr && !RE2::PartialMatch(text, *schema.pattern_regexp)) {
      Emit(InvalidError(path, text,
                        absl::StrCat(Subject(path), " should match '", schema.pattern, "'")));
    }
  }

  void CheckFormat(const SchemaNode& schema, const std::string& text, const std::string& path) {
    if (schema.format.empty() || MatchesFormat(schema.format, text)) return;
    Emit(TypeInvalidError(
        path, text,
        absl::StrCat(Subject(path), " must be of type ", schema.format, ": ", GoQuote(text))));
  }

  // Integers are compared with the bounds truncated to int64 and the bounds
  // printed as integers; other numbers as float64, bounds printed with %v.
  void CheckNumber(const SchemaNode& schema, const Json& value, GoKind kind,
                   const std::string& path) {
    const bool is_int = kind == GoKind::kInt64;
    const int64_t int_value = is_int ? GoInt64(value) : 0;
    const double float_value = GoFloat64(value);
    const auto bound_text = [&](double bound) {
      return is_int ? absl::StrCat(GoTruncateToInt64(bound)) : GoFormatFloat(bound, 'g');
    };

    if (schema.multiple_of.has_value()) {
      const double factor = *schema.multiple_of;
      const int64_t int_factor = GoTruncateToInt64(factor);
      bool multiple = true;
      if (is_int && int_factor != 0) {
        multiple = int_value % int_factor == 0;
      } else {
        const double quotient = factor < 1 ? (1 / factor) * float_value : float_value / factor;
        multiple = IsJsonInteger(quotient);
      }
      if (!multiple) {
        Emit(InvalidError(path, value,
                          absl::StrCat(Subject(path), " should be a multiple of ",
                                       is_int && int_factor != 0 ? absl::StrCat(int_factor)
                                                                 : GoFormatFloat(factor, 'g'))));
      }
    }
    if (schema.minimum.has_value()) {
      const bool exclusive = schema.exclusive_minimum;
      bool below = false;
      if (is_int) {
        const int64_t bound = GoTruncateToInt64(*schema.minimum);
        below = exclusive ? int_value <= bound : int_value < bound;
      } else {
        below = exclusive ? float_value <= *schema.minimum : float_value < *schema.minimum;
      }
      if (below) {
        Emit(InvalidError(path, value,
                          absl::StrCat(Subject(path),
                                       exclusive ? " should be greater than "
                                                 : " should be greater than or equal to ",
                                       bound_text(*schema.minimum))));
      }
    }
    if (schema.maximum.has_value()) {
      const bool exclusive = schema.exclusive_maximum;
      bool above = false;
      if (is_int) {
        const int64_t bound = GoTruncateToInt64(*schema.maximum);
        above = exclusive ? int_value >= bound : int_value > bound;
      } else {
        above = exclusive ? float_value >= *schema.maximum : float_value > *schema.maximum;
      }
      if (above) {
        Emit(InvalidError(
            path, value,
            absl::StrCat(Subject(path),
                         exclusive ? " should be less than " : " should be less than or equal to ",
                         bound_text(*schema.maximum))));
      }
    }
  }

  void CheckArray(const SchemaNode& schema, const Json& value, const std::string& path) {
    if (schema.items != nullptr) {
      for (size_t i = 0; i < value.size(); ++i)
        Validate(*schema.items, value[i], IndexPath(path, i));
    }
    const int64_t size = static_cast<int64_t>(value.size());
    if (schema.min_items.has_value() && size < *schema.min_items) {
      Emit(InvalidError(
          path, size,
          absl::StrCat(Subject(path), " should have at least ", *schema.min_items, " items")));
    }
    if (schema.max_items.has_value() && size > *schema.max_items) {
      Emit(TooManyError(path, size, *schema.max_items));
    }
  }

  void CheckEnum(const SchemaNode& schema, const Json& value, const std::string& path) {
    if (!schema.enum_values.has_value() || schema.enum_values->empty()) return;
    for (const Json& allowed : *schema.enum_values) {
      if (GoValuesEqual(value, allowed)) return;
    }
    std::vector<std::string> supported;
    for (const Json& allowed : *schema.enum_values) {
      supported.push_back(allowed.is_string() ? allowed.get<std::string>()
                                              : GoJsonMarshal(allowed));
    }
    Emit(NotSupportedError(path, value, supported));
  }

  // kube-openapi's object validator: a property-count failure ends the
  // object's validation (no member or required checks).
  void CheckObject(const SchemaNode& schema, const Json& value, const std::string& path) {
    const int64_t count = static_cast<int64_t>(value.size());
    if (schema.min_properties.has_value() && count < *schema.min_properties) {
      Emit(InvalidError(path, count,
                        absl::StrCat(Subject(path), " should have at least ",
                                     *schema.min_properties, " properties")));
      return;
    }
    if (schema.max_properties.has_value() && count > *schema.max_properties) {
      Emit(TooManyError(path, count, *schema.max_properties));
      return;
    }
    for (auto it = value.begin(); it != value.end(); ++it) {
      const SchemaNode* property = schema.FindProperty(it.key());
      if (property == nullptr && schema.additional_properties != nullptr) {
        Validate(*schema.additional_properties, it.value(), ChildPath(path, it.key()));
      } else if (property != nullptr) {
        Validate(*property, it.value(), ChildPath(path, it.key()));
      }
    }
    for (const std::string& name : schema.required) {
      if (!value.contains(name)) Emit(RequiredError(ChildPath(path, name)));
    }
  }

  std::vector<FieldError>* errors_;
};

// ---------------------------------------------------------------------------
// x-kubernetes-list-type (apiextensions-apiserver schema/listtype)

// Indexes of the second occurrence of every value that occurs more than
// once. Scalars of different Go types never collide (1 and 1.0 differ);
// objects and arrays compare by their JSON encoding.
std::vector<size_t> SecondOccurrences(const std::vector<Json>& values) {
  std::map<std::pair<int, std::string>, int> seen;
  std::vector<size_t> duplicates;
  for (size_t i = 0; i < values.size(); ++i) {
    const GoKind kind = GoKindOf(values[i]);
    const bool compound = kind == GoKind::kMap || kind == GoKind::kSlice;
    const std::pair<int, std::string> key(compound ? -1 : static_cast<int>(kind),
                                          GoJsonMarshal(values[i]));
    if (++seen[key] == 2) duplicates.push_back(i);
  }
  return duplicates;
}

class ListTypeValidator {
 public:
  explicit ListTypeValidator(std::vector<FieldError>* errors) : errors_(errors) {}

  void Walk(const SchemaNode& schema, const Json& value, const std::string& path) {
    if (value.is_object()) {
      for (auto it = value.begin(); it != value.end(); ++it) {
        if (const SchemaNode* property = schema.FindProperty(it.key())) {
          Walk(*property, it.value(), ChildPath(path, it.key()));
        } else if (schema.additional_properties != nullptr) {
          Walk(*schema.additional_properties, it.value(), KeyPath(path, it.key()));
        }
      }
    } else if (value.is_array()) {
      if (schema.list_type == "set") CheckSet(value, path);
      if (schema.list_type == "map") CheckMap(schema, value, path);
      if (schema.items != nullptr) {
        for (size_t i = 0; i < value.size(); ++i) Walk(*schema.items, value[i], IndexPath(path, i));
      }
    }
  }

 private:
  void CheckSet(const Json& value, const std::string& path) {
    const std::vector<Json> items(value.begin(), value.end());
    for (size_t i : SecondOccurrences(items)) {
      errors_->push_back(DuplicateError(IndexPath(path, i), value[i]));
    }
  }

  void CheckMap(const SchemaNode& schema, const Json& value, const std::string& path) {
    for (size_t i = 0; i < value.size(); ++i) {
      if (!value[i].is_null() && !value[i].is_object()) {
        errors_->push_back(InvalidError(IndexPath(path, i), value[i],
                                        "must be an object for an array of list-type map"));
        return;
      }
    }
    // The key of each item: its key members (an absent key or a null item
    // is an "unspecified" key, equal only to other unspecified ones).
    std::vector<Json> keys;
    for (const Json& item : value) {
      Json key = Json::object();
      for (const std::string& name : schema.list_map_keys) {
        if (item.is_object() && item.contains(name)) key[name] = item[name];
      }
      keys.push_back(std::move(key));
    }
    for (size_t i : SecondOccurrences(keys)) {
      errors_->push_back(DuplicateError(IndexPath(path, i), keys[i]));
    }
  }

  std::vector<FieldError>* errors_;
};

}  // namespace

void ValidateValue(const SchemaNode& schema, const Json& value, const std::string& path,
                   std::vector<FieldError>* errors) {
  SchemaValidator(errors).Validate(schema, value, path);
  ListTypeValidator(errors).Walk(schema, value, path);
}

}  // namespace sei::controlplane
