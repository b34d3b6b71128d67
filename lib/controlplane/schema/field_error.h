// Field errors as kube-apiserver reports them (Go package
// k8s.io/apimachinery/pkg/util/validation/field, wording of Kubernetes
// 1.32+): one per violated rule, each becoming a `causes[]` entry of the 422
// Status and a `<field>: <message>` part of its message.
#ifndef SEI_LIB_CONTROLPLANE_SCHEMA_FIELD_ERROR_H_
#define SEI_LIB_CONTROLPLANE_SCHEMA_FIELD_ERROR_H_

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace sei::controlplane {

struct FieldError {
  // Dotted path with [i] indexes ("spec.peers[0].static"); "<nil>" for
  // errors the apiserver does not attach to a field (anyOf/oneOf/allOf/not
  // failures and errors about the whole object), as Go prints a nil path.
  std::string field;
  // metav1.CauseType: one of the kFieldValue* constants below.
  std::string type;
  // field.Error.ErrorBody(): "Required value", `Invalid value: "Foo": ...`.
  std::string message;

  bool operator==(const FieldError& other) const {
    return field == other.field && type == other.type && message == other.message;
  }
};

inline constexpr absl::string_view kFieldValueRequired = "FieldValueRequired";
inline constexpr absl::string_view kFieldValueInvalid = "FieldValueInvalid";
inline constexpr absl::string_view kFieldValueTypeInvalid = "FieldValueTypeInvalid";
inline constexpr absl::string_view kFieldValueNotSupported = "FieldValueNotSupported";
inline constexpr absl::string_view kFieldValueTooLong = "FieldValueTooLong";
inline constexpr absl::string_view kFieldValueTooMany = "FieldValueTooMany";
inline constexpr absl::string_view kFieldValueDuplicate = "FieldValueDuplicate";
inline constexpr absl::string_view kInternalError = "InternalError";

// The `field` of an error at `path`: the path itself, or "<nil>" when empty.
std::string FieldOrNil(absl::string_view path);

// The constructors of Go's field package. `bad_value` is the offending JSON
// value, rendered as ErrorBody renders it: strings %q-quoted, numbers and
// booleans with %v, null as "null", objects and arrays as JSON.
FieldError RequiredError(absl::string_view path);
FieldError InvalidError(absl::string_view path, const nlohmann::json& bad_value,
                        absl::string_view detail);
FieldError TypeInvalidError(absl::string_view path, const nlohmann::json& bad_value,
                            absl::string_view detail);
FieldError NotSupportedError(absl::string_view path, const nlohmann::json& bad_value,
                             const std::vector<std::string>& supported_values);
// "Too long: may not be more than N bytes" (the apiserver says bytes even
// though CRD maxLength counts characters).
FieldError TooLongError(absl::string_view path, int64_t max_length);
// "Too many: <actual>: must have at most N items" (also for maxProperties).
FieldError TooManyError(absl::string_view path, int64_t actual, int64_t max_items);
FieldError DuplicateError(absl::string_view path, const nlohmann::json& bad_value);
FieldError InternalFieldError(absl::string_view path, absl::string_view detail);

// The rendering of a bad value in an error message (see above).
std::string RenderBadValue(const nlohmann::json& value);

// A total order for reporting: by field (indexes compared numerically, so
// [2] precedes [10]), then type, then message.
bool FieldErrorLess(const FieldError& a, const FieldError& b);
void SortFieldErrors(std::vector<FieldError>* errors);

}  // namespace sei::controlplane

#endif  // SEI_LIB_CONTROLPLANE_SCHEMA_FIELD_ERROR_H_
