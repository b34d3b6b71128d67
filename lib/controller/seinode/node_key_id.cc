#include "lib/controller/seinode/node_key_id.h"

#include <openssl/sha.h>

#include <nlohmann/json.hpp>

#include "absl/strings/escaping.h"

namespace sei::controller {

absl::StatusOr<std::string> NodeIdFromNodeKey(absl::string_view node_key_json) {
  nlohmann::json key = nlohmann::json::parse(node_key_json.begin(), node_key_json.end(), nullptr,
                                             /*allow_exceptions=*/false);
  if (key.is_discarded() || !key.is_object()) {
    return absl::InvalidArgumentError("node_key.json is not a JSON object");
  }
  const nlohmann::json* value = nullptr;
  if (key.contains("priv_key") && key["priv_key"].is_object() &&
      key["priv_key"].contains("value") && key["priv_key"]["value"].is_string()) {
    value = &key["priv_key"]["value"];
  }
  if (value == nullptr) return absl::InvalidArgumentError("node_key.json has no priv_key.value");
  std::string raw;
  if (!absl::Base64Unescape(value->get<std::string>(), &raw)) {
    return absl::InvalidArgumentError("node_key.json priv_key.value is not base64");
  }
  if (raw.size() != 64) {
    return absl::InvalidArgumentError("invalid Ed25519 key in node_key.json");
  }
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(raw.data()) + 32, 32, digest);
  return absl::BytesToHexString(absl::string_view(reinterpret_cast<const char*>(digest), 20));
}

}  // namespace sei::controller
