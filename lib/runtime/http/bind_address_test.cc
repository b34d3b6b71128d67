#include "lib/runtime/http/bind_address.h"

#include <catch2/catch.hpp>

#include "absl/status/status.h"

namespace sei::runtime {
namespace {

TEST_CASE("Bind addresses parse as the manager flags spell them") {
  CHECK(ParseBindAddress(":8080")->host == "0.0.0.0");
  CHECK(ParseBindAddress(":8080")->port == 8080);
  CHECK(ParseBindAddress("127.0.0.1:0")->host == "127.0.0.1");
  CHECK(ParseBindAddress("127.0.0.1:0")->port == 0);
  CHECK(ParseBindAddress("localhost:8081")->host == "127.0.0.1");
  CHECK(ParseBindAddress("[::1]:9000")->host == "::1");
  CHECK(ParseBindAddress("[::1]:9000")->port == 9000);
}

TEST_CASE("Malformed bind addresses are refused with the input named") {
  CHECK(ParseBindAddress("8080").status().message() ==
        "bind address \"8080\": want host:port or :port");
  CHECK(ParseBindAddress(":65536").status().message() ==
        "bind address \":65536\": the port must be a number from 0 to 65535");
  CHECK(absl::IsInvalidArgument(ParseBindAddress(":").status()));
  CHECK(absl::IsInvalidArgument(ParseBindAddress(":http").status()));
  CHECK(ParseBindAddress("example.com:80").status().message() ==
        "bind address \"example.com:80\": the host must be an IP address or localhost");
}

}  // namespace
}  // namespace sei::runtime
