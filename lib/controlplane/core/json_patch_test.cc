#include "lib/controlplane/core/json_patch.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <string>

namespace sei::controlplane {
namespace {

using nlohmann::json;

// ---- RFC 7386 --------------------------------------------------------------

TEST_CASE("Merge patch reproduces every RFC 7386 Appendix A example", "[merge_patch]") {
  struct Example {
    const char* original;
    const char* patch;
    const char* result;
  };
  const Example examples[] = {
      {R"({"a":"b"})", R"({"a":"c"})", R"({"a":"c"})"},
      {R"({"a":"b"})", R"({"b":"c"})", R"({"a":"b","b":"c"})"},
      {R"({"a":"b"})", R"({"a":null})", R"({})"},
      {R"({"a":"b","b":"c"})", R"({"a":null})", R"({"b":"c"})"},
      {R"({"a":["b"]})", R"({"a":"c"})", R"({"a":"c"})"},
      {R"({"a":"c"})", R"({"a":["b"]})", R"({"a":["b"]})"},
      {R"({"a":{"b":"c"}})", R"({"a":{"b":"d","c":null}})", R"({"a":{"b":"d"}})"},
      {R"({"a":[{"b":"c"}]})", R"({"a":[1]})", R"({"a":[1]})"},
      {R"(["a","b"])", R"(["c","d"])", R"(["c","d"])"},
      {R"({"a":"b"})", R"(["c"])", R"(["c"])"},
      {R"({"a":"foo"})", R"(null)", R"(null)"},
      {R"({"a":"foo"})", R"("bar")", R"("bar")"},
      {R"({"e":null})", R"({"a":1})", R"({"e":null,"a":1})"},
      {R"([1,2])", R"({"a":"b","c":null})", R"({"a":"b"})"},
      {R"({})", R"({"a":{"bb":{"ccc":null}}})", R"({"a":{"bb":{}}})"},
  };
  for (const Example& example : examples) {
    INFO(example.original << " + " << example.patch);
    CHECK(ApplyMergePatch(json::parse(example.original), json::parse(example.patch)) ==
          json::parse(example.result));
  }
}

TEST_CASE("Merge patch reproduces the RFC 7386 section 3 example", "[merge_patch]") {
  const json target = json::parse(R"({
    "title": "Goodbye!",
    "author": {"givenName": "John", "familyName": "Doe"},
    "tags": ["example", "sample"],
    "content": "This will be unchanged"
  })");
  const json patch = json::parse(R"({
    "title": "Hello!",
    "phoneNumber": "+01-123-456-7890",
    "author": {"familyName": null},
    "tags": ["example"]
  })");
  CHECK(ApplyMergePatch(target, patch) == json::parse(R"({
    "title": "Hello!",
    "author": {"givenName": "John"},
    "tags": ["example"],
    "content": "This will be unchanged",
    "phoneNumber": "+01-123-456-7890"
  })"));
}

TEST_CASE("Merge patch leaves its inputs alone and handles Kubernetes shapes", "[merge_patch]") {
  const json target =
      json::parse(R"({"metadata":{"labels":{"a":"1","b":"2"}},"spec":{"replicas":1}})");
  const json before = target;
  const json patched = ApplyMergePatch(
      target, json::parse(R"({"metadata":{"labels":{"a":null,"c":"3"}},"spec":{"replicas":3}})"));
  CHECK(target == before);
  CHECK(patched ==
        json::parse(R"({"metadata":{"labels":{"b":"2","c":"3"}},"spec":{"replicas":3}})"));
  // An empty object patch is the identity; deleting an absent member is a no-op.
  CHECK(ApplyMergePatch(target, json::object()) == target);
  CHECK(ApplyMergePatch(target, json::parse(R"({"nope":null})")) == target);
}

// ---- RFC 6902 --------------------------------------------------------------

json MustApply(const char* target, const char* patch) {
  absl::StatusOr<json> result = ApplyJsonPatch(json::parse(target), json::parse(patch));
  INFO(target << " + " << patch);
  REQUIRE(result.ok());
  return *result;
}

std::string ErrorOf(const json& target, const json& patch) {
  absl::StatusOr<json> result = ApplyJsonPatch(target, patch);
  REQUIRE_FALSE(result.ok());
  CHECK(result.status().code() == absl::StatusCode::kInvalidArgument);
  return std::string(result.status().message());
}

std::string ErrorOf(const char* target, const char* patch) {
  return ErrorOf(json::parse(target), json::parse(patch));
}

TEST_CASE("RFC 6902 A.1 adding an object member", "[json_patch]") {
  CHECK(MustApply(R"({"foo":"bar"})", R"([{"op":"add","path":"/baz","value":"qux"}])") ==
        json::parse(R"({"baz":"qux","foo":"bar"})"));
}

TEST_CASE("RFC 6902 A.2 adding an array element", "[json_patch]") {
  CHECK(MustApply(R"({"foo":["bar","baz"]})", R"([{"op":"add","path":"/foo/1","value":"qux"}])") ==
        json::parse(R"({"foo":["bar","qux","baz"]})"));
}

TEST_CASE("RFC 6902 A.3 removing an object member", "[json_patch]") {
  CHECK(MustApply(R"({"baz":"qux","foo":"bar"})", R"([{"op":"remove","path":"/baz"}])") ==
        json::parse(R"({"foo":"bar"})"));
}

TEST_CASE("RFC 6902 A.4 removing an array element", "[json_patch]") {
  CHECK(MustApply(R"({"foo":["bar","qux","baz"]})", R"([{"op":"remove","path":"/foo/1"}])") ==
        json::parse(R"({"foo":["bar","baz"]})"));
}

TEST_CASE("RFC 6902 A.5 replacing a value", "[json_patch]") {
  CHECK(MustApply(R"({"baz":"qux","foo":"bar"})",
                  R"([{"op":"replace","path":"/baz","value":"boo"}])") ==
        json::parse(R"({"baz":"boo","foo":"bar"})"));
}

TEST_CASE("RFC 6902 A.6 moving a value", "[json_patch]") {
  CHECK(MustApply(R"({"foo":{"bar":"baz","waldo":"fred"},"qux":{"corge":"grault"}})",
                  R"([{"op":"move","from":"/foo/waldo","path":"/qux/thud"}])") ==
        json::parse(R"({"foo":{"bar":"baz"},"qux":{"corge":"grault","thud":"fred"}})"));
}

TEST_CASE("RFC 6902 A.7 moving an array element", "[json_patch]") {
  CHECK(MustApply(R"({"foo":["all","grass","cows","eat"]})",
                  R"([{"op":"move","from":"/foo/1","path":"/foo/3"}])") ==
        json::parse(R"({"foo":["all","cows","eat","grass"]})"));
}

TEST_CASE("RFC 6902 A.8 testing a value: success", "[json_patch]") {
  const char* doc = R"({"baz":"qux","foo":["a",2,"c"]})";
  CHECK(MustApply(doc, R"([{"op":"test","path":"/baz","value":"qux"},
                           {"op":"test","path":"/foo/1","value":2}])") == json::parse(doc));
}

TEST_CASE("RFC 6902 A.9 testing a value: error", "[json_patch]") {
  CHECK(ErrorOf(R"({"baz":"qux"})", R"([{"op":"test","path":"/baz","value":"bar"}])") ==
        "op 0 (test /baz): test failed");
}

TEST_CASE("RFC 6902 A.10 adding a nested member object", "[json_patch]") {
  CHECK(MustApply(R"({"foo":"bar"})",
                  R"([{"op":"add","path":"/child","value":{"grandchild":{}}}])") ==
        json::parse(R"({"foo":"bar","child":{"grandchild":{}}})"));
}

TEST_CASE("RFC 6902 A.11 ignoring unrecognized elements", "[json_patch]") {
  CHECK(MustApply(R"({"foo":"bar"})", R"([{"op":"add","path":"/baz","value":"qux","xyz":123}])") ==
        json::parse(R"({"foo":"bar","baz":"qux"})"));
}

TEST_CASE("RFC 6902 A.12 adding to a nonexistent target", "[json_patch]") {
  CHECK(ErrorOf(R"({"foo":"bar"})", R"([{"op":"add","path":"/baz/bat","value":"qux"}])") ==
        "op 0 (add /baz/bat): path not found");
}

TEST_CASE("RFC 6902 A.13 invalid JSON patch document (duplicate members)", "[json_patch]") {
  // The duplicate "op" is invisible once parsed: nlohmann keeps the last
  // member, so the operation reads as a remove. Rejecting duplicates would
  // take a parser that reports them; this pins the behaviour we actually have.
  const json patch = json::parse(R"([{"op":"add","path":"/baz","value":"qux","op":"remove"}])");
  CHECK(patch[0]["op"] == "remove");
  CHECK(ErrorOf(json::parse(R"({"foo":"bar"})"), patch) == "op 0 (remove /baz): path not found");
}

TEST_CASE("RFC 6902 A.14 ~ escape ordering", "[json_patch]") {
  const char* doc = R"({"/":9,"~1":10})";
  CHECK(MustApply(doc, R"([{"op":"test","path":"/~01","value":10}])") == json::parse(doc));
}

TEST_CASE("RFC 6902 A.15 comparing strings and numbers", "[json_patch]") {
  CHECK(ErrorOf(R"({"/":9,"~1":10})", R"([{"op":"test","path":"/~01","value":"10"}])") ==
        "op 0 (test /~01): test failed");
}

TEST_CASE("RFC 6902 A.16 adding an array value", "[json_patch]") {
  CHECK(
      MustApply(R"({"foo":["bar"]})", R"([{"op":"add","path":"/foo/-","value":["abc","def"]}])") ==
      json::parse(R"({"foo":["bar",["abc","def"]]})"));
}

TEST_CASE("JSON patch pointers honour ~0 and ~1 in paths and froms", "[json_patch]") {
  CHECK(MustApply(R"({"a/b":1,"c~d":2})",
                  R"([{"op":"replace","path":"/a~1b","value":3},
                      {"op":"move","from":"/c~0d","path":"/e~1f"}])") ==
        json::parse(R"({"a/b":3,"e/f":2})"));
  CHECK(MustApply(R"({})", R"([{"op":"add","path":"/","value":"empty key"}])") ==
        json::parse(R"({"":"empty key"})"));
}

TEST_CASE("JSON patch array index rules", "[json_patch]") {
  const char* doc = R"({"a":[1,2,3]})";
  // add: index <= size (== size appends), "-" appends.
  CHECK(MustApply(doc, R"([{"op":"add","path":"/a/3","value":4}])") ==
        json::parse(R"({"a":[1,2,3,4]})"));
  CHECK(MustApply(doc, R"([{"op":"add","path":"/a/0","value":0}])") ==
        json::parse(R"({"a":[0,1,2,3]})"));
  CHECK(ErrorOf(doc, R"([{"op":"add","path":"/a/4","value":4}])") ==
        "op 0 (add /a/4): array index 4 out of range (size 3)");
  // Everything else: index < size, and "-" names no element.
  CHECK(ErrorOf(doc, R"([{"op":"replace","path":"/a/3","value":4}])") ==
        "op 0 (replace /a/3): array index 3 out of range (size 3)");
  CHECK(ErrorOf(doc, R"([{"op":"remove","path":"/a/-"}])") ==
        "op 0 (remove /a/-): invalid array index \"-\"");
  CHECK(ErrorOf(doc, R"([{"op":"add","path":"/a/01","value":4}])") ==
        "op 0 (add /a/01): invalid array index \"01\"");
  CHECK(ErrorOf(doc, R"([{"op":"test","path":"/a/x","value":1}])") ==
        "op 0 (test /a/x): invalid array index \"x\"");
  // In an object, "-" and digits are ordinary member names.
  CHECK(MustApply(R"({"m":{}})", R"([{"op":"add","path":"/m/-","value":1},
                                      {"op":"add","path":"/m/01","value":2}])") ==
        json::parse(R"({"m":{"-":1,"01":2}})"));
}

TEST_CASE("JSON patch on the whole document", "[json_patch]") {
  CHECK(MustApply(R"({"a":1})", R"([{"op":"replace","path":"","value":[1]}])") ==
        json::parse("[1]"));
  CHECK(MustApply(R"({"a":1})", R"([{"op":"add","path":"","value":{"b":2}}])") ==
        json::parse(R"({"b":2})"));
  CHECK(MustApply(R"({"a":1})", R"([{"op":"test","path":"","value":{"a":1}}])") ==
        json::parse(R"({"a":1})"));
  CHECK(ErrorOf(R"({"a":1})", R"([{"op":"remove","path":""}])") ==
        R"(op 0 (remove ""): cannot remove the whole document)");
}

TEST_CASE("JSON patch move and copy semantics", "[json_patch]") {
  // copy deep-copies; the source stays.
  CHECK(MustApply(R"({"a":{"x":[1]}})", R"([{"op":"copy","from":"/a","path":"/b"},
                                            {"op":"add","path":"/b/x/-","value":2}])") ==
        json::parse(R"({"a":{"x":[1]},"b":{"x":[1,2]}})"));
  // Moving to the same place is a no-op, but the source must exist.
  CHECK(MustApply(R"({"a":1})", R"([{"op":"move","from":"/a","path":"/a"}])") ==
        json::parse(R"({"a":1})"));
  CHECK(ErrorOf(R"({"a":1})", R"([{"op":"move","from":"/b","path":"/b"}])") ==
        "op 0 (move /b): from path not found");
  CHECK(ErrorOf(R"({"a":1})", R"([{"op":"copy","from":"/z","path":"/b"}])") ==
        "op 0 (copy /b): from path not found");
  CHECK(ErrorOf(R"({"a":{"b":1}})", R"([{"op":"move","from":"/a","path":"/a/b/c"}])") ==
        "op 0 (move /a/b/c): cannot move a value into one of its own children");
  // Moving an array element later: remove first, then add at the new index.
  CHECK(MustApply(R"([1,2,3])", R"([{"op":"move","from":"/0","path":"/-"}])") ==
        json::parse("[2,3,1]"));
}

TEST_CASE("JSON patch test compares JSON values, not text", "[json_patch]") {
  const char* doc = R"({"n":1,"o":{"a":1,"b":[true,null]}})";
  CHECK(MustApply(doc, R"([{"op":"test","path":"/n","value":1.0},
                           {"op":"test","path":"/o","value":{"b":[true,null],"a":1}}])") ==
        json::parse(doc));
  CHECK(ErrorOf(doc, R"([{"op":"test","path":"/o/b","value":[null,true]}])") ==
        "op 0 (test /o/b): test failed");
  CHECK(ErrorOf(doc, R"([{"op":"test","path":"/missing","value":null}])") ==
        "op 0 (test /missing): path not found");
  CHECK(MustApply(doc, R"([{"op":"test","path":"/o/b/1","value":null}])") == json::parse(doc));
}

TEST_CASE("JSON patch names the failing operation, Kubernetes style", "[json_patch]") {
  const json pod = json::parse(R"({"metadata":{"name":"p"},"spec":{}})");
  CHECK(ErrorOf(pod, json::parse(R"([{"op":"test","path":"/metadata/name","value":"p"},
                                     {"op":"add","path":"/spec/x","value":1},
                                     {"op":"replace","path":"/spec/replicas","value":3}])")) ==
        "op 2 (replace /spec/replicas): path not found");
  CHECK(ErrorOf(pod, json::parse(R"([{"op":"test","path":"/metadata/name","value":"q"}])")) ==
        "op 0 (test /metadata/name): test failed");
  CHECK(ErrorOf(pod, json::parse(R"([{"op":"remove","path":"/metadata/name/x"}])")) ==
        "op 0 (remove /metadata/name/x): path not found");
}

TEST_CASE("A failing JSON patch applies nothing", "[json_patch]") {
  const json target = json::parse(R"({"a":[1,2],"b":{"c":1}})");
  const json before = target;
  const json patch = json::parse(R"([{"op":"add","path":"/a/-","value":3},
                                     {"op":"remove","path":"/b/c"},
                                     {"op":"replace","path":"/a/0","value":9},
                                     {"op":"test","path":"/a/0","value":1}])");
  CHECK(ErrorOf(target, patch) == "op 3 (test /a/0): test failed");
  CHECK(target == before);
  // The same patch minus the failing test shows the earlier ops did work.
  json shorter = patch;
  shorter.erase(3);
  absl::StatusOr<json> applied = ApplyJsonPatch(target, shorter);
  REQUIRE(applied.ok());
  CHECK(*applied == json::parse(R"({"a":[9,2,3],"b":{}})"));
  CHECK(target == before);
}

TEST_CASE("Malformed JSON patches are errors, never exceptions", "[json_patch]") {
  const json doc = json::parse(R"({"a":1})");
  struct Case {
    const char* patch;
    const char* message;
  };
  const Case cases[] = {
      {R"({"op":"add","path":"/b","value":1})",
       "a JSON patch must be an array of operations, got object"},
      {R"(null)", "a JSON patch must be an array of operations, got null"},
      {R"("[]")", "a JSON patch must be an array of operations, got string"},
      {R"([1])", "op 0: operation must be a JSON object"},
      {R"([{"path":"/a"}])", R"(op 0: missing or non-string "op")"},
      {R"([{"op":7,"path":"/a"}])", R"(op 0: missing or non-string "op")"},
      {R"([{"op":"frob","path":"/a"}])", R"(op 0 (frob /a): unknown operation "frob")"},
      {R"([{"op":"ADD","path":"/b","value":1}])", R"(op 0 (ADD /b): unknown operation "ADD")"},
      {R"([{"op":"frob"}])", R"(op 0 (frob): unknown operation "frob")"},
      {R"([{"op":"add","value":1}])", R"(op 0 (add): missing or non-string "path")"},
      {R"([{"op":"add","path":5,"value":1}])", R"(op 0 (add): missing or non-string "path")"},
      {R"([{"op":"add","path":"/b"}])", R"(op 0 (add /b): missing "value")"},
      {R"([{"op":"replace","path":"/a"}])", R"(op 0 (replace /a): missing "value")"},
      {R"([{"op":"test","path":"/a"}])", R"(op 0 (test /a): missing "value")"},
      {R"([{"op":"move","path":"/b"}])", R"(op 0 (move /b): missing or non-string "from")"},
      {R"([{"op":"copy","path":"/b","from":["/a"]}])",
       R"(op 0 (copy /b): missing or non-string "from")"},
      {R"([{"op":"add","path":"b","value":1}])",
       R"(op 0 (add b): invalid JSON pointer "b": must be empty or start with '/')"},
      {R"([{"op":"add","path":"/b~2","value":1}])",
       R"(op 0 (add /b~2): invalid JSON pointer "/b~2": '~' must be followed by '0' or '1')"},
      {R"([{"op":"move","path":"/b","from":"a"}])",
       R"(op 0 (move /b): invalid JSON pointer "a": must be empty or start with '/')"},
      {R"([{"op":"add","path":"/a/b","value":1}])", "op 0 (add /a/b): path not found"},
  };
  for (const Case& c : cases) {
    INFO(c.patch);
    CHECK(ErrorOf(doc, json::parse(c.patch)) == c.message);
  }
  // A null "value" is a value, not a missing one.
  absl::StatusOr<json> with_null =
      ApplyJsonPatch(doc, json::parse(R"([{"op":"add","path":"/b","value":null}])"));
  REQUIRE(with_null.ok());
  CHECK(*with_null == json::parse(R"({"a":1,"b":null})"));
  // An empty patch is the identity.
  absl::StatusOr<json> empty = ApplyJsonPatch(doc, json::array());
  REQUIRE(empty.ok());
  CHECK(*empty == doc);
}

}  // namespace
}  // namespace sei::controlplane
