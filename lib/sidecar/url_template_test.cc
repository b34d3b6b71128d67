#include "lib/sidecar/url_template.h"

#include <catch2/catch.hpp>

#include "absl/strings/match.h"

namespace sei::sidecar {
namespace {

TEST_CASE("The default template is the in-cluster proxy address", "[sidecar][url]") {
  auto parsed = SidecarUrlTemplate::Parse(kDefaultSidecarUrlTemplate);
  REQUIRE(parsed.ok());
  CHECK(parsed->Expand("prod", "rpc-1") == "http://rpc-1-0.rpc-1.prod.svc.cluster.local:8443");
}

TEST_CASE("A path template expands both placeholders and drops a trailing slash",
          "[sidecar][url]") {
  auto parsed = SidecarUrlTemplate::Parse("http://127.0.0.1:9000/{namespace}/{name}/");
  REQUIRE(parsed.ok());
  CHECK(parsed->Expand("default", "node-a") == "http://127.0.0.1:9000/default/node-a");
  CHECK(parsed->text() == "http://127.0.0.1:9000/{namespace}/{name}/");
}

TEST_CASE("A template without {namespace} is allowed", "[sidecar][url]") {
  auto parsed = SidecarUrlTemplate::Parse("https://{name}.example:8443");
  REQUIRE(parsed.ok());
  CHECK(parsed->Expand("ignored", "n") == "https://n.example:8443");
}

TEST_CASE("Bad templates are rejected with a clear error", "[sidecar][url]") {
  struct Case {
    const char* text;
    const char* why;
  };
  for (const Case& c : {
           Case{"http://sidecar.{namespace}:8443", "has no {name} placeholder"},
           Case{"{name}:8443", "must start with http:// or https://"},
           Case{"http://{name}.{ns}:8443", "unknown placeholder {ns}"},
           Case{"http://{name:8443", "unbalanced '{'"},
           Case{"http://name}.{name}", "unbalanced '}'"},
       }) {
    INFO(c.text);
    auto parsed = SidecarUrlTemplate::Parse(c.text);
    REQUIRE_FALSE(parsed.ok());
    CHECK(parsed.status().code() == absl::StatusCode::kInvalidArgument);
    CHECK(absl::StrContains(parsed.status().message(), c.why));
    CHECK(absl::StrContains(parsed.status().message(), c.text));
  }
}

}  // namespace
}  // namespace sei::sidecar
