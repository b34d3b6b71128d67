#include "lib/planner/nodetask/task_params.h"

#include <array>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "lib/planner/core/task_catalog.h"
#include "lib/planner/nodetask/discover_peer_sources.h"
#include "lib/planner/nodetask/kind.h"

namespace sei::planner::nodetask {
namespace {

using google::protobuf::Struct;
using google::protobuf::Value;

// ---- Struct access ----

void PutString(Struct* params, absl::string_view key, absl::string_view value) {
  (*params->mutable_fields())[std::string(key)].set_string_value(std::string(value));
}

void PutStringIfSet(Struct* params, absl::string_view key, absl::string_view value) {
  if (!value.empty()) PutString(params, key, value);
}

void PutNumber(Struct* params, absl::string_view key, double value) {
  (*params->mutable_fields())[std::string(key)].set_number_value(value);
}

const Value* Field(const Struct& params, absl::string_view key) {
  auto it = params.fields().find(std::string(key));
  return it == params.fields().end() ? nullptr : &it->second;
}

std::string StringField(const Struct& params, absl::string_view key) {
  const Value* v = Field(params, key);
  return v != nullptr && v->has_string_value() ? v->string_value() : std::string();
}

double NumberField(const Struct& params, absl::string_view key) {
  const Value* v = Field(params, key);
  return v != nullptr && v->has_number_value() ? v->number_value() : 0;
}

// ---- Building (§13.2, §13.4) ----

Failure ParamsBuildFailed(std::string message) {
  return Failure{std::string(kReasonParamsBuildFailed), std::move(message)};
}

// `spec.<payload> is required for kind=<Kind>` (§10.2).
Failure MissingPayload(NodeTaskKind kind) {
  return ParamsBuildFailed(
      absl::StrCat("spec.", KindPayloadField(kind), " is required for kind=", KindName(kind)));
}

bool HasPayload(const v1alpha1::SeiNodeTaskSpec& spec, NodeTaskKind kind) {
  switch (kind) {
    case NodeTaskKind::kGovSoftwareUpgrade:
      return spec.has_gov_software_upgrade();
    case NodeTaskKind::kGovVote:
      return spec.has_gov_vote();
    case NodeTaskKind::kAwaitCondition:
      return spec.has_await_condition();
    case NodeTaskKind::kUpdateNodeImage:
      return spec.has_update_node_image();
    case NodeTaskKind::kAwaitNodesAtHeight:
      return spec.has_await_nodes_at_height();
    case NodeTaskKind::kDiscoverPeers:
      return spec.has_discover_peers();
    case NodeTaskKind::kRestartPod:
      return spec.has_restart_pod();
  }
  return false;
}

// Gov keyName: the payload value, else derived from the target; omitted in
// the validation pass when only the target could supply it.
void PutKeyName(Struct* params, absl::string_view payload_key_name,
                const v1alpha1::SeiNode* target) {
  if (target != nullptr) {
    PutString(params, "keyName", DeriveKeyName(payload_key_name, *target));
  } else {
    PutStringIfSet(params, "keyName", payload_key_name);
  }
}

void BuildGovVote(const v1alpha1::GovVotePayload& p, const v1alpha1::SeiNode* target,
                  Struct* params) {
  PutString(params, "chainId", p.chain_id());
  PutKeyName(params, p.key_name(), target);
  PutNumber(params, "proposalId", static_cast<double>(p.proposal_id()));
  PutString(params, "option", p.option());
  PutString(params, "fees", p.fees());
  PutNumber(params, "gas", static_cast<double>(p.gas()));
  PutStringIfSet(params, "memo", p.memo());
}

void BuildGovSoftwareUpgrade(const v1alpha1::GovSoftwareUpgradePayload& p,
                             const v1alpha1::SeiNode* target, Struct* params) {
  PutString(params, "chainId", p.chain_id());
  PutKeyName(params, p.key_name(), target);
  PutString(params, "title", p.title());
  PutString(params, "description", p.description());
  PutString(params, "upgradeName", p.upgrade_name());
  PutNumber(params, "upgradeHeight", static_cast<double>(p.upgrade_height()));
  PutString(params, "initialDeposit", p.initial_deposit());
  PutString(params, "fees", p.fees());
  PutNumber(params, "gas", static_cast<double>(p.gas()));
  PutStringIfSet(params, "upgradeInfo", p.upgrade_info());
  PutStringIfSet(params, "memo", p.memo());
}

void BuildHeightWait(int64_t target_height, absl::string_view action, Struct* params) {
  PutString(params, "condition", "height");
  PutNumber(params, "targetHeight", static_cast<double>(target_height));
  PutStringIfSet(params, "action", action);
}

void BuildNodeRef(const v1alpha1::SeiNodeTask& task, Struct* params) {
  PutString(params, "nodeName", task.spec().target().node_ref().name());
  PutString(params, "namespace", task.metadata().namespace_());
}

// Fills request->params for `kind`; a failure when the kind cannot be built.
std::optional<Failure> BuildKindParams(const v1alpha1::SeiNodeTask& task, NodeTaskKind kind,
                                       const v1alpha1::SeiNode* target, Struct* params) {
  const v1alpha1::SeiNodeTaskSpec& spec = task.spec();
  if (!HasPayload(spec, kind)) return MissingPayload(kind);
  switch (kind) {
    case NodeTaskKind::kGovVote:
      BuildGovVote(spec.gov_vote(), target, params);
      break;
    case NodeTaskKind::kGovSoftwareUpgrade:
      BuildGovSoftwareUpgrade(spec.gov_software_upgrade(), target, params);
      break;
    case NodeTaskKind::kAwaitCondition:
      if (!spec.await_condition().has_height()) {
        return ParamsBuildFailed(
            "spec.awaitCondition.height is required (height is the only condition wired in "
            "MVP)");
      }
      BuildHeightWait(spec.await_condition().height().target_height(),
                      spec.await_condition().action(), params);
      break;
    case NodeTaskKind::kAwaitNodesAtHeight:
      BuildHeightWait(spec.await_nodes_at_height().target_height(), "", params);
      break;
    case NodeTaskKind::kDiscoverPeers:
      if (target != nullptr) {
        google::protobuf::ListValue sources = BuildDiscoverPeerSources(*target);
        if (sources.values().empty()) {
          return ParamsBuildFailed(NoUsablePeerSourcesMessage(target->metadata().name()));
        }
        *(*params->mutable_fields())["sources"].mutable_list_value() = std::move(sources);
      }
      break;
    case NodeTaskKind::kUpdateNodeImage:
      BuildNodeRef(task, params);
      PutString(params, "image", spec.update_node_image().image());
      break;
    case NodeTaskKind::kRestartPod:
      if (spec.restart_pod().pod_uid().empty()) {
        return ParamsBuildFailed("spec.restartPod.podUID is required for kind=RestartPod");
      }
      BuildNodeRef(task, params);
      PutString(params, "restartedPodUID", task.status().task().restarted_pod_uid());
      break;
  }
  return std::nullopt;
}

// ---- Local validation (§13.2) ----

std::optional<std::string> Invalid(absl::string_view type, absl::string_view reason) {
  return absl::StrCat("validating ", type, ": ", reason);
}

// The first of `keys` whose string value is empty, or nullptr.
template <size_t N>
const char* FirstEmpty(const Struct& params, const std::array<const char*, N>& keys) {
  for (const char* key : keys) {
    if (StringField(params, key).empty()) return key;
  }
  return nullptr;
}

// The first of `keys` whose numeric value is not > 0, or nullptr.
template <size_t N>
const char* FirstNonPositive(const Struct& params, const std::array<const char*, N>& keys) {
  for (const char* key : keys) {
    if (!(NumberField(params, key) > 0)) return key;
  }
  return nullptr;
}

template <size_t S, size_t P>
std::optional<std::string> CheckRequired(const TaskRequest& request,
                                         const std::array<const char*, S>& strings,
                                         const std::array<const char*, P>& positives) {
  if (const char* key = FirstEmpty(request.params, strings)) {
    return Invalid(request.type, absl::StrCat(key, " is required"));
  }
  if (const char* key = FirstNonPositive(request.params, positives)) {
    return Invalid(request.type, absl::StrCat(key, " must be greater than 0"));
  }
  return std::nullopt;
}

std::optional<std::string> ValidateGovVote(const TaskRequest& request) {
  if (auto invalid = CheckRequired(request, std::array{"chainId", "keyName", "fees"},
                                   std::array{"proposalId", "gas"})) {
    return invalid;
  }
  const std::string option = absl::AsciiStrToLower(StringField(request.params, "option"));
  for (absl::string_view allowed : {"yes", "no", "abstain", "no_with_veto", "no-with-veto"}) {
    if (option == allowed) return std::nullopt;
  }
  return Invalid(request.type,
                 absl::StrCat("option \"", StringField(request.params, "option"),
                              "\" is not one of yes, no, abstain, no_with_veto, no-with-veto"));
}

std::optional<std::string> ValidateGovSoftwareUpgrade(const TaskRequest& request) {
  return CheckRequired(request,
                       std::array{"chainId", "keyName", "title", "description", "upgradeName",
                                  "initialDeposit", "fees"},
                       std::array{"upgradeHeight", "gas"});
}

std::optional<std::string> ValidateAwaitCondition(const TaskRequest& request) {
  const std::string condition = StringField(request.params, "condition");
  if (condition != "height") {
    return Invalid(request.type,
                   absl::StrCat("unsupported condition \"", condition, "\" (only \"height\")"));
  }
  if (auto invalid =
          CheckRequired(request, std::array<const char*, 0>{}, std::array{"targetHeight"})) {
    return invalid;
  }
  const std::string action = StringField(request.params, "action");
  if (!action.empty() && action != "SIGTERM_SEID") {
    return Invalid(request.type,
                   absl::StrCat("unsupported action \"", action, "\" (only SIGTERM_SEID)"));
  }
  return std::nullopt;
}

std::optional<std::string> ValidateDiscoverPeers(const TaskRequest& request) {
  const Value* sources = Field(request.params, "sources");
  if (sources == nullptr || !sources->has_list_value() || sources->list_value().values().empty()) {
    return Invalid(request.type, "at least one source is required");
  }
  int index = 0;
  for (const Value& item : sources->list_value().values()) {
    const std::string where = absl::StrCat("source[", index++, "]: ");
    const Struct& source = item.struct_value();
    const std::string type = StringField(source, "type");
    if (type == "ec2Tags") {
      const Value* tags = Field(source, "tags");
      if (StringField(source, "region").empty()) {
        return Invalid(request.type, where + "ec2Tags requires a region");
      }
      if (tags == nullptr || tags->struct_value().fields().empty()) {
        return Invalid(request.type, where + "ec2Tags requires at least one tag");
      }
    } else if (type == "static") {
      const Value* addresses = Field(source, "addresses");
      if (addresses == nullptr || addresses->list_value().values().empty()) {
        return Invalid(request.type, where + "static requires at least one address");
      }
    } else {
      return Invalid(request.type, absl::StrCat(where, "unknown source type \"", type, "\""));
    }
  }
  return std::nullopt;
}

using Validator = std::optional<std::string> (*)(const TaskRequest&);

// The §13.2 validator of a SeiNodeTask sidecar type, or nullptr.
Validator SidecarValidator(absl::string_view type) {
  if (type == task_type::kGovVote) return ValidateGovVote;
  if (type == task_type::kGovSoftwareUpgrade) return ValidateGovSoftwareUpgrade;
  if (type == task_type::kAwaitCondition) return ValidateAwaitCondition;
  if (type == task_type::kDiscoverPeers) return ValidateDiscoverPeers;
  return nullptr;
}

}  // namespace

std::string DeriveKeyName(absl::string_view payload_key_name, const v1alpha1::SeiNode& target) {
  if (!payload_key_name.empty()) return std::string(payload_key_name);
  const v1alpha1::SeiNodeSpec& spec = target.spec();
  if (spec.has_validator() && spec.validator().has_operator_keyring() &&
      spec.validator().operator_keyring().has_secret()) {
    const std::string& key_name = spec.validator().operator_keyring().secret().key_name();
    return key_name.empty() ? "node_admin" : key_name;
  }
  return "validator";
}

ParamsResult BuildTaskRequest(const v1alpha1::SeiNodeTask& task, const v1alpha1::SeiNode* target) {
  ParamsResult result;
  std::optional<NodeTaskKind> kind = ParseKind(task.spec().kind());
  if (!kind.has_value()) {
    result.failure = Failure{
        std::string(kReasonUnsupportedKind),
        absl::StrCat("unsupported kind \"", task.spec().kind(), "\" is not wired in this build")};
    return result;
  }
  result.request.type = std::string(KindTaskType(*kind));
  result.request.id = task.status().task().id();
  result.failure = BuildKindParams(task, *kind, target, &result.request.params);
  return result;
}

std::optional<std::string> ValidateSidecarRequest(const TaskRequest& request) {
  if (Validator validate = SidecarValidator(request.type)) return validate(request);
  return Invalid(request.type, "not a SeiNodeTask sidecar task type");
}

std::optional<Failure> CheckTaskRequest(const TaskRequest& request) {
  if (request.type == task_type::kUpdateNodeImage) {
    if (FirstEmpty(request.params, std::array{"nodeName", "namespace", "image"}) != nullptr) {
      return Failure{std::string(kReasonDeserializeFailed),
                     "update-node-image: nodeName, namespace, and image are required"};
    }
    return std::nullopt;
  }
  if (request.type == task_type::kRestartPod) return std::nullopt;  // empty UID: §14.2
  Validator validate = SidecarValidator(request.type);
  if (validate == nullptr) {
    return Failure{std::string(kReasonDeserializeFailed),
                   absl::StrCat("unknown task type \"", request.type, "\"")};
  }
  if (std::optional<std::string> invalid = validate(request)) {
    return ParamsBuildFailed(*std::move(invalid));
  }
  return std::nullopt;
}

}  // namespace sei::planner::nodetask
