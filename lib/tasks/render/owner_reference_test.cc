#include "lib/tasks/render/owner_reference.h"

#include <catch2/catch.hpp>

namespace sei::tasks::render {
namespace {

TEST_CASE("ControllerOwnerReference points at the SeiNode as its controller") {
  v1alpha1::SeiNode node;
  node.mutable_metadata()->set_name("rpc-1");
  node.mutable_metadata()->set_uid("0b6c6f4e-1111-2222-3333-444455556666");
  CHECK(ControllerOwnerReference(node) ==
        k8s::Object::parse(R"({"apiVersion": "sei.io/v1alpha1", "kind": "SeiNode",
                               "name": "rpc-1", "uid": "0b6c6f4e-1111-2222-3333-444455556666",
                               "controller": true, "blockOwnerDeletion": true})"));
}

}  // namespace
}  // namespace sei::tasks::render
