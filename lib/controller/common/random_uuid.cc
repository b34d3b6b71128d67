#include "lib/controller/common/random_uuid.h"

#include <openssl/rand.h>

#include <cstdio>
#include <cstdlib>

#include "lib/planner/core/task_id.h"

namespace sei::controller {

std::string RandomUuid() {
  planner::UuidBytes bytes{};
  if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1) {
    // Without randomness two plans could share an ID and so their task IDs:
    // stopping is safer than planning on a guessable value.
    std::fprintf(stderr, "fatal: the OS random source failed; cannot create plan IDs\n");
    std::abort();
  }
  return planner::Uuid4FromRandomBytes(bytes);
}

}  // namespace sei::controller
