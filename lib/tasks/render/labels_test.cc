#include "lib/tasks/render/labels.h"

#include <catch2/catch.hpp>

namespace sei::tasks::render {
namespace {

using Labels = std::map<std::string, std::string>;

v1alpha1::SeiNode FullNode() {
  v1alpha1::SeiNode node;
  node.mutable_metadata()->set_name("rpc-1");
  node.mutable_spec()->set_chain_id("pacific-1");
  node.mutable_spec()->mutable_full_node();
  return node;
}

TEST_CASE("ResourceLabels carry node, chain and role") {
  CHECK(ResourceLabels(FullNode()) ==
        Labels{{"sei.io/chain", "pacific-1"}, {"sei.io/node", "rpc-1"}, {"sei.io/role", "node"}});
}

TEST_CASE("ResourceLabels name the role of each mode") {
  v1alpha1::SeiNode node = FullNode();
  node.mutable_spec()->clear_full_node();
  SECTION("archive") {
    node.mutable_spec()->mutable_archive();
    CHECK(ResourceLabels(node).at("sei.io/role") == "archive");
  }
  SECTION("replayer") {
    node.mutable_spec()->mutable_replayer();
    CHECK(ResourceLabels(node).at("sei.io/role") == "replayer");
  }
  SECTION("validator") {
    node.mutable_spec()->mutable_validator();
    CHECK(ResourceLabels(node).at("sei.io/role") == "validator");
  }
  SECTION("no mode falls back to the full node's role") {
    CHECK(ResourceLabels(node).at("sei.io/role") == "node");
  }
}

TEST_CASE("ResourceLabels keep podLabels but system keys win") {
  v1alpha1::SeiNode node = FullNode();
  auto& pod_labels = *node.mutable_spec()->mutable_pod_labels();
  pod_labels["team"] = "rpc";
  pod_labels["sei.io/node"] = "impostor";
  pod_labels["sei.io/role"] = "validator";
  CHECK(ResourceLabels(node) == Labels{{"sei.io/chain", "pacific-1"},
                                       {"sei.io/node", "rpc-1"},
                                       {"sei.io/role", "node"},
                                       {"team", "rpc"}});
}

TEST_CASE("ResourceLabels omit the chain when chainId is empty, even from podLabels") {
  v1alpha1::SeiNode node = FullNode();
  node.mutable_spec()->clear_chain_id();
  (*node.mutable_spec()->mutable_pod_labels())["sei.io/chain"] = "fake";
  CHECK(ResourceLabels(node).count("sei.io/chain") == 0);
}

TEST_CASE("SelectorLabels and BootstrapLabels ignore podLabels") {
  v1alpha1::SeiNode node = FullNode();
  (*node.mutable_spec()->mutable_pod_labels())["team"] = "rpc";
  CHECK(SelectorLabels(node) == Labels{{"sei.io/node", "rpc-1"}});
  CHECK(BootstrapLabels(node) ==
        Labels{{"sei.io/component", "bootstrap"}, {"sei.io/node", "rpc-1"}});
}

}  // namespace
}  // namespace sei::tasks::render
