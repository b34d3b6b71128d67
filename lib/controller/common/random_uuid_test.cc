#include "lib/controller/common/random_uuid.h"

#include <catch2/catch.hpp>
#include <set>

#include "lib/planner/core/task_id.h"

namespace sei::controller {
namespace {

TEST_CASE("random UUIDs are canonical version-4 UUIDs and do not repeat") {
  std::set<std::string> seen;
  for (int i = 0; i < 200; ++i) {
    std::string id = RandomUuid();
    REQUIRE(id.size() == 36);
    CHECK(id[14] == '4');                                          // version nibble
    CHECK(std::string("89ab").find(id[19]) != std::string::npos);  // RFC 4122 variant
    CHECK(planner::ParseUuid(id).ok());
    seen.insert(id);
  }
  CHECK(seen.size() == 200);
}

}  // namespace
}  // namespace sei::controller
