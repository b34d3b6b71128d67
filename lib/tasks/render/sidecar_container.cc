#include "lib/tasks/render/sidecar_container.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "lib/planner/plan/drift.h"
#include "lib/tasks/render/container_parts.h"
#include "lib/tasks/render/ports.h"
#include "lib/tasks/render/resources.h"
#include "lib/tasks/render/scripts.h"
#include "lib/tasks/render/security_context.h"
#include "lib/tasks/render/validator_secrets.h"
#include "lib/tasks/render/volumes.h"

namespace sei::tasks::render {
namespace {

// The eight variables both flavors set, in the spec's order.
k8s::Object CommonEnv(const v1alpha1::SeiNode& node, const PlatformConfig& config) {
  return k8s::Object::array({
      EnvVar("SEI_CHAIN_ID", node.spec().chain_id()),
      EnvVar("SEI_SIDECAR_PORT", absl::StrCat(SidecarPort(node))),
      EnvVar("SEI_HOME", kDataDir),
      EnvVar("SEI_GENESIS_BUCKET", config.genesis_bucket),
      EnvVar("SEI_GENESIS_REGION", config.genesis_region),
      EnvVar("SEI_SNAPSHOT_BUCKET", config.snapshot_bucket),
      EnvVar("SEI_SNAPSHOT_REGION", config.snapshot_region),
      // The proxy in front has already authenticated and authorised the caller
      // and forwards its identity in headers.
      EnvVar("SEI_SIDECAR_AUTHN_MODE", "trusted-header"),
  });
}

// Validators sign operator transactions: with the file keyring projected from
// Secrets when one is configured, else with the test keyring on the PVC.
void AddKeyringEnv(const ValidatorSecrets& secrets, k8s::Object* env) {
  if (secrets.has_operator_keyring) {
    env->push_back(EnvVar("SEI_KEYRING_BACKEND", "file"));
    env->push_back(EnvVar("SEI_KEYRING_DIR", kDataDir));
    env->push_back(
        SecretEnvVar("SEI_KEYRING_PASSPHRASE", secrets.passphrase_secret, secrets.passphrase_key));
  } else {
    env->push_back(EnvVar("SEI_KEYRING_BACKEND", "test"));
    env->push_back(EnvVar("SEI_KEYRING_DIR", kDataDir));
  }
}

}  // namespace

k8s::Object SidecarContainer(const v1alpha1::SeiNode& node, const PlatformConfig& config,
                             PodFlavor flavor) {
  k8s::Object container = {
      {"name", kSidecarContainer},
      {"image", planner::EffectiveSidecarImage(node.spec(), PlannerConfigOf(config))},
      {"command", {"seictl", "serve"}},
      {"restartPolicy", "Always"},
  };
  k8s::Object env = CommonEnv(node, config);
  k8s::Object mounts = k8s::Object::array({VolumeMount(kDataVolume, kDataDir)});
  if (flavor == PodFlavor::kProduction) {
    container["ports"] = k8s::Object::array({ContainerPort("sidecar", SidecarPort(node))});
    // The root filesystem is read-only; seictl's scratch space is /tmp.
    mounts.push_back(VolumeMount(kSidecarTmpVolume, "/tmp"));
    if (node.spec().has_validator()) {
      const ValidatorSecrets secrets = ValidatorSecretsOf(node);
      AddKeyringEnv(secrets, &env);
      if (secrets.has_operator_keyring) {
        mounts.push_back(VolumeMount(kOperatorKeyringVolume,
                                     absl::StrCat(kDataDir, "/keyring-file"),
                                     /*read_only=*/true));
      }
    }
    container["securityContext"] = HardenedSecurityContext();
  }
  container["env"] = std::move(env);
  container["volumeMounts"] = std::move(mounts);
  if (node.spec().sidecar().has_resources()) {
    container["resources"] = ResourceRequirementsJson(node.spec().sidecar().resources());
  }
  return container;
}

}  // namespace sei::tasks::render
