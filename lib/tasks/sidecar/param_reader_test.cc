#include "lib/tasks/sidecar/param_reader.h"

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

TEST_CASE("Keys match ignoring case; absent and null read as zero", "[tasks][params]") {
  const google::protobuf::Value params = Decode({{"ChainID", "c"},
                                                 {"TargetHeight", 7},
                                                 {"UseLocalSnapshot", true},
                                                 {"RpcServers", nullptr},
                                                 {"tags", {{"a", "b"}}}});
  auto in = ParamReader::Of("t", params);
  REQUIRE(in.ok());
  CHECK(*in->String("chainId") == "c");
  CHECK(*in->Int64("targetHeight") == 7);
  CHECK(*in->Bool("useLocalSnapshot"));
  CHECK(in->StringList("rpcServers")->empty());
  CHECK(in->String("missing")->empty());
  CHECK(*in->Int64("missing") == 0);
  CHECK_FALSE(*in->Bool("missing"));
  CHECK(in->StringMap("tags")->at("a") == "b");
  CHECK(in->Object("missing")->fields().empty());
}

TEST_CASE("An absent params value reads as {}; a non-object is an error", "[tasks][params]") {
  auto absent = ParamReader::Of("mark-ready", google::protobuf::Value());
  REQUIRE(absent.ok());
  CHECK(absent->String("x")->empty());
  auto scalar = ParamReader::Of("snapshot-restore", Decode("oops"));
  REQUIRE_FALSE(scalar.ok());
  CHECK(scalar.status().message() ==
        "decoding snapshot-restore params: the params must be an object");
}

TEST_CASE("Wrong JSON types are errors naming the path", "[tasks][params]") {
  const google::protobuf::Value params = Decode({{"TargetHeight", "10"},
                                                 {"half", 1.5},
                                                 {"flag", "yes"},
                                                 {"list", {1}},
                                                 {"map", {{"k", 1}}},
                                                 {"obj", 3},
                                                 {"items", {{{"name", 5}}, "x"}}});
  auto in = ParamReader::Of("t", params);
  REQUIRE(in.ok());
  CHECK(in->Int64("TargetHeight").status().message() ==
        "decoding t params: TargetHeight must be an integer");
  CHECK(in->Int64("half").status().message() == "decoding t params: half must be an integer");
  CHECK(in->Bool("flag").status().message() == "decoding t params: flag must be a boolean");
  CHECK(in->String("half").status().message() == "decoding t params: half must be a string");
  CHECK(in->StringList("list").status().message() ==
        "decoding t params: list must be a list of strings");
  CHECK(in->StringMap("map").status().message() == "decoding t params: map.k must be a string");
  CHECK(in->Object("obj").status().message() == "decoding t params: obj must be an object");
  CHECK(in->ObjectList("items").status().message() ==
        "decoding t params: items[1] must be an object");
}

TEST_CASE("Object lists give readers with paths", "[tasks][params]") {
  const google::protobuf::Value params = Decode({{"accounts", {{{"Address", 5}}}}});
  auto in = ParamReader::Of("assemble-and-upload-genesis", params);
  REQUIRE(in.ok());
  auto accounts = in->ObjectList("accounts");
  REQUIRE(accounts.ok());
  REQUIRE(accounts->size() == 1);
  CHECK((*accounts)[0].String("address").status().message() ==
        "decoding assemble-and-upload-genesis params: accounts[0].address must be a string");
}

}  // namespace
}  // namespace sei::tasks
