#include "lib/controlplane/bench/bench_objects.h"

#include "absl/strings/str_cat.h"

namespace sei::controlplane::bench {
namespace {

using nlohmann::json;

constexpr char kTimestamp[] = "2026-01-01T00:00:00Z";

json NodeContainer(const std::string& node) {
  json env = json::array();
  for (const auto& [name, value] :
       {std::pair<const char*, std::string>{"SEI_CHAIN_ID", "pacific-1"},
        {"SEI_NODE_NAME", node},
        {"SEI_HOME", "/sei"},
        {"SEI_MODE", "full"},
        {"GOMAXPROCS", "4"},
        {"SEI_SNAPSHOT_INTERVAL", "2000"}}) {
    env.push_back({{"name", name}, {"value", value}});
  }
  env.push_back(
      {{"name", "POD_IP"},
       {"valueFrom", {{"fieldRef", {{"apiVersion", "v1"}, {"fieldPath", "status.podIP"}}}}}});
  return {
      {"name", "seid"},
      {"image", "ghcr.io/sei-protocol/sei:v6.1.0"},
      {"imagePullPolicy", "IfNotPresent"},
      {"command", {"seid"}},
      {"args", {"start", "--home", "/sei", "--chain-id", "pacific-1"}},
      {"env", env},
      {"ports",
       {{{"name", "p2p"}, {"containerPort", 26656}, {"protocol", "TCP"}},
        {{"name", "rpc"}, {"containerPort", 26657}, {"protocol", "TCP"}},
        {{"name", "grpc"}, {"containerPort", 9090}, {"protocol", "TCP"}},
        {{"name", "evm-rpc"}, {"containerPort", 8545}, {"protocol", "TCP"}},
        {{"name", "metrics"}, {"containerPort", 26660}, {"protocol", "TCP"}}}},
      {"resources",
       {{"requests", {{"cpu", "4"}, {"memory", "16Gi"}}},
        {"limits", {{"cpu", "8"}, {"memory", "32Gi"}}}}},
      {"volumeMounts",
       {{{"name", "data"}, {"mountPath", "/sei"}},
        {{"name", "config"}, {"mountPath", "/sei/config/app.toml"}, {"subPath", "app.toml"}}}},
      {"terminationMessagePath", "/dev/termination-log"},
      {"terminationMessagePolicy", "File"},
  };
}

json SidecarContainer() {
  return {
      {"name", "sidecar"},
      {"image", "ghcr.io/sei-protocol/sei-sidecar:v0.4.2"},
      {"imagePullPolicy", "IfNotPresent"},
      {"args", {"--listen", ":7777", "--home", "/sei"}},
      {"ports", {{{"name", "sidecar"}, {"containerPort", 7777}, {"protocol", "TCP"}}}},
      {"readinessProbe",
       {{"httpGet", {{"path", "/v0/healthz"}, {"port", 7777}, {"scheme", "HTTP"}}},
        {"periodSeconds", 5},
        {"timeoutSeconds", 1},
        {"successThreshold", 1},
        {"failureThreshold", 3}}},
      {"resources", {{"requests", {{"cpu", "100m"}, {"memory", "128Mi"}}}}},
      {"volumeMounts", {{{"name", "data"}, {"mountPath", "/sei"}}}},
      {"terminationMessagePath", "/dev/termination-log"},
      {"terminationMessagePolicy", "File"},
  };
}

json Condition(const char* type) {
  return {{"type", type},
          {"status", "True"},
          {"lastProbeTime", nullptr},
          {"lastTransitionTime", kTimestamp}};
}

json ContainerStatus(const std::string& name, const std::string& image, int index) {
  return {{"name", name},
          {"image", image},
          {"imageID", absl::StrCat(image, "@sha256:", std::string(60, 'a'), 1000 + index)},
          {"containerID", absl::StrCat("containerd://", std::string(56, 'c'), 10000000 + index)},
          {"ready", true},
          {"started", true},
          {"restartCount", 0},
          {"state", {{"running", {{"startedAt", kTimestamp}}}}}};
}

}  // namespace

json NamespaceObject(const std::string& name) {
  return {{"apiVersion", "v1"}, {"kind", "Namespace"}, {"metadata", {{"name", name}}}};
}

json StatefulSetObject(const std::string& ns, const std::string& name) {
  return {
      {"apiVersion", "apps/v1"},
      {"kind", "StatefulSet"},
      {"metadata", {{"name", name}, {"namespace", ns}}},
      {"spec",
       {{"replicas", 0},
        {"serviceName", name},
        {"selector", {{"matchLabels", {{"app", name}}}}},
        {"template",
         {{"metadata", {{"labels", {{"app", name}}}}},
          {"spec", {{"containers", {NodeContainer(name), SidecarContainer()}}}}}}}},
  };
}

json PodObject(const std::string& ns, const std::string& set, const std::string& owner_uid,
               int index) {
  const std::string name = absl::StrCat(set, "-", index);
  return {
      {"apiVersion", "v1"},
      {"kind", "Pod"},
      {"metadata",
       {{"name", name},
        {"namespace", ns},
        {"labels",
         {{"app", set},
          {"sei.io/node", name},
          {"sei.io/mode", "full"},
          {"controller-revision-hash", absl::StrCat(set, "-7d9c6b5f4d")},
          {"statefulset.kubernetes.io/pod-name", name},
          {kPodGroupLabel, absl::StrCat("g", index % 10)}}},
        {"annotations",
         {{"sei.io/spec-hash", std::string(64, 'f')},
          {"prometheus.io/scrape", "true"},
          {"prometheus.io/port", "26660"}}},
        {"ownerReferences",
         {{{"apiVersion", "apps/v1"},
           {"kind", "StatefulSet"},
           {"name", set},
           {"uid", owner_uid},
           {"controller", true},
           {"blockOwnerDeletion", true}}}}}},
      {"spec",
       {{"containers", {NodeContainer(name), SidecarContainer()}},
        {"volumes",
         {{{"name", "data"}, {"persistentVolumeClaim", {{"claimName", "data-" + name}}}},
          {{"name", "config"}, {"configMap", {{"name", name + "-config"}}}}}},
        {"hostname", name},
        {"subdomain", set},
        {"serviceAccountName", "default"},
        {"restartPolicy", "Always"},
        {"terminationGracePeriodSeconds", 30},
        {"dnsPolicy", "ClusterFirst"},
        {"schedulerName", "default-scheduler"},
        {"securityContext", {{"fsGroup", 1000}, {"runAsUser", 1000}}},
        {"tolerations",
         {{{"key", "node.kubernetes.io/not-ready"},
           {"operator", "Exists"},
           {"effect", "NoExecute"},
           {"tolerationSeconds", 300}}}}}},
  };
}

json RunningPodStatusPatch(int index) {
  return {
      {"status",
       {{"phase", "Running"},
        {"conditions",
         {Condition("PodScheduled"), Condition("Initialized"), Condition("ContainersReady"),
          Condition("Ready")}},
        {"hostIP", "10.0.0.1"},
        {"podIP", absl::StrCat("10.244.", index / 250 % 250, ".", index % 250 + 1)},
        {"startTime", kTimestamp},
        {"qosClass", "Burstable"},
        {"containerStatuses",
         {ContainerStatus("seid", "ghcr.io/sei-protocol/sei:v6.1.0", index),
          ContainerStatus("sidecar", "ghcr.io/sei-protocol/sei-sidecar:v0.4.2", index)}}}},
  };
}

json ConfigMapObject(const std::string& ns, const std::string& name, int revision) {
  return {{"apiVersion", "v1"},
          {"kind", "ConfigMap"},
          {"metadata", {{"name", name}, {"namespace", ns}, {"labels", {{"app", "bench"}}}}},
          {"data",
           {{"revision", std::to_string(revision)},
            {"chain-id", "pacific-1"},
            {"peers", "a1b2c3@10.0.0.1:26656,d4e5f6@10.0.0.2:26656"}}}};
}

}  // namespace sei::controlplane::bench
