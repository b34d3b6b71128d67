#include "lib/tasks/sidecar/bech32.h"

#include <catch2/catch.hpp>
#include <string>

namespace sei::tasks {
namespace {

// bech32 of bytes 0..19 with hrp "sei" / "cosmos" (computed with the BIP 173
// reference algorithm).
constexpr char kSei[] = "sei1qqqsyqcyq5rqwzqfpg9scrgwpugpzysnw6qvhc";
constexpr char kCosmos[] = "cosmos1qqqsyqcyq5rqwzqfpg9scrgwpugpzysnrk363e";

TEST_CASE("Valid bech32 addresses with the right prefix pass", "[tasks][bech32]") {
  CHECK(IsBech32WithPrefix(kSei, "sei"));
  CHECK(IsBech32WithPrefix("SEI1QQQSYQCYQ5RQWZQFPG9SCRGWPUGPZYSNW6QVHC", "sei"));
  CHECK(IsBech32WithPrefix(kCosmos, "cosmos"));
  // BIP 173 test vector.
  CHECK(IsBech32WithPrefix("abcdef1qpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxw", "abcdef"));
}

TEST_CASE("Wrong prefix, checksum, case or alphabet fail", "[tasks][bech32]") {
  CHECK_FALSE(IsBech32WithPrefix(kCosmos, "sei"));
  std::string flipped = kSei;
  flipped.back() = flipped.back() == 'c' ? 'q' : 'c';
  CHECK_FALSE(IsBech32WithPrefix(flipped, "sei"));
  CHECK_FALSE(IsBech32WithPrefix("sei1QQQSYQCYQ5RQWZQFPG9SCRGWPUGPZYSNW6QVHC", "sei"));  // mixed
  CHECK_FALSE(IsBech32WithPrefix("sei1qqqsyqcyq5rqwzqfpg9scrgwpugpzysnw6qvhb", "sei"));  // 'b'
  CHECK_FALSE(IsBech32WithPrefix("sei1w6qvhc", "sei"));  // no data part
  CHECK_FALSE(IsBech32WithPrefix("seiqqqsyqcyq5rqwzqfpg9scrgwpugpzysnw6qvhc", "sei"));
  CHECK_FALSE(IsBech32WithPrefix("", "sei"));
  CHECK_FALSE(IsBech32WithPrefix(std::string("sei1") + std::string(90, 'q'), "sei"));
}

}  // namespace
}  // namespace sei::tasks
