// Fresh plan IDs (plans.md §3: a random UUIDv4 per built plan). The planner
// takes its randomness from the caller; this is the caller's source.
#ifndef SEI_LIB_CONTROLLER_COMMON_RANDOM_UUID_H_
#define SEI_LIB_CONTROLLER_COMMON_RANDOM_UUID_H_

#include <string>

namespace sei::controller {

// A version-4 UUID from the OS's cryptographic random source.
std::string RandomUuid();

}  // namespace sei::controller

#endif  // SEI_LIB_CONTROLLER_COMMON_RANDOM_UUID_H_
