#include "lib/k8s/request_url.h"

#include <catch2/catch.hpp>

namespace sei::k8s {
namespace {

TEST_CASE("ResourcePath: core and named groups, namespaced and cluster-scoped", "[url]") {
  CHECK(ResourcePath(resources::kPod, "ns1") == "/api/v1/namespaces/ns1/pods");
  CHECK(ResourcePath(resources::kPod, "") == "/api/v1/pods");
  CHECK(ResourcePath(resources::kPod, "ns1", "p-0", "status") ==
        "/api/v1/namespaces/ns1/pods/p-0/status");
  CHECK(ResourcePath(resources::kStatefulSet, "x", "web") ==
        "/apis/apps/v1/namespaces/x/statefulsets/web");
  CHECK(ResourcePath(resources::kSeiNode, "default", "n", "status") ==
        "/apis/sei.io/v1alpha1/namespaces/default/seinodes/n/status");
  // The namespace of a cluster-scoped resource is ignored.
  CHECK(ResourcePath(resources::kPersistentVolume, "ignored", "pv-1") ==
        "/api/v1/persistentvolumes/pv-1");
}

TEST_CASE("Names and query values are escaped so they cannot change the URL", "[url]") {
  CHECK(PercentEscape("a-b.c_d~9") == "a-b.c_d~9");
  CHECK(PercentEscape("a/b?c#d&e=f g%") == "a%2Fb%3Fc%23d%26e%3Df%20g%25");
  CHECK(PercentEscape("\xC3\xA9") == "%C3%A9");
  CHECK(ResourcePath(resources::kConfigMap, "n/s", "../x") ==
        "/api/v1/namespaces/n%2Fs/configmaps/..%2Fx");
  Query query;
  CHECK(query.Encode().empty());
  query.Add("labelSelector", "app in (a,b),!canary").Add("x", "1&y=2");
  CHECK(query.Encode() == "?labelSelector=app%20in%20%28a%2Cb%29%2C%21canary&x=1%26y%3D2");
}

TEST_CASE("ListQuery for LIST and for WATCH", "[url]") {
  ListOptions options;
  options.label_selector = "a=b";
  options.field_selector = "metadata.name=x";
  options.resource_version = "42";
  options.limit = 10;
  options.continue_token = "tok";
  options.watch_timeout = absl::Seconds(90);
  CHECK(ListQuery(options, false).Encode() ==
        "?labelSelector=a%3Db&fieldSelector=metadata.name%3Dx&resourceVersion=42&limit=10&"
        "continue=tok");
  CHECK(ListQuery(options, true).Encode() ==
        "?watch=1&labelSelector=a%3Db&fieldSelector=metadata.name%3Dx&resourceVersion=42&"
        "allowWatchBookmarks=true&timeoutSeconds=90");
  ListOptions plain;
  plain.allow_bookmarks = false;
  CHECK(ListQuery(plain, false).Encode().empty());
  CHECK(ListQuery(plain, true).Encode() == "?watch=1");
}

}  // namespace
}  // namespace sei::k8s
