#include "lib/controlplane/sidecar/uuid.h"

#include <array>
#include <cstdint>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_format.h"

namespace sei::controlplane::sidecar {
namespace {

bool AllHex(absl::string_view text) {
  for (const char c : text) {
    if (!absl::ascii_isxdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

// xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx
bool IsDashedForm(absl::string_view text) {
  if (text.size() != 36) return false;
  for (const size_t dash : {8, 13, 18, 23}) {
    if (text[dash] != '-') return false;
  }
  return AllHex(text.substr(0, 8)) && AllHex(text.substr(9, 4)) && AllHex(text.substr(14, 4)) &&
         AllHex(text.substr(19, 4)) && AllHex(text.substr(24, 12));
}

}  // namespace

bool IsGoParsableUuid(absl::string_view text) {
  switch (text.size()) {
    case 36:
      return IsDashedForm(text);
    case 36 + 9:
      return absl::EqualsIgnoreCase(text.substr(0, 9), "urn:uuid:") &&
             IsDashedForm(text.substr(9));
    case 36 + 2:
      return IsDashedForm(text.substr(1, 36));
    case 32:
      return AllHex(text);
    default:
      return false;
  }
}

std::string NewRandomUuid(std::mt19937_64& rng) {
  std::array<uint8_t, 16> b;
  const uint64_t hi = rng();
  const uint64_t lo = rng();
  for (int i = 0; i < 8; ++i) {
    b[i] = static_cast<uint8_t>(hi >> (56 - 8 * i));
    b[8 + i] = static_cast<uint8_t>(lo >> (56 - 8 * i));
  }
  b[6] = (b[6] & 0x0f) | 0x40;  // version 4
  b[8] = (b[8] & 0x3f) | 0x80;  // RFC 4122 variant
  return absl::StrFormat(
      "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", b[0], b[1], b[2],
      b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]);
}

}  // namespace sei::controlplane::sidecar
