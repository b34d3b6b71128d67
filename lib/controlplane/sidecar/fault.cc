#include "lib/controlplane/sidecar/fault.h"

#include <utility>

#include "absl/strings/match.h"

namespace sei::controlplane::sidecar {

Fault Fault::None() { return Fault(); }

Fault Fault::ConnectionRefused() {
  Fault fault;
  fault.kind = Kind::kConnectionRefused;
  return fault;
}

Fault Fault::Hang() {
  Fault fault;
  fault.kind = Kind::kHang;
  return fault;
}

Fault Fault::HttpStatus(int status, std::string body) {
  Fault fault;
  fault.kind = Kind::kHttpStatus;
  fault.status = status;
  fault.body = std::move(body);
  return fault;
}

Fault Fault::StoreUnavailable(std::string error) {
  Fault fault;
  fault.kind = Kind::kStoreUnavailable;
  fault.store_error = std::move(error);
  return fault;
}

Fault Fault::PersistTaskFailure(std::string error) {
  return StoreUnavailable(std::move(error)).OnlyFor("POST", "/v0/tasks");
}

Fault Fault::OnlyFor(std::string request_method, std::string request_path_prefix) const {
  Fault copy = *this;
  copy.method = std::move(request_method);
  copy.path_prefix = std::move(request_path_prefix);
  return copy;
}

Fault Fault::Times(int count) const {
  Fault copy = *this;
  copy.times = count;
  return copy;
}

bool Fault::AppliesTo(const Request& request) const {
  if (kind == Kind::kNone) return false;
  if (!method.empty() && request.method != method) return false;
  return path_prefix.empty() || absl::StartsWith(request.path, path_prefix);
}

}  // namespace sei::controlplane::sidecar
