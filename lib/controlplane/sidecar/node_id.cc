#include "lib/controlplane/sidecar/node_id.h"

#include <openssl/evp.h>

#include <cstdint>
#include <optional>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "lib/controlplane/sidecar/go_json.h"

namespace sei::controlplane::sidecar {
namespace {

constexpr size_t kEd25519PrivateKeyLen = 64;  // seed (32) + public key (32)
constexpr size_t kPublicKeyOffset = 32;
constexpr size_t kNodeIdBytes = 20;

std::string Sha256(absl::string_view data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (EVP_Digest(data.data(), data.size(), digest, &len, EVP_sha256(), nullptr) != 1) {
    return std::string();
  }
  return std::string(reinterpret_cast<const char*>(digest), len);
}

int Base64Value(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+') return 62;
  if (c == '/') return 63;
  return -1;
}

// base64.StdEncoding.DecodeString: CR and LF are skipped, the rest must be
// whole 4-character quanta with '=' padding only at the end. Like Go's
// non-strict decoder, unused trailing bits need not be zero.
std::optional<std::string> DecodeStdBase64(absl::string_view text) {
  std::string chars;
  for (const char c : text) {
    if (c != '\r' && c != '\n') chars.push_back(c);
  }
  if (chars.size() % 4 != 0) return std::nullopt;
  std::string out;
  for (size_t q = 0; q < chars.size(); q += 4) {
    const bool last = q + 4 == chars.size();
    int padding = 0;
    if (last && chars[q + 3] == '=') padding = chars[q + 2] == '=' ? 2 : 1;
    uint32_t bits = 0;
    for (int i = 0; i < 4; ++i) {
      int v = 0;
      if (i < 4 - padding) {
        v = Base64Value(chars[q + i]);
        if (v < 0) return std::nullopt;
      }
      bits = (bits << 6) | static_cast<uint32_t>(v);
    }
    out.push_back(static_cast<char>(bits >> 16));
    if (padding < 2) out.push_back(static_cast<char>((bits >> 8) & 0xff));
    if (padding < 1) out.push_back(static_cast<char>(bits & 0xff));
  }
  return out;
}

// json.Unmarshal into struct{PrivKey struct{Value string `json:"value"`}
// `json:"priv_key"`}: nullopt for a decode error, "" when absent or null.
std::optional<std::string> PrivateKeyValue(absl::string_view node_key_json) {
  const std::optional<nlohmann::ordered_json> doc = DecodeWholeJson(node_key_json);
  if (!doc.has_value()) return std::nullopt;
  if (doc->is_null()) return std::string();
  if (!doc->is_object()) return std::nullopt;
  const nlohmann::ordered_json* priv_key = FindGoField(*doc, "priv_key");
  if (priv_key == nullptr || priv_key->is_null()) return std::string();
  if (!priv_key->is_object()) return std::nullopt;
  const nlohmann::ordered_json* value = FindGoField(*priv_key, "value");
  if (value == nullptr || value->is_null()) return std::string();
  if (!value->is_string()) return std::nullopt;
  return value->get<std::string>();
}

}  // namespace

std::string NodeIdFromPublicKey(absl::string_view public_key) {
  return absl::BytesToHexString(Sha256(public_key).substr(0, kNodeIdBytes));
}

absl::StatusOr<std::string> NodeIdFromNodeKeyJson(absl::string_view node_key_json) {
  const std::optional<std::string> value = PrivateKeyValue(node_key_json);
  if (!value.has_value()) return absl::InternalError(kNodeKeyUnparsable);
  const std::optional<std::string> key = DecodeStdBase64(*value);
  if (!key.has_value() || key->size() != kEd25519PrivateKeyLen) {
    return absl::InternalError(kNodeKeyInvalid);
  }
  // No check that the public half matches the seed, as in the reference.
  return NodeIdFromPublicKey(absl::string_view(*key).substr(kPublicKeyOffset));
}

std::string DefaultNodeId(absl::string_view ns, absl::string_view node) {
  return absl::BytesToHexString(
      Sha256(absl::StrCat("sei-sidecar-simulator/", ns, "/", node)).substr(0, kNodeIdBytes));
}

NodeIdentity NodeIdentity::Derived() { return NodeIdentity(Source::kDerived, ""); }
NodeIdentity NodeIdentity::Fixed(std::string node_id) {
  return NodeIdentity(Source::kFixed, std::move(node_id));
}
NodeIdentity NodeIdentity::FromNodeKeyJson(std::string node_key_json) {
  return NodeIdentity(Source::kNodeKeyJson, std::move(node_key_json));
}
NodeIdentity NodeIdentity::Missing() { return NodeIdentity(Source::kMissing, ""); }

absl::StatusOr<std::string> NodeIdentity::Resolve(absl::string_view ns,
                                                  absl::string_view node) const {
  switch (source_) {
    case Source::kDerived:
      return DefaultNodeId(ns, node);
    case Source::kFixed:
      return value_;
    case Source::kNodeKeyJson:
      return NodeIdFromNodeKeyJson(value_);
    case Source::kMissing:
      break;
  }
  return absl::InternalError(kNodeKeyNotFound);
}

}  // namespace sei::controlplane::sidecar
