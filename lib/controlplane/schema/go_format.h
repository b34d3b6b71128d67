// How Go, the language of kube-apiserver, types and prints JSON values. The
// apiserver decodes custom resources into Go values (integers become int64,
// other numbers float64) and both its validation decisions and its error
// messages depend on those types and on fmt/strconv/encoding/json output, so
// the schema engine reproduces them to match the apiserver byte for byte.
// The strconv and utf8 pieces are shared with the sidecar simulator
// (core/go_strconv.h, core/go_utf8.h, core/go_json_encoding.h).
#ifndef SEI_LIB_CONTROLPLANE_SCHEMA_GO_FORMAT_H_
#define SEI_LIB_CONTROLPLANE_SCHEMA_GO_FORMAT_H_

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

namespace sei::controlplane {

// The Go type a JSON value has in an unstructured object
// (k8s.io/apimachinery/pkg/util/json): a number without fraction or exponent
// that fits int64 is int64, every other number float64 (so 1.0, 1e3 and
// 2^63 are float64).
enum class GoKind { kNull, kBool, kInt64, kFloat64, kString, kSlice, kMap };

GoKind GoKindOf(const nlohmann::json& value);

// The value of a kInt64 number.
int64_t GoInt64(const nlohmann::json& value);

// Any JSON number as float64.
double GoFloat64(const nlohmann::json& value);

// Go's int64(f): truncation toward zero, saturated at the int64 range (the
// hardware result for out-of-range values is not worth reproducing).
int64_t GoTruncateToInt64(double value);

// json.Marshal of the value: compact, object keys sorted, `<`, `>`, `&`,
// U+2028 and U+2029 escaped, invalid UTF-8 as \ufffd, float64 numbers as Go
// writes them (no exponent between 1e-6 and 1e21).
std::string GoJsonMarshal(const nlohmann::json& value);

}  // namespace sei::controlplane

#endif  // SEI_LIB_CONTROLPLANE_SCHEMA_GO_FORMAT_H_
