// The simulated provisioner: dynamic and static binding, failure injection
// and reclaim.
#include "lib/controlplane/controllers/pvc_provisioner.h"

#include <string>
#include <vector>

#include "lib/controlplane/controllers/controllers_test_util.h"

namespace sei::controlplane {
namespace {

using testing::Fixture;
using testing::MustOk;
using testing::Phase;

PvcProvisionerOptions Options(FakeClock* clock, absl::Duration delay = absl::ZeroDuration()) {
  PvcProvisionerOptions options;
  options.clock = clock;
  options.bind_delay = delay;
  return options;
}

Json Claim(const std::string& name, const std::string& storage_class,
           const std::string& size = "100Gi") {
  Json claim = {
      {"metadata", {{"name", name}, {"labels", {{"sei.io/node", "node-a"}}}}},
      {"spec",
       {{"accessModes", {"ReadWriteOnce"}}, {"resources", {{"requests", {{"storage", size}}}}}}}};
  if (!storage_class.empty()) claim["spec"]["storageClassName"] = storage_class;
  return claim;
}

TEST_CASE("a claim binds after the delay to a volume of its size", "[provisioner]") {
  Fixture f;
  PvcProvisioner provisioner(f.store.get(), f.registry.get(), Options(&f.clock, absl::Seconds(1)));
  const Json created = f.Create(f.Claims(), Claim("data-node-a", "gp3"));
  const std::string uid = created["metadata"]["uid"];
  MustOk(provisioner.Step());
  CHECK(Phase(f.Get(f.Claims(), "data-node-a")) == "Pending");
  f.Advance(absl::Milliseconds(999));
  MustOk(provisioner.Step());
  CHECK(Phase(f.Get(f.Claims(), "data-node-a")) == "Pending");
  f.Advance(absl::Milliseconds(1));
  MustOk(provisioner.Step());

  const Json claim = f.Get(f.Claims(), "data-node-a");
  CHECK(Phase(claim) == "Bound");
  CHECK(claim["status"]["capacity"] == Json{{"storage", "100Gi"}});
  CHECK(claim["status"]["accessModes"] == Json::array({"ReadWriteOnce"}));
  CHECK(claim["spec"]["volumeName"] == "pvc-" + uid);
  CHECK(claim["metadata"]["annotations"]["pv.kubernetes.io/bind-completed"] == "yes");

  const Json volume = f.Get(f.Volumes(), "pvc-" + uid);
  CHECK(volume["spec"]["capacity"] == Json{{"storage", "100Gi"}});
  CHECK(volume["spec"]["accessModes"] == Json::array({"ReadWriteOnce"}));
  CHECK(volume["spec"]["storageClassName"] == "gp3");
  CHECK(volume["spec"]["persistentVolumeReclaimPolicy"] == "Delete");
  CHECK(volume["spec"]["claimRef"]["name"] == "data-node-a");
  CHECK(volume["spec"]["claimRef"]["namespace"] == "default");
  CHECK(volume["spec"]["claimRef"]["uid"] == uid);
  CHECK(Phase(volume) == "Bound");

  // Converged: nothing more is written.
  const std::string rv = claim["metadata"]["resourceVersion"];
  MustOk(provisioner.Step());
  CHECK(f.Get(f.Claims(), "data-node-a")["metadata"]["resourceVersion"] == rv);
}

TEST_CASE("a claim of an unprovisionable class stays Pending", "[provisioner]") {
  Fixture f;
  PvcProvisionerOptions options = Options(&f.clock);
  options.unprovisionable_classes = {"broken"};
  PvcProvisioner provisioner(f.store.get(), f.registry.get(), options);
  f.Create(f.Claims(), Claim("a", "broken"));
  f.Create(f.Claims(), Claim("b", ""));  // no class named: the default class
  for (int i = 0; i < 3; ++i) {
    f.Advance(absl::Hours(1));
    MustOk(provisioner.Step());
  }
  CHECK(Phase(f.Get(f.Claims(), "a")) == "Pending");
  CHECK(Phase(f.Get(f.Claims(), "b")) == "Bound");
  const std::vector<Json> volumes = f.List(f.Volumes());
  REQUIRE(volumes.size() == 1);
  CHECK(volumes[0]["spec"]["storageClassName"] == "standard");
}

TEST_CASE("deleting a claim deletes its volume and tells the hook", "[provisioner]") {
  Fixture f;
  PvcProvisionerOptions options = Options(&f.clock);
  std::vector<std::string> removed;
  options.on_volume_deleted = [&](const Json& claim) {
    removed.push_back(NamespaceOf(claim) + "/" + LabelOf(claim, "sei.io/node"));
  };
  PvcProvisioner provisioner(f.store.get(), f.registry.get(), options);
  f.Create(f.Claims(), Claim("data-node-a", "gp3"));
  MustOk(provisioner.Step());
  REQUIRE(f.List(f.Volumes()).size() == 1);
  f.Delete(f.Claims(), "data-node-a");
  MustOk(provisioner.Step());
  CHECK(f.List(f.Volumes()).empty());
  CHECK(removed == std::vector<std::string>{"default/node-a"});
}

TEST_CASE("a claim naming an existing volume binds to it statically", "[provisioner]") {
  Fixture f;
  PvcProvisioner provisioner(f.store.get(), f.registry.get(), Options(&f.clock));
  f.Create(f.Volumes(), {{"metadata", {{"name", "manual"}}},
                         {"spec",
                          {{"capacity", {{"storage", "10Gi"}}},
                           {"accessModes", {"ReadWriteOnce"}},
                           {"persistentVolumeReclaimPolicy", "Retain"},
                           {"hostPath", {{"path", "/x"}}}}}});
  Json claim = Claim("imported", "", "5Gi");
  claim["spec"]["storageClassName"] = "";
  claim["spec"]["volumeName"] = "manual";
  f.Create(f.Claims(), claim);
  MustOk(provisioner.Step());
  const Json bound = f.Get(f.Claims(), "imported");
  CHECK(Phase(bound) == "Bound");
  CHECK(bound["status"]["capacity"] == Json{{"storage", "10Gi"}});
  const Json volume = f.Get(f.Volumes(), "manual");
  CHECK(Phase(volume) == "Bound");
  CHECK(volume["spec"]["claimRef"]["uid"] == bound["metadata"]["uid"]);

  // Retain: the volume outlives its claim, Released.
  f.Delete(f.Claims(), "imported");
  MustOk(provisioner.Step());
  CHECK(Phase(f.Get(f.Volumes(), "manual")) == "Released");

  // storageClassName "" without a volume: never provisioned.
  Json unclassed = Claim("none", "");
  unclassed["spec"]["storageClassName"] = "";
  f.Create(f.Claims(), unclassed);
  MustOk(provisioner.Step());
  CHECK(Phase(f.Get(f.Claims(), "none")) == "Pending");
}

TEST_CASE("a malformed claim is reported without stopping the pass", "[provisioner]") {
  Fixture f;
  PvcProvisioner provisioner(f.store.get(), f.registry.get(), Options(&f.clock));
  // kube-apiserver would refuse this; the store does not validate built-ins.
  f.Create(f.Claims(), {{"metadata", {{"name", "a-garbage"}}}, {"spec", "garbage"}});
  f.Create(f.Claims(), Claim("b-good", "gp3"));
  const absl::Status status = provisioner.Step();
  CHECK(status.code() == absl::StatusCode::kInternal);
  CHECK(status.message().find("a-garbage") != std::string::npos);
  CHECK(Phase(f.Get(f.Claims(), "b-good")) == "Bound");
}

}  // namespace
}  // namespace sei::controlplane
