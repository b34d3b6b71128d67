// Fixtures for the controller-task tests: a FakeKubeClient with the owning
// SeiNode stored (so owner references are not dangling and the fake's
// garbage collector leaves dependents alone), the matching protobuf node,
// and builders for the objects the tasks read.
#ifndef SEI_LIB_TASKS_CONTROLLER_TEST_SUPPORT_H_
#define SEI_LIB_TASKS_CONTROLLER_TEST_SUPPORT_H_

#include <google/protobuf/util/json_util.h>

#include <memory>
#include <string>

#include "absl/strings/escaping.h"
#include "absl/time/time.h"
#include "lib/k8s/fake_kube_client.h"
#include "lib/k8s/resource.h"
#include "lib/tasks/controller/controller_tasks.h"
#include "lib/tasks/controller/task_context.h"
#include "lib/tasks/platform/test_platform_config.h"
#include "proto/sei/v1alpha1/seinode.pb.h"

namespace sei::tasks::testing {

inline constexpr char kNodeName[] = "node-a";
inline constexpr char kNamespace[] = "default";

class TaskFixture {
 public:
  TaskFixture() : platform_(TestPlatformConfig()) {
    k8s::Object stored = kube_.Seed(
        k8s::resources::kSeiNode,
        {{"apiVersion", "sei.io/v1alpha1"},
         {"kind", "SeiNode"},
         {"metadata", {{"name", kNodeName}, {"namespace", kNamespace}}},
         {"spec",
          {{"chainId", "pacific-1"}, {"image", "sei:v2"}, {"fullNode", k8s::Object::object()}}}});
    node_.set_api_version("sei.io/v1alpha1");
    node_.set_kind("SeiNode");
    node_.mutable_metadata()->set_name(kNodeName);
    node_.mutable_metadata()->set_namespace_(kNamespace);
    node_.mutable_metadata()->set_uid(stored["metadata"]["uid"].get<std::string>());
    node_.mutable_metadata()->set_generation(4);
    node_.mutable_spec()->set_chain_id("pacific-1");
    node_.mutable_spec()->set_image("sei:v2");
    node_.mutable_spec()->mutable_full_node();
  }

  k8s::FakeKubeClient& kube() { return kube_; }
  v1alpha1::SeiNode& node() { return node_; }
  PlatformConfig& platform() { return platform_; }

  TaskContext Context() { return TaskContext{&kube_, &node_, &platform_, now_}; }
  // A SeiNodeTask-only context: no owning node.
  TaskContext TaskOnlyContext() { return TaskContext{&kube_, nullptr, &platform_, now_}; }

  absl::Time now() const { return now_; }

 private:
  k8s::FakeKubeClient kube_;
  v1alpha1::SeiNode node_;
  PlatformConfig platform_;
  absl::Time now_ = absl::FromUnixSeconds(1'800'000'000);
};

inline google::protobuf::Value Params(const std::string& json) {
  google::protobuf::Value value;
  if (!google::protobuf::util::JsonStringToMessage(json, &value).ok()) std::abort();
  return value;
}

inline std::unique_ptr<ControllerTask> MustMake(absl::string_view type, const std::string& json) {
  absl::StatusOr<std::unique_ptr<ControllerTask>> task = MakeControllerTask(type, Params(json));
  if (!task.ok()) std::abort();
  return *std::move(task);
}

inline std::string B64(absl::string_view text) { return absl::Base64Escape(text); }

inline k8s::Object Secret(const std::string& name, const k8s::Object& plain_data) {
  k8s::Object data = k8s::Object::object();
  for (auto it = plain_data.begin(); it != plain_data.end(); ++it) {
    data[it.key()] = B64(it.value().get<std::string>());
  }
  return {{"apiVersion", "v1"},
          {"kind", "Secret"},
          {"metadata", {{"name", name}, {"namespace", kNamespace}}},
          {"data", data}};
}

// A StatefulSet `<node>` with selector sei.io/node=<node> and `replicas`.
inline k8s::Object StatefulSet(int replicas) {
  k8s::Object container = {{"name", "seid"}, {"image", "sei:v2"}};
  k8s::Object selector = {{"matchLabels", {{"sei.io/node", kNodeName}}}};
  k8s::Object template_spec = {{"metadata", {{"labels", {{"sei.io/node", kNodeName}}}}},
                               {"spec", {{"containers", k8s::Object::array({container})}}}};
  k8s::Object spec = {{"replicas", replicas},
                      {"serviceName", kNodeName},
                      {"selector", selector},
                      {"template", template_spec}};
  return {{"apiVersion", "apps/v1"},
          {"kind", "StatefulSet"},
          {"metadata", {{"name", kNodeName}, {"namespace", kNamespace}}},
          {"spec", spec}};
}

// A pod labelled for the node, owned by the StatefulSet with `sts_uid`.
inline k8s::Object Pod(const std::string& name, const std::string& sts_uid,
                       const std::string& revision) {
  k8s::Object labels = {{"sei.io/node", kNodeName}};
  if (!revision.empty()) labels["controller-revision-hash"] = revision;
  return {
      {"apiVersion", "v1"},
      {"kind", "Pod"},
      {"metadata",
       {{"name", name},
        {"namespace", kNamespace},
        {"labels", labels},
        {"ownerReferences",
         {{{"apiVersion", "apps/v1"},
           {"kind", "StatefulSet"},
           {"name", kNodeName},
           {"uid", sts_uid},
           {"controller", true}}}}}},
      {"spec",
       {{"containers", k8s::Object::array({k8s::Object{{"name", "seid"}, {"image", "sei:v2"}}})}}}};
}

inline k8s::Object ReadyStatus(bool ready) {
  return {{"phase", "Running"},
          {"conditions", {{{"type", "Ready"}, {"status", ready ? "True" : "False"}}}}};
}

}  // namespace sei::tasks::testing

#endif  // SEI_LIB_TASKS_CONTROLLER_TEST_SUPPORT_H_
