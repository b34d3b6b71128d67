// The operator's checks of a sidecar task's wire params before it is sent
// (sidecar-protocol.md §7 "Client validation"). A failure is terminal for
// the plan (plans.md D2). discover-peers uses the SeiNodeTask controller's
// rules (planner::nodetask::ValidateSidecarRequest) so both controllers
// reject exactly the same payloads.
#ifndef SEI_LIB_TASKS_SIDECAR_CLIENT_VALIDATION_H_
#define SEI_LIB_TASKS_SIDECAR_CLIENT_VALIDATION_H_

#include <optional>
#include <string>

#include "absl/strings/string_view.h"
#include "google/protobuf/struct.pb.h"

namespace sei::tasks {

// nullopt when `params` (as built by BuildWireParams) may be sent, else
// `validating <type>: <reason>`. Rules:
//   config-apply                 mode one of validator/full/seed/archive;
//                                targetVersion 0 (the sidecar's current
//                                schema); every override key a dotted
//                                sei-config path (`section.key`, segments of
//                                [A-Za-z0-9_-])
//   config-patch                 at least one file
//   discover-peers               ≥ 1 source; ec2Tags: region and ≥ 1 tag;
//                                static: ≥ 1 address; no other type
//   generate-identity            chainId, moniker
//   generate-gentx               chainId, stakingAmount, accountBalance
//   upload-genesis-artifacts     nodeName
//   assemble-and-upload-genesis  accountBalance, namespace, ≥ 1 node; each
//                                account: a bech32 `sei` address, balance
// Every other type passes.
std::optional<std::string> ValidateWireParams(absl::string_view type,
                                              const google::protobuf::Struct& params);

}  // namespace sei::tasks

#endif  // SEI_LIB_TASKS_SIDECAR_CLIENT_VALIDATION_H_
