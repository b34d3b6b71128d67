// How Go, the language of kube-apiserver, types and prints JSON values. The
// apiserver decodes custom resources into Go values (integers become int64,
// other numbers float64) and both its validation decisions and its error
// messages depend on those types and on fmt/strconv/encoding/json output, so
// the schema engine reproduces them to match the apiserver byte for byte.
#ifndef SEI_LIB_CONTROLPLANE_SCHEMA_GO_FORMAT_H_
#define SEI_LIB_CONTROLPLANE_SCHEMA_GO_FORMAT_H_

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "absl/strings/string_view.h"

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

// fmt's %v for a float64 (strconv 'g', precision -1): the shortest digits
// that read back exactly, in exponent form when the decimal exponent is < -4
// or >= 6 ("1e+06", "2.147483647e+09", "1e-05", "0.0001", "123456", "1.5").
std::string GoFormatFloat(double value);

// fmt's %q for a string (strconv.Quote): double-quoted, `"` and `\`
// escaped, \a \b \f \n \r \t \v, other control bytes and invalid UTF-8 as
// \xNN, non-printable code points as \uNNNN or \UNNNNNNNN. Printability is
// approximated (see go_format.cc); everything a manifest plausibly holds
// (ASCII, letters, symbols, emoji) prints as Go prints it.
std::string GoQuote(absl::string_view text);

// json.Marshal of the value: compact, object keys sorted, `<`, `>`, `&`,
// U+2028 and U+2029 escaped, invalid UTF-8 as \ufffd, float64 numbers as Go
// writes them (no exponent between 1e-6 and 1e21).
std::string GoJsonMarshal(const nlohmann::json& value);

// utf8.RuneCountInString: code points, each byte of an invalid sequence
// counting as one. This is what the apiserver's minLength/maxLength count.
int64_t GoRuneCount(absl::string_view text);

}  // namespace sei::controlplane

#endif  // SEI_LIB_CONTROLPLANE_SCHEMA_GO_FORMAT_H_
