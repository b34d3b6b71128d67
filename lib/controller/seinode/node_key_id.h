// The Tendermint node ID a node_key.json stands for (sidecar-protocol.md §11):
// lowercase hex of the first 20 bytes of SHA-256 over the Ed25519 public half.
// Peer resolution derives a validator's ID from its node-key Secret instead of
// asking its sidecar, which reads a different copy of the key (§14 H9).
#ifndef SEI_LIB_CONTROLLER_SEINODE_NODE_KEY_ID_H_
#define SEI_LIB_CONTROLLER_SEINODE_NODE_KEY_ID_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace sei::controller {

// `node_key_json` is the file's content ({"priv_key":{"type":…,"value":<base64>}}).
// InvalidArgument when it is not JSON, has no priv_key.value, is not base64
// or does not decode to 64 bytes.
absl::StatusOr<std::string> NodeIdFromNodeKey(absl::string_view node_key_json);

}  // namespace sei::controller

#endif  // SEI_LIB_CONTROLLER_SEINODE_NODE_KEY_ID_H_
