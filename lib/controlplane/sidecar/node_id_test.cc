// §11: the node-ID derivation, its test vector and its 500 messages.
#include <string>

#include <catch2/catch.hpp>

#include "lib/controlplane/sidecar/node_id.h"

namespace sei::controlplane::sidecar {
namespace {

constexpr char kVectorKey[] =
    "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8DoQe/884Qvh1w3RjnS8CZZ+TWMJulDV8d3IZkElUxuA==";
constexpr char kVectorId[] = "56475aa75463474c0285df5dbf2bcab73da65135";

std::string KeyFile(const std::string& value) {
  return R"({"priv_key":{"type":"tendermint/PrivKeyEd25519","value":")" + value + "\"}}";
}

std::string ErrorOf(const std::string& file) {
  const absl::StatusOr<std::string> id = NodeIdFromNodeKeyJson(file);
  REQUIRE_FALSE(id.ok());
  return std::string(id.status().message());
}

TEST_CASE("the §11 test vector") {
  CHECK(*NodeIdFromNodeKeyJson(KeyFile(kVectorKey)) == kVectorId);
  // Field names match ignoring case; CR/LF inside the base64 are skipped.
  CHECK(*NodeIdFromNodeKeyJson(R"({"PRIV_KEY":{"Value":")" + std::string(kVectorKey) + "\"}}") ==
        kVectorId);
  CHECK(*NodeIdFromNodeKeyJson(KeyFile(std::string(kVectorKey).insert(40, "\\r\\n"))) ==
        kVectorId);
}

TEST_CASE("node_key.json errors carry the exact 500 bodies") {
  CHECK(ErrorOf("") == "failed to parse node_key.json");
  CHECK(ErrorOf("{} trailing") == "failed to parse node_key.json");
  CHECK(ErrorOf("[]") == "failed to parse node_key.json");
  CHECK(ErrorOf(R"({"priv_key":"x"})") == "failed to parse node_key.json");
  CHECK(ErrorOf(R"({"priv_key":{"value":7}})") == "failed to parse node_key.json");
  CHECK(ErrorOf("{}") == "invalid Ed25519 key in node_key.json");
  CHECK(ErrorOf("null") == "invalid Ed25519 key in node_key.json");
  CHECK(ErrorOf(KeyFile("AAECAw==")) == "invalid Ed25519 key in node_key.json");
  // Unpadded and otherwise malformed base64 is rejected.
  CHECK(ErrorOf(KeyFile(std::string(kVectorKey).substr(0, 86))) ==
        "invalid Ed25519 key in node_key.json");
  CHECK(ErrorOf(KeyFile(std::string(kVectorKey).replace(3, 1, "*"))) ==
        "invalid Ed25519 key in node_key.json");
  CHECK(NodeIdentity::Missing().Resolve("ns", "n").status().message() ==
        "node_key.json not found — generate-identity may not have run yet");
}

TEST_CASE("DefaultNodeId is a stable 40-hex ID per node") {
  const std::string id = DefaultNodeId("chain", "node-0");
  CHECK(id.size() == 40);
  CHECK(id.find_first_not_of("0123456789abcdef") == std::string::npos);
  CHECK(id == DefaultNodeId("chain", "node-0"));
  CHECK(id != DefaultNodeId("chain", "node-1"));
  CHECK(*NodeIdentity::Derived().Resolve("chain", "node-0") == id);
  CHECK(*NodeIdentity::Fixed("abc").Resolve("chain", "node-0") == "abc");
}

}  // namespace
}  // namespace sei::controlplane::sidecar
