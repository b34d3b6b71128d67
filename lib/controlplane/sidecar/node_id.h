// What `GET /v0/node-id` answers (sidecar-protocol.md §11): the CometBFT node
// ID derived from `$SEI_HOME/config/node_key.json`, or one of three 500s.
#ifndef SEI_LIB_CONTROLPLANE_SIDECAR_NODE_ID_H_
#define SEI_LIB_CONTROLPLANE_SIDECAR_NODE_ID_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace sei::controlplane::sidecar {

// The 500 bodies of §11, verbatim.
inline constexpr absl::string_view kNodeKeyNotFound =
    "node_key.json not found — generate-identity may not have run yet";
inline constexpr absl::string_view kNodeKeyUnparsable = "failed to parse node_key.json";
inline constexpr absl::string_view kNodeKeyInvalid = "invalid Ed25519 key in node_key.json";

// Lowercase hex of the first 20 bytes of SHA-256(public_key) (§11 step 4).
std::string NodeIdFromPublicKey(absl::string_view public_key);

// §11 steps 2–4 on the file's contents: Go's json.Unmarshal into
// {priv_key:{value}} (field names matched ignoring case), standard base64
// (padding required; CR/LF ignored, as Go's decoder does), exactly 64 bytes,
// then the ID of bytes 32..63. A failure's message is the exact 500 body.
absl::StatusOr<std::string> NodeIdFromNodeKeyJson(absl::string_view node_key_json);

// The ID a simulated node serves when the test configured nothing: the first
// 40 hex digits of SHA-256("sei-sidecar-simulator/<ns>/<node>"). Stable across
// runs and restarts, so peers (`<id>@<host>:26656`) resolve deterministically.
std::string DefaultNodeId(absl::string_view ns, absl::string_view node);

// Where a simulated node's node ID comes from.
class NodeIdentity {
 public:
  // DefaultNodeId(ns, node), as if a key file existed (the fleet default).
  static NodeIdentity Derived();
  // This exact value (SidecarFleet::SetNodeId).
  static NodeIdentity Fixed(std::string node_id);
  // The §11 algorithm over this node_key.json content, 500s included.
  static NodeIdentity FromNodeKeyJson(std::string node_key_json);
  // No node_key.json on the volume: 500 kNodeKeyNotFound.
  static NodeIdentity Missing();

  // The node ID, or an error whose message is the 500 body.
  absl::StatusOr<std::string> Resolve(absl::string_view ns, absl::string_view node) const;

 private:
  enum class Source { kDerived, kFixed, kNodeKeyJson, kMissing };
  NodeIdentity(Source source, std::string value) : source_(source), value_(std::move(value)) {}

  Source source_;
  std::string value_;
};

}  // namespace sei::controlplane::sidecar

#endif  // SEI_LIB_CONTROLPLANE_SIDECAR_NODE_ID_H_
