#include "lib/sidecar/observed_sidecar_client.h"

#include <string>
#include <utility>

namespace sei::sidecar {
namespace {

// "ok", or the snake-case name of the status's code.
absl::string_view OutcomeOf(const absl::Status& status) {
  switch (status.code()) {
    case absl::StatusCode::kOk:
      return "ok";
    case absl::StatusCode::kCancelled:
      return "cancelled";
    case absl::StatusCode::kUnknown:
      return "unknown";
    case absl::StatusCode::kInvalidArgument:
      return "invalid_argument";
    case absl::StatusCode::kDeadlineExceeded:
      return "deadline_exceeded";
    case absl::StatusCode::kNotFound:
      return "not_found";
    case absl::StatusCode::kAlreadyExists:
      return "already_exists";
    case absl::StatusCode::kPermissionDenied:
      return "permission_denied";
    case absl::StatusCode::kResourceExhausted:
      return "resource_exhausted";
    case absl::StatusCode::kFailedPrecondition:
      return "failed_precondition";
    case absl::StatusCode::kAborted:
      return "aborted";
    case absl::StatusCode::kOutOfRange:
      return "out_of_range";
    case absl::StatusCode::kUnimplemented:
      return "unimplemented";
    case absl::StatusCode::kInternal:
      return "internal";
    case absl::StatusCode::kUnavailable:
      return "unavailable";
    case absl::StatusCode::kDataLoss:
      return "data_loss";
    case absl::StatusCode::kUnauthenticated:
      return "unauthenticated";
    default:
      return "unknown";  // a code absl does not define
  }
}

class ObservedSidecarClient : public SidecarClient {
 public:
  ObservedSidecarClient(std::unique_ptr<SidecarClient> inner, SidecarCallObserver observer)
      : inner_(std::move(inner)), observer_(std::move(observer)) {}

  absl::Status Submit(const TaskRequest& request) override {
    absl::Status status = inner_->Submit(request);
    Report("submit", status);
    return status;
  }

  absl::StatusOr<TaskResult> GetTask(absl::string_view id) override {
    absl::StatusOr<TaskResult> result = inner_->GetTask(id);
    Report("get_task", result.status());
    return result;
  }

  absl::StatusOr<Health> Healthz() override {
    absl::StatusOr<Health> result = inner_->Healthz();
    Report("healthz", result.status());
    return result;
  }

  absl::StatusOr<std::string> NodeId() override {
    absl::StatusOr<std::string> result = inner_->NodeId();
    Report("node_id", result.status());
    return result;
  }

 private:
  void Report(absl::string_view call, const absl::Status& status) const {
    observer_(SidecarCall{call, OutcomeOf(status)});
  }

  const std::unique_ptr<SidecarClient> inner_;
  const SidecarCallObserver observer_;
};

}  // namespace

ObservedSidecarClientFactory::ObservedSidecarClientFactory(SidecarClientFactory* inner,
                                                           SidecarCallObserver observer)
    : inner_(inner), observer_(std::move(observer)) {}

absl::StatusOr<std::unique_ptr<SidecarClient>> ObservedSidecarClientFactory::ForNode(
    absl::string_view ns, absl::string_view name) {
  absl::StatusOr<std::unique_ptr<SidecarClient>> client = inner_->ForNode(ns, name);
  if (!client.ok()) return client.status();
  return std::make_unique<ObservedSidecarClient>(*std::move(client), observer_);
}

}  // namespace sei::sidecar
