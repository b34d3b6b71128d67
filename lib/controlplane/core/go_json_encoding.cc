#include "lib/controlplane/core/go_json_encoding.h"

#include <cmath>

#include "absl/strings/str_format.h"
#include "lib/controlplane/core/go_strconv.h"
#include "lib/controlplane/core/go_utf8.h"

namespace sei::controlplane {

void AppendGoJsonString(absl::string_view text, std::string* out) {
  out->push_back('"');
  size_t pos = 0;
  while (pos < text.size()) {
    const unsigned char c = static_cast<unsigned char>(text[pos]);
    if (c < 0x80) {
      switch (c) {
        case '"':
          out->append("\\\"");
          break;
        case '\\':
          out->append("\\\\");
          break;
        case '\n':
          out->append("\\n");
          break;
        case '\r':
          out->append("\\r");
          break;
        case '\t':
          out->append("\\t");
          break;
        case '\b':
          out->append("\\b");
          break;
        case '\f':
          out->append("\\f");
          break;
        default:
          if (c < 0x20 || c == '<' || c == '>' || c == '&') {
            absl::StrAppendFormat(out, "\\u%04x", c);
          } else {
            out->push_back(static_cast<char>(c));
          }
      }
      ++pos;
      continue;
    }
    const auto [rune, size] = GoDecodeRune(text, pos);
    if (rune == kGoRuneError && size == 1) {
      out->append("\\ufffd");
    } else if (rune == 0x2028 || rune == 0x2029) {
      absl::StrAppendFormat(out, "\\u%04x", static_cast<unsigned>(rune));
    } else {
      out->append(text.data() + pos, size);
    }
    pos += size;
  }
  out->push_back('"');
}

std::string GoJsonFloat(double value) {
  if (std::isnan(value) || std::isinf(value)) return "null";
  const double magnitude = std::fabs(value);
  if (magnitude != 0 && (magnitude < 1e-6 || magnitude >= 1e21)) {
    std::string text = GoFormatFloat(value, 'e');
    const size_t n = text.size();
    if (n >= 4 && text[n - 4] == 'e' && text[n - 3] == '-' && text[n - 2] == '0') {
      text.erase(n - 2, 1);
    }
    return text;
  }
  return GoFormatFloat(value, 'f');
}

}  // namespace sei::controlplane
