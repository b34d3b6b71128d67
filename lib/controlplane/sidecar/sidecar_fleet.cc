#include "lib/controlplane/sidecar/sidecar_fleet.h"

#include <utility>

#include "absl/status/status.h"
#include "lib/controlplane/sidecar/go_http.h"

namespace sei::controlplane::sidecar {
namespace {

// FNV-1a, to give each node its own reproducible ID sequence.
uint64_t Fnv1a(absl::string_view ns, absl::string_view node) {
  uint64_t h = 14695981039346656037ull;
  const auto mix = [&h](absl::string_view text) {
    for (const char c : text) {
      h ^= static_cast<unsigned char>(c);
      h *= 1099511628211ull;
    }
  };
  mix(ns);
  mix("/");
  mix(node);
  return h;
}

}  // namespace

SidecarFleet::SidecarFleet(const Clock* clock, FleetOptions options)
    : clock_(clock),
      options_(std::move(options)),
      rules_(std::make_shared<const OutcomeRules>()) {}

SidecarFleet::NodeKey SidecarFleet::Key(absl::string_view ns, absl::string_view node) {
  return {std::string(ns), std::string(node)};
}

SidecarFleet::Target SidecarFleet::Existing(absl::string_view ns, absl::string_view node) const {
  absl::MutexLock lock(&mu_);
  auto it = sidecars_.find(Key(ns, node));
  return Target{it != sidecars_.end() ? it->second : nullptr, rules_};
}

SidecarEnv SidecarFleet::Env(absl::string_view ns, absl::string_view node,
                             const Target& target) const {
  SidecarEnv env;
  env.clock = clock_;
  env.ns = ns;
  env.node = node;
  env.rules = target.rules.get();
  return env;
}

Response SidecarFleet::Handle(absl::string_view ns, absl::string_view node,
                              const Request& request) {
  const NodeKey key = Key(ns, node);
  Target target;
  Fault fault;
  NodeIdentity identity = NodeIdentity::Derived();
  {
    absl::MutexLock lock(&mu_);
    if (auto it = faults_.find(key); it != faults_.end() && it->second.AppliesTo(request)) {
      fault = it->second;
      if (it->second.times > 0 && --it->second.times == 0) faults_.erase(it);
    }
    std::shared_ptr<SimulatedSidecar>& sidecar = sidecars_[key];
    if (sidecar == nullptr) {
      sidecar = std::make_shared<SimulatedSidecar>(options_.auth_mode, &options_.network,
                                                   options_.random_seed ^ Fnv1a(ns, node));
    }
    target = Target{sidecar, rules_};
    if (auto it = identities_.find(key); it != identities_.end()) identity = it->second;
  }

  switch (fault.kind) {
    case Fault::Kind::kConnectionRefused:
    case Fault::Kind::kHang: {
      Response response;
      response.disposition = fault.kind == Fault::Kind::kHang ? Disposition::kHang
                                                              : Disposition::kRefuseConnection;
      return response;
    }
    case Fault::Kind::kHttpStatus: {
      Response response;
      response.status = fault.status;
      response.content_type = std::string(kPlainTextContentType);
      response.body = fault.body;
      return response;
    }
    default:
      break;
  }
  const absl::Status store = fault.kind == Fault::Kind::kStoreUnavailable
                                 ? absl::UnavailableError(fault.store_error)
                                 : absl::OkStatus();
  SimulatedSidecar::Reply reply =
      target.sidecar->Handle(request, Env(ns, node, target), identity, store);
  if (reply.submission.has_value()) {
    absl::MutexLock lock(&submissions_mu_);
    submissions_[key].push_back(*std::move(reply.submission));
  }
  return std::move(reply.response);
}

void SidecarFleet::SetOutcome(OutcomeRule rule) {
  absl::MutexLock lock(&mu_);
  auto next = std::make_shared<OutcomeRules>(*rules_);
  next->Add(std::move(rule));
  rules_ = std::move(next);
}

void SidecarFleet::ClearOutcomes() {
  absl::MutexLock lock(&mu_);
  rules_ = std::make_shared<const OutcomeRules>();
}

void SidecarFleet::SetFault(absl::string_view ns, absl::string_view node, Fault fault) {
  absl::MutexLock lock(&mu_);
  if (fault.kind == Fault::Kind::kNone) {
    faults_.erase(Key(ns, node));
  } else {
    faults_[Key(ns, node)] = std::move(fault);
  }
}

void SidecarFleet::Restart(absl::string_view ns, absl::string_view node) {
  const Target target = Existing(ns, node);
  if (target.sidecar != nullptr) target.sidecar->Restart(Env(ns, node, target));
}

void SidecarFleet::Remove(absl::string_view ns, absl::string_view node) {
  absl::MutexLock lock(&mu_);
  sidecars_.erase(Key(ns, node));
}

void SidecarFleet::SetIdentity(absl::string_view ns, absl::string_view node,
                               NodeIdentity identity) {
  absl::MutexLock lock(&mu_);
  identities_.insert_or_assign(Key(ns, node), std::move(identity));
}

void SidecarFleet::SetNodeId(absl::string_view ns, absl::string_view node, std::string node_id) {
  SetIdentity(ns, node, NodeIdentity::Fixed(std::move(node_id)));
}

void SidecarFleet::SetNodeKeyJson(absl::string_view ns, absl::string_view node,
                                  std::string node_key_json) {
  SetIdentity(ns, node, NodeIdentity::FromNodeKeyJson(std::move(node_key_json)));
}

void SidecarFleet::SetNodeKeyMissing(absl::string_view ns, absl::string_view node) {
  SetIdentity(ns, node, NodeIdentity::Missing());
}

absl::StatusOr<std::string> SidecarFleet::NodeId(absl::string_view ns,
                                                 absl::string_view node) const {
  NodeIdentity identity = NodeIdentity::Derived();
  {
    absl::MutexLock lock(&mu_);
    if (auto it = identities_.find(Key(ns, node)); it != identities_.end()) identity = it->second;
  }
  return identity.Resolve(ns, node);
}

std::vector<RecordedSubmission> SidecarFleet::Submissions(absl::string_view ns,
                                                          absl::string_view node) const {
  absl::MutexLock lock(&submissions_mu_);
  auto it = submissions_.find(Key(ns, node));
  return it != submissions_.end() ? it->second : std::vector<RecordedSubmission>();
}

bool SidecarFleet::Ready(absl::string_view ns, absl::string_view node) const {
  const Target target = Existing(ns, node);
  return target.sidecar != nullptr && target.sidecar->Ready(Env(ns, node, target));
}

std::optional<TaskRecord> SidecarFleet::Task(absl::string_view ns, absl::string_view node,
                                             absl::string_view task_id) const {
  const Target target = Existing(ns, node);
  if (target.sidecar == nullptr) return std::nullopt;
  return target.sidecar->FindTask(Env(ns, node, target), task_id);
}

std::optional<std::string> SidecarFleet::PersistentPeers(absl::string_view ns,
                                                         absl::string_view node) const {
  const Target target = Existing(ns, node);
  if (target.sidecar == nullptr) return std::nullopt;
  return target.sidecar->PersistentPeers(Env(ns, node, target));
}

std::optional<nlohmann::json> SidecarFleet::ConfigFile(absl::string_view ns,
                                                       absl::string_view node,
                                                       absl::string_view file) const {
  const Target target = Existing(ns, node);
  if (target.sidecar == nullptr) return std::nullopt;
  return target.sidecar->ConfigFile(Env(ns, node, target), file);
}

}  // namespace sei::controlplane::sidecar
