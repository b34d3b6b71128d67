#include "lib/tasks/render/volumes.h"

#include <string>

#include "lib/tasks/render/names.h"
#include "lib/tasks/render/validator_secrets.h"

namespace sei::tasks::render {
namespace {

constexpr int kOwnerReadOnly = 0400;

// A Secret volume projecting exactly one key under its own file name.
k8s::Object SingleKeySecretVolume(absl::string_view volume, const std::string& secret,
                                  absl::string_view key) {
  return {
      {"name", std::string(volume)},
      {"secret",
       {{"secretName", secret},
        {"defaultMode", kOwnerReadOnly},
        {"items", k8s::Object::array({{{"key", std::string(key)}, {"path", std::string(key)}}})}}}};
}

}  // namespace

k8s::Object DataVolume(const v1alpha1::SeiNode& node) {
  return {{"name", std::string(kDataVolume)},
          {"persistentVolumeClaim", {{"claimName", DataPvcName(node)}}}};
}

k8s::Object RbacProxyConfigVolume(const v1alpha1::SeiNode& node) {
  return {{"name", std::string(kRbacProxyConfigVolume)},
          {"configMap", {{"name", RbacProxyConfigMapName(node)}}}};
}

k8s::Object ProductionVolumes(const v1alpha1::SeiNode& node) {
  k8s::Object volumes = k8s::Object::array();
  volumes.push_back(DataVolume(node));
  volumes.push_back(
      {{"name", std::string(kSidecarTmpVolume)}, {"emptyDir", k8s::Object::object()}});
  volumes.push_back(RbacProxyConfigVolume(node));
  const ValidatorSecrets secrets = ValidatorSecretsOf(node);
  if (!secrets.signing_key.empty()) {
    volumes.push_back(
        SingleKeySecretVolume(kSigningKeyVolume, secrets.signing_key, kSigningKeyFile));
  }
  if (!secrets.node_key.empty()) {
    volumes.push_back(SingleKeySecretVolume(kNodeKeyVolume, secrets.node_key, kNodeKeyFile));
  }
  if (secrets.has_operator_keyring) {
    // All keys: a file keyring is `<name>.info` plus `<address>.address` files.
    volumes.push_back(
        {{"name", std::string(kOperatorKeyringVolume)},
         {"secret", {{"secretName", secrets.operator_keyring}, {"defaultMode", kOwnerReadOnly}}}});
  }
  return volumes;
}

k8s::Object BootstrapVolumes(const v1alpha1::SeiNode& node) {
  return k8s::Object::array({DataVolume(node), RbacProxyConfigVolume(node)});
}

k8s::Object VolumeMount(absl::string_view volume, absl::string_view mount_path, bool read_only,
                        absl::string_view sub_path) {
  k8s::Object mount = {{"name", std::string(volume)}, {"mountPath", std::string(mount_path)}};
  if (read_only) mount["readOnly"] = true;
  if (!sub_path.empty()) mount["subPath"] = std::string(sub_path);
  return mount;
}

}  // namespace sei::tasks::render
