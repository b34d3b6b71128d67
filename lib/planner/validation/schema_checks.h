// Building blocks shared by the SeiNode and SeiNodeTask admission validators:
// field paths, the OpenAPI keyword checks (required, maxLength, pattern, enum,
// minimum), object names and the standard Condition schema. Messages follow
// the Kubernetes field-error wording, minus the redundant "<path> in body".
//
// Presence: proto3 strings, lists and maps cannot tell "absent" from empty,
// so an empty value of a required field is reported as "Required value" and an
// empty optional one counts as absent (no further checks). Both readings are
// rejected / accepted by the apiserver alike, only the wording could differ.
#ifndef SEI_LIB_PLANNER_VALIDATION_SCHEMA_CHECKS_H_
#define SEI_LIB_PLANNER_VALIDATION_SCHEMA_CHECKS_H_

#include <cstdint>
#include <string>
#include <type_traits>

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "lib/planner/core/field_violation.h"
#include "proto/sei/v1alpha1/meta.pb.h"

namespace sei::planner::schema {

// ---- Field paths, wire spelling: "spec.peers[1].ec2Tags.region" ----

std::string Child(absl::string_view parent, absl::string_view field);
std::string Index(absl::string_view parent, size_t index);
// Map entries, as Kubernetes prints them: "spec.sidecar.resources.limits[cpu]".
std::string Key(absl::string_view parent, absl::string_view key);

// A string value quoted like Go's %q (the form Kubernetes uses for
// "Invalid value: ..."): quotes and backslashes escaped, control characters
// as \n, \t or \xNN; printable UTF-8 is kept.
std::string QuoteValue(absl::string_view value);

// ---- Fixed patterns ----

inline constexpr absl::string_view kDnsLabelPattern = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$";
inline constexpr absl::string_view kKeyNamePattern = "^[a-zA-Z0-9_-]+$";

// Pattern checks only; lengths are separate schema keywords.
bool IsDnsLabel(absl::string_view s);      // kDnsLabelPattern
bool IsDnsSubdomain(absl::string_view s);  // dot-separated DNS labels
bool IsKeyName(absl::string_view s);       // kKeyNamePattern

// ---- Keyword checks; each appends at most one violation per keyword ----

void Add(FieldViolations* out, std::string path, std::string message);

// "Required value" unless `present`.
void CheckRequired(FieldViolations* out, const std::string& path, bool present);

// The schema of one string field.
struct StringSchema {
  bool required = false;      // listed in `required` (and minLength 1)
  size_t max_length = 0;      // maxLength in characters; 0 = none
  absl::string_view pattern;  // printed in the message
  bool (*matches)(absl::string_view) = nullptr;
};

// A string with no pattern: required or not, and an optional maxLength.
constexpr StringSchema PlainString(bool required, size_t max_length = 0) {
  return StringSchema{required, max_length, {}, nullptr};
}

inline constexpr StringSchema kRequiredString = PlainString(true);
// secretName, pvcName, nodeRef.name: minLength 1, maxLength 253, DNS label.
inline constexpr StringSchema kDnsLabelName{true, 253, kDnsLabelPattern, &IsDnsLabel};

// Required check, then maxLength, then pattern (the apiserver's order); an
// empty optional value is absent and passes.
void CheckString(FieldViolations* out, const std::string& path, absl::string_view value,
                 const StringSchema& schema);

// OpenAPI enum: "Unsupported value: "x": supported values: "a", "b"". An empty
// value is absent: "Required value" when `required`, else fine.
void CheckEnum(FieldViolations* out, const std::string& path, absl::string_view value,
               absl::Span<const absl::string_view> allowed, bool required);

// OpenAPI minimum: "Invalid value: 0: should be greater than or equal to 1".
template <typename Int>
void CheckMinimum(FieldViolations* out, const std::string& path, Int value, int64_t minimum) {
  static_assert(std::is_integral_v<Int>, "integer fields only");
  const bool below = std::is_signed_v<Int> ? static_cast<int64_t>(value) < minimum
                                           : minimum > 0 && static_cast<uint64_t>(value) <
                                                                static_cast<uint64_t>(minimum);
  if (below) {
    Add(out, path,
        absl::StrCat("Invalid value: ", value, ": should be greater than or equal to ", minimum));
  }
}

// A CEL rule attached to `path` that evaluated to false: the violation
// carries the rule's message verbatim.
void CheckRule(FieldViolations* out, const std::string& path, bool holds,
               absl::string_view message);

// A CEL rule that failed to evaluate because `missing_key` was dereferenced
// on an object that lacks it; the apiserver rejects the request with this.
void AddRuleEvaluationError(FieldViolations* out, const std::string& path,
                            absl::string_view missing_key, absl::string_view rule);

// ---- Shared object parts ----

// metadata.name (or metadata.generateName when the name is left to the
// server) must be a DNS-1123 subdomain, as for every custom resource. When
// `label_reason` is non-empty the name must also be a DNS label (≤ 63
// characters, no dots) and the message explains why with that text.
void CheckObjectName(FieldViolations* out, const v1alpha1::ObjectMeta& meta,
                     absl::string_view label_reason);

// The standard metav1.Condition schema (api.md §9.1) for every item of a
// `conditions` list, plus uniqueness of `type` (list-map key).
void CheckConditions(FieldViolations* out, const std::string& path,
                     const google::protobuf::RepeatedPtrField<v1alpha1::Condition>& conditions);

}  // namespace sei::planner::schema

#endif  // SEI_LIB_PLANNER_VALIDATION_SCHEMA_CHECKS_H_
