#include "lib/tasks/platform/process_env.h"

#include <catch2/catch.hpp>
#include <cstdlib>

namespace sei::tasks {
namespace {

TEST_CASE("ProcessEnv reads set variables verbatim and reports unset ones as absent") {
  REQUIRE(setenv("SEI_PROCESS_ENV_TEST_VALUE", " spaced value ", 1) == 0);
  REQUIRE(unsetenv("SEI_PROCESS_ENV_TEST_UNSET") == 0);
  EnvLookup env = ProcessEnv();
  std::optional<std::string> value = env("SEI_PROCESS_ENV_TEST_VALUE");
  REQUIRE(value.has_value());
  CHECK(*value == " spaced value ");  // trimming is LoadPlatformConfig's job
  CHECK_FALSE(env("SEI_PROCESS_ENV_TEST_UNSET").has_value());
}

TEST_CASE("ProcessEnv distinguishes an empty variable from an unset one") {
  REQUIRE(setenv("SEI_PROCESS_ENV_TEST_EMPTY", "", 1) == 0);
  std::optional<std::string> value = ProcessEnv()("SEI_PROCESS_ENV_TEST_EMPTY");
  REQUIRE(value.has_value());
  CHECK(value->empty());
}

}  // namespace
}  // namespace sei::tasks
