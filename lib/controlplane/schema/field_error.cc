#include "lib/controlplane/schema/field_error.h"

#include <algorithm>
#include <cctype>
#include <tuple>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "lib/controlplane/core/go_strconv.h"
#include "lib/controlplane/schema/go_format.h"

namespace sei::controlplane {
namespace {

using Json = nlohmann::json;

// "<Type string>: <value>[: <detail>]", the ErrorBody of value-carrying types.
std::string BodyWithValue(absl::string_view type_text, const Json& bad_value,
                          absl::string_view detail) {
  std::string body = absl::StrCat(type_text, ": ", RenderBadValue(bad_value));
  if (!detail.empty()) absl::StrAppend(&body, ": ", detail);
  return body;
}

// Compares two strings, runs of digits by numeric value ("a[2]" < "a[10]").
int NaturalCompare(absl::string_view a, absl::string_view b) {
  size_t i = 0;
  size_t j = 0;
  while (i < a.size() && j < b.size()) {
    const bool digit_a = std::isdigit(static_cast<unsigned char>(a[i]));
    const bool digit_b = std::isdigit(static_cast<unsigned char>(b[j]));
    if (digit_a && digit_b) {
      size_t end_a = i;
      size_t end_b = j;
      while (end_a < a.size() && std::isdigit(static_cast<unsigned char>(a[end_a]))) ++end_a;
      while (end_b < b.size() && std::isdigit(static_cast<unsigned char>(b[end_b]))) ++end_b;
      // Strip leading zeros, then a longer run is a larger number.
      size_t start_a = i;
      size_t start_b = j;
      while (start_a + 1 < end_a && a[start_a] == '0') ++start_a;
      while (start_b + 1 < end_b && b[start_b] == '0') ++start_b;
      const size_t len_a = end_a - start_a;
      const size_t len_b = end_b - start_b;
      if (len_a != len_b) return len_a < len_b ? -1 : 1;
      const int digits = a.substr(start_a, len_a).compare(b.substr(start_b, len_b));
      if (digits != 0) return digits;
      i = end_a;
      j = end_b;
      continue;
    }
    if (a[i] != b[j]) {
      return static_cast<unsigned char>(a[i]) < static_cast<unsigned char>(b[j]) ? -1 : 1;
    }
    ++i;
    ++j;
  }
  if (i == a.size() && j == b.size()) return 0;
  return i == a.size() ? -1 : 1;
}

}  // namespace

std::string FieldOrNil(absl::string_view path) {
  return path.empty() ? "<nil>" : std::string(path);
}

FieldError RequiredError(absl::string_view path) {
  return {FieldOrNil(path), std::string(kFieldValueRequired), "Required value"};
}

FieldError InvalidError(absl::string_view path, const Json& bad_value, absl::string_view detail) {
  return {FieldOrNil(path), std::string(kFieldValueInvalid),
          BodyWithValue("Invalid value", bad_value, detail)};
}

FieldError TypeInvalidError(absl::string_view path, const Json& bad_value,
                            absl::string_view detail) {
  return {FieldOrNil(path), std::string(kFieldValueTypeInvalid),
          BodyWithValue("Invalid value", bad_value, detail)};
}

FieldError NotSupportedError(absl::string_view path, const Json& bad_value,
                             const std::vector<std::string>& supported_values) {
  std::string detail;
  if (!supported_values.empty()) {
    detail = absl::StrCat(
        "supported values: ",
        absl::StrJoin(supported_values, ", ", [](std::string* out, const std::string& value) {
          out->append(GoQuote(value));
        }));
  }
  return {FieldOrNil(path), std::string(kFieldValueNotSupported),
          BodyWithValue("Unsupported value", bad_value, detail)};
}

FieldError TooLongError(absl::string_view path, int64_t max_length) {
  // ErrorBody prints no value for TooLong.
  const std::string detail = max_length < 0 ? "value is too long"
                                            : absl::StrCat("may not be more than ", max_length,
                                                           max_length == 1 ? " byte" : " bytes");
  return {FieldOrNil(path), std::string(kFieldValueTooLong), absl::StrCat("Too long: ", detail)};
}

FieldError TooManyError(absl::string_view path, int64_t actual, int64_t max_items) {
  const std::string detail = max_items < 0 ? "has too many items"
                                           : absl::StrCat("must have at most ", max_items,
                                                          max_items == 1 ? " item" : " items");
  return {FieldOrNil(path), std::string(kFieldValueTooMany),
          BodyWithValue("Too many", Json(actual), detail)};
}

FieldError DuplicateError(absl::string_view path, const Json& bad_value) {
  return {FieldOrNil(path), std::string(kFieldValueDuplicate),
          BodyWithValue("Duplicate value", bad_value, "")};
}

FieldError InternalFieldError(absl::string_view path, absl::string_view detail) {
  return {FieldOrNil(path), std::string(kInternalError), absl::StrCat("Internal error: ", detail)};
}

std::string RenderBadValue(const Json& value) {
  switch (GoKindOf(value)) {
    case GoKind::kString:
      return GoQuote(value.get_ref<const std::string&>());
    case GoKind::kInt64:
      return absl::StrCat(GoInt64(value));
    case GoKind::kFloat64:
      return GoFormatFloat(GoFloat64(value), 'g');  // fmt's %v
    case GoKind::kBool:
      return value.get<bool>() ? "true" : "false";
    default:
      return GoJsonMarshal(value);
  }
}

bool FieldErrorLess(const FieldError& a, const FieldError& b) {
  const int by_field = NaturalCompare(a.field, b.field);
  if (by_field != 0) return by_field < 0;
  return std::tie(a.type, a.message) < std::tie(b.type, b.message);
}

void SortFieldErrors(std::vector<FieldError>* errors) {
  std::stable_sort(errors->begin(), errors->end(), FieldErrorLess);
}

}  // namespace sei::controlplane
