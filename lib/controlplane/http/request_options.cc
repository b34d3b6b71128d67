#include "lib/controlplane/http/request_options.h"

#include "lib/controlplane/core/json_text.h"

#include <algorithm>
#include <random>
#include <utility>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "lib/controlplane/apiserver/api_error.h"

namespace sei::controlplane {
namespace {

absl::StatusOr<std::optional<int64_t>> IntParam(const QueryParams& query, absl::string_view name) {
  auto value = query.Get(name);
  if (!value || value->empty()) return std::optional<int64_t>();
  int64_t parsed = 0;
  if (!absl::SimpleAtoi(*value, &parsed)) {
    return BadRequestError(absl::StrCat("invalid value \"", *value, "\" for query parameter ", name,
                                        ": not an integer"));
  }
  return std::optional<int64_t>(parsed);
}

absl::Duration DefaultWatchTimeout() {
  // kube-apiserver: minRequestTimeout (1800s) times a factor in [1, 2).
  thread_local std::mt19937 rng{std::random_device{}()};
  std::uniform_int_distribution<int> seconds(1800, 3599);
  return absl::Seconds(seconds(rng));
}

absl::Status InvalidDeleteOptions(absl::string_view field, absl::string_view reason,
                                  absl::string_view message) {
  const std::string full = absl::StrCat(field, ": ", message);
  return ApiError(
      422, "Invalid", absl::StrCat("DeleteOptions.meta.k8s.io \"\" is invalid: ", full),
      {{"group", "meta.k8s.io"},
       {"kind", "DeleteOptions"},
       {"causes", {{{"reason", reason}, {"message", std::string(message)}, {"field", field}}}}});
}

absl::Status ApplyPropagation(absl::string_view value, DeleteOptions& options) {
  if (value == "Background") {
    options.propagation = Propagation::kBackground;
  } else if (value == "Foreground") {
    options.propagation = Propagation::kForeground;
  } else if (value == "Orphan") {
    options.propagation = Propagation::kOrphan;
  } else {
    return InvalidDeleteOptions(
        "propagationPolicy", "FieldValueNotSupported",
        absl::StrCat("Unsupported value: \"", value,
                     "\": supported values: \"Foreground\", \"Background\", \"Orphan\""));
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<bool> BoolParam(const QueryParams& query, absl::string_view name, bool fallback) {
  auto value = query.Get(name);
  if (!value) return fallback;
  static const std::vector<std::string> kTrue = {"1", "t", "T", "TRUE", "true", "True"};
  static const std::vector<std::string> kFalse = {"0", "f", "F", "FALSE", "false", "False"};
  for (const auto& t : kTrue) {
    if (*value == t) return true;
  }
  for (const auto& f : kFalse) {
    if (*value == f) return false;
  }
  // The apiserver also treats an empty value (?watch) as false.
  if (value->empty()) return false;
  return BadRequestError(
      absl::StrCat("invalid value \"", *value, "\" for query parameter ", name, ": not a boolean"));
}

absl::StatusOr<bool> DryRunParam(const QueryParams& query) {
  const std::vector<std::string> values = query.GetAll("dryRun");
  for (const std::string& value : values) {
    if (value != "All") {
      return BadRequestError(
          absl::StrCat("dryRun: Unsupported value: \"", value, "\": supported values: \"All\""));
    }
  }
  return !values.empty();
}

absl::StatusOr<FieldValidation> FieldValidationParam(const QueryParams& query) {
  auto value = query.Get("fieldValidation");
  if (!value || value->empty() || *value == "Warn") return FieldValidation::kWarn;
  if (*value == "Strict") return FieldValidation::kStrict;
  if (*value == "Ignore") return FieldValidation::kIgnore;
  return BadRequestError(absl::StrCat("fieldValidation: Unsupported value: \"", *value,
                                      "\": supported values: \"Ignore\", \"Strict\", \"Warn\""));
}

absl::StatusOr<ListOptions> ListOptionsParams(const QueryParams& query) {
  ListOptions options;
  options.label_selector = query.Get("labelSelector").value_or("");
  options.field_selector = query.Get("fieldSelector").value_or("");
  options.continue_token = query.Get("continue").value_or("");
  auto limit = IntParam(query, "limit");
  if (!limit.ok()) return limit.status();
  if (limit->has_value()) {
    // Negative limits mean "no limit" to the apiserver.
    options.limit = std::max<int64_t>(0, **limit);
  }
  return options;
}

absl::StatusOr<WatchRequest> WatchParams(const QueryParams& query, bool legacy_watch,
                                         absl::string_view name) {
  WatchRequest request;
  auto watch = BoolParam(query, "watch");
  if (!watch.ok()) return watch.status();
  request.watch = *watch || legacy_watch;
  auto bookmarks = BoolParam(query, "allowWatchBookmarks");
  if (!bookmarks.ok()) return bookmarks.status();
  auto initial_events = BoolParam(query, "sendInitialEvents");
  if (!initial_events.ok()) return initial_events.status();
  if (*initial_events && request.watch) {
    // Streaming lists (WatchList) are not implemented; this is the answer of
    // an apiserver without the feature, and clients fall back to list+watch.
    return ApiError(422, "Invalid",
                    "ListOptions.meta.k8s.io \"\" is invalid: sendInitialEvents: Forbidden: "
                    "sendInitialEvents is forbidden for watch unless the WatchList feature gate "
                    "is enabled",
                    {{"group", "meta.k8s.io"},
                     {"kind", "ListOptions"},
                     {"causes",
                      {{{"reason", "FieldValueForbidden"},
                        {"message",
                         "Forbidden: sendInitialEvents is forbidden for watch unless the "
                         "WatchList feature gate is enabled"},
                        {"field", "sendInitialEvents"}}}}});
  }
  request.options.allow_bookmarks = *bookmarks;
  request.options.resource_version = query.Get("resourceVersion").value_or("");
  // "0" means "any version" to the apiserver, which for a watch starts with
  // the current state: the same as no version.
  if (request.options.resource_version == "0") request.options.resource_version.clear();
  request.options.label_selector = query.Get("labelSelector").value_or("");
  request.options.field_selector = query.Get("fieldSelector").value_or("");
  if (!name.empty()) {
    const std::string by_name = absl::StrCat("metadata.name=", name);
    request.options.field_selector =
        request.options.field_selector.empty()
            ? by_name
            : absl::StrCat(request.options.field_selector, ",", by_name);
  }
  auto timeout = IntParam(query, "timeoutSeconds");
  if (!timeout.ok()) return timeout.status();
  if (timeout->has_value() && **timeout > 0) {
    request.timeout = absl::Seconds(**timeout);
  } else {
    request.timeout = DefaultWatchTimeout();
  }
  return request;
}

absl::StatusOr<WriteOptions> WriteOptionsParams(const QueryParams& query) {
  WriteOptions options;
  auto dry_run = DryRunParam(query);
  if (!dry_run.ok()) return dry_run.status();
  options.dry_run = *dry_run;
  options.field_manager = query.Get("fieldManager").value_or("");
  if (options.field_manager.size() > 128) {
    return BadRequestError("fieldManager: Too long: may not be more than 128 bytes");
  }
  return options;
}

absl::StatusOr<PatchOptions> PatchOptionsParams(const QueryParams& query, PatchType type) {
  auto write = WriteOptionsParams(query);
  if (!write.ok()) return write.status();
  PatchOptions options;
  static_cast<WriteOptions&>(options) = *std::move(write);
  auto force = BoolParam(query, "force");
  if (!force.ok()) return force.status();
  if (query.Has("force") && type != PatchType::kApply) {
    return BadRequestError("force: Forbidden: may not be specified for non-apply patch");
  }
  options.force = *force;
  return options;
}

absl::StatusOr<DeleteRequest> DeleteOptionsParams(const QueryParams& query, const Json& body) {
  DeleteRequest request;
  DeleteOptions& options = request.options;
  auto dry_run = DryRunParam(query);
  if (!dry_run.ok()) return dry_run.status();
  options.dry_run = *dry_run;
  bool has_policy = false;
  std::optional<bool> orphan;
  if (auto policy = query.Get("propagationPolicy"); policy && !policy->empty()) {
    if (auto status = ApplyPropagation(*policy, options); !status.ok()) return status;
    has_policy = true;
  }
  if (query.Has("orphanDependents")) {
    auto value = BoolParam(query, "orphanDependents");
    if (!value.ok()) return value.status();
    orphan = *value;
  }
  auto grace = IntParam(query, "gracePeriodSeconds");
  if (!grace.ok()) return grace.status();
  if (grace->has_value()) options.grace_period_seconds = **grace;

  if (body.is_object()) {
    try {
      if (body.contains("propagationPolicy") && !body["propagationPolicy"].is_null()) {
        const auto& policy = body["propagationPolicy"];
        if (!policy.is_string()) {
          return BadRequestError("DeleteOptions.propagationPolicy must be a string");
        }
        if (auto status = ApplyPropagation(policy.get<std::string>(), options); !status.ok()) {
          return status;
        }
        has_policy = true;
      }
      if (body.contains("orphanDependents") && !body["orphanDependents"].is_null()) {
        if (!body["orphanDependents"].is_boolean()) {
          return BadRequestError("DeleteOptions.orphanDependents must be a boolean");
        }
        orphan = body["orphanDependents"].get<bool>();
      }
      if (body.contains("gracePeriodSeconds") && !body["gracePeriodSeconds"].is_null()) {
        if (!body["gracePeriodSeconds"].is_number_integer()) {
          return BadRequestError("DeleteOptions.gracePeriodSeconds must be an integer");
        }
        options.grace_period_seconds = body["gracePeriodSeconds"].get<int64_t>();
      }
      if (body.contains("preconditions") && body["preconditions"].is_object()) {
        const auto& preconditions = body["preconditions"];
        for (const char* field : {"uid", "resourceVersion"}) {
          if (!preconditions.contains(field) || preconditions[field].is_null()) continue;
          if (!preconditions[field].is_string()) {
            return BadRequestError(
                absl::StrCat("DeleteOptions.preconditions.", field, " must be a string"));
          }
          (std::string(field) == "uid" ? options.precondition_uid
                                       : options.precondition_resource_version) =
              preconditions[field].get<std::string>();
        }
      }
      if (body.contains("dryRun") && body["dryRun"].is_array()) {
        for (const auto& value : body["dryRun"]) {
          if (!value.is_string() || value.get<std::string>() != "All") {
            return BadRequestError(absl::StrCat("dryRun: Unsupported value: ", JsonText(value),
                                                ": supported values: \"All\""));
          }
          options.dry_run = true;
        }
      }
    } catch (const Json::exception& e) {
      return BadRequestError(absl::StrCat("invalid DeleteOptions: ", e.what()));
    }
  } else if (!body.is_null()) {
    return BadRequestError("the DeleteOptions body must be a JSON object");
  }

  if (orphan.has_value()) {
    if (has_policy) {
      return InvalidDeleteOptions("orphanDependents", "FieldValueInvalid",
                                  absl::StrCat("Invalid value: ", *orphan ? "true" : "false",
                                               ": orphanDependents and deletionPropagation "
                                               "cannot be both set"));
    }
    // The deprecated flag: true orphans, false is the default cascade.
    options.propagation = *orphan ? Propagation::kOrphan : Propagation::kBackground;
    request.orphan_dependents_false = !*orphan;
  }
  return request;
}

}  // namespace sei::controlplane
