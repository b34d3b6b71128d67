#include "lib/planner/core/task_id.h"

#include <catch2/catch.hpp>

namespace sei::planner {
namespace {

TEST_CASE("TaskId matches the plans.md test vectors", "[task_id]") {
  CHECK(TaskId("11111111-2222-4333-8444-555555555555", "ensure-data-pvc", 0) ==
        "859d8a92-8a4f-5ce6-a0b0-ace7c5793bc4");
  CHECK(TaskId("11111111-2222-4333-8444-555555555555", "mark-ready", 11) ==
        "b114c99f-bb2d-52b7-870b-12507716c9fa");
}

TEST_CASE("TaskId matches the nodetask.md test vectors", "[task_id]") {
  CHECK(TaskId("0b3d1c52-7a4e-4f0e-9d62-5e8a1f2b3c4d", "RestartPod", 0) ==
        "113b205d-36f2-57f7-873c-a91af1348cd9");
  CHECK(TaskId("0b3d1c52-7a4e-4f0e-9d62-5e8a1f2b3c4d", "DiscoverPeers", 0) ==
        "d8fb3af7-0d1e-5195-9b3f-f695ae08d2ca");
  CHECK(TaskId("11111111-2222-3333-4444-555555555555", "GovVote", 0) ==
        "65a34c72-1e2d-5619-9359-965f6ecef654");
}

TEST_CASE("The same type at two indexes gets two IDs", "[task_id]") {
  CHECK(TaskId("p", "configure-genesis", 5) != TaskId("p", "configure-genesis", 15));
}

TEST_CASE("ParseUuid round-trips and rejects malformed text", "[task_id]") {
  auto parsed = ParseUuid("B7E89C3A-4F12-4D8B-9A6E-1C2D3E4F5A6B");
  REQUIRE(parsed.ok());
  CHECK(*parsed == kTaskIdNamespace);
  CHECK(FormatUuid(*parsed) == "b7e89c3a-4f12-4d8b-9a6e-1c2d3e4f5a6b");
  CHECK_FALSE(ParseUuid("b7e89c3a4f124d8b9a6e1c2d3e4f5a6b").ok());
  CHECK_FALSE(ParseUuid("b7e89c3a-4f12-4d8b-9a6e-1c2d3e4f5a6g").ok());
}

TEST_CASE("Uuid4FromRandomBytes sets version and variant", "[task_id]") {
  UuidBytes all_ones;
  all_ones.fill(0xff);
  std::string id = Uuid4FromRandomBytes(all_ones);
  CHECK(id == "ffffffff-ffff-4fff-bfff-ffffffffffff");
}

}  // namespace
}  // namespace sei::planner
