// The Kubernetes REST API over the object store: authentication, discovery,
// and every verb on every served resource (get, list, watch, create,
// update, patch, delete, deletecollection, and the status subresource),
// with the apiserver's status codes and Status errors. Transport-free: it
// maps an HttpRequest to an HttpResponse (a watch's is a stream).
#ifndef SEI_LIB_CONTROLPLANE_HTTP_API_HANDLER_H_
#define SEI_LIB_CONTROLPLANE_HTTP_API_HANDLER_H_

#include <functional>
#include <mutex>
#include <string>

#include "lib/controlplane/apiserver/clock.h"
#include "lib/controlplane/apiserver/object_store.h"
#include "lib/controlplane/apiserver/resource_registry.h"
#include "lib/controlplane/http/authenticator.h"
#include "lib/controlplane/http/http_message.h"
#include "lib/controlplane/http/media_type.h"
#include "lib/controlplane/http/table.h"
#include "lib/controlplane/http/watch_stream.h"

namespace sei::controlplane {

struct ApiHandlerOptions {
  // Ages in Table output; nullptr = RealClock(). Use the store's clock.
  const Clock* clock = nullptr;
  WatchStreamLimits watch_limits;
};

// Authentication follows kube-apiserver 1.32 with anonymous requests
// restricted to the health and version endpoints (the structured
// authentication configuration's `anonymous.conditions`): without a token,
// /version, /healthz, /readyz and /livez answer, everything else is 401; an
// unknown token is 401 everywhere.
//
// Thread-safe; all pointers must outlive the handler.
class ApiHandler {
 public:
  ApiHandler(ObjectStore* store, ResourceRegistry* registry,
             const TokenAuthenticator* authenticator, ApiHandlerOptions options = {});

  // "127.0.0.1:6443", for /api's serverAddressByClientCIDRs (known only
  // once the listener is bound).
  void SetServerAddress(std::string address);

  HttpResponse Handle(const HttpRequest& request) const;

 private:
  struct Call;  // one request being served (api_handler.cc)

  HttpResponse Dispatch(Call& call) const;
  HttpResponse Discovery(Call& call) const;
  HttpResponse Resource(Call& call) const;
  HttpResponse Get(Call& call) const;
  HttpResponse List(Call& call) const;
  HttpResponse Represent(const Call& call, const nlohmann::json& value,
                         const Negotiated& negotiated, TableOptions::Include include,
                         bool is_list) const;
  HttpResponse Watch(Call& call) const;
  HttpResponse Create(Call& call) const;
  HttpResponse Update(Call& call) const;
  // What POST and PUT share: negotiate the response, decode the body, read
  // the write options and field validation, then `write` the object and
  // answer `success_code` with the result and any validation warnings.
  using ObjectWrite = std::function<absl::StatusOr<nlohmann::json>(nlohmann::json object,
                                                                   const WriteOptions& options)>;
  HttpResponse WriteObject(Call& call, int success_code, const ObjectWrite& write) const;
  HttpResponse Patch(Call& call) const;
  HttpResponse Delete(Call& call) const;
  HttpResponse DeleteCollection(Call& call) const;

  std::string ServerAddress() const;

  ObjectStore* const store_;
  ResourceRegistry* const registry_;
  const TokenAuthenticator* const authenticator_;
  const ApiHandlerOptions options_;
  mutable std::mutex mu_;
  std::string server_address_;
};

}  // namespace sei::controlplane

#endif  // SEI_LIB_CONTROLPLANE_HTTP_API_HANDLER_H_
