// What a rendered pod spec points at: Secret volumes, volume mounts and
// Secret-sourced environment. The render guards (keyring containment,
// bootstrap secret isolation) are written as filters over this list, so they
// inspect the finished pod rather than trusting the code that built it.
#ifndef SEI_LIB_TASKS_RENDER_POD_REFERENCES_H_
#define SEI_LIB_TASKS_RENDER_POD_REFERENCES_H_

#include <string>
#include <vector>

#include "lib/k8s/kube_client.h"

namespace sei::tasks::render {

struct PodReference {
  enum class Kind {
    kSecretVolume,     // volumes[].secret.secretName
    kVolumeMount,      // containers[].volumeMounts[].name
    kEnvSecretKeyRef,  // containers[].env[].valueFrom.secretKeyRef.name
    kEnvFromSecret,    // containers[].envFrom[].secretRef.name
  };
  Kind kind;
  std::string container;  // "" for pod-level volumes
  std::string target;     // the Secret name, or the mounted volume's name
  std::string where;      // e.g. `volumes[signing-key]`, `env[SEI_KEYRING_PASSPHRASE]`
};

// Every reference of the pod spec, in order: volumes, then initContainers,
// then containers (each: volumeMounts, env, envFrom). Malformed entries
// (missing or non-string names) are skipped.
std::vector<PodReference> PodReferences(const k8s::Object& pod_spec);

}  // namespace sei::tasks::render

#endif  // SEI_LIB_TASKS_RENDER_POD_REFERENCES_H_
