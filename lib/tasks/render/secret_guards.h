// Render-time checks that key material reaches only the container meant to
// hold it (tasks.md §5.5, §5.9.1). They inspect the finished pod spec, so a
// future change to any container builder cannot leak a Secret silently.
#ifndef SEI_LIB_TASKS_RENDER_SECRET_GUARDS_H_
#define SEI_LIB_TASKS_RENDER_SECRET_GUARDS_H_

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "lib/k8s/kube_client.h"
#include "proto/sei/v1alpha1/seinode.pb.h"

namespace sei::tasks::render {

// Only for a validator with operatorKeyring.secret (else OK): no container or
// init container but sei-sidecar may mount volume `operator-keyring` or take
// the passphrase Secret through env[].valueFrom.secretKeyRef or
// envFrom[].secretRef. Fails with every violation, e.g.
//   keyring containment violated in pod <ns>/<pod>: container "seid" mounts
//   volume "operator-keyring" (volumeMounts[operator-keyring])
absl::Status CheckKeyringContainment(const v1alpha1::SeiNode& node, absl::string_view pod_name,
                                     const k8s::Object& pod_spec);

// The bootstrap pod may not reference the signing-key Secret, the
// operator-keyring Secret or its passphrase Secret in a volume,
// env[].valueFrom.secretKeyRef or envFrom[].secretRef. Fails with every
// violation, e.g.
//   bootstrap pod <ns>/<job> must not reference Secret "k" (volumes[signing-key])
absl::Status CheckBootstrapSecretIsolation(const v1alpha1::SeiNode& node,
                                           absl::string_view job_name, const k8s::Object& pod_spec);

}  // namespace sei::tasks::render

#endif  // SEI_LIB_TASKS_RENDER_SECRET_GUARDS_H_
