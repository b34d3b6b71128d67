// Injected faults of one simulated node (sidecar-protocol.md §13 "Fault
// injection"). Connection-level faults are enacted by the HTTP layer from
// Response::disposition; the rest are answered here.
#ifndef SEI_LIB_CONTROLPLANE_SIDECAR_FAULT_H_
#define SEI_LIB_CONTROLPLANE_SIDECAR_FAULT_H_

#include <string>

#include "lib/controlplane/sidecar/request.h"

namespace sei::controlplane::sidecar {

struct Fault {
  enum class Kind {
    kNone,
    // Nothing listens: Disposition::kRefuseConnection.
    kConnectionRefused,
    // The request is accepted and never answered: Disposition::kHang.
    kHang,
    // `status` with `body` as plain text, before authentication (what a
    // failing proxy or an overloaded pod answers).
    kHttpStatus,
    // The results store fails with `store_error` (§6.1 step 8, §4 livez):
    // POST answers 400 `persist task: <store_error>`, GET /v0/tasks/{id} and
    // DELETE answer 404 `task not found`, GET /v0/tasks answers [], livez
    // 503 (the error in the body with ?verbose=1). Runs that finish in the
    // background still record their result.
    kStoreUnavailable,
  };

  Kind kind = Kind::kNone;
  int status = 503;
  std::string body;
  std::string store_error = "database is locked";
  // Scope: only requests with this method / whose path starts with this
  // prefix ("" = any).
  std::string method;
  std::string path_prefix;
  // Only the next `times` requests in scope are affected, then the fault
  // clears itself; 0 = until replaced.
  int times = 0;

  static Fault None();
  static Fault ConnectionRefused();
  static Fault Hang();
  static Fault HttpStatus(int status, std::string body = "");
  static Fault StoreUnavailable(std::string error = "database is locked");
  // StoreUnavailable scoped to `POST /v0/tasks`: submissions fail with
  // 400 `persist task: <error>` while polls keep working (the transient 400
  // of §9.1 / H3).
  static Fault PersistTaskFailure(std::string error = "database is locked");

  // Copies with the scope narrowed.
  Fault OnlyFor(std::string request_method, std::string request_path_prefix = "") const;
  Fault Times(int count) const;

  // Whether the fault is active for `request`.
  bool AppliesTo(const Request& request) const;
};

}  // namespace sei::controlplane::sidecar

#endif  // SEI_LIB_CONTROLPLANE_SIDECAR_FAULT_H_
