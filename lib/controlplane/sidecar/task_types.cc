#include "lib/controlplane/sidecar/task_types.h"

#include <algorithm>
#include <iterator>

namespace sei::controlplane::sidecar {
namespace {

// §7, in the table's order.
constexpr absl::string_view kKnownTypes[] = {
    "snapshot-restore",
    "configure-genesis",
    "config-apply",
    "config-patch",
    "config-validate",
    "config-reload",
    "discover-peers",
    "configure-state-sync",
    "mark-ready",
    "snapshot-upload",
    "restart-seid",
    "result-export",
    "await-condition",
    "generate-identity",
    "generate-gentx",
    "upload-genesis-artifacts",
    "assemble-and-upload-genesis",
    "set-genesis-peers",
    "gov-vote",
    "gov-software-upgrade",
};

}  // namespace

bool IsKnownTaskType(absl::string_view type) {
  return std::find(std::begin(kKnownTypes), std::end(kKnownTypes), type) !=
         std::end(kKnownTypes);
}

}  // namespace sei::controlplane::sidecar
