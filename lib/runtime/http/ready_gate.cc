#include "lib/runtime/http/ready_gate.h"

namespace sei::runtime {

HealthCheck ReadyGate::AsCheck() const {
  return [this]() -> absl::Status {
    if (IsOpen()) return absl::OkStatus();
    return absl::UnavailableError(waiting_for_);
  };
}

}  // namespace sei::runtime
