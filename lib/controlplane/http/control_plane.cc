#include "lib/controlplane/http/control_plane.h"

#include <cstdio>
#include <utility>

#include "absl/strings/str_cat.h"
#include "lib/controlplane/http/api_handler.h"
#include "lib/controlplane/http/certificates.h"
#include "lib/controlplane/http/http_server.h"
#include "lib/controlplane/http/sidecar_pod_gate.h"
#include "lib/controlplane/http/sidecar_proxy.h"
#include "lib/controlplane/http/status_response.h"
#include "lib/controlplane/sidecar/system_clock.h"

namespace sei::controlplane {

struct ControlPlane::Servers {
  explicit Servers(int threads) : http(threads) {}
  // The handlers are declared before the server so that they outlive it.
  std::unique_ptr<ApiHandler> api;
  std::unique_ptr<SidecarPodGate> pod_gate;
  std::unique_ptr<SidecarProxy> sidecars;
  HttpServer http;
};

absl::StatusOr<std::unique_ptr<ControlPlane>> ControlPlane::Create(ControlPlaneOptions options) {
  std::unique_ptr<ControlPlane> plane(new ControlPlane());
  plane->tokens_ = options.tokens;
  if (plane->tokens_.empty()) {
    StaticToken admin;
    admin.token = RandomToken();
    admin.user = "admin";
    admin.groups = {"system:masters", "system:authenticated"};
    if (admin.token.empty()) return absl::InternalError("no randomness for the bearer token");
    plane->tokens_.push_back(std::move(admin));
  }
  for (const StaticToken& token : plane->tokens_) {
    if (token.token.empty() || token.user.empty()) {
      return absl::InvalidArgumentError("every token needs a non-empty token and user");
    }
  }
  if (options.tls) {
    auto bundle = GenerateCertificates();
    if (!bundle.ok()) return bundle.status();
    plane->ca_pem_ = bundle->ca_certificate_pem;
    plane->server_cert_pem_ = bundle->server_certificate_pem;
    plane->server_key_pem_ = bundle->server_private_key_pem;
  }
  plane->sidecar_clock_ = std::make_unique<sidecar::SystemClock>();
  plane->registry_ = NewRegistryWithBuiltins();
  plane->store_ = NewObjectStore(plane->registry_.get(), options.store);
  plane->fleet_ =
      std::make_unique<sidecar::SidecarFleet>(plane->sidecar_clock_.get(), options.sidecars);
  plane->authenticator_ = std::make_unique<TokenAuthenticator>(plane->tokens_);
  plane->options_ = std::move(options);
  return plane;
}

ControlPlane::~ControlPlane() { Stop(); }

void ControlPlane::AddBackgroundLoop(std::unique_ptr<BackgroundLoop> loop) {
  if (!started_ && loop != nullptr) loops_.push_back(std::move(loop));
}

absl::Status ControlPlane::Start() {
  if (started_) return absl::FailedPreconditionError("the control plane was already started");
  started_ = true;
  servers_ = std::make_unique<Servers>(options_.io_threads);
  ApiHandlerOptions api_options;
  api_options.clock = options_.store.clock;
  api_options.watch_limits = options_.watch_limits;
  servers_->api = std::make_unique<ApiHandler>(store_.get(), registry_.get(), authenticator_.get(),
                                               api_options);

  ListenerOptions api;
  api.port = options_.port;
  api.tls_certificate_chain_pem = server_cert_pem_;
  api.tls_private_key_pem = server_key_pem_;
  api.max_body_bytes = options_.max_body_bytes;
  api.handler = [handler = servers_->api.get()](const HttpRequest& request) {
    return handler->Handle(request);
  };
  api.error_response = [](int code, absl::string_view message) {
    return StatusForCode(code, message);
  };
  auto port = servers_->http.Listen(std::move(api));
  if (!port.ok()) return port.status();
  port_ = *port;
  servers_->api->SetServerAddress(absl::StrCat("127.0.0.1:", port_));

  if (options_.serve_sidecars) {
    if (options_.require_running_pod) {
      servers_->pod_gate =
          std::make_unique<SidecarPodGate>(store_.get(), registry_->Find("", "v1", "pods"));
    }
    servers_->sidecars = std::make_unique<SidecarProxy>(fleet_.get(), authenticator_.get(),
                                                        servers_->pod_gate.get());
    ListenerOptions sidecars;
    sidecars.port = options_.sidecar_port;
    sidecars.max_body_bytes = options_.max_body_bytes;
    sidecars.handler = [proxy = servers_->sidecars.get()](const HttpRequest& request) {
      return proxy->Handle(request);
    };
    auto sidecar_port = servers_->http.Listen(std::move(sidecars));
    if (!sidecar_port.ok()) return sidecar_port.status();
    sidecar_port_ = *sidecar_port;
  }
  servers_->http.Start();
  for (auto& loop : loops_) loop->Start();
  return absl::OkStatus();
}

void ControlPlane::Stop() {
  if (stopped_) return;
  stopped_ = true;
  if (!started_) return;
  for (auto it = loops_.rbegin(); it != loops_.rend(); ++it) (*it)->Stop();
  if (servers_) servers_->http.Stop();
}

std::string ControlPlane::ServerUrl() const {
  return absl::StrCat(options_.tls ? "https" : "http", "://127.0.0.1:", port_);
}

std::string ControlPlane::SidecarUrlTemplate() const {
  return absl::StrCat("http://127.0.0.1:", sidecar_port_, "/{namespace}/{name}");
}

KubeconfigOptions ControlPlane::Kubeconfig() const {
  KubeconfigOptions kubeconfig;
  kubeconfig.server = ServerUrl();
  kubeconfig.ca_certificate_pem = ca_pem_;
  kubeconfig.token = token();
  return kubeconfig;
}

absl::Status ControlPlane::WriteKubeconfig(const std::string& path) const {
  return sei::controlplane::WriteKubeconfig(path, Kubeconfig());
}

}  // namespace sei::controlplane
