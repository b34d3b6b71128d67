#include "lib/planner/core/task_id.h"

#include <openssl/evp.h>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace sei::planner {

const UuidBytes kTaskIdNamespace = {0xb7, 0xe8, 0x9c, 0x3a, 0x4f, 0x12, 0x4d, 0x8b,
                                    0x9a, 0x6e, 0x1c, 0x2d, 0x3e, 0x4f, 0x5a, 0x6b};

std::string FormatUuid(const UuidBytes& bytes) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(36);
  for (int i = 0; i < 16; ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out.push_back('-');
    out.push_back(kHex[bytes[i] >> 4]);
    out.push_back(kHex[bytes[i] & 0x0f]);
  }
  return out;
}

namespace {

// SHA-1 with the algorithm fetched once and a context per thread: OpenSSL 3's
// one-shot SHA1() re-fetches the algorithm on every call, which made it ~4x
// slower for these 60-byte inputs (lib/planner/bench).
class Sha1 {
 public:
  static void Digest(const UuidBytes& ns, absl::string_view name, unsigned char out[20]) {
    static EVP_MD* const md = EVP_MD_fetch(nullptr, "SHA1", nullptr);
    thread_local Sha1 instance;
    unsigned int len = 0;
    EVP_DigestInit_ex(instance.ctx_, md, nullptr);
    EVP_DigestUpdate(instance.ctx_, ns.data(), ns.size());
    EVP_DigestUpdate(instance.ctx_, name.data(), name.size());
    EVP_DigestFinal_ex(instance.ctx_, out, &len);
  }

 private:
  Sha1() : ctx_(EVP_MD_CTX_new()) {}
  ~Sha1() { EVP_MD_CTX_free(ctx_); }
  EVP_MD_CTX* ctx_;
};

}  // namespace

std::string Uuid5(const UuidBytes& ns, absl::string_view name) {
  unsigned char digest[20];  // RFC 4122 §4.3: SHA-1 over namespace bytes, then name
  Sha1::Digest(ns, name, digest);
  UuidBytes bytes;
  for (int i = 0; i < 16; ++i) bytes[i] = digest[i];
  bytes[6] = static_cast<uint8_t>((bytes[6] & 0x0f) | 0x50);  // version 5
  bytes[8] = static_cast<uint8_t>((bytes[8] & 0x3f) | 0x80);  // RFC 4122 variant
  return FormatUuid(bytes);
}

std::string TaskId(absl::string_view plan_id, absl::string_view task_type, int index) {
  return Uuid5(kTaskIdNamespace, absl::StrCat(plan_id, "/", task_type, "/", index));
}

absl::StatusOr<UuidBytes> ParseUuid(absl::string_view text) {
  if (text.size() != 36 || text[8] != '-' || text[13] != '-' || text[18] != '-' ||
      text[23] != '-') {
    return absl::InvalidArgumentError(absl::StrCat("not a canonical UUID: \"", text, "\""));
  }
  auto nibble = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  UuidBytes bytes{};
  int out = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '-') continue;
    int hi = nibble(text[i]);
    int lo = i + 1 < text.size() ? nibble(text[i + 1]) : -1;
    if (hi < 0 || lo < 0) {
      return absl::InvalidArgumentError(absl::StrCat("not a canonical UUID: \"", text, "\""));
    }
    bytes[out++] = static_cast<uint8_t>(hi << 4 | lo);
    ++i;
  }
  return bytes;
}

std::string Uuid4FromRandomBytes(UuidBytes bytes) {
  bytes[6] = static_cast<uint8_t>((bytes[6] & 0x0f) | 0x40);
  bytes[8] = static_cast<uint8_t>((bytes[8] & 0x3f) | 0x80);
  return FormatUuid(bytes);
}

}  // namespace sei::planner
