// Create, get, update, patch and list semantics of the memory store.
#include <fstream>
#include <regex>
#include <string>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "lib/controlplane/apiserver/store_test_util.h"

namespace sei::controlplane {
namespace {

using testing::ErrorOf;
using testing::Must;
using testing::Rv;
using testing::StoreFixture;

uint64_t RvNumber(const Json& object) {
  uint64_t rv = 0;
  REQUIRE(absl::SimpleAtoi(Rv(object), &rv));
  return rv;
}

TEST_CASE("create sets server metadata", "[store][create]") {
  StoreFixture f;
  const Json pod = f.CreatePod("web-0");
  const Json& meta = pod["metadata"];
  CHECK(pod["apiVersion"] == "v1");
  CHECK(pod["kind"] == "Pod");
  CHECK(meta["namespace"] == "default");
  CHECK(std::regex_match(meta["uid"].get<std::string>(),
                         std::regex("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")));
  CHECK(meta["creationTimestamp"] == "2026-01-01T00:00:00Z");
  CHECK_FALSE(meta.contains("generation"));  // pods do not track generation (1.32)
  CHECK(pod["status"]["phase"] == "Pending");

  // One global counter across resources.
  const Json cm = f.CreateConfigMap("cfg");
  CHECK(RvNumber(cm) == RvNumber(pod) + 1);
  CHECK(f.store->CurrentResourceVersion() == Rv(cm));

  // Stored as returned.
  CHECK(Must(f.store->Get(f.Pods(), "web-0")) == pod);

  const Json sts = Must(f.store->Create(
      f.StatefulSets(), {{"metadata", {{"name", "s"}}}, {"spec", {{"replicas", 1}}}}, {}));
  CHECK(sts["metadata"]["generation"] == 1);
  CHECK(sts["apiVersion"] == "apps/v1");
  CHECK(sts["kind"] == "StatefulSet");
}

TEST_CASE("the default namespaces exist at startup", "[store][create]") {
  StoreFixture f;
  const Json list = Must(f.store->List(f.Key("namespaces"), {}));
  std::vector<std::string> names;
  for (const Json& ns : list["items"]) names.push_back(ns["metadata"]["name"]);
  CHECK(names == std::vector<std::string>{"default", "kube-node-lease", "kube-public", "kube-system"});
  const Json def = Must(f.store->Get(f.Key("namespaces"), "default"));
  CHECK(def["status"]["phase"] == "Active");
  CHECK(def["metadata"]["labels"]["kubernetes.io/metadata.name"] == "default");
}

TEST_CASE("generateName appends five random characters", "[store][create]") {
  StoreFixture f;
  Json cm = {{"metadata", {{"generateName", "job-"}}}};
  const Json created = Must(f.store->Create(f.ConfigMaps(), cm, {}));
  const std::string name = created["metadata"]["name"];
  CHECK(std::regex_match(name, std::regex("job-[bcdfghjklmnpqrstvwxz2456789]{5}")));
  CHECK(created["metadata"]["generateName"] == "job-");
  const Json second = Must(f.store->Create(f.ConfigMaps(), cm, {}));
  CHECK(second["metadata"]["name"] != name);
}

TEST_CASE("create errors", "[store][create]") {
  StoreFixture f;
  SECTION("missing name is 422 with the apiserver's message") {
    auto result = f.store->Create(f.ConfigMaps(), {{"metadata", Json::object()}}, {});
    CHECK(ErrorOf(result) == std::make_pair(422, std::string("Invalid")));
    CHECK(result.status().message() ==
          "ConfigMap \"\" is invalid: metadata.name: Required value: name or generateName is "
          "required");
    const Json status = StatusObject(result.status());
    CHECK(status["details"]["causes"][0]["field"] == "metadata.name");
    CHECK(status["details"]["causes"][0]["reason"] == "FieldValueRequired");
  }
  SECTION("invalid name") {
    auto result = f.store->Create(f.ConfigMaps(), {{"metadata", {{"name", "Bad_Name"}}}}, {});
    CHECK(ErrorOf(result).first == 422);
    CHECK(std::string(result.status().message())
              .find("metadata.name: Invalid value: \"Bad_Name\": a lowercase RFC 1123 subdomain") !=
          std::string::npos);
  }
  SECTION("namespace that does not exist is 404") {
    auto result = f.store->Create(f.ConfigMaps("nope"), {{"metadata", {{"name", "c"}}}}, {});
    CHECK(ErrorOf(result) == std::make_pair(404, std::string("NotFound")));
    CHECK(result.status().message() == "namespaces \"nope\" not found");
  }
  SECTION("body namespace differing from the URL is 400") {
    auto result = f.store->Create(
        f.ConfigMaps(), {{"metadata", {{"name", "c"}, {"namespace", "kube-system"}}}}, {});
    CHECK(ErrorOf(result) == std::make_pair(400, std::string("BadRequest")));
  }
  SECTION("the namespace defaults from the request") {
    const Json cm = Must(f.store->Create(f.ConfigMaps("kube-system"),
                                         {{"metadata", {{"name", "c"}}}}, {}));
    CHECK(cm["metadata"]["namespace"] == "kube-system");
  }
  SECTION("duplicate is 409 AlreadyExists") {
    f.CreateConfigMap("c");
    auto result = f.store->Create(f.ConfigMaps(), {{"metadata", {{"name", "c"}}}}, {});
    CHECK(ErrorOf(result) == std::make_pair(409, std::string("AlreadyExists")));
    CHECK(result.status().message() == "configmaps \"c\" already exists");
  }
  SECTION("wrong kind is 400") {
    auto result = f.store->Create(f.ConfigMaps(), {{"kind", "Secret"}, {"metadata", {{"name", "c"}}}}, {});
    CHECK(ErrorOf(result).first == 400);
  }
  SECTION("malformed metadata is 400, not an exception") {
    auto result = f.store->Create(f.ConfigMaps(), {{"metadata", {{"name", "c"}, {"labels", {{"a", 1}}}}}}, {});
    CHECK(ErrorOf(result).first == 400);
    auto result2 = f.store->Create(f.ConfigMaps(), {{"metadata", "x"}}, {});
    CHECK(ErrorOf(result2).first == 400);
  }
  SECTION("get of a missing object") {
    auto result = f.store->Get(f.StatefulSets(), "x");
    CHECK(ErrorOf(result).first == 404);
    CHECK(result.status().message() == "statefulsets.apps \"x\" not found");
  }
  SECTION("dry run stores nothing") {
    WriteOptions dry;
    dry.dry_run = true;
    const std::string before = f.store->CurrentResourceVersion();
    Must(f.store->Create(f.ConfigMaps(), {{"metadata", {{"name", "c"}}}}, dry));
    CHECK(f.store->CurrentResourceVersion() == before);
    CHECK(ErrorOf(f.store->Get(f.ConfigMaps(), "c")).first == 404);
  }
}

Json StatefulSet(const std::string& name, int replicas) {
  return {{"apiVersion", "apps/v1"},
          {"kind", "StatefulSet"},
          {"metadata", {{"name", name}}},
          {"spec", {{"replicas", replicas}, {"serviceName", name}}}};
}

TEST_CASE("generation follows spec changes only", "[store][generation]") {
  StoreFixture f;
  Json sts = Must(f.store->Create(f.StatefulSets(), StatefulSet("s", 1), {}));
  REQUIRE(sts["metadata"]["generation"] == 1);

  // Metadata-only change: RV moves, generation does not.
  sts["metadata"]["labels"] = {{"a", "b"}};
  sts["metadata"]["finalizers"] = {"example.io/keep"};
  Json labelled = Must(f.store->Update(f.StatefulSets(), "s", sts, Subresource::kNone, {}));
  CHECK(labelled["metadata"]["generation"] == 1);
  CHECK(Rv(labelled) != Rv(sts));

  // Spec change bumps it.
  labelled["spec"]["replicas"] = 3;
  Json scaled = Must(f.store->Update(f.StatefulSets(), "s", labelled, Subresource::kNone, {}));
  CHECK(scaled["metadata"]["generation"] == 2);

  // Status written through the main resource is ignored (status subresource).
  scaled["status"] = {{"replicas", 99}};
  Json ignored = Must(f.store->Update(f.StatefulSets(), "s", scaled, Subresource::kNone, {}));
  CHECK(ignored["status"]["replicas"] == 0);
  CHECK(Rv(ignored) == Rv(scaled));  // nothing changed: no write

  // /status writes change only status and never generation.
  Json status_write = ignored;
  status_write["status"] = {{"replicas", 3}, {"observedGeneration", 2}};
  status_write["spec"]["replicas"] = 7;
  status_write["metadata"]["labels"] = {{"x", "y"}};
  Json after_status =
      Must(f.store->Update(f.StatefulSets(), "s", status_write, Subresource::kStatus, {}));
  CHECK(after_status["status"]["replicas"] == 3);
  CHECK(after_status["spec"]["replicas"] == 3);
  CHECK(after_status["metadata"]["labels"] == Json({{"a", "b"}}));
  CHECK(after_status["metadata"]["generation"] == 2);

  // Status patch too.
  Json patched = Must(f.store->Patch(f.StatefulSets(), "s", PatchType::kMerge,
                                     {{"status", {{"readyReplicas", 3}}}, {"spec", {{"replicas", 9}}}},
                                     Subresource::kStatus, {}));
  CHECK(patched["status"]["readyReplicas"] == 3);
  CHECK(patched["spec"]["replicas"] == 3);
  CHECK(patched["metadata"]["generation"] == 2);

  // /status of a type without one is 404.
  f.CreateConfigMap("c");
  CHECK(ErrorOf(f.store->Get(f.ConfigMaps(), "c", Subresource::kStatus)).first == 404);
}

TEST_CASE("update: optimistic concurrency and immutable fields", "[store][update]") {
  StoreFixture f;
  const Json original = f.CreateConfigMap("c");

  Json first = original;
  first["data"]["k"] = "v2";
  const Json updated = Must(f.store->Update(f.ConfigMaps(), "c", first, Subresource::kNone, {}));
  CHECK(updated["data"]["k"] == "v2");
  CHECK(RvNumber(updated) > RvNumber(original));

  SECTION("a stale resourceVersion is 409 Conflict") {
    Json stale = original;
    stale["data"]["k"] = "v3";
    auto result = f.store->Update(f.ConfigMaps(), "c", stale, Subresource::kNone, {});
    CHECK(ErrorOf(result) == std::make_pair(409, std::string("Conflict")));
    CHECK(result.status().message() ==
          "Operation cannot be fulfilled on configmaps \"c\": the object has been modified; "
          "please apply your changes to the latest version and try again");
  }
  SECTION("no resourceVersion is an unconditional update for built-ins") {
    Json blind = original;
    blind["metadata"].erase("resourceVersion");
    blind["data"]["k"] = "v4";
    CHECK(Must(f.store->Update(f.ConfigMaps(), "c", blind, Subresource::kNone, {}))["data"]["k"] == "v4");
  }
  SECTION("uid and creationTimestamp are reset silently") {
    Json forged = updated;
    forged["metadata"]["uid"] = "forged";
    forged["metadata"]["creationTimestamp"] = "2000-01-01T00:00:00Z";
    forged["data"]["k"] = "v5";
    const Json result = Must(f.store->Update(f.ConfigMaps(), "c", forged, Subresource::kNone, {}));
    CHECK(result["metadata"]["uid"] == original["metadata"]["uid"]);
    CHECK(result["metadata"]["creationTimestamp"] == original["metadata"]["creationTimestamp"]);
  }
  SECTION("a no-op update keeps the resourceVersion") {
    const Json same = Must(f.store->Update(f.ConfigMaps(), "c", updated, Subresource::kNone, {}));
    CHECK(Rv(same) == Rv(updated));
    CHECK(f.store->CurrentResourceVersion() == Rv(updated));
  }
  SECTION("name mismatch is 400; missing object is 404") {
    CHECK(ErrorOf(f.store->Update(f.ConfigMaps(), "other", updated, Subresource::kNone, {})).first == 404);
    Json renamed = updated;
    renamed["metadata"]["name"] = "d";
    CHECK(ErrorOf(f.store->Update(f.ConfigMaps(), "c", renamed, Subresource::kNone, {})).first == 400);
  }
  SECTION("managedFields record the field manager") {
    WriteOptions options;
    options.field_manager = "tester";
    Json next = updated;
    next["data"]["k"] = "v6";
    const Json result = Must(f.store->Update(f.ConfigMaps(), "c", next, Subresource::kNone, options));
    const Json& entry = result["metadata"]["managedFields"][0];
    CHECK(entry["manager"] == "tester");
    CHECK(entry["operation"] == "Update");
    CHECK(entry["apiVersion"] == "v1");
    CHECK(entry["fieldsType"] == "FieldsV1");
    CHECK(entry["time"] == "2026-01-01T00:00:00Z");
  }
}

TEST_CASE("patch: merge, JSON, strategic and apply", "[store][patch]") {
  StoreFixture f;
  const Json original = f.CreateConfigMap("c", {{"a", "1"}, {"b", "2"}});

  SECTION("merge patch") {
    const Json patched = Must(f.store->Patch(f.ConfigMaps(), "c", PatchType::kMerge,
                                             {{"data", {{"a", nullptr}, {"c", "3"}}}},
                                             Subresource::kNone, {}));
    CHECK(patched["data"] == Json({{"b", "2"}, {"c", "3"}}));
  }
  SECTION("a resourceVersion in a merge patch is a precondition") {
    Must(f.store->Patch(f.ConfigMaps(), "c", PatchType::kMerge, {{"data", {{"a", "x"}}}},
                        Subresource::kNone, {}));
    auto stale = f.store->Patch(f.ConfigMaps(), "c", PatchType::kMerge,
                                {{"metadata", {{"resourceVersion", Rv(original)}}},
                                 {"data", {{"a", "y"}}}},
                                Subresource::kNone, {});
    CHECK(ErrorOf(stale) == std::make_pair(409, std::string("Conflict")));
    const Json current = Must(f.store->Get(f.ConfigMaps(), "c"));
    CHECK(Must(f.store->Patch(f.ConfigMaps(), "c", PatchType::kMerge,
                              {{"metadata", {{"resourceVersion", Rv(current)}}},
                               {"data", {{"a", "z"}}}},
                              Subresource::kNone, {}))["data"]["a"] == "z");
  }
  SECTION("uid precondition") {
    auto result = f.store->Patch(f.ConfigMaps(), "c", PatchType::kMerge,
                                 {{"metadata", {{"uid", "not-it"}}}}, Subresource::kNone, {});
    CHECK(ErrorOf(result).first == 409);
    CHECK(std::string(result.status().message()).find("Precondition failed: UID in precondition: not-it") !=
          std::string::npos);
  }
  SECTION("JSON patch") {
    const Json patched = Must(f.store->Patch(
        f.ConfigMaps(), "c", PatchType::kJson,
        Json::parse(R"([{"op":"test","path":"/data/a","value":"1"},
                        {"op":"replace","path":"/data/a","value":"9"},
                        {"op":"remove","path":"/data/b"}])"),
        Subresource::kNone, {}));
    CHECK(patched["data"] == Json({{"a", "9"}}));
    auto failed = f.store->Patch(f.ConfigMaps(), "c", PatchType::kJson,
                                 Json::parse(R"([{"op":"test","path":"/data/a","value":"1"}])"),
                                 Subresource::kNone, {});
    CHECK(ErrorOf(failed).first == 422);
    CHECK(Must(f.store->Get(f.ConfigMaps(), "c"))["data"]["a"] == "9");
  }
  SECTION("strategic merge patch behaves as a merge patch") {
    const Json patched = Must(f.store->Patch(f.ConfigMaps(), "c", PatchType::kStrategicMerge,
                                             {{"data", {{"b", "22"}}}}, Subresource::kNone, {}));
    CHECK(patched["data"] == Json({{"a", "1"}, {"b", "22"}}));
  }
  SECTION("patching a missing object is 404") {
    CHECK(ErrorOf(f.store->Patch(f.ConfigMaps(), "zzz", PatchType::kMerge, {{"data", {{"a", "b"}}}},
                                 Subresource::kNone, {}))
              .first == 404);
  }
  SECTION("apply creates, then merges, recording the manager") {
    PatchOptions options;
    options.field_manager = "kubectl";
    bool created = false;
    options.created = &created;
    const Json config = {{"apiVersion", "v1"},
                         {"kind", "ConfigMap"},
                         {"metadata", {{"name", "applied"}}},
                         {"data", {{"x", "1"}}}};
    const Json first = Must(f.store->Patch(f.ConfigMaps(), "applied", PatchType::kApply, config,
                                           Subresource::kNone, options));
    CHECK(created);
    CHECK(first["data"]["x"] == "1");
    CHECK(first["metadata"]["managedFields"][0]["operation"] == "Apply");
    CHECK(first["metadata"]["managedFields"][0]["manager"] == "kubectl");

    Json second_config = config;
    second_config["data"]["y"] = "2";
    const Json second = Must(f.store->Patch(f.ConfigMaps(), "applied", PatchType::kApply,
                                            second_config, Subresource::kNone, options));
    CHECK_FALSE(created);
    CHECK(second["data"] == Json({{"x", "1"}, {"y", "2"}}));
    CHECK(second["metadata"]["uid"] == first["metadata"]["uid"]);
    CHECK(second["metadata"]["managedFields"].size() == 1);
  }
  SECTION("apply without a field manager is rejected") {
    auto result = f.store->Patch(f.ConfigMaps(), "c", PatchType::kApply,
                                 {{"apiVersion", "v1"}, {"kind", "ConfigMap"}}, Subresource::kNone, {});
    CHECK(ErrorOf(result) == std::make_pair(422, std::string("Invalid")));
    CHECK(result.status().message() ==
          "PatchOptions.meta.k8s.io \"\" is invalid: fieldManager: Required value: is required "
          "for apply patch");
  }
}

TEST_CASE("list: order, selectors, pagination", "[store][list]") {
  StoreFixture f;
  Must(f.store->Create(f.Key("namespaces"), {{"metadata", {{"name", "a"}}}}, {}));
  Must(f.store->Create(f.Key("namespaces"), {{"metadata", {{"name", "a-b"}}}}, {}));
  f.CreatePod("p2", {{"app", "web"}, {"tier", "front"}}, "a");
  f.CreatePod("p1", {{"app", "web"}}, "a-b");
  f.CreatePod("p3", {{"app", "db"}}, "a");
  f.CreatePod("p0", Json::object(), "default");

  auto names = [](const Json& list) {
    std::vector<std::string> out;
    for (const Json& item : list["items"]) {
      out.push_back(item["metadata"]["namespace"].get<std::string>() + "/" +
                    item["metadata"]["name"].get<std::string>());
    }
    return out;
  };

  const Json all = Must(f.store->List(f.Pods(""), {}));
  CHECK(names(all) == std::vector<std::string>{"a/p2", "a/p3", "a-b/p1", "default/p0"});
  CHECK(all["kind"] == "PodList");
  CHECK(all["apiVersion"] == "v1");
  CHECK(all["metadata"]["resourceVersion"] == f.store->CurrentResourceVersion());
  CHECK_FALSE(all["items"][0].contains("kind"));  // typed lists leave kind to the list

  CHECK(names(Must(f.store->List(f.Pods("a"), {}))) == std::vector<std::string>{"a/p2", "a/p3"});

  ListOptions options;
  options.label_selector = "app=web";
  CHECK(names(Must(f.store->List(f.Pods(""), options))) == std::vector<std::string>{"a/p2", "a-b/p1"});
  options.label_selector = "app in (web,db),tier!=front";
  CHECK(names(Must(f.store->List(f.Pods(""), options))) == std::vector<std::string>{"a/p3", "a-b/p1"});
  options.label_selector = "!app";
  CHECK(names(Must(f.store->List(f.Pods(""), options))) == std::vector<std::string>{"default/p0"});
  options.label_selector = "app";
  options.field_selector = "metadata.namespace!=a,metadata.name=p1";
  CHECK(names(Must(f.store->List(f.Pods(""), options))) == std::vector<std::string>{"a-b/p1"});

  options = ListOptions();
  options.field_selector = "spec.foo=bar";
  auto bad = f.store->List(f.ConfigMaps(""), options);
  CHECK(ErrorOf(bad) == std::make_pair(400, std::string("BadRequest")));
  CHECK(bad.status().message() ==
        "\"spec.foo\" is not a known field selector: only \"metadata.name\", \"metadata.namespace\"");
  options.field_selector = "status.phase=Pending";  // a pod field
  CHECK(Must(f.store->List(f.Pods(""), options))["items"].size() == 4);
  options = ListOptions();
  options.label_selector = "a in (";
  CHECK(ErrorOf(f.store->List(f.Pods(""), options)).first == 400);

  SECTION("limit and continue") {
    ListOptions page;
    page.limit = 3;
    const Json first = Must(f.store->List(f.Pods(""), page));
    CHECK(names(first) == std::vector<std::string>{"a/p2", "a/p3", "a-b/p1"});
    CHECK(first["metadata"]["remainingItemCount"] == 1);
    REQUIRE(first["metadata"].contains("continue"));
    page.continue_token = first["metadata"]["continue"];
    const Json second = Must(f.store->List(f.Pods(""), page));
    CHECK(names(second) == std::vector<std::string>{"default/p0"});
    CHECK_FALSE(second["metadata"].contains("continue"));

    ListOptions exact;
    exact.limit = 4;
    CHECK_FALSE(Must(f.store->List(f.Pods(""), exact))["metadata"].contains("continue"));

    ListOptions filtered;
    filtered.limit = 1;
    filtered.label_selector = "app=web";
    const Json one = Must(f.store->List(f.Pods(""), filtered));
    CHECK(names(one) == std::vector<std::string>{"a/p2"});
    filtered.continue_token = one["metadata"]["continue"];
    const Json two = Must(f.store->List(f.Pods(""), filtered));
    CHECK(names(two) == std::vector<std::string>{"a-b/p1"});
    CHECK_FALSE(two["metadata"].contains("continue"));

    ListOptions garbage;
    garbage.continue_token = "!!!";
    CHECK(ErrorOf(f.store->List(f.Pods(""), garbage)).first == 400);
  }
}

// Resident set size in bytes (Linux).
size_t Rss() {
  std::ifstream statm("/proc/self/statm");
  size_t pages = 0, resident = 0;
  statm >> pages >> resident;
  return resident * 4096;
}

TEST_CASE("throughput and memory at 10,000 objects", "[store][perf]") {
  StoreOptions options = StoreFixture::DefaultOptions();
  StoreFixture f(options);
  const size_t before = Rss();
  // A pod of a realistic size (~1.5 KB serialized).
  Json pod = Json::parse(R"({"apiVersion":"v1","kind":"Pod","metadata":{"labels":{
    "app.kubernetes.io/name":"seinode","app.kubernetes.io/instance":"pacific-1-node",
    "controller-revision-hash":"pacific-1-node-7c9d8f6b5"},"annotations":{"sei.io/plan":"abc"},
    "ownerReferences":[{"apiVersion":"apps/v1","kind":"StatefulSet","name":"n","uid":"u",
    "controller":true,"blockOwnerDeletion":true}]},
    "spec":{"containers":[{"name":"seid","image":"ghcr.io/sei-protocol/sei:v6.0.0",
    "command":["seid","start","--home","/sei"],"ports":[{"containerPort":26656,"name":"p2p"},
    {"containerPort":26657,"name":"rpc"},{"containerPort":9090,"name":"grpc"}],
    "resources":{"requests":{"cpu":"4","memory":"16Gi"},"limits":{"memory":"32Gi"}},
    "volumeMounts":[{"name":"data","mountPath":"/sei"}]},{"name":"sidecar",
    "image":"ghcr.io/sei-protocol/sidecar:v1","ports":[{"containerPort":7777}]}],
    "volumes":[{"name":"data","persistentVolumeClaim":{"claimName":"data-n-0"}}],
    "restartPolicy":"Always","terminationGracePeriodSeconds":30}})");
  // The owner must exist, or the collector would (rightly) delete the pods.
  const Json owner = Must(f.store->Create(f.StatefulSets(), StatefulSet("n", 1), {}));
  pod["metadata"]["ownerReferences"][0]["uid"] = owner["metadata"]["uid"];

  constexpr int kObjects = 10000;
  const absl::Time start = absl::Now();
  for (int i = 0; i < kObjects; ++i) {
    pod["metadata"]["name"] = absl::StrCat("pod-", i);
    REQUIRE(f.store->Create(f.Pods(), pod, {}).ok());
  }
  const double create_seconds = absl::ToDoubleSeconds(absl::Now() - start);
  const size_t after = Rss();

  const absl::Time update_start = absl::Now();
  for (int i = 0; i < kObjects; ++i) {
    REQUIRE(f.store
                ->Patch(f.Pods(), absl::StrCat("pod-", i), PatchType::kMerge,
                        {{"status", {{"phase", "Running"}}}}, Subresource::kStatus, {})
                .ok());
  }
  const double update_seconds = absl::ToDoubleSeconds(absl::Now() - update_start);
  const absl::Time list_start = absl::Now();
  REQUIRE(Must(f.store->List(f.Pods(), {}))["items"].size() == kObjects);
  const double list_seconds = absl::ToDoubleSeconds(absl::Now() - list_start);

  const double creates_per_second = kObjects / create_seconds;
  const double patches_per_second = kObjects / update_seconds;
  const double megabytes = static_cast<double>(after > before ? after - before : 0) / 1e6;
  WARN("creates/s: " << creates_per_second << ", status patches/s: " << patches_per_second
                     << ", list of 10k: " << list_seconds << " s, RSS growth for 10k pods: "
                     << megabytes << " MB");
  // The target (2,000 writes/s on 2 cores) is for optimized builds, which
  // the demo and the control-plane binary use (-c opt: ~9,000 creates/s).
  // Unoptimized nlohmann is several times slower, so a fastbuild run only
  // guards against gross regressions.
#ifdef __OPTIMIZE__
  constexpr double kMinWritesPerSecond = 2000;
#else
  constexpr double kMinWritesPerSecond = 400;
#endif
  CHECK(creates_per_second >= kMinWritesPerSecond);
  CHECK(patches_per_second >= kMinWritesPerSecond);
  CHECK(megabytes < 200);
}

}  // namespace
}  // namespace sei::controlplane
