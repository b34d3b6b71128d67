#include "lib/tasks/sidecar/bech32.h"

#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"

namespace sei::tasks {
namespace {

constexpr absl::string_view kAlphabet = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
constexpr size_t kMaxLength = 90;
constexpr size_t kChecksumLength = 6;

uint32_t Polymod(const std::vector<uint8_t>& values) {
  constexpr uint32_t kGenerator[] = {0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3};
  uint32_t checksum = 1;
  for (uint8_t value : values) {
    const uint32_t top = checksum >> 25;
    checksum = ((checksum & 0x1ffffff) << 5) ^ value;
    for (int i = 0; i < 5; ++i) {
      if ((top >> i) & 1) checksum ^= kGenerator[i];
    }
  }
  return checksum;
}

}  // namespace

bool IsBech32WithPrefix(absl::string_view text, absl::string_view hrp) {
  if (text.size() > kMaxLength) return false;
  bool has_lower = false;
  bool has_upper = false;
  for (char c : text) {
    if (c < 33 || c > 126) return false;
    has_lower = has_lower || absl::ascii_islower(c);
    has_upper = has_upper || absl::ascii_isupper(c);
  }
  if (has_lower && has_upper) return false;
  const std::string lower = absl::AsciiStrToLower(text);
  const size_t separator = lower.rfind('1');
  if (separator == std::string::npos || separator == 0) return false;
  if (lower.size() - separator - 1 <= kChecksumLength) return false;  // no data part
  const absl::string_view prefix = absl::string_view(lower).substr(0, separator);
  if (!absl::EqualsIgnoreCase(prefix, hrp)) return false;

  std::vector<uint8_t> values;
  for (char c : prefix) values.push_back(static_cast<uint8_t>(c) >> 5);
  values.push_back(0);
  for (char c : prefix) values.push_back(static_cast<uint8_t>(c) & 31);
  for (char c : absl::string_view(lower).substr(separator + 1)) {
    const size_t digit = kAlphabet.find(c);
    if (digit == absl::string_view::npos) return false;
    values.push_back(static_cast<uint8_t>(digit));
  }
  return Polymod(values) == 1;
}

}  // namespace sei::tasks
