#include "lib/planner/validation/seinodetask_admission.h"

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "lib/planner/validation/go_duration.h"
#include "lib/planner/validation/schema_checks.h"

namespace sei::planner {
namespace {

using schema::Add;
using schema::CheckConditions;
using schema::CheckEnum;
using schema::CheckMinimum;
using schema::CheckRequired;
using schema::CheckRule;
using schema::CheckString;
using schema::Child;
using schema::kRequiredString;
using schema::StringSchema;
using v1alpha1::SeiNodeTaskSpec;

constexpr StringSchema kGovKeyName{false, 0, schema::kKeyNamePattern, &schema::IsKeyName};
constexpr StringSchema kImage = schema::PlainString(true, 512);

// One row per kind: its payload field and the CEL rule (T2..T8) requiring it.
// The order is the schema's enum order, which is also the payloads' order.
struct KindPayload {
  absl::string_view kind;
  absl::string_view payload_field;
  bool (SeiNodeTaskSpec::*has_payload)() const;
  absl::string_view required_message;
};

constexpr KindPayload kKindPayloads[] = {
    {"GovSoftwareUpgrade", "govSoftwareUpgrade", &SeiNodeTaskSpec::has_gov_software_upgrade,
     "spec.govSoftwareUpgrade is required when kind=GovSoftwareUpgrade"},
    {"GovVote", "govVote", &SeiNodeTaskSpec::has_gov_vote,
     "spec.govVote is required when kind=GovVote"},
    {"AwaitCondition", "awaitCondition", &SeiNodeTaskSpec::has_await_condition,
     "spec.awaitCondition is required when kind=AwaitCondition"},
    {"UpdateNodeImage", "updateNodeImage", &SeiNodeTaskSpec::has_update_node_image,
     "spec.updateNodeImage is required when kind=UpdateNodeImage"},
    {"AwaitNodesAtHeight", "awaitNodesAtHeight", &SeiNodeTaskSpec::has_await_nodes_at_height,
     "spec.awaitNodesAtHeight is required when kind=AwaitNodesAtHeight"},
    {"DiscoverPeers", "discoverPeers", &SeiNodeTaskSpec::has_discover_peers,
     "spec.discoverPeers is required when kind=DiscoverPeers"},
    {"RestartPod", "restartPod", &SeiNodeTaskSpec::has_restart_pod,
     "spec.restartPod is required when kind=RestartPod"},
};

// The rules attached to `spec`, in the CRD's order T1..T10.
void CheckSpecRules(FieldViolations* out, const std::string& path, const SeiNodeTaskSpec& spec,
                    const SeiNodeTaskSpec* old) {
  int payloads = 0;
  for (const KindPayload& row : kKindPayloads) payloads += (spec.*row.has_payload)();
  CheckRule(out, path, payloads == 1,
            "exactly one of govSoftwareUpgrade, govVote, awaitCondition, updateNodeImage, "
            "awaitNodesAtHeight, discoverPeers, or restartPod must be set");  // T1
  for (const KindPayload& row : kKindPayloads) {                              // T2..T8
    CheckRule(out, path, spec.kind() != row.kind || (spec.*row.has_payload)(),
              row.required_message);
  }
  CheckRule(out, path,
            spec.kind() != "RestartPod" ||
                (spec.has_restart_pod() && !spec.restart_pod().pod_uid().empty()),
            "spec.restartPod.podUID is required when kind=RestartPod");  // T9
  if (old != nullptr) {
    CheckRule(out, path, spec.kind() == old->kind(), "spec.kind is immutable");  // T10
  }
}

void CheckKind(FieldViolations* out, const std::string& path, absl::string_view kind) {
  std::vector<absl::string_view> kinds;
  for (const KindPayload& row : kKindPayloads) kinds.push_back(row.kind);
  CheckEnum(out, path, kind, kinds, /*required=*/true);
}

void CheckTarget(FieldViolations* out, const std::string& path,
                 const v1alpha1::SeiNodeTaskTarget& target) {
  const std::string node_ref = Child(path, "nodeRef");
  CheckRequired(out, node_ref, target.has_node_ref());
  if (target.has_node_ref()) {
    CheckString(out, Child(node_ref, "name"), target.node_ref().name(), schema::kDnsLabelName);
  }
  const std::string& timeout = target.require_phase_timeout();
  if (!timeout.empty()) {
    const absl::StatusOr<absl::Duration> parsed = ParseGoDuration(timeout);
    if (!parsed.ok()) {
      Add(out, Child(path, "requirePhaseTimeout"),
          absl::StrCat("Invalid value: ", schema::QuoteValue(timeout),
                       ": must be a Go duration such as 5m, 90s or 1h30m (",
                       parsed.status().message(), ")"));
    }
  }
}

void CheckGovSoftwareUpgrade(FieldViolations* out, const std::string& path,
                             const v1alpha1::GovSoftwareUpgradePayload& p) {
  CheckString(out, Child(path, "chainId"), p.chain_id(), kRequiredString);
  CheckString(out, Child(path, "keyName"), p.key_name(), kGovKeyName);
  CheckString(out, Child(path, "title"), p.title(), kRequiredString);
  CheckString(out, Child(path, "description"), p.description(), kRequiredString);
  CheckString(out, Child(path, "upgradeName"), p.upgrade_name(), kRequiredString);
  CheckMinimum(out, Child(path, "upgradeHeight"), p.upgrade_height(), 1);
  CheckString(out, Child(path, "initialDeposit"), p.initial_deposit(), kRequiredString);
  CheckString(out, Child(path, "fees"), p.fees(), kRequiredString);
  CheckMinimum(out, Child(path, "gas"), p.gas(), 1);
}

void CheckGovVote(FieldViolations* out, const std::string& path,
                  const v1alpha1::GovVotePayload& p) {
  CheckString(out, Child(path, "chainId"), p.chain_id(), kRequiredString);
  CheckString(out, Child(path, "keyName"), p.key_name(), kGovKeyName);
  CheckMinimum(out, Child(path, "proposalId"), p.proposal_id(), 1);
  // Schema enum, case-sensitive (only the sidecar is lenient).
  CheckEnum(out, Child(path, "option"), p.option(),
            {"yes", "no", "abstain", "no_with_veto", "no-with-veto"}, true);
  CheckString(out, Child(path, "fees"), p.fees(), kRequiredString);
  CheckMinimum(out, Child(path, "gas"), p.gas(), 1);
}

void CheckAwaitCondition(FieldViolations* out, const std::string& path,
                         const v1alpha1::AwaitConditionPayload& p) {
  CheckRule(out, path, p.has_height(),
            "exactly one condition must be set (currently: height)");  // T11
  if (p.has_height()) {
    CheckMinimum(out, Child(Child(path, "height"), "targetHeight"), p.height().target_height(), 1);
  }
  CheckEnum(out, Child(path, "action"), p.action(), {"SIGTERM_SEID"}, false);
}

void CheckSpec(FieldViolations* out, const SeiNodeTaskSpec& spec, const SeiNodeTaskSpec* old) {
  const std::string path = "spec";
  CheckSpecRules(out, path, spec, old);
  CheckKind(out, Child(path, "kind"), spec.kind());
  CheckRequired(out, Child(path, "target"), spec.has_target());
  if (spec.has_target()) CheckTarget(out, Child(path, "target"), spec.target());
  CheckMinimum(out, Child(path, "timeoutSeconds"), spec.timeout_seconds(), 0);
  if (spec.has_gov_software_upgrade()) {
    CheckGovSoftwareUpgrade(out, Child(path, "govSoftwareUpgrade"), spec.gov_software_upgrade());
  }
  if (spec.has_gov_vote()) CheckGovVote(out, Child(path, "govVote"), spec.gov_vote());
  if (spec.has_await_condition()) {
    CheckAwaitCondition(out, Child(path, "awaitCondition"), spec.await_condition());
  }
  if (spec.has_update_node_image()) {
    CheckString(out, Child(Child(path, "updateNodeImage"), "image"),
                spec.update_node_image().image(), kImage);
  }
  if (spec.has_await_nodes_at_height()) {
    CheckMinimum(out, Child(Child(path, "awaitNodesAtHeight"), "targetHeight"),
                 spec.await_nodes_at_height().target_height(), 1);
  }
  if (spec.has_restart_pod()) {
    CheckString(out, Child(Child(path, "restartPod"), "podUID"), spec.restart_pod().pod_uid(),
                kRequiredString);
  }
}

void CheckStatus(FieldViolations* out, const v1alpha1::SeiNodeTaskStatus& status) {
  const std::string path = "status";
  if (status.has_task()) {
    CheckRequired(out, Child(Child(path, "task"), "status"),
                  status.task().status() != v1alpha1::TASK_STATUS_UNSPECIFIED);
  }
  CheckConditions(out, Child(path, "conditions"), status.conditions());
}

}  // namespace

FieldViolations ValidateSeiNodeTask(const v1alpha1::SeiNodeTask& task,
                                    const v1alpha1::SeiNodeTask* old_task) {
  FieldViolations out;
  // Task names are not embedded in DNS labels: the custom-resource rule only.
  schema::CheckObjectName(&out, task.metadata(), /*label_reason=*/"");
  if (task.has_spec()) {
    CheckSpec(&out, task.spec(),
              old_task != nullptr && old_task->has_spec() ? &old_task->spec() : nullptr);
  }
  if (task.has_status()) CheckStatus(&out, task.status());
  return out;
}

}  // namespace sei::planner
