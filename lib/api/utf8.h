// UTF-8 well-formedness check shared by the YAML reader and the JSON codec.
// Protobuf `string` fields must hold valid UTF-8 (serialising anything else
// logs errors and other languages reject it), and Kubernetes stores JSON,
// which is Unicode text, so malformed bytes are rejected at the boundary.
#ifndef SEI_LIB_API_UTF8_H_
#define SEI_LIB_API_UTF8_H_

#include "absl/strings/string_view.h"

namespace sei::api {

// True iff `text` is well-formed UTF-8 (RFC 3629: no overlong forms, no
// surrogates, nothing above U+10FFFF).
bool IsValidUtf8(absl::string_view text);

}  // namespace sei::api

#endif  // SEI_LIB_API_UTF8_H_
