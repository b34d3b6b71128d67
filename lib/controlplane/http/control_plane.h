// The local control plane assembled: resource registry, object store and
// simulated sidecar fleet, served by one HTTP server with two loopback
// listeners — the Kubernetes API (HTTPS with a CA generated at startup, or
// plain HTTP) and the sidecar mount — plus the background loops of the
// simulated cluster. The binary (cmd/controlplane) and the tests use this.
#ifndef SEI_LIB_CONTROLPLANE_HTTP_CONTROL_PLANE_H_
#define SEI_LIB_CONTROLPLANE_HTTP_CONTROL_PLANE_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "lib/controlplane/apiserver/memory_store.h"
#include "lib/controlplane/apiserver/resource_registry.h"
#include "lib/controlplane/http/authenticator.h"
#include "lib/controlplane/http/background_loop.h"
#include "lib/controlplane/http/kubeconfig.h"
#include "lib/controlplane/http/watch_stream.h"
#include "lib/controlplane/sidecar/sidecar_fleet.h"

namespace sei::controlplane {

struct ControlPlaneOptions {
  uint16_t port = 0;          // the API; 0 = ephemeral
  uint16_t sidecar_port = 0;  // the sidecar mount; 0 = ephemeral
  bool serve_sidecars = true;
  // A node's sidecar answers only while its pod runs (sidecar_pod_gate.h);
  // otherwise the connection is reset, as a real pod's address would refuse
  // it. Turn off where nothing runs pods (no simulated cluster attached) and
  // the sidecars should answer anyway.
  bool require_running_pod = true;
  bool tls = true;  // false: the API listener speaks plain HTTP
  // Bearer tokens the API and the sidecar proxy accept; the first one goes
  // into the kubeconfig. Empty: one random token for user "admin".
  std::vector<StaticToken> tokens;
  int io_threads = 2;
  size_t max_body_bytes = 3 * 1024 * 1024;  // kube-apiserver's limit
  StoreOptions store;                       // its clock also dates Table ages
  sidecar::FleetOptions sidecars;
  WatchStreamLimits watch_limits;
};

class ControlPlane {
 public:
  // Builds everything but does not listen yet. Errors: certificate
  // generation, no randomness for the token.
  static absl::StatusOr<std::unique_ptr<ControlPlane>> Create(ControlPlaneOptions options);
  ~ControlPlane();  // Stop()s

  ControlPlane(const ControlPlane&) = delete;
  ControlPlane& operator=(const ControlPlane&) = delete;

  // Only before Start(). Loops start in the order added, stop in reverse.
  void AddBackgroundLoop(std::unique_ptr<BackgroundLoop> loop);

  // Binds both listeners, starts the I/O threads, then the loops. Errors:
  // a port in use. Once only.
  absl::Status Start();
  // Stops the loops, then the servers (ending open watches). Idempotent.
  void Stop();

  // The in-process interfaces (for loops and tests). Valid until destruction.
  MemoryStore* store() { return store_.get(); }
  ResourceRegistry* registry() { return registry_.get(); }
  sidecar::SidecarFleet* sidecars() { return fleet_.get(); }

  // Valid after Start().
  uint16_t port() const { return port_; }
  uint16_t sidecar_port() const { return sidecar_port_; }
  std::string ServerUrl() const;  // https://127.0.0.1:<port>
  // http://127.0.0.1:<sidecar port>/{namespace}/{name}: the operator's
  // sidecar URL template.
  std::string SidecarUrlTemplate() const;
  const std::string& ca_certificate_pem() const { return ca_pem_; }  // empty without TLS
  const std::string& token() const { return tokens_.front().token; }

  KubeconfigOptions Kubeconfig() const;
  absl::Status WriteKubeconfig(const std::string& path) const;

 private:
  ControlPlane() = default;
  struct Servers;  // the HTTP server and handlers (control_plane.cc)

  ControlPlaneOptions options_;
  std::vector<StaticToken> tokens_;
  std::string ca_pem_;
  std::string server_cert_pem_;
  std::string server_key_pem_;
  // Declaration order is destruction order reversed: servers and loops go
  // before the store and registry they use.
  std::unique_ptr<sidecar::Clock> sidecar_clock_;
  std::unique_ptr<ResourceRegistry> registry_;
  std::unique_ptr<MemoryStore> store_;
  std::unique_ptr<sidecar::SidecarFleet> fleet_;
  std::unique_ptr<TokenAuthenticator> authenticator_;
  std::vector<std::unique_ptr<BackgroundLoop>> loops_;
  std::unique_ptr<Servers> servers_;
  uint16_t port_ = 0;
  uint16_t sidecar_port_ = 0;
  bool started_ = false;
  bool stopped_ = false;
};

}  // namespace sei::controlplane

#endif  // SEI_LIB_CONTROLPLANE_HTTP_CONTROL_PLANE_H_
