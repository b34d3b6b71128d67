#include "lib/api/yaml_documents.h"

#include <catch2/catch.hpp>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "lib/api/test_util.h"

namespace sei::api {
namespace {

using nlohmann::json;
using nlohmann::ordered_json;
using ::sei::api::testing::Ordered;
using ::sei::api::testing::ReadTestFile;
using ::sei::api::testing::YamlFilesIn;

std::vector<Document> MustParse(const std::string& text) {
  absl::StatusOr<std::vector<Document>> docs = ParseYamlDocuments(text);
  INFO(text << "\n=> " << docs.status().ToString());
  REQUIRE(docs.ok());
  return *std::move(docs);
}

// The JSON value of `value: <scalar>` in a one-line document.
json ScalarValue(const std::string& scalar) {
  const std::vector<Document> docs = MustParse("value: " + scalar + "\n");
  REQUIRE(docs.size() == 1);
  return docs[0].json.at("value");
}

std::string ParseError(const std::string& text) {
  absl::StatusOr<std::vector<Document>> docs = ParseYamlDocuments(text);
  INFO(text);
  REQUIRE_FALSE(docs.ok());
  CHECK(docs.status().code() == absl::StatusCode::kInvalidArgument);
  return std::string(docs.status().message());
}

TEST_CASE("Streams split at --- and skip empty documents", "[yaml]") {
  const std::string text =
      "# leading comment only\n"    // 1
      "---\n"                       // 2
      "---\n"                       // 3
      "a: 1\n"                      // 4
      "---\n"                       // 5
      "# nothing but a comment\n"   // 6
      "---\n"                       // 7
      "\n"                          // 8
      "# comment before content\n"  // 9
      "b: two\n"                    // 10
      "...\n"                       // 11
      "---\n"                       // 12
      "- x\n";                      // 13
  const std::vector<Document> docs = MustParse(text);
  REQUIRE(docs.size() == 3);
  CHECK(docs[0].index == 0);
  CHECK(docs[0].line == 4);
  CHECK(docs[0].json == json{{"a", 1}});
  CHECK(docs[1].index == 1);
  CHECK(docs[1].line == 10);
  CHECK(docs[1].json == json{{"b", "two"}});
  CHECK(docs[2].index == 2);
  CHECK(docs[2].line == 13);
  CHECK(docs[2].json == json::array({"x"}));

  CHECK(MustParse("").empty());
  CHECK(MustParse("# just a comment\n").empty());
  CHECK(MustParse("---\n---\n").empty());
}

TEST_CASE("Plain scalars resolve like kubectl (YAML 1.1 via yaml.v2)", "[yaml]") {
  // Integers, all 64 bits, in every base yaml.v2 accepts.
  CHECK(ScalarValue("123") == 123);
  CHECK(ScalarValue("-42") == -42);
  CHECK(ScalarValue("+5") == 5);
  CHECK(ScalarValue("0") == 0);
  CHECK(ScalarValue("0x1F") == 31);
  CHECK(ScalarValue("017") == 15);
  CHECK(ScalarValue("0o17") == 15);
  CHECK(ScalarValue("0b101") == 5);
  CHECK(ScalarValue("-0b101") == -5);
  CHECK(ScalarValue("1_000") == 1000);
  CHECK(ScalarValue("9007199254740993").get<int64_t>() == 9007199254740993LL);
  CHECK(ScalarValue("9223372036854775807").get<int64_t>() == INT64_MAX);
  CHECK(ScalarValue("-9223372036854775808").get<int64_t>() == INT64_MIN);
  CHECK(ScalarValue("18446744073709551615").get<uint64_t>() == UINT64_MAX);
  CHECK(ScalarValue("18446744073709551615").is_number_unsigned());
  // Beyond 64 bits: a float, like yaml.v2.
  CHECK(ScalarValue("18446744073709551616").is_number_float());

  // Floats.
  CHECK(ScalarValue("1.5") == 1.5);
  CHECK(ScalarValue(".5") == 0.5);
  CHECK(ScalarValue("1e3") == 1000.0);
  CHECK(ScalarValue("1e3").is_number_float());
  CHECK(ScalarValue("-2.5E-1") == -0.25);
  CHECK(ScalarValue("08") == 8.0);  // not octal, so yaml.v2 falls back to float
  CHECK(ScalarValue("08").is_number_float());
  CHECK(ScalarValue("1e400") == "1e400");  // overflow: yaml.v2 keeps the text

  // Booleans and null.
  for (const char* t : {"true", "True", "TRUE", "yes", "Yes", "on", "ON", "y", "Y"}) {
    INFO(t);
    CHECK(ScalarValue(t) == true);
  }
  for (const char* f : {"false", "False", "no", "NO", "off", "Off", "n", "N"}) {
    INFO(f);
    CHECK(ScalarValue(f) == false);
  }
  for (const char* n : {"null", "Null", "NULL", "~", ""}) {
    INFO(n);
    CHECK(ScalarValue(n).is_null());
  }

  // Strings.
  CHECK(ScalarValue("yEs") == "yEs");
  CHECK(ScalarValue("9999h0m0s") == "9999h0m0s");
  CHECK(ScalarValue("250m") == "250m");
  CHECK(ScalarValue("0x") == "0x");
  CHECK(ScalarValue("-x") == "-x");
  CHECK(ScalarValue("1.2.3") == "1.2.3");
  CHECK(ScalarValue("2026-06-06T16:31:50Z") == "2026-06-06T16:31:50Z");
  CHECK(ScalarValue("2026-06-06") == "2026-06-06");
  CHECK(ScalarValue("ghcr.io/sei-protocol/sei:v6.3.0") == "ghcr.io/sei-protocol/sei:v6.3.0");
  CHECK(ScalarValue("a@b.c:26656") == "a@b.c:26656");

  // Quoted, block and explicitly tagged scalars.
  CHECK(ScalarValue("\"true\"") == "true");
  CHECK(ScalarValue("'123'") == "123");
  CHECK(ScalarValue("\"\"") == "");
  CHECK(ScalarValue("'null'") == "null");
  CHECK(ScalarValue("!!str 5") == "5");
  CHECK(ScalarValue("!!int \"5\"") == 5);
  CHECK(ScalarValue("!!float 5").is_number_float());
  CHECK(MustParse("value: |\n  line1\n  line2\n")[0].json["value"] == "line1\nline2\n");
  CHECK(MustParse("value: >-\n  5\n")[0].json["value"] == "5");
}

TEST_CASE("Mapping keys, merges and aliases", "[yaml]") {
  const std::vector<Document> docs = MustParse(
      "base: &base {a: 1, b: 2}\n"
      "more: &more {c: 3}\n"
      "merged:\n"
      "  <<: [*base, *more]\n"
      "  b: 20\n"
      "alias: *base\n"
      "1: int key\n"
      "yes: bool key\n"
      "\"quoted: key\": v\n");
  const json& j = docs[0].json;
  CHECK(j["merged"] == json{{"a", 1}, {"b", 20}, {"c", 3}});
  CHECK(j["alias"] == json{{"a", 1}, {"b", 2}});
  CHECK(j["1"] == "int key");
  CHECK(j["true"] == "bool key");
  CHECK(j["quoted: key"] == "v");
}

TEST_CASE("YAML errors carry line and column", "[yaml]") {
  CHECK(ParseError("a: [1,\n") ==
        "YAML parse error at line 2, column 1: end of sequence flow not found");
  CHECK(ParseError("a: b\n  c: d\n") == "YAML parse error at line 2, column 4: illegal map value");
  CHECK(ParseError("a: 1\nb: 2\na: 3\n") ==
        "YAML parse error at line 3, column 1: duplicate key \"a\"");
  CHECK(ParseError("ok: 1\n---\nx:\n  y: .inf\n") ==
        "YAML parse error at line 4, column 6: \".inf\" (infinity/NaN) cannot be represented in "
        "JSON");
  CHECK(ParseError("? [a, b]\n: v\n")
            .rfind("YAML parse error at line 1, column 3: mapping keys "
                   "must be scalars",
                   0) == 0);
  CHECK(ParseError("v: !!int abc\n") ==
        "YAML parse error at line 1, column 4: cannot decode \"abc\" as !!int");
  CHECK(ParseError("a: \"\\xff\"\nb: \"\xFF\"\n").rfind("YAML parse error at line 2", 0) == 0);
  CHECK(ParseError("<<: 5\n").find("merge key") != std::string::npos);
}

TEST_CASE("Hostile YAML fails cleanly", "[yaml]") {
  // A recursive alias.
  CHECK(ParseError("a: &x [1, *x]\n").find("nested more than 1000 levels") != std::string::npos);
  // Billion laughs: 10^9 nodes from a few lines.
  std::string laughs = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
  for (char c = 'b'; c <= 'i'; ++c) {
    laughs += std::string(1, c) + ": &" + c + " [";
    for (int i = 0; i < 10; ++i) laughs += std::string(i ? ", *" : "*") + char(c - 1);
    laughs += "]\n";
  }
  CHECK(ParseError(laughs).find("excessive aliasing") != std::string::npos);
  // Deep nesting is refused by the parser or by us, without crashing.
  for (int depth : {300, 5000, 100000}) {
    INFO(depth);
    absl::StatusOr<std::vector<Document>> docs;
    REQUIRE_NOTHROW(docs = ParseYamlDocuments(std::string(depth, '[') + std::string(depth, ']')));
    if (depth > 1000) {
      CHECK(docs.status().message() ==
            "YAML parse error at line 1, column 1: nested too deeply for the YAML parser");
    }
  }
  std::string nested_map;
  for (int i = 0; i < 3000; ++i) nested_map += std::string(2 * i, ' ') + "k:\n";
  REQUIRE_NOTHROW(ParseYamlDocuments(nested_map));
  for (const char* junk : {"\t",
                           "{",
                           "}",
                           "[",
                           "]",
                           ":",
                           "- - -",
                           "&",
                           "*",
                           "*x",
                           "!",
                           "%YAML",
                           "%YAML 9.9\n---\na: 1",
                           "\"",
                           "'",
                           "a: 'b",
                           "? ",
                           "@",
                           "`",
                           "|",
                           ">\n  x\n y",
                           "a:\n- b\nc",
                           "\xEF\xBB\xBF"}) {
    INFO(junk);
    REQUIRE_NOTHROW(ParseYamlDocuments(junk));
  }
  REQUIRE_NOTHROW(ParseYamlDocuments(std::string("a: \0\1\n", 6)));
  REQUIRE_NOTHROW(ParseYamlDocuments(std::string("{\"a\": \"\0\"}", 11)));
}

TEST_CASE("JSON input is read with exact JSON semantics", "[yaml]") {
  SECTION("a single object") {
    const std::vector<Document> docs = MustParse(
        "\n  {\"apiVersion\": \"sei.io/v1alpha1\", \"n\": 9007199254740993, \"f\": 1.0,\n"
        "   \"s\": \"\\ud83d\\ude00\\u00e9\\/\", \"yes\": \"yes\", \"b\": true, \"z\": null}\n");
    REQUIRE(docs.size() == 1);
    CHECK(docs[0].line == 2);
    CHECK(docs[0].json["n"].get<int64_t>() == 9007199254740993LL);
    CHECK(docs[0].json["f"].is_number_float());
    CHECK(docs[0].json["s"] == "\xF0\x9F\x98\x80\xC3\xA9/");
    CHECK(docs[0].json["yes"] == "yes");
    CHECK(docs[0].json["z"].is_null());
  }
  SECTION("a stream of objects") {
    const std::vector<Document> docs =
        MustParse("{\"a\": \"}\\\"{\"}\n{\"b\": [1, {\"c\": 2}]}{\"d\": {}}\n");
    REQUIRE(docs.size() == 3);
    CHECK(docs[0].json == json{{"a", "}\"{"}});
    CHECK(docs[1].line == 2);
    CHECK(docs[1].json == json::parse(R"({"b": [1, {"c": 2}]})"));
    CHECK(docs[2].index == 2);
    CHECK(docs[2].json == json{{"d", json::object()}});
  }
  SECTION("errors point into the stream") {
    CHECK(ParseError("{\"a\": 1}\n{\"b\": }\n") ==
          "JSON parse error at line 2, column 7: syntax error while parsing value - unexpected "
          "'}'; expected '[', '{', or a literal (input starting with '{' is read as JSON)");
    CHECK(ParseError("{\"a\": 1} 7")
              .rfind("JSON parse error at line 1, column 10: expected '{'", 0) == 0);
    CHECK(ParseError("{\"a\": [1, 2}").rfind("JSON parse error at line 1", 0) == 0);
    CHECK(ParseError("{\"a\": 1}\n{\"a\": 1e400}\n") ==
          "JSON parse error at line 2, column 1: number overflow parsing '1e400' (input starting "
          "with '{' is read as JSON)");
    CHECK(ParseError(std::string(5000, '{')).find("nested more than 1000") != std::string::npos);
  }
}

TEST_CASE("Flow-style YAML that starts with { is JSON, as in kubectl", "[yaml]") {
  CHECK(ParseError("{kind: SeiNode}\n").rfind("JSON parse error at line 1, column 2: ", 0) == 0);
  CHECK(ParseError("{kind: SeiNode}\n").find("(input starting with '{' is read as JSON)") !=
        std::string::npos);
  // Anything before the brace (a comment, a key) makes it YAML.
  const std::vector<Document> docs = MustParse("# flow\n{kind: SeiNode, spec: {paused: yes}}\n");
  REQUIRE(docs.size() == 1);
  CHECK(docs[0].json == json::parse(R"({"kind": "SeiNode", "spec": {"paused": true}})"));
}

// ---- Emitting ----

TEST_CASE("EmitYaml writes block style in the given key order", "[yaml]") {
  ordered_json doc;
  doc["kind"] = "SeiNode";
  doc["apiVersion"] = "sei.io/v1alpha1";
  doc["spec"]["peers"] = ordered_json::array();
  doc["spec"]["peers"].push_back({{"static", {{"addresses", {"a@b:1", "c@d:2"}}}}});
  doc["spec"]["peers"].push_back(
      {{"label", {{"selector", {{"tier", "seed"}}}, {"namespace", "x"}}}});
  doc["spec"]["archive"] = ordered_json::object();
  doc["spec"]["list"] = {ordered_json::array({1, 2}), ordered_json::array(), 3.5, nullptr, false};
  doc["spec"]["overrides"] = {{"evm.http_port", "8545"}, {"giga_executor.enabled", "true"}};
  doc["n"] = 9007199254740993LL;
  CHECK(EmitYaml(doc) ==
        "kind: SeiNode\n"
        "apiVersion: sei.io/v1alpha1\n"
        "spec:\n"
        "  peers:\n"
        "    - static:\n"
        "        addresses:\n"
        "          - a@b:1\n"
        "          - c@d:2\n"
        "    - label:\n"
        "        selector:\n"
        "          tier: seed\n"
        "        namespace: x\n"
        "  archive: {}\n"
        "  list:\n"
        "    - - 1\n"
        "      - 2\n"
        "    - []\n"
        "    - 3.5\n"
        "    - null\n"
        "    - false\n"
        "  overrides:\n"
        "    evm.http_port: \"8545\"\n"
        "    giga_executor.enabled: \"true\"\n"
        "\"n\": 9007199254740993\n");  // a plain n is the boolean false in YAML 1.1
  CHECK(EmitYaml(ordered_json::object()) == "{}\n");
  CHECK(EmitYaml(ordered_json("x")) == "x\n");
  CHECK(EmitYamlStream({ordered_json{{"a", 1}}, ordered_json{{"b", 2}}}) == "a: 1\n---\nb: 2\n");
}

const std::vector<std::string>& TrickyStrings() {
  static const auto* const kStrings = new std::vector<std::string>{
      "",
      " ",
      "true",
      "True",
      "yes",
      "y",
      "N",
      "on",
      "OFF",
      "null",
      "Null",
      "~",
      "123",
      "-1",
      "+1",
      "0x1F",
      "017",
      "0o7",
      "08",
      "1_000",
      "1.5",
      ".5",
      "1e3",
      "1e400",
      ".inf",
      "-.Inf",
      ".nan",
      "2026-06-06",
      "2026-06-06T16:31:50Z",
      "1:30:00",
      "a: b",
      "a:b",
      "a :b",
      "key:",
      "- item",
      "-",
      "--- doc",
      "...",
      "? q",
      ": c",
      "# comment",
      "a #b",
      "a#b",
      "&anchor",
      "*alias",
      "!tag",
      "|",
      ">",
      "'single'",
      "\"double\"",
      "%percent",
      "@at",
      "`tick",
      "[flow]",
      "{flow}",
      "a,b",
      "a]b",
      "<<",
      "=",
      " leading",
      "trailing ",
      "\ttab",
      "multi\nline",
      "cr\rhere",
      "back\\slash",
      "quote\"inside",
      "nul\x01",
      "del\x7F",
      "caf\xC3\xA9",
      "\xF0\x9F\x98\x80 emoji",
      "nel\xC2\x85",
      "ls\xE2\x80\xA8",
      "bom\xEF\xBB\xBF",
      "ghcr.io/sei-protocol/sei:v6.3.0",
      "9999h0m0s",
      "250m",
      "sei.io/chain",
      "http://rpc.pacific-1.prod.platform.sei.io:26657",
      "s3://bucket/key",
      "5c2e8f0a91d34b7e6a1f0c9d8b7a6e5f4d3c2b1a@sentry-0.atlantic-2.example.net:26656"};
  return *kStrings;
}

TEST_CASE("EmitYaml quotes strings that would read back as something else", "[yaml]") {
  CHECK(EmitYaml(ordered_json{{"v", "true"}}) == "v: \"true\"\n");
  CHECK(EmitYaml(ordered_json{{"v", "123"}}) == "v: \"123\"\n");
  CHECK(EmitYaml(ordered_json{{"v", ""}}) == "v: \"\"\n");
  CHECK(EmitYaml(ordered_json{{"v", "null"}}) == "v: \"null\"\n");
  CHECK(EmitYaml(ordered_json{{"v", "a: b"}}) == "v: \"a: b\"\n");
  CHECK(EmitYaml(ordered_json{{"v", "- x"}}) == "v: \"- x\"\n");
  CHECK(EmitYaml(ordered_json{{"v", "multi\nline"}}) == "v: \"multi\\nline\"\n");
  CHECK(EmitYaml(ordered_json{{"v", "9999h0m0s"}}) == "v: 9999h0m0s\n");
  CHECK(EmitYaml(ordered_json{{"yes", 1}}) == "\"yes\": 1\n");

  SECTION("every tricky string survives as a value, a key and a list item") {
    for (const std::string& s : TrickyStrings()) {
      INFO("string: " << json(s).dump());
      ordered_json doc;
      doc["value"] = s;
      doc[s] = "key";
      doc["list"] = {s, 1};
      const std::string yaml = EmitYaml(doc);
      INFO("yaml:\n" << yaml);
      const std::vector<Document> docs = MustParse(yaml);
      REQUIRE(docs.size() == 1);
      CHECK(docs[0].json["value"] == s);
      CHECK(docs[0].json[s] == "key");
      CHECK(docs[0].json["list"] == json({s, 1}));
      // The root scalar case.
      const std::vector<Document> root = MustParse(EmitYaml(ordered_json(s)));
      if (!s.empty()) {
        REQUIRE(root.size() == 1);
        CHECK(root[0].json == s);
      }
    }
  }
}

TEST_CASE("Numbers and literals survive an emit/parse round trip", "[yaml]") {
  const json values = json::parse(
      R"([0, -1, 9223372036854775807, -9223372036854775808, 18446744073709551615, 1.5, -0.25,
          1e-7, 1e300, 5.0, true, false, null, {}, [], [[]], [{}], {"a": {}}])");
  const std::vector<Document> docs = MustParse(EmitYaml(json{{"v", values}}));
  CHECK(docs[0].json["v"] == values);
  CHECK(docs[0].json["v"][9].is_number_float());  // 5.0 stays a float
}

TEST_CASE("Every example manifest round-trips through EmitYaml", "[yaml]") {
  std::vector<std::string> files = YamlFilesIn("testdata/manifests/examples");
  REQUIRE(files.size() == 4);
  for (const std::string& file : YamlFilesIn("testdata/manifests/spec")) files.push_back(file);
  REQUIRE(files.size() > 4);
  for (const std::string& file : files) {
    INFO(file);
    const std::string text = ReadTestFile(file);
    REQUIRE_FALSE(text.empty());
    const std::vector<Document> docs = MustParse(text);
    REQUIRE_FALSE(docs.empty());
    for (const Document& doc : docs) {
      const std::string once = EmitYaml(Ordered(doc.json));
      const std::vector<Document> again = MustParse(once);
      REQUIRE(again.size() == 1);
      CHECK(again[0].json == doc.json);
      // Emitting is stable.
      CHECK(EmitYaml(Ordered(again[0].json)) == once);
      // The nlohmann::json overload agrees.
      CHECK(EmitYaml(doc.json) == once);
    }
  }
}

}  // namespace
}  // namespace sei::api
