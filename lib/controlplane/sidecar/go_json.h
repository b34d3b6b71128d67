// Go encoding/json wire behaviour that the reference sidecar (a Go program)
// exhibits and clients can observe: how it decodes request bodies, how values
// survive a round trip through Go's `any`, and the exact bytes its encoder
// writes (sidecar-protocol.md §4, §5).
#ifndef SEI_LIB_CONTROLPLANE_SIDECAR_GO_JSON_H_
#define SEI_LIB_CONTROLPLANE_SIDECAR_GO_JSON_H_

#include <optional>
#include <string>

#include "absl/strings/match.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include <nlohmann/json.hpp>

namespace sei::controlplane::sidecar {

// json.NewEncoder(w).Encode(v): compact, `<`, `>`, `&`, U+2028 and U+2029
// escaped as \u00XX / \u20XX, invalid UTF-8 as \ufffd, float64 numbers in
// Go's shortest form, and a trailing newline. Object members are written in
// the value's own order (ordered_json keeps field declaration order; a Go map
// is sorted, which nlohmann::json already is).
std::string EncodeGoJson(const nlohmann::ordered_json& value);
std::string EncodeGoJson(const nlohmann::json& value);

// json.NewDecoder(body).Decode(&v): the first JSON value in `text`, with
// whatever follows it ignored. nullopt when there is no complete, valid value
// (including an empty body). Never throws.
std::optional<nlohmann::ordered_json> DecodeFirstJsonValue(absl::string_view text);

// Parses all of `text` as one JSON value (json.Unmarshal). nullopt on error.
std::optional<nlohmann::ordered_json> DecodeWholeJson(absl::string_view text);

// `value` after decoding into Go's `any` and encoding again: objects become
// maps (keys sorted, the last duplicate wins) and every number is a float64,
// so 100.0 reads back as 100 and integers beyond 2^53 lose precision. Exactly
// integral values below 2^63 are held as integers so they print the same
// through nlohmann and EncodeGoJson.
nlohmann::json GoAnyRoundTrip(const nlohmann::ordered_json& value);

// Go's struct-field matching when decoding: a key matches a field name
// ignoring ASCII case, and the last matching key in document order wins.
// nullptr when no key matches. `object` must be an object.
template <typename Json>
const Json* FindGoField(const Json& object, absl::string_view name) {
  const Json* found = nullptr;
  for (auto it = object.begin(); it != object.end(); ++it) {
    if (absl::EqualsIgnoreCase(it.key(), name)) found = &it.value();
  }
  return found;
}

// The JSON kind as Go's UnmarshalTypeError names it: "string", "number",
// "bool", "array", "object" ("null" for null, which Go never reports).
template <typename Json>
absl::string_view GoJsonKind(const Json& value) {
  if (value.is_string()) return "string";
  if (value.is_number()) return "number";
  if (value.is_boolean()) return "bool";
  if (value.is_array()) return "array";
  if (value.is_object()) return "object";
  return "null";
}

// time.Time's JSON form for a UTC time: RFC 3339 with up to nine fraction
// digits, trailing zeros (and a bare '.') dropped (Go's RFC3339Nano).
std::string GoTimeString(absl::Time t);

}  // namespace sei::controlplane::sidecar

#endif  // SEI_LIB_CONTROLPLANE_SIDECAR_GO_JSON_H_
