#include "lib/tasks/render/security_context.h"

namespace sei::tasks::render {
namespace {

constexpr int kNonRootId = 65532;

}  // namespace

k8s::Object PodSecurityContext() {
  return {{"fsGroup", kNonRootId}, {"fsGroupChangePolicy", "OnRootMismatch"}};
}

k8s::Object SeidSecurityContext() {
  return {{"runAsNonRoot", true},
          {"runAsUser", kNonRootId},
          {"runAsGroup", kNonRootId},
          {"allowPrivilegeEscalation", false},
          {"capabilities", {{"drop", {"ALL"}}}},
          {"seccompProfile", {{"type", "RuntimeDefault"}}}};
}

k8s::Object HardenedSecurityContext() {
  k8s::Object context = SeidSecurityContext();
  context["readOnlyRootFilesystem"] = true;
  return context;
}

}  // namespace sei::tasks::render
