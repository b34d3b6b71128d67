#include "lib/controlplane/http/sidecar_proxy.h"

#include <string>
#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "lib/controlplane/http/url.h"

namespace sei::controlplane {
namespace {

// kube-rbac-proxy's --ignore-paths of the node pods (exact matches).
bool IsExemptPath(absl::string_view path) {
  return path == "/v0/healthz" || path == "/v0/startupz" || path == "/v0/livez" ||
         path == "/v0/metrics";
}

HttpResponse PlainText(int code, absl::string_view text) {
  HttpResponse response;
  response.status = code;
  response.SetHeader("Content-Type", "text/plain; charset=utf-8");
  response.SetHeader("X-Content-Type-Options", "nosniff");
  response.body = absl::StrCat(text, "\n");
  return response;
}

}  // namespace

SidecarProxy::SidecarProxy(sidecar::SidecarFleet* fleet, const TokenAuthenticator* authenticator,
                           const SidecarPodGate* pod_gate)
    : fleet_(fleet), authenticator_(authenticator), pod_gate_(pod_gate) {}

HttpResponse SidecarProxy::Handle(const HttpRequest& request) const {
  // "/{ns}/{node}/rest": the first two raw segments name the pod.
  absl::string_view raw = request.path;
  if (!absl::ConsumePrefix(&raw, "/")) return PlainText(404, "404 page not found");
  const size_t first = raw.find('/');
  if (first == absl::string_view::npos) return PlainText(404, "404 page not found");
  const size_t second = raw.find('/', first + 1);
  const absl::string_view raw_ns = raw.substr(0, first);
  const absl::string_view raw_node = raw.substr(
      first + 1, second == absl::string_view::npos ? absl::string_view::npos : second - first - 1);
  const absl::string_view raw_rest =
      second == absl::string_view::npos ? absl::string_view("/") : raw.substr(second);
  auto ns = PercentDecode(raw_ns, false);
  auto node = PercentDecode(raw_node, false);
  // Go's r.URL.Path is the decoded path.
  auto rest = PercentDecode(raw_rest, false);
  if (!ns.ok() || !node.ok() || !rest.ok()) return PlainText(400, "400 Bad Request");
  if (ns->empty() || node->empty()) return PlainText(404, "404 page not found");
  // Without a running pod nothing listens at the sidecar's address, probe
  // paths included: the client sees what a refused connection gives it.
  if (pod_gate_ != nullptr && !pod_gate_->Reachable(*ns, *node)) {
    HttpResponse refused;
    refused.disposition = HttpResponse::Disposition::kResetConnection;
    return refused;
  }

  sidecar::Request forwarded;
  forwarded.method = request.method;
  forwarded.path = *std::move(rest);
  forwarded.query = request.query;
  forwarded.body = request.body;
  for (const auto& [name, value] : request.headers) {
    // The proxy owns these: the identity header is set only by it, and the
    // client's credentials stop here.
    if (name == "x-remote-user" || name == "authorization") continue;
    forwarded.headers.emplace(name, value);
  }
  if (!IsExemptPath(forwarded.path)) {
    const TokenAuthenticator::Outcome who = authenticator_->Authenticate(request);
    if (who.result != TokenAuthenticator::Result::kAuthenticated) {
      return PlainText(401, "Unauthorized");
    }
    forwarded.headers.emplace("x-remote-user", who.identity->user);
  }

  sidecar::Response answer = fleet_->Handle(*ns, *node, forwarded);
  HttpResponse response;
  switch (answer.disposition) {
    case sidecar::Disposition::kRefuseConnection:
      response.disposition = HttpResponse::Disposition::kResetConnection;
      return response;
    case sidecar::Disposition::kHang:
      response.disposition = HttpResponse::Disposition::kHang;
      return response;
    case sidecar::Disposition::kRespond:
      break;
  }
  response.status = answer.status;
  if (!answer.content_type.empty()) response.SetHeader("Content-Type", answer.content_type);
  for (auto& [name, value] : answer.headers) response.AddHeader(name, value);
  response.body = std::move(answer.body);
  return response;
}

}  // namespace sei::controlplane
