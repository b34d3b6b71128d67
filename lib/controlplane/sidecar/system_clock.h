// The wall clock, for the control plane's server. Tests use a fake Clock.
#ifndef SEI_LIB_CONTROLPLANE_SIDECAR_SYSTEM_CLOCK_H_
#define SEI_LIB_CONTROLPLANE_SIDECAR_SYSTEM_CLOCK_H_

#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "lib/controlplane/sidecar/request.h"

namespace sei::controlplane::sidecar {

class SystemClock final : public Clock {
 public:
  absl::Time Now() const override { return absl::Now(); }
};

}  // namespace sei::controlplane::sidecar

#endif  // SEI_LIB_CONTROLPLANE_SIDECAR_SYSTEM_CLOCK_H_
