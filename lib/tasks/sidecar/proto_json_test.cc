#include "lib/tasks/sidecar/proto_json.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "lib/api/json_codec.h"

namespace sei::tasks {
namespace {

using nlohmann::json;

google::protobuf::Value Decode(const json& in) {
  google::protobuf::Value value;
  REQUIRE(api::DecodeMessage(in, &value, {}, nullptr).ok());
  return value;
}

TEST_CASE("Values convert with integers kept integral", "[tasks][proto_json]") {
  const json in = {{"height", 198740000}, {"ratio", 0.5},     {"on", true},
                   {"none", nullptr},     {"list", {"a", 1}}, {"nested", {{"k", "v"}}}};
  const json out = ValueToJson(Decode(in));
  CHECK(out == in);
  CHECK(out["height"].is_number_integer());
  CHECK(out.dump() == in.dump());
}

TEST_CASE("Structs convert; an empty Value is null", "[tasks][proto_json]") {
  google::protobuf::Struct params;
  (*params.mutable_fields())["sources"].mutable_list_value();
  CHECK(StructToJson(params) == json{{"sources", json::array()}});
  CHECK(ValueToJson(google::protobuf::Value()).is_null());
}

}  // namespace
}  // namespace sei::tasks
