#include "lib/controlplane/core/go_utf8.h"

namespace sei::controlplane {

std::pair<char32_t, int> GoDecodeRune(absl::string_view s, size_t pos) {
  const auto byte = [&](size_t i) { return static_cast<unsigned char>(s[i]); };
  const unsigned char c0 = byte(pos);
  if (c0 < 0x80) return {c0, 1};
  const size_t left = s.size() - pos;
  const auto continuation = [&](size_t i, unsigned char lo, unsigned char hi) {
    return i < s.size() && byte(i) >= lo && byte(i) <= hi;
  };
  if (c0 >= 0xC2 && c0 <= 0xDF) {
    if (left < 2 || !continuation(pos + 1, 0x80, 0xBF)) return {kGoRuneError, 1};
    return {static_cast<char32_t>(((c0 & 0x1F) << 6) | (byte(pos + 1) & 0x3F)), 2};
  }
  if (c0 >= 0xE0 && c0 <= 0xEF) {
    // The second byte's range excludes overlong forms (E0) and surrogates (ED).
    const unsigned char lo = c0 == 0xE0 ? 0xA0 : 0x80;
    const unsigned char hi = c0 == 0xED ? 0x9F : 0xBF;
    if (left < 3 || !continuation(pos + 1, lo, hi) || !continuation(pos + 2, 0x80, 0xBF)) {
      return {kGoRuneError, 1};
    }
    return {static_cast<char32_t>(((c0 & 0x0F) << 12) | ((byte(pos + 1) & 0x3F) << 6) |
                                  (byte(pos + 2) & 0x3F)),
            3};
  }
  if (c0 >= 0xF0 && c0 <= 0xF4) {
    // ... overlong forms (F0) and values above U+10FFFF (F4).
    const unsigned char lo = c0 == 0xF0 ? 0x90 : 0x80;
    const unsigned char hi = c0 == 0xF4 ? 0x8F : 0xBF;
    if (left < 4 || !continuation(pos + 1, lo, hi) || !continuation(pos + 2, 0x80, 0xBF) ||
        !continuation(pos + 3, 0x80, 0xBF)) {
      return {kGoRuneError, 1};
    }
    return {static_cast<char32_t>(((c0 & 0x07) << 18) | ((byte(pos + 1) & 0x3F) << 12) |
                                  ((byte(pos + 2) & 0x3F) << 6) | (byte(pos + 3) & 0x3F)),
            4};
  }
  return {kGoRuneError, 1};
}

int64_t GoRuneCount(absl::string_view text) {
  int64_t count = 0;
  for (size_t pos = 0; pos < text.size(); ++count) pos += GoDecodeRune(text, pos).second;
  return count;
}

}  // namespace sei::controlplane
