#include "lib/tasks/platform/mode_resources.h"

#include <catch2/catch.hpp>

#include "lib/tasks/platform/test_platform_config.h"

namespace sei::tasks {
namespace {

using planner::NodeMode;

TEST_CASE("ResourcesForMode gives archive nodes the archive class, size, requests and pool") {
  ModeResources resources = ResourcesForMode(NodeMode::kArchive, testing::TestPlatformConfig());
  CHECK(resources.storage_class == "gp3-archive");
  CHECK(resources.storage_size == "40Ti");
  CHECK(resources.cpu_request == "48");
  CHECK(resources.memory_request == "448Gi");
  CHECK(resources.node_pool == "sei-archive");
}

TEST_CASE("ResourcesForMode gives full, validator and replayer nodes the default values") {
  for (NodeMode mode : {NodeMode::kFull, NodeMode::kValidator, NodeMode::kReplayer}) {
    ModeResources resources = ResourcesForMode(mode, testing::TestPlatformConfig());
    CHECK(resources.storage_class == "gp3-10k-750");  // PERF, not SEI_STORAGE_CLASS_DEFAULT
    CHECK(resources.storage_size == "2000Gi");
    CHECK(resources.cpu_request == "4");
    CHECK(resources.memory_request == "32Gi");
    CHECK(resources.node_pool == "sei-node");
  }
}

}  // namespace
}  // namespace sei::tasks
