// This process's resident memory, for the "RSS delta after storing N
// objects" figure. The store, the server and the client share the
// process, so the delta counts everything those objects cost there.
#ifndef SEI_LIB_CONTROLPLANE_BENCH_PROCESS_MEMORY_H_
#define SEI_LIB_CONTROLPLANE_BENCH_PROCESS_MEMORY_H_

#include <cstddef>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace sei::controlplane::bench {

// VmRSS from /proc/self/status, in bytes. Errors: no /proc, no VmRSS line.
absl::StatusOr<size_t> ResidentSetBytes();

// The VmRSS line of a /proc/<pid>/status text ("VmRSS:   1234 kB"), in
// bytes. Errors: the line is missing or not in kB.
absl::StatusOr<size_t> ParseVmRss(absl::string_view status_text);

// Returns the heap's free pages to the kernel (glibc malloc_trim), so that a
// following ResidentSetBytes() counts live data rather than memory that
// finished requests freed but the allocator kept.
void ReleaseFreeHeap();

}  // namespace sei::controlplane::bench

#endif  // SEI_LIB_CONTROLPLANE_BENCH_PROCESS_MEMORY_H_
