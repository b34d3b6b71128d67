// Go's unicode/utf8 decoding, which both Go programs the control plane
// imitates (kube-apiserver and the sidecar) apply to every string they
// quote, encode or measure: well-formedness is Go's, and an ill-formed
// byte counts as one U+FFFD.
#ifndef SEI_LIB_CONTROLPLANE_CORE_GO_UTF8_H_
#define SEI_LIB_CONTROLPLANE_CORE_GO_UTF8_H_

#include <cstddef>
#include <cstdint>
#include <utility>

#include "absl/strings/string_view.h"

namespace sei::controlplane {

inline constexpr char32_t kGoRuneError = 0xFFFD;

// utf8.DecodeRuneInString(text[pos:]): the code point and its length in
// bytes; (U+FFFD, 1) for a byte that does not start a well-formed sequence
// (overlong forms, surrogates and values above U+10FFFF are ill-formed).
// `pos` must be < text.size().
std::pair<char32_t, int> GoDecodeRune(absl::string_view text, size_t pos);

// utf8.RuneCountInString: code points, each byte of an ill-formed sequence
// counting as one. This is what the apiserver's minLength/maxLength count.
int64_t GoRuneCount(absl::string_view text);

}  // namespace sei::controlplane

#endif  // SEI_LIB_CONTROLPLANE_CORE_GO_UTF8_H_
