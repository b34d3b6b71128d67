#include "lib/sidecar/response_mapping.h"

#include <nlohmann/json.hpp>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "lib/sidecar/task_json.h"

namespace sei::sidecar {
namespace {

// Bodies quoted in messages are cut here: an error page must not flood a
// SeiNode's status or the logs.
constexpr size_t kMaxQuotedBody = 512;

// Malformed UTF-8 replaced by U+FFFD: messages end up in status fields,
// which are JSON text.
std::string ValidUtf8(absl::string_view text) {
  const std::string quoted = nlohmann::json(std::string(text))
                                 .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  const nlohmann::json back = nlohmann::json::parse(quoted, nullptr, false);
  return back.is_string() ? back.get<std::string>() : std::string();
}

// The body as a message fragment: trimmed, bounded, valid UTF-8.
std::string Quote(absl::string_view body) {
  absl::string_view trimmed = absl::StripAsciiWhitespace(body);
  if (trimmed.size() <= kMaxQuotedBody) return ValidUtf8(trimmed);
  return absl::StrCat(ValidUtf8(trimmed.substr(0, kMaxQuotedBody)), "…");
}

// ErrorResponse.error when the body is {"error": "..."}, else the body.
std::string ErrorText(absl::string_view body) {
  const nlohmann::json parsed = nlohmann::json::parse(body.begin(), body.end(), nullptr, false);
  if (parsed.is_object()) {
    auto it = parsed.find("error");
    if (it != parsed.end() && it->is_string()) return Quote(it->get<std::string>());
  }
  return Quote(body);
}

// The status for a non-success answer; `verb` is what the proxy's
// SubjectAccessReview asked for (POST → create, GET → get).
absl::Status Failure(int code, std::string message, absl::string_view verb,
                     const AnswerContext& context) {
  if (code == 401) {
    return absl::UnauthenticatedError(
        absl::StrCat(message, " (the proxy refused the operator's bearer token)"));
  }
  if (code == 403) {
    return absl::PermissionDeniedError(
        absl::StrCat(message, " (the operator's service account lacks \"", verb,
                     "\" on seinodetasks.sei.io in namespace \"", context.ns, "\")"));
  }
  return absl::UnavailableError(std::move(message));
}

std::string Returned(absl::string_view what, const HttpAnswer& answer) {
  return absl::StrCat(what, " returned ", answer.status, ": ", Quote(answer.body));
}

}  // namespace

absl::Status MapSubmitAnswer(absl::string_view type, const AnswerContext& context,
                             const HttpAnswer& answer) {
  if (answer.status == 201 || answer.status == 202) {
    absl::StatusOr<std::string> id = ParseSubmittedId(answer.body);
    if (id.ok()) return absl::OkStatus();
    return absl::DataLossError(absl::StrCat("sidecar ", type, " task submission returned ",
                                            answer.status,
                                            " without a usable id: ", id.status().message()));
  }
  if (answer.status == 400) {
    const std::string reason = ErrorText(answer.body);
    std::string message = absl::StrCat("sidecar rejected ", type, " task: ", reason);
    // The sidecar's own store failing is reported as a 400 too (§6.1 step 8).
    if (absl::StartsWith(reason, "persist task:")) return absl::UnavailableError(message);
    return absl::InvalidArgumentError(message);
  }
  return Failure(answer.status,
                 Returned(absl::StrCat("sidecar ", type, " task submission"), answer), "create",
                 context);
}

absl::StatusOr<TaskResult> MapPollAnswer(absl::string_view id, const AnswerContext& context,
                                         const HttpAnswer& answer) {
  if (answer.status == 200) {
    absl::StatusOr<TaskResult> result = ParseTaskResult(answer.body);
    if (!result.ok()) {
      return absl::DataLossError(absl::StrCat(
          "sidecar task ", id, " poll returned an unreadable result: ", result.status().message()));
    }
    if (result->id != id) {
      return absl::DataLossError(
          absl::StrCat("sidecar task ", id, " poll returned the result of task ", result->id));
    }
    return result;
  }
  if (answer.status == 404) {
    return absl::NotFoundError(
        absl::StrCat("sidecar has no task ", id, ": ", ErrorText(answer.body)));
  }
  return Failure(answer.status, Returned(absl::StrCat("sidecar task ", id, " poll"), answer), "get",
                 context);
}

absl::StatusOr<Health> MapHealthAnswer(const AnswerContext& context, const HttpAnswer& answer) {
  if (answer.status == 200) return Health::kReady;
  if (answer.status == 503) return Health::kNotReady;
  return Failure(answer.status, Returned("sidecar healthz", answer), "get", context);
}

absl::StatusOr<std::string> MapNodeIdAnswer(const AnswerContext& context,
                                            const HttpAnswer& answer) {
  if (answer.status != 200) {
    return Failure(answer.status, Returned("node-id", answer), "get", context);
  }
  const nlohmann::json parsed =
      nlohmann::json::parse(answer.body.begin(), answer.body.end(), nullptr, false);
  if (!parsed.is_object()) {
    return absl::DataLossError(absl::StrCat(
        "node-id returned 200 with a body that is not a JSON object: ", Quote(answer.body)));
  }
  auto node_id = parsed.find("nodeId");
  if (node_id == parsed.end() || !node_id->is_string() || node_id->get<std::string>().empty()) {
    return absl::DataLossError(
        absl::StrCat("node-id returned 200 without a nodeId: ", Quote(answer.body)));
  }
  return node_id->get<std::string>();
}

}  // namespace sei::sidecar
