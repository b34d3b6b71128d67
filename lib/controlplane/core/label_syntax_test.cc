#include "lib/controlplane/core/label_syntax.h"

#include <catch2/catch.hpp>
#include <string>

namespace sei::controlplane {
namespace {

TEST_CASE("Label keys: optional DNS prefix and a qualified name", "[label_syntax]") {
  for (const char* key : {"app", "a", "A1", "app.kubernetes.io/name", "example.com/My_Name.v-2",
                          "sei.io/node", "x/y", "in", "1-2"}) {
    INFO(key);
    CHECK(ValidateLabelKey(key).ok());
  }
  CHECK(ValidateLabelKey(std::string(63, 'k')).ok());
  CHECK(ValidateLabelKey(std::string(253, 'p') + "/name").ok());
  for (const std::string& key :
       {std::string(""), std::string("-app"), std::string("app-"), std::string("a b"),
        std::string("a=b"), std::string("/name"), std::string("example.com/"),
        std::string("Example.com/name"), std::string("a/b/c"), std::string("ex_ample.com/n"),
        std::string("-ex.com/n"), std::string("ex..com/n"), std::string(64, 'k'),
        std::string(254, 'p') + "/name"}) {
    INFO(key);
    absl::Status status = ValidateLabelKey(key);
    CHECK(status.code() == absl::StatusCode::kInvalidArgument);
    CHECK(std::string(status.message()).find("\"" + key + "\"") != std::string::npos);
  }
}

TEST_CASE("Label values: empty or a qualified name of at most 63", "[label_syntax]") {
  for (const char* value : {"", "a", "v1.2.3", "A_b-c.D", "0"}) {
    INFO(value);
    CHECK(ValidateLabelValue(value).ok());
  }
  CHECK(ValidateLabelValue(std::string(63, 'v')).ok());
  for (const std::string& value : {std::string("-a"), std::string("a."), std::string("a/b"),
                                   std::string("a b"), std::string("_"), std::string(64, 'v')}) {
    INFO(value);
    CHECK(ValidateLabelValue(value).code() == absl::StatusCode::kInvalidArgument);
  }
}

}  // namespace
}  // namespace sei::controlplane
