// The Go wire-compatibility helpers (strconv itself is tested in
// core/go_text_test.cc): the JSON
// encoder/decoder behaviour, ServeMux path cleaning and query parsing, UUID
// parsing, TaskRequest decoding and auth-mode parsing.
#include <catch2/catch.hpp>
#include <random>
#include <string>

#include "absl/time/time.h"
#include "lib/controlplane/sidecar/auth.h"
#include "lib/controlplane/sidecar/go_http.h"
#include "lib/controlplane/sidecar/go_json.h"
#include "lib/controlplane/sidecar/task_request.h"
#include "lib/controlplane/sidecar/uuid.h"

namespace sei::controlplane::sidecar {
namespace {

TEST_CASE("EncodeGoJson writes what Go's json.Encoder writes") {
  nlohmann::ordered_json value;
  value["b"] = "<a&b> \xe2\x80\xa8 \x01 \t é";
  value["a"] = 1.0;
  value["c"] = nlohmann::ordered_json::array({1.5, 1e21, 1e-7, true, nullptr});
  CHECK(EncodeGoJson(value) ==
        "{\"b\":\"\\u003ca\\u0026b\\u003e \\u2028 \\u0001 \\t é\",\"a\":1,"
        "\"c\":[1.5,1e+21,1e-7,true,null]}\n");
  CHECK(EncodeGoJson(nlohmann::json::parse(R"({"z":1,"a":2})")) == "{\"a\":2,\"z\":1}\n");
  CHECK(EncodeGoJson(nlohmann::ordered_json(std::string("\xff"))) == "\"\\ufffd\"\n");
}

TEST_CASE("GoAnyRoundTrip turns every number into a float64") {
  const nlohmann::json value = GoAnyRoundTrip(nlohmann::ordered_json::parse(
      R"({"b":100.0,"a":9007199254740993,"c":{"y":0.5,"x":[2]},"a":3})"));
  CHECK(EncodeGoJson(value) == "{\"a\":3,\"b\":100,\"c\":{\"x\":[2],\"y\":0.5}}\n");
  CHECK(EncodeGoJson(GoAnyRoundTrip(nlohmann::ordered_json::parse("9007199254740993"))) ==
        "9007199254740992\n");
}

TEST_CASE("GoTimeString is RFC3339Nano in UTC") {
  const absl::Time t = absl::FromUnixSeconds(1798761600);
  CHECK(GoTimeString(t) == "2027-01-01T00:00:00Z");
  CHECK(GoTimeString(t + absl::Milliseconds(120)) == "2027-01-01T00:00:00.12Z");
  CHECK(GoTimeString(t + absl::Nanoseconds(1)) == "2027-01-01T00:00:00.000000001Z");
}

TEST_CASE("DecodeFirstJsonValue reads one value like Go's Decoder") {
  CHECK(DecodeFirstJsonValue(" {\"a\":1} {") == nlohmann::ordered_json::parse("{\"a\":1}"));
  CHECK_FALSE(DecodeFirstJsonValue("").has_value());
  CHECK_FALSE(DecodeFirstJsonValue("{\"a\":").has_value());
  CHECK_FALSE(DecodeWholeJson("{} x").has_value());
}

TEST_CASE("DecodeTaskRequest follows Go's struct decoding") {
  std::optional<TaskRequest> request =
      DecodeTaskRequest(R"({"TYPE":"a","type":"b","Id":null,"params":{"x":1},"Params":{"y":2}})");
  REQUIRE(request.has_value());
  CHECK(request->type == "b");
  CHECK(request->id.empty());
  CHECK(request->params.dump() == R"({"x":1,"y":2})");
  request = DecodeTaskRequest(R"({"params":{"x":1},"params":null})");
  REQUIRE(request.has_value());
  CHECK(request->params.is_null());
  CHECK_FALSE(DecodeTaskRequest(R"({"id":5,"type":"a"})").has_value());
  CHECK_FALSE(DecodeTaskRequest(R"("text")").has_value());
  CHECK(DecodeTaskRequest("null").has_value());
}

TEST_CASE("IsGoParsableUuid accepts google/uuid's four spellings") {
  CHECK(IsGoParsableUuid("859d8a92-0e5b-5f33-a9a1-1b3c5f3f0a10"));
  CHECK(IsGoParsableUuid("859D8A92-0E5B-5F33-A9A1-1B3C5F3F0A10"));
  CHECK(IsGoParsableUuid("urn:uuid:859d8a92-0e5b-5f33-a9a1-1b3c5f3f0a10"));
  CHECK(IsGoParsableUuid("URN:UUID:859d8a92-0e5b-5f33-a9a1-1b3c5f3f0a10"));
  CHECK(IsGoParsableUuid("{859d8a92-0e5b-5f33-a9a1-1b3c5f3f0a10}"));
  CHECK(IsGoParsableUuid("859d8a920e5b5f33a9a11b3c5f3f0a10"));
  CHECK_FALSE(IsGoParsableUuid(""));
  CHECK_FALSE(IsGoParsableUuid("859d8a92-0e5b-5f33-a9a1-1b3c5f3f0a1g"));
  CHECK_FALSE(IsGoParsableUuid("859d8a92+0e5b-5f33-a9a1-1b3c5f3f0a10"));
  CHECK_FALSE(IsGoParsableUuid("urx:uuid:859d8a92-0e5b-5f33-a9a1-1b3c5f3f0a10"));

  std::mt19937_64 rng(7);
  const std::string id = NewRandomUuid(rng);
  CHECK(IsGoParsableUuid(id));
  CHECK(id[14] == '4');
  CHECK((id[19] == '8' || id[19] == '9' || id[19] == 'a' || id[19] == 'b'));
}

TEST_CASE("CleanPath and QueryValue follow net/http") {
  CHECK(CleanPath("/v0/healthz") == "/v0/healthz");
  CHECK(CleanPath("") == "/");
  CHECK(CleanPath("v0/healthz") == "/v0/healthz");
  CHECK(CleanPath("/v0//tasks/./x/../y/") == "/v0/tasks/y/");
  CHECK(CleanPath("/..") == "/");

  CHECK(QueryValue("verbose=1", "verbose") == "1");
  CHECK(QueryValue("a=2&verbose=%31&verbose=2", "verbose") == "1");
  CHECK(QueryValue("verbose=1;x", "verbose") == std::nullopt);
  CHECK(QueryValue("verbose=%zz", "verbose") == std::nullopt);
  CHECK(QueryValue("verbose", "verbose") == "");
  CHECK(QueryValue("", "verbose") == std::nullopt);

  const Response redirect = MovedPermanentlyTo("GET", "/v0/status", "a=1&b=2");
  CHECK(redirect.body == "<a href=\"/v0/status?a=1&amp;b=2\">Moved Permanently</a>.\n\n");
  CHECK(MovedPermanentlyTo("POST", "/v0/tasks", "").body.empty());
}

TEST_CASE("ParseAuthMode reads SEI_SIDECAR_AUTHN_MODE") {
  CHECK(*ParseAuthMode("") == AuthMode::kUnauthenticated);
  CHECK(*ParseAuthMode(" Unauthenticated ") == AuthMode::kUnauthenticated);
  CHECK(*ParseAuthMode("TRUSTED-HEADER") == AuthMode::kTrustedHeader);
  const absl::StatusOr<AuthMode> bad = ParseAuthMode("trusted_header");
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.status().message() ==
        "SEI_SIDECAR_AUTHN_MODE=\"trusted_header\" is not recognized (allowed: \"\", "
        "\"unauthenticated\", \"trusted-header\")");
}

}  // namespace
}  // namespace sei::controlplane::sidecar
