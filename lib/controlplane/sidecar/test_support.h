// Shared fixtures of sidecar_test: a fake clock and request builders.
#ifndef SEI_LIB_CONTROLPLANE_SIDECAR_TEST_SUPPORT_H_
#define SEI_LIB_CONTROLPLANE_SIDECAR_TEST_SUPPORT_H_

#include <string>
#include <utility>

#include "absl/time/time.h"
#include "lib/controlplane/sidecar/request.h"
#include "lib/controlplane/sidecar/sidecar_fleet.h"
#include <nlohmann/json.hpp>

namespace sei::controlplane::sidecar::testing {

class FakeClock final : public Clock {
 public:
  absl::Time Now() const override { return now_; }
  void Advance(absl::Duration d) { now_ += d; }

 private:
  absl::Time now_ = absl::FromUnixSeconds(1798761600);  // 2027-01-01T00:00:00Z
};

inline constexpr char kNs[] = "chain";
inline constexpr char kNode[] = "node-0";
inline constexpr char kTaskId[] = "859d8a92-0e5b-5f33-a9a1-1b3c5f3f0a10";
inline constexpr char kOtherTaskId[] = "11111111-2222-4333-8444-555555555555";

// A request as the proxy forwards it: X-Remote-User set once.
inline Request Proxied(std::string method, std::string path, std::string body = "") {
  Request request;
  request.method = std::move(method);
  request.path = std::move(path);
  request.body = std::move(body);
  request.headers.emplace("x-remote-user", "system:serviceaccount:sei:operator");
  return request;
}

inline std::string TaskBody(const std::string& id, const std::string& type,
                            const nlohmann::json& params = nullptr) {
  nlohmann::json body;
  body["id"] = id;
  body["type"] = type;
  if (!params.is_null()) body["params"] = params;
  return body.dump();
}

// Helpers over one node of a fleet.
class Node {
 public:
  explicit Node(SidecarFleet* fleet, std::string ns = kNs, std::string node = kNode)
      : fleet_(fleet), ns_(std::move(ns)), node_(std::move(node)) {}

  Response Send(const Request& request) { return fleet_->Handle(ns_, node_, request); }
  Response Get(const std::string& path) { return Send(Proxied("GET", path)); }
  Response Delete(const std::string& path) { return Send(Proxied("DELETE", path)); }
  Response Post(const std::string& body) { return Send(Proxied("POST", "/v0/tasks", body)); }
  Response Submit(const std::string& id, const std::string& type,
                  const nlohmann::json& params = nullptr) {
    return Post(TaskBody(id, type, params));
  }
  // GET /v0/tasks/{id}, parsed.
  nlohmann::json Poll(const std::string& id) {
    return nlohmann::json::parse(Get("/v0/tasks/" + id).body);
  }
  int Healthz() { return Get("/v0/healthz").status; }

  const std::string& ns() const { return ns_; }
  const std::string& node() const { return node_; }

 private:
  SidecarFleet* fleet_;
  std::string ns_;
  std::string node_;
};

}  // namespace sei::controlplane::sidecar::testing

#endif  // SEI_LIB_CONTROLPLANE_SIDECAR_TEST_SUPPORT_H_
