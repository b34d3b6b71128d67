// Go's strconv formatting of floats and quoted strings, reproduced where the
// output of the Go programs the control plane imitates depends on it:
// kube-apiserver's validation messages (fmt's %v and %q), and the
// sidecar's JSON numbers, Prometheus samples and error messages.
#ifndef SEI_LIB_CONTROLPLANE_CORE_GO_STRCONV_H_
#define SEI_LIB_CONTROLPLANE_CORE_GO_STRCONV_H_

#include <string>

#include "absl/strings/string_view.h"

namespace sei::controlplane {

// strconv.FormatFloat(value, format, -1, 64): the shortest digits that read
// back exactly, in format 'f' (no exponent), 'e' (d.ddde±XX, at least two
// exponent digits) or 'g' ('e' when the decimal exponent is < -4 or >= 6,
// else 'f'; this is fmt's %v): "1e+06", "2.147483647e+09", "1e-05",
// "0.0001", "123456", "1.5". NaN and the infinities print as Go does ("NaN",
// "+Inf", "-Inf"); negative zero keeps its sign.
std::string GoFormatFloat(double value, char format);

// strconv.Quote (fmt's %q for a string): double-quoted, `"` and `\`
// escaped, \a \b \f \n \r \t \v, other control bytes and invalid UTF-8 as
// \xNN, non-printable code points as \uNNNN or \UNNNNNNNN. Printability is
// approximated (see go_strconv.cc); everything a manifest or a request
// plausibly holds (ASCII, letters, symbols, emoji) prints as Go prints it.
std::string GoQuote(absl::string_view text);

}  // namespace sei::controlplane

#endif  // SEI_LIB_CONTROLPLANE_CORE_GO_STRCONV_H_
