// Go's strconv formatting, reproduced where the reference sidecar's output
// depends on it: float64 numbers in JSON bodies and Prometheus samples, and
// %q-quoted values in error messages.
#ifndef SEI_LIB_CONTROLPLANE_SIDECAR_GO_FORMAT_H_
#define SEI_LIB_CONTROLPLANE_SIDECAR_GO_FORMAT_H_

#include <string>

#include "absl/strings/string_view.h"

namespace sei::controlplane::sidecar {

// strconv.FormatFloat(v, format, -1, 64): the shortest decimal that reads
// back as `v`, in format 'f' (no exponent), 'e' (d.ddde±XX) or 'g' ('e' when
// the exponent is < -4 or >= 6, else 'f'). NaN and infinities print as Go
// does ("NaN", "+Inf", "-Inf").
std::string GoFormatFloat(double v, char format);

// strconv.Quote for the messages that format a value with %q: double quotes,
// `"` and `\` escaped, control characters as \n, \t, \r or \xNN.
std::string GoQuote(absl::string_view text);

}  // namespace sei::controlplane::sidecar

#endif  // SEI_LIB_CONTROLPLANE_SIDECAR_GO_FORMAT_H_
