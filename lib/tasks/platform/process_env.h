// The real process environment as an EnvLookup. This is the only place in
// lib/tasks that reads the environment; everything else takes an EnvLookup so
// tests can supply a map.
#ifndef SEI_LIB_TASKS_PLATFORM_PROCESS_ENV_H_
#define SEI_LIB_TASKS_PLATFORM_PROCESS_ENV_H_

#include "lib/tasks/platform/platform_config.h"

namespace sei::tasks {

// getenv(name): nullopt when unset.
EnvLookup ProcessEnv();

}  // namespace sei::tasks

#endif  // SEI_LIB_TASKS_PLATFORM_PROCESS_ENV_H_
