#include "lib/tasks/render/secret_guards.h"

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "lib/tasks/render/pod_references.h"
#include "lib/tasks/render/sidecar_container.h"
#include "lib/tasks/render/validator_secrets.h"
#include "lib/tasks/render/volumes.h"

namespace sei::tasks::render {
namespace {

using Kind = PodReference::Kind;

bool IsEnvSecret(const PodReference& reference) {
  return reference.kind == Kind::kEnvSecretKeyRef || reference.kind == Kind::kEnvFromSecret;
}

// `container "seid" mounts volume "operator-keyring" (volumeMounts[...])` or
// `container "seid" references Secret "p" (env[X].valueFrom.secretKeyRef)`.
std::string DescribeContainerReference(const PodReference& reference) {
  if (reference.kind == Kind::kVolumeMount) {
    return absl::StrCat("container \"", reference.container, "\" mounts volume \"",
                        reference.target, "\" (", reference.where, ")");
  }
  return absl::StrCat("container \"", reference.container, "\" references Secret \"",
                      reference.target, "\" (", reference.where, ")");
}

// `Secret "k" (volumes[signing-key])` or
// `Secret "k" (container "seid" env[X].valueFrom.secretKeyRef)`.
std::string DescribeSecretReference(const PodReference& reference) {
  if (reference.container.empty()) {
    return absl::StrCat("Secret \"", reference.target, "\" (", reference.where, ")");
  }
  return absl::StrCat("Secret \"", reference.target, "\" (container \"", reference.container, "\" ",
                      reference.where, ")");
}

}  // namespace

absl::Status CheckKeyringContainment(const v1alpha1::SeiNode& node, absl::string_view pod_name,
                                     const k8s::Object& pod_spec) {
  const ValidatorSecrets secrets = ValidatorSecretsOf(node);
  if (!secrets.has_operator_keyring) return absl::OkStatus();
  std::vector<std::string> violations;
  for (const PodReference& reference : PodReferences(pod_spec)) {
    if (reference.container.empty() || reference.container == kSidecarContainer) continue;
    const bool mounts_keyring =
        reference.kind == Kind::kVolumeMount && reference.target == kOperatorKeyringVolume;
    const bool reads_passphrase =
        IsEnvSecret(reference) && reference.target == secrets.passphrase_secret;
    if (mounts_keyring || reads_passphrase) {
      violations.push_back(DescribeContainerReference(reference));
    }
  }
  if (violations.empty()) return absl::OkStatus();
  return absl::FailedPreconditionError(absl::StrCat("keyring containment violated in pod ",
                                                    node.metadata().namespace_(), "/", pod_name,
                                                    ": ", absl::StrJoin(violations, "; ")));
}

absl::Status CheckBootstrapSecretIsolation(const v1alpha1::SeiNode& node,
                                           absl::string_view job_name,
                                           const k8s::Object& pod_spec) {
  const ValidatorSecrets secrets = ValidatorSecretsOf(node);
  std::vector<std::string> forbidden;
  for (const std::string* name :
       {&secrets.signing_key, &secrets.operator_keyring, &secrets.passphrase_secret}) {
    if (!name->empty()) forbidden.push_back(*name);
  }
  if (forbidden.empty()) return absl::OkStatus();
  std::vector<std::string> violations;
  for (const PodReference& reference : PodReferences(pod_spec)) {
    if (reference.kind == Kind::kVolumeMount) continue;  // the volume itself is what counts
    for (const std::string& secret : forbidden) {
      if (reference.target == secret) {
        violations.push_back(DescribeSecretReference(reference));
        break;
      }
    }
  }
  if (violations.empty()) return absl::OkStatus();
  return absl::FailedPreconditionError(absl::StrCat("bootstrap pod ", node.metadata().namespace_(),
                                                    "/", job_name, " must not reference ",
                                                    absl::StrJoin(violations, "; ")));
}

}  // namespace sei::tasks::render
