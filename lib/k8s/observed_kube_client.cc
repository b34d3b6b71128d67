#include "lib/k8s/observed_kube_client.h"

#include <utility>

#include "lib/k8s/api_error.h"

namespace sei::k8s {
namespace {

constexpr int kHttpOk = 200;
constexpr int kHttpCreated = 201;

}  // namespace

ObservedKubeClient::ObservedKubeClient(KubeClient* inner, ApiRequestObserver observer)
    : inner_(inner), observer_(std::move(observer)) {}

absl::StatusOr<Object> ObservedKubeClient::Get(const Resource& resource, absl::string_view ns,
                                               absl::string_view name) {
  absl::StatusOr<Object> result = inner_->Get(resource, ns, name);
  Report("get", resource, result.status(), kHttpOk);
  return result;
}

absl::StatusOr<ObjectList> ObservedKubeClient::List(const Resource& resource, absl::string_view ns,
                                                    const ListOptions& options) {
  absl::StatusOr<ObjectList> result = inner_->List(resource, ns, options);
  Report("list", resource, result.status(), kHttpOk);
  return result;
}

absl::StatusOr<Object> ObservedKubeClient::Create(const Resource& resource, absl::string_view ns,
                                                  const Object& object) {
  absl::StatusOr<Object> result = inner_->Create(resource, ns, object);
  Report("create", resource, result.status(), kHttpCreated);
  return result;
}

absl::StatusOr<Object> ObservedKubeClient::Update(const Resource& resource, absl::string_view ns,
                                                  const Object& object) {
  absl::StatusOr<Object> result = inner_->Update(resource, ns, object);
  Report("update", resource, result.status(), kHttpOk);
  return result;
}

absl::StatusOr<Object> ObservedKubeClient::UpdateStatus(const Resource& resource,
                                                        absl::string_view ns,
                                                        const Object& object) {
  absl::StatusOr<Object> result = inner_->UpdateStatus(resource, ns, object);
  Report("update", resource, result.status(), kHttpOk);
  return result;
}

absl::StatusOr<Object> ObservedKubeClient::Patch(const Resource& resource, absl::string_view ns,
                                                 absl::string_view name, PatchType type,
                                                 const Object& patch, const PatchOptions& options) {
  absl::StatusOr<Object> result = inner_->Patch(resource, ns, name, type, patch, options);
  Report("patch", resource, result.status(), kHttpOk);
  return result;
}

absl::Status ObservedKubeClient::Delete(const Resource& resource, absl::string_view ns,
                                        absl::string_view name, const DeleteOptions& options) {
  absl::Status status = inner_->Delete(resource, ns, name, options);
  Report("delete", resource, status, kHttpOk);
  return status;
}

absl::StatusOr<std::unique_ptr<WatchStream>> ObservedKubeClient::Watch(const Resource& resource,
                                                                       absl::string_view ns,
                                                                       const ListOptions& options) {
  absl::StatusOr<std::unique_ptr<WatchStream>> result = inner_->Watch(resource, ns, options);
  Report("watch", resource, result.status(), kHttpOk);
  return result;
}

void ObservedKubeClient::Report(absl::string_view verb, const Resource& resource,
                                const absl::Status& status, int success_code) const {
  observer_(ApiRequest{verb, &resource, status.ok() ? success_code : HttpCodeOf(status)});
}

}  // namespace sei::k8s
