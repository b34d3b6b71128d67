// The scalar encodings of Go's encoding/json (strings and float64), shared
// by the two JSON writers that must match Go byte for byte: the schema
// engine's json.Marshal (kube-apiserver's messages quote values with it)
// and the simulated sidecar's json.Encoder (its response bodies). Each
// writer keeps its own walk over objects and arrays, since they differ in
// member order and integer handling.
#ifndef SEI_LIB_CONTROLPLANE_CORE_GO_JSON_ENCODING_H_
#define SEI_LIB_CONTROLPLANE_CORE_GO_JSON_ENCODING_H_

#include <string>

#include "absl/strings/string_view.h"

namespace sei::controlplane {

// A JSON string as encoding/json writes it with HTML escaping on (the
// default of both json.Marshal and json.Encoder): `"` `\` \b \f \n \r \t
// escaped, other control bytes and `<` `>` `&` as \u00XX, U+2028 and
// U+2029 as \u2028 / \u2029, each ill-formed UTF-8 byte as \ufffd.
void AppendGoJsonString(absl::string_view text, std::string* out);

// A float64 as encoding/json writes it: the shortest digits, 'f' form
// unless the magnitude is below 1e-6 or at least 1e21, then 'e' form with a
// one-digit negative exponent unpadded (1e-7, 1e+21). NaN and the
// infinities, which Go refuses to encode, become null.
std::string GoJsonFloat(double value);

}  // namespace sei::controlplane

#endif  // SEI_LIB_CONTROLPLANE_CORE_GO_JSON_ENCODING_H_
