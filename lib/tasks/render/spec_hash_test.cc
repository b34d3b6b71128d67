#include "lib/tasks/render/spec_hash.h"

#include <catch2/catch.hpp>

namespace sei::tasks::render {
namespace {

k8s::Object Service() {
  return k8s::Object::parse(R"({"apiVersion": "v1", "kind": "Service",
      "metadata": {"name": "rpc-1", "labels": {"sei.io/node": "rpc-1"}},
      "spec": {"clusterIP": "None", "ports": [{"name": "rpc", "port": 26657}]}})");
}

TEST_CASE("SpecHash is 64 lower-case hex digits") {
  const std::string hash = SpecHash(Service());
  REQUIRE(hash.size() == 64);
  CHECK(hash.find_first_not_of("0123456789abcdef") == std::string::npos);
}

TEST_CASE("SpecHash of a known document is its SHA-256") {
  // sha256 of the compact dump `{}`.
  CHECK(SpecHash(k8s::Object::object()) ==
        "44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a");
}

TEST_CASE("SpecHash does not depend on the order keys were inserted in") {
  k8s::Object a = {{"kind", "Service"}, {"apiVersion", "v1"}};
  k8s::Object b = {{"apiVersion", "v1"}, {"kind", "Service"}};
  CHECK(SpecHash(a) == SpecHash(b));
}

TEST_CASE("SpecHash changes with any field, including replicas") {
  k8s::Object changed = Service();
  changed["spec"]["ports"][0]["port"] = 26658;
  CHECK(SpecHash(changed) != SpecHash(Service()));
  k8s::Object one = {{"spec", {{"replicas", 1}}}};
  k8s::Object zero = {{"spec", {{"replicas", 0}}}};
  CHECK(SpecHash(one) != SpecHash(zero));
}

TEST_CASE("WithSpecHash stores the hash and hashing it again gives the same value") {
  const k8s::Object hashed = WithSpecHash(Service());
  CHECK(SpecHashAnnotationOf(hashed) == SpecHash(Service()));
  CHECK(SpecHash(hashed) == SpecHash(Service()));
  CHECK(WithSpecHash(hashed) == hashed);
}

TEST_CASE("SpecHash ignores a stale annotation but keeps other annotations") {
  k8s::Object annotated = Service();
  annotated["metadata"]["annotations"]["team"] = "rpc";
  k8s::Object stale = annotated;
  stale["metadata"]["annotations"][kSpecHashAnnotation] = "stale";
  CHECK(SpecHash(stale) == SpecHash(annotated));
  CHECK(SpecHash(annotated) != SpecHash(Service()));
  const k8s::Object hashed = WithSpecHash(stale);
  CHECK(hashed["metadata"]["annotations"]["team"] == "rpc");
  CHECK(SpecHashAnnotationOf(hashed) == SpecHash(annotated));
}

TEST_CASE("SpecHash treats an empty annotations map as absent") {
  k8s::Object empty = Service();
  empty["metadata"]["annotations"] = k8s::Object::object();
  CHECK(SpecHash(empty) == SpecHash(Service()));
}

TEST_CASE("SpecHash never throws on invalid UTF-8") {
  k8s::Object bad = {{"data", std::string("\xff\xfe")}};
  CHECK(SpecHash(bad).size() == 64);
}

TEST_CASE("WithSpecHash leaves malformed objects unchanged") {
  k8s::Object array = k8s::Object::array({1, 2});
  CHECK(WithSpecHash(array) == array);
  k8s::Object bad_metadata = {{"metadata", "text"}};
  CHECK(WithSpecHash(bad_metadata) == bad_metadata);
  k8s::Object bad_annotations = {{"metadata", {{"annotations", 5}}}};
  CHECK(WithSpecHash(bad_annotations) == bad_annotations);
}

TEST_CASE("SpecHashAnnotationOf is empty when the annotation is missing or not a string") {
  CHECK(SpecHashAnnotationOf(Service()).empty());
  CHECK(SpecHashAnnotationOf(k8s::Object::array()).empty());
  k8s::Object number = {{"metadata", {{"annotations", {{kSpecHashAnnotation, 3}}}}}};
  CHECK(SpecHashAnnotationOf(number).empty());
}

}  // namespace
}  // namespace sei::tasks::render
