// The simulated sidecars' HTTP mount: `/{namespace}/{node}/v0/...` on the
// sidecar listener reaches SidecarFleet::Handle(namespace, node, /v0/...).
// It plays the in-pod kube-rbac-proxy in front of each sidecar
// (sidecar-protocol.md §1): the probe paths pass untouched; every other path
// needs a valid bearer token (401 `Unauthorized` otherwise) and reaches the
// sidecar with `X-Remote-User: <the token's user>`, overwriting anything
// the client sent. With a pod gate, a node whose pod does not run gets the
// connection reset before any of that, as from a port nobody listens on.
#ifndef SEI_LIB_CONTROLPLANE_HTTP_SIDECAR_PROXY_H_
#define SEI_LIB_CONTROLPLANE_HTTP_SIDECAR_PROXY_H_

#include "lib/controlplane/http/authenticator.h"
#include "lib/controlplane/http/http_message.h"
#include "lib/controlplane/http/sidecar_pod_gate.h"
#include "lib/controlplane/sidecar/sidecar_fleet.h"

namespace sei::controlplane {

class SidecarProxy {
 public:
  // All must outlive the proxy. `pod_gate` nullptr: every node's sidecar
  // answers, whether or not its pod exists.
  SidecarProxy(sidecar::SidecarFleet* fleet, const TokenAuthenticator* authenticator,
               const SidecarPodGate* pod_gate = nullptr);

  // Thread-safe. Faults the fleet reports come back as the response's
  // disposition (reset the connection / never answer) for the server to
  // enact.
  HttpResponse Handle(const HttpRequest& request) const;

 private:
  sidecar::SidecarFleet* const fleet_;
  const TokenAuthenticator* const authenticator_;
  const SidecarPodGate* const pod_gate_;
};

}  // namespace sei::controlplane

#endif  // SEI_LIB_CONTROLPLANE_HTTP_SIDECAR_PROXY_H_
