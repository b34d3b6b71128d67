#include "lib/controlplane/sidecar/sidecar.h"

#include <utility>

#include "absl/strings/match.h"
#include "lib/controlplane/sidecar/go_http.h"
#include "lib/controlplane/sidecar/go_json.h"
#include "lib/controlplane/sidecar/task_request.h"

namespace sei::controlplane::sidecar {
namespace {

constexpr absl::string_view kTasksPath = "/v0/tasks";
constexpr absl::string_view kTaskPathPrefix = "/v0/tasks/";
constexpr size_t kListLimit = 100;  // §4 GET /v0/tasks

// Go 1.22 patterns: "GET /x" also serves HEAD; Allow lists are sorted.
constexpr absl::string_view kAllowGet = "GET, HEAD";
constexpr absl::string_view kAllowTasks = "GET, HEAD, POST";
constexpr absl::string_view kAllowTask = "DELETE, GET, HEAD";

bool IsGet(absl::string_view method) { return method == "GET" || method == "HEAD"; }

// The engine's view of the fleet's rules for this node.
auto OutcomesFor(const SidecarEnv& env) {
  return [&env](absl::string_view task_id, absl::string_view task_type) {
    return env.rules->Resolve(env.ns, env.node, task_id, task_type);
  };
}

}  // namespace

SimulatedSidecar::SimulatedSidecar(AuthMode auth_mode, const SimulatedNetwork* network,
                                   uint64_t seed)
    : auth_mode_(auth_mode),
      handlers_(&config_, network),
      engine_(&handlers_, &metrics_, seed) {}

absl::Time SimulatedSidecar::AdvanceLocked(const SidecarEnv& env) {
  const absl::Time now = env.clock->Now();
  engine_.Advance(now, OutcomesFor(env));
  return now;
}

SimulatedSidecar::Reply SimulatedSidecar::Handle(const Request& request, const SidecarEnv& env,
                                                 const NodeIdentity& identity,
                                                 const absl::Status& store) {
  absl::MutexLock lock(&mu_);
  const absl::Time now = AdvanceLocked(env);
  Reply reply;
  // §3: the middleware wraps the whole mux, so it runs before routing and
  // path cleaning and sees the raw path.
  if (auth_mode_ == AuthMode::kTrustedHeader) {
    if (std::optional<AuthRejection> rejection = CheckTrustedHeader(request)) {
      metrics_.CountAuthnRejection(rejection->reason);
      reply.response = JsonError(401, rejection->message);
      return reply;
    }
  }
  reply.response = Route(request, now, env, identity, store, &reply.submission);
  if (request.method == "HEAD") reply.response.body.clear();
  return reply;
}

Response SimulatedSidecar::Route(const Request& request, absl::Time now, const SidecarEnv& env,
                                 const NodeIdentity& identity, const absl::Status& store,
                                 std::optional<RecordedSubmission>* submission) {
  const std::string& path = request.path;
  const std::string& method = request.method;
  if (const std::string clean = CleanPath(path); clean != path) {
    return MovedPermanentlyTo(method, clean, request.query);
  }

  if (path == "/v0/healthz" || path == "/v0/startupz") {
    if (!IsGet(method)) return MethodNotAllowedResponse(kAllowGet);
    return EmptyResponse(engine_.ready() ? 200 : 503);
  }
  if (path == "/v0/livez") {
    if (!IsGet(method)) return MethodNotAllowedResponse(kAllowGet);
    if (store.ok()) return EmptyResponse(200);
    if (QueryValue(request.query, "verbose") == "1") return JsonError(503, store.message());
    return EmptyResponse(503);
  }
  if (path == "/v0/status") {
    if (!IsGet(method)) return MethodNotAllowedResponse(kAllowGet);
    nlohmann::ordered_json body;
    body["status"] = engine_.ready() ? "Ready" : "Initializing";
    return JsonResponse(200, body);
  }
  if (path == "/v0/metrics") {
    if (!IsGet(method)) return MethodNotAllowedResponse(kAllowGet);
    Response response;
    response.content_type = std::string(kPrometheusContentType);
    response.body = metrics_.RenderText();
    return response;
  }
  if (path == "/v0/node-id") {
    if (!IsGet(method)) return MethodNotAllowedResponse(kAllowGet);
    absl::StatusOr<std::string> node_id = identity.Resolve(env.ns, env.node);
    if (!node_id.ok()) return JsonError(500, node_id.status().message());
    nlohmann::ordered_json body;
    body["nodeId"] = *node_id;
    return JsonResponse(200, body);
  }
  if (path == kTasksPath) {
    if (IsGet(method)) return ListTasks(store);
    if (method == "POST") {
      submission->emplace();
      return PostTask(request, now, env, store, &**submission);
    }
    return MethodNotAllowedResponse(kAllowTasks);
  }
  if (absl::StartsWith(path, kTaskPathPrefix)) {
    const absl::string_view id = absl::string_view(path).substr(kTaskPathPrefix.size());
    // {id} is one path segment.
    if (id.find('/') != absl::string_view::npos) return NotFoundResponse();
    // The spec answers an empty ID with 400 `missing task ID` (§4), which the
    // reference handlers would; Go's mux would already answer 404.
    if (IsGet(method)) return GetTask(id, now, env, store);
    if (method == "DELETE") return DeleteTask(id, store);
    return MethodNotAllowedResponse(kAllowTask);
  }
  return NotFoundResponse();
}

Response SimulatedSidecar::PostTask(const Request& request, absl::Time now,
                                    const SidecarEnv& env, const absl::Status& store,
                                    RecordedSubmission* submission) {
  submission->time = now;
  submission->body = request.body;
  std::optional<TaskRequest> task = DecodeTaskRequest(request.body);
  Response response;
  if (!task.has_value()) {
    response = JsonError(400, "invalid request body");
  } else {
    submission->decoded = true;
    submission->id = task->id;
    submission->type = task->type;
    submission->params = task->params;
    if (task->type.empty()) {
      response = JsonError(400, "type is required");
    } else {
      TaskEngine::Submission s;
      s.id = task->id;
      s.type = task->type;
      if (task->params.is_object()) s.params = GoAnyRoundTrip(task->params);
      absl::StatusOr<std::string> id = engine_.Submit(s, now, OutcomesFor(env), store);
      if (!id.ok()) {
        response = JsonError(400, id.status().message());
      } else {
        submission->assigned_id = *id;
        nlohmann::ordered_json body;
        body["id"] = *id;
        response = JsonResponse(201, body);
      }
    }
  }
  submission->status = response.status;
  return response;
}

Response SimulatedSidecar::GetTask(absl::string_view id, absl::Time now, const SidecarEnv& env,
                                   const absl::Status& store) {
  if (id.empty()) return JsonError(400, "missing task ID");
  // A failing lookup is reported as not found (§4, H6).
  if (!store.ok()) return JsonError(404, "task not found");
  std::optional<TaskRecord> record = engine_.Poll(id, now, OutcomesFor(env));
  if (!record.has_value()) return JsonError(404, "task not found");
  return JsonResponse(200, TaskResultJson(*record));
}

Response SimulatedSidecar::DeleteTask(absl::string_view id, const absl::Status& store) {
  if (id.empty()) return JsonError(400, "missing task ID");
  if (!store.ok() || !engine_.Delete(id)) return JsonError(404, "task not found");
  return EmptyResponse(204);
}

Response SimulatedSidecar::ListTasks(const absl::Status& store) {
  nlohmann::ordered_json body = nlohmann::ordered_json::array();
  // A failing list is logged by the reference and answered with [].
  if (store.ok()) {
    for (const TaskRecord& record : engine_.Recent(kListLimit)) {
      body.push_back(TaskResultJson(record));
    }
  }
  return JsonResponse(200, body);
}

void SimulatedSidecar::Restart(const SidecarEnv& env) {
  absl::MutexLock lock(&mu_);
  const absl::Time now = AdvanceLocked(env);  // what finished before the restart stays finished
  metrics_.Reset();
  engine_.Restart(now);
}

bool SimulatedSidecar::Ready(const SidecarEnv& env) {
  absl::MutexLock lock(&mu_);
  AdvanceLocked(env);
  return engine_.ready();
}

std::optional<TaskRecord> SimulatedSidecar::FindTask(const SidecarEnv& env, absl::string_view id) {
  absl::MutexLock lock(&mu_);
  AdvanceLocked(env);
  return engine_.Find(id);
}

std::optional<nlohmann::json> SimulatedSidecar::ConfigFile(const SidecarEnv& env,
                                                           absl::string_view file) {
  absl::MutexLock lock(&mu_);
  AdvanceLocked(env);
  return config_.Read(file);
}

std::optional<std::string> SimulatedSidecar::PersistentPeers(const SidecarEnv& env) {
  absl::MutexLock lock(&mu_);
  AdvanceLocked(env);
  return config_.PersistentPeers();
}

}  // namespace sei::controlplane::sidecar
