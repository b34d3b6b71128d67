#include "lib/tasks/render/pod_references.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"

namespace sei::tasks::render {
namespace {

// object[key] as a string, or "" when absent or not a string.
std::string StringAt(const k8s::Object& object, absl::string_view key) {
  if (!object.is_object()) return "";
  auto it = object.find(std::string(key));
  return it != object.end() && it->is_string() ? it->get<std::string>() : "";
}

// object[key], or null when absent.
const k8s::Object& At(const k8s::Object& object, absl::string_view key) {
  static const k8s::Object* const kNull = new k8s::Object();
  if (!object.is_object()) return *kNull;
  auto it = object.find(std::string(key));
  return it != object.end() ? *it : *kNull;
}

// The items of a JSON array; nothing for anything else.
const k8s::Object& ArrayAt(const k8s::Object& object, absl::string_view key) {
  static const k8s::Object* const kEmpty = new k8s::Object(k8s::Object::array());
  const k8s::Object& value = At(object, key);
  return value.is_array() ? value : *kEmpty;
}

void AddContainerReferences(const k8s::Object& container, std::vector<PodReference>* out) {
  const std::string name = StringAt(container, "name");
  for (const k8s::Object& mount : ArrayAt(container, "volumeMounts")) {
    const std::string volume = StringAt(mount, "name");
    if (volume.empty()) continue;
    out->push_back({PodReference::Kind::kVolumeMount, name, volume,
                    absl::StrCat("volumeMounts[", volume, "]")});
  }
  for (const k8s::Object& env : ArrayAt(container, "env")) {
    const std::string secret = StringAt(At(At(env, "valueFrom"), "secretKeyRef"), "name");
    if (secret.empty()) continue;
    out->push_back({PodReference::Kind::kEnvSecretKeyRef, name, secret,
                    absl::StrCat("env[", StringAt(env, "name"), "].valueFrom.secretKeyRef")});
  }
  int index = 0;
  for (const k8s::Object& env_from : ArrayAt(container, "envFrom")) {
    const std::string secret = StringAt(At(env_from, "secretRef"), "name");
    if (!secret.empty()) {
      out->push_back({PodReference::Kind::kEnvFromSecret, name, secret,
                      absl::StrCat("envFrom[", index, "].secretRef")});
    }
    ++index;
  }
}

}  // namespace

std::vector<PodReference> PodReferences(const k8s::Object& pod_spec) {
  std::vector<PodReference> references;
  for (const k8s::Object& volume : ArrayAt(pod_spec, "volumes")) {
    const std::string secret = StringAt(At(volume, "secret"), "secretName");
    if (secret.empty()) continue;
    references.push_back({PodReference::Kind::kSecretVolume, "", secret,
                          absl::StrCat("volumes[", StringAt(volume, "name"), "]")});
  }
  for (const k8s::Object& container : ArrayAt(pod_spec, "initContainers")) {
    AddContainerReferences(container, &references);
  }
  for (const k8s::Object& container : ArrayAt(pod_spec, "containers")) {
    AddContainerReferences(container, &references);
  }
  return references;
}

}  // namespace sei::tasks::render
