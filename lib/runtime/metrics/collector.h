// Anything the registry can scrape: one metric family that reports its
// series on demand.
#ifndef SEI_LIB_RUNTIME_METRICS_COLLECTOR_H_
#define SEI_LIB_RUNTIME_METRICS_COLLECTOR_H_

#include "lib/runtime/metrics/snapshot.h"

namespace sei::runtime::metrics {

class Collector {
 public:
  virtual ~Collector() = default;
  // Thread-safe; may run concurrently with updates.
  virtual FamilySnapshot Collect() const = 0;
};

}  // namespace sei::runtime::metrics

#endif  // SEI_LIB_RUNTIME_METRICS_COLLECTOR_H_
