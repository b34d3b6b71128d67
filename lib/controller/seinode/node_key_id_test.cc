#include "lib/controller/seinode/node_key_id.h"

#include <catch2/catch.hpp>

namespace sei::controller {
namespace {

TEST_CASE("the node ID of the protocol's test vector") {
  absl::StatusOr<std::string> id = NodeIdFromNodeKey(
      R"({"priv_key":{"type":"tendermint/PrivKeyEd25519","value":)"
      R"("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8DoQe/884Qvh1w3RjnS8CZZ+TWMJulDV8d3IZkElUxuA=="}})");
  REQUIRE(id.ok());
  CHECK(*id == "56475aa75463474c0285df5dbf2bcab73da65135");
}

TEST_CASE("malformed node keys are errors, never a made-up ID") {
  CHECK_FALSE(NodeIdFromNodeKey("not json").ok());
  CHECK_FALSE(NodeIdFromNodeKey(R"({"priv_key":{}})").ok());
  CHECK_FALSE(NodeIdFromNodeKey(R"({"priv_key":{"value":"%%%"}})").ok());
  absl::StatusOr<std::string> short_key = NodeIdFromNodeKey(R"({"priv_key":{"value":"AAEC"}})");
  REQUIRE_FALSE(short_key.ok());
  CHECK(short_key.status().message() == "invalid Ed25519 key in node_key.json");
}

}  // namespace
}  // namespace sei::controller
