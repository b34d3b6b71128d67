#include "lib/controller/common/merge_patch.h"

#include <catch2/catch.hpp>

namespace sei::controller {
namespace {

using nlohmann::json;

TEST_CASE("a merge patch carries only what changed") {
  json from = {{"a", 1}, {"b", {{"c", 2}, {"d", 3}}}, {"gone", true}, {"list", {1, 2}}};
  json to = {{"a", 1}, {"b", {{"c", 2}, {"d", 4}, {"e", 5}}}, {"list", {1, 2, 3}}};
  json patch = CreateMergePatch(from, to);
  CHECK(patch == json{{"b", {{"d", 4}, {"e", 5}}}, {"gone", nullptr}, {"list", {1, 2, 3}}});
  CHECK(ApplyMergePatch(from, patch) == to);
}

TEST_CASE("equal documents give an empty patch") {
  json doc = {{"x", {{"y", {1, 2}}}}};
  CHECK(CreateMergePatch(doc, doc).empty());
}

TEST_CASE("a non-object is replaced whole") {
  CHECK(CreateMergePatch(json{{"a", 1}}, json(5)) == json(5));
  CHECK(CreateMergePatch(json{{"a", {{"b", 1}}}}, json{{"a", "s"}}) == json{{"a", "s"}});
}

TEST_CASE("round trip over random-looking nested edits") {
  json from = {{"status", {{"plan", {{"tasks", {{{"id", "1"}}}}}}, {"phase", "Initializing"}}}};
  json to = {{"status", {{"phase", "Running"}, {"currentImage", "img"}}}};
  CHECK(ApplyMergePatch(from, CreateMergePatch(from, to)) == to);
}

}  // namespace
}  // namespace sei::controller
