// SeiNodes for the renderers' unit tests, built in code so each test shows
// the one field it varies.
#ifndef SEI_LIB_TASKS_RENDER_TEST_NODES_H_
#define SEI_LIB_TASKS_RENDER_TEST_NODES_H_

#include "proto/sei/v1alpha1/seinode.pb.h"

namespace sei::tasks::render::testing {

// `rpc-1` in namespace `chain`, chain pacific-1, image sei:v1, fullNode {}.
inline v1alpha1::SeiNode FullNode() {
  v1alpha1::SeiNode node;
  node.mutable_metadata()->set_name("rpc-1");
  node.mutable_metadata()->set_namespace_("chain");
  node.mutable_metadata()->set_uid("uid-1");
  node.mutable_spec()->set_chain_id("pacific-1");
  node.mutable_spec()->set_image("sei:v1");
  node.mutable_spec()->mutable_full_node();
  return node;
}

// A validator `val-0` with signing key, node key and operator keyring
// (passphrase Secret `pass`, key `pw`).
inline v1alpha1::SeiNode KeyringValidator() {
  v1alpha1::SeiNode node = FullNode();
  node.mutable_metadata()->set_name("val-0");
  node.mutable_spec()->clear_full_node();
  v1alpha1::ValidatorSpec* validator = node.mutable_spec()->mutable_validator();
  validator->mutable_signing_key()->mutable_secret()->set_secret_name("sign");
  validator->mutable_node_key()->mutable_secret()->set_secret_name("p2p");
  auto* keyring = validator->mutable_operator_keyring()->mutable_secret();
  keyring->set_secret_name("keyring");
  keyring->mutable_passphrase_secret_ref()->set_secret_name("pass");
  keyring->mutable_passphrase_secret_ref()->set_key("pw");
  return node;
}

// FullNode with an S3 snapshot to `height` and, when non-empty, a bootstrap image.
inline v1alpha1::SeiNode BootstrapFullNode(int64_t height, const std::string& image) {
  v1alpha1::SeiNode node = FullNode();
  v1alpha1::SnapshotSource* snapshot = node.mutable_spec()->mutable_full_node()->mutable_snapshot();
  snapshot->mutable_s3()->set_target_height(height);
  snapshot->set_bootstrap_image(image);
  return node;
}

}  // namespace sei::tasks::render::testing

#endif  // SEI_LIB_TASKS_RENDER_TEST_NODES_H_
