#include "lib/sidecar/http_sidecar_client.h"

#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "lib/sidecar/task_json.h"

namespace sei::sidecar {
namespace {

// RFC 3986 path-segment encoding: task IDs are UUIDs, but an ID is data and
// must not be able to change the path.
std::string EncodePathSegment(absl::string_view segment) {
  std::string out;
  for (unsigned char c : segment) {
    if (absl::ascii_isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      absl::StrAppendFormat(&out, "%%%02X", c);
    }
  }
  return out;
}

const absl::Status& StatusOf(const absl::Status& status) { return status; }
template <typename T>
const absl::Status& StatusOf(const absl::StatusOr<T>& result) {
  return result.status();
}

}  // namespace

HttpSidecarClient::HttpSidecarClient(std::shared_ptr<const HttpTransport> transport, std::string ns,
                                     HttpSidecarClientOptions options)
    : transport_(std::move(transport)), context_{std::move(ns)}, options_(std::move(options)) {}

absl::StatusOr<std::unique_ptr<HttpSidecarClient>> HttpSidecarClient::Create(
    absl::string_view base_url, std::string ns, HttpSidecarClientOptions options) {
  absl::StatusOr<std::shared_ptr<HttpTransport>> transport = HttpTransport::Create(base_url);
  if (!transport.ok()) return transport.status();
  return std::make_unique<HttpSidecarClient>(*std::move(transport), std::move(ns),
                                             std::move(options));
}

absl::StatusOr<HttpAnswer> HttpSidecarClient::Call(absl::string_view method, std::string path,
                                                   std::optional<std::string> body,
                                                   absl::Duration deadline,
                                                   absl::string_view what) {
  HttpCall call;
  call.method = std::string(method);
  call.path = std::move(path);
  call.json_body = std::move(body);
  call.deadline = deadline;
  if (options_.token_source != nullptr) {
    absl::StatusOr<std::string> token = options_.token_source->Token();
    if (!token.ok()) {
      return absl::UnavailableError(
          absl::StrCat(what, ": reading the bearer token: ", token.status().message()));
    }
    if (!token->empty()) call.bearer_token = *std::move(token);
  }
  absl::StatusOr<HttpAnswer> answer = transport_->Send(call);
  if (!answer.ok()) {
    return absl::Status(answer.status().code(),
                        absl::StrCat(what, ": ", answer.status().message()));
  }
  return answer;
}

template <typename T>
T HttpSidecarClient::AfterAuth(T result) {
  if (absl::IsUnauthenticated(StatusOf(result)) && options_.token_source != nullptr) {
    options_.token_source->Invalidate();
  }
  return result;
}

absl::Status HttpSidecarClient::Submit(const TaskRequest& request) {
  const std::string what = absl::StrCat("sidecar ", request.type, " task submission");
  absl::StatusOr<HttpAnswer> answer =
      Call("POST", "/v0/tasks", EncodeTaskRequest(request), options_.deadlines.submit, what);
  if (!answer.ok()) return answer.status();
  return AfterAuth(MapSubmitAnswer(request.type, context_, *answer));
}

absl::StatusOr<TaskResult> HttpSidecarClient::GetTask(absl::string_view id) {
  const std::string what = absl::StrCat("sidecar task ", id, " poll");
  if (id.empty()) return absl::InvalidArgumentError(absl::StrCat(what, ": empty task id"));
  absl::StatusOr<HttpAnswer> answer = Call("GET", absl::StrCat("/v0/tasks/", EncodePathSegment(id)),
                                           std::nullopt, options_.deadlines.poll, what);
  if (!answer.ok()) return answer.status();
  return AfterAuth(MapPollAnswer(id, context_, *answer));
}

absl::StatusOr<Health> HttpSidecarClient::Healthz() {
  absl::StatusOr<HttpAnswer> answer =
      Call("GET", "/v0/healthz", std::nullopt, options_.deadlines.health, "sidecar healthz");
  if (!answer.ok()) return answer.status();
  return AfterAuth(MapHealthAnswer(context_, *answer));
}

absl::StatusOr<std::string> HttpSidecarClient::NodeId() {
  absl::StatusOr<HttpAnswer> answer =
      Call("GET", "/v0/node-id", std::nullopt, options_.deadlines.node_id, "node-id");
  if (!answer.ok()) return answer.status();
  return AfterAuth(MapNodeIdAnswer(context_, *answer));
}

}  // namespace sei::sidecar
