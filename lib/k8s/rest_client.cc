#include "lib/k8s/rest_client.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "lib/k8s/api_error.h"
#include "lib/k8s/request_url.h"
#include "lib/k8s/rest_watch.h"

namespace sei::k8s {
namespace {

constexpr char kJson[] = "application/json";

absl::string_view ContentTypeOf(PatchType type) {
  switch (type) {
    case PatchType::kMerge:
      return "application/merge-patch+json";
    case PatchType::kJsonPatch:
      return "application/json-patch+json";
    case PatchType::kApply:
      return "application/apply-patch+yaml";  // JSON is YAML
  }
  return "application/merge-patch+json";
}

absl::string_view PropagationName(Propagation propagation) {
  switch (propagation) {
    case Propagation::kBackground:
      return "Background";
    case Propagation::kForeground:
      return "Foreground";
    case Propagation::kOrphan:
      return "Orphan";
    case Propagation::kDefault:
      return "";
  }
  return "";
}

// metav1.DeleteOptions as the DELETE body.
Object DeleteBody(const DeleteOptions& options) {
  Object body = {{"apiVersion", "v1"}, {"kind", "DeleteOptions"}};
  absl::string_view propagation = PropagationName(options.propagation);
  if (!propagation.empty()) body["propagationPolicy"] = std::string(propagation);
  if (options.grace_period_seconds) body["gracePeriodSeconds"] = *options.grace_period_seconds;
  if (options.uid || options.resource_version) {
    Object preconditions = Object::object();
    if (options.uid) preconditions["uid"] = *options.uid;
    if (options.resource_version) preconditions["resourceVersion"] = *options.resource_version;
    body["preconditions"] = std::move(preconditions);
  }
  return body;
}

// Objects leave as JSON; invalid UTF-8 in a string is replaced (U+FFFD)
// rather than thrown, and the server then judges the value.
std::string Encode(const Object& object) {
  return object.dump(-1, ' ', false, Object::error_handler_t::replace);
}

absl::StatusOr<Object> DecodeObject(const std::string& body, const RestRequest& request) {
  Object parsed = Object::parse(body, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded() || !parsed.is_object()) {
    return ApiError(ErrorReason::kInternal, 200,
                    absl::StrCat(request.method, " ", request.path_and_query,
                                 ": the answer is not a JSON object: ", body.substr(0, 256)));
  }
  return parsed;
}

std::string NameOf(const Object& object) {
  const Object* metadata =
      object.is_object() && object.contains("metadata") ? &object["metadata"] : nullptr;
  if (metadata == nullptr || !metadata->is_object()) return "";
  auto it = metadata->find("name");
  return it != metadata->end() && it->is_string() ? it->get<std::string>() : "";
}

}  // namespace

absl::StatusOr<std::unique_ptr<RestKubeClient>> RestKubeClient::Create(
    const ClusterConfig& config) {
  absl::StatusOr<std::unique_ptr<RestTransport>> transport = RestTransport::Create(config);
  if (!transport.ok()) return transport.status();
  return std::unique_ptr<RestKubeClient>(new RestKubeClient(*std::move(transport)));
}

absl::StatusOr<Object> RestKubeClient::CallForObject(const RestRequest& request) {
  absl::StatusOr<std::string> body = transport_->Call(request);
  if (!body.ok()) return body.status();
  return DecodeObject(*body, request);
}

absl::StatusOr<Object> RestKubeClient::Get(const Resource& resource, absl::string_view ns,
                                           absl::string_view name) {
  if (name.empty()) return ApiError(ErrorReason::kBadRequest, 0, "Get: the name is empty");
  return CallForObject({"GET", ResourcePath(resource, ns, name)});
}

absl::StatusOr<ObjectList> RestKubeClient::List(const Resource& resource, absl::string_view ns,
                                                const ListOptions& options) {
  RestRequest request{"GET", ResourcePath(resource, ns) + ListQuery(options, false).Encode()};
  absl::StatusOr<Object> list = CallForObject(request);
  if (!list.ok()) return list.status();
  ObjectList out;
  if (list->contains("items") && (*list)["items"].is_array()) {
    for (Object& item : (*list)["items"]) {
      // Lists omit each item's apiVersion and kind; callers expect whole
      // objects, as Get returns them.
      if (item.is_object()) {
        if (!item.contains("apiVersion")) item["apiVersion"] = resource.ApiVersion();
        if (!item.contains("kind")) item["kind"] = resource.kind;
      }
      out.items.push_back(std::move(item));
    }
  }
  if (list->contains("metadata") && (*list)["metadata"].is_object()) {
    const Object& meta = (*list)["metadata"];
    out.resource_version = meta.value("resourceVersion", "");
    out.continue_token = meta.value("continue", "");
  }
  return out;
}

absl::StatusOr<Object> RestKubeClient::Create(const Resource& resource, absl::string_view ns,
                                              const Object& object) {
  std::string body = Encode(object);
  return CallForObject({"POST", ResourcePath(resource, ns), body, kJson});
}

absl::StatusOr<Object> RestKubeClient::Put(const Resource& resource, absl::string_view ns,
                                           const Object& object, absl::string_view subresource) {
  std::string name = NameOf(object);
  if (name.empty()) {
    return ApiError(ErrorReason::kBadRequest, 0, "Update: the object has no metadata.name");
  }
  std::string body = Encode(object);
  return CallForObject({"PUT", ResourcePath(resource, ns, name, subresource), body, kJson});
}

absl::StatusOr<Object> RestKubeClient::Update(const Resource& resource, absl::string_view ns,
                                              const Object& object) {
  return Put(resource, ns, object, "");
}

absl::StatusOr<Object> RestKubeClient::UpdateStatus(const Resource& resource, absl::string_view ns,
                                                    const Object& object) {
  return Put(resource, ns, object, "status");
}

absl::StatusOr<Object> RestKubeClient::Patch(const Resource& resource, absl::string_view ns,
                                             absl::string_view name, PatchType type,
                                             const Object& patch, const PatchOptions& options) {
  if (name.empty()) return ApiError(ErrorReason::kBadRequest, 0, "Patch: the name is empty");
  if (type == PatchType::kApply && options.field_manager.empty()) {
    return ApiError(ErrorReason::kBadRequest, 0,
                    "server-side apply needs a field manager (PatchOptions.field_manager)");
  }
  Query query;
  if (!options.field_manager.empty()) query.Add("fieldManager", options.field_manager);
  if (type == PatchType::kApply && options.force) query.Add("force", "true");
  std::string body = Encode(patch);
  return CallForObject(
      {"PATCH", ResourcePath(resource, ns, name, options.status ? "status" : "") + query.Encode(),
       body, std::string(ContentTypeOf(type))});
}

absl::Status RestKubeClient::Delete(const Resource& resource, absl::string_view ns,
                                    absl::string_view name, const DeleteOptions& options) {
  if (name.empty()) return ApiError(ErrorReason::kBadRequest, 0, "Delete: the name is empty");
  std::string body = Encode(DeleteBody(options));
  return transport_->Call({"DELETE", ResourcePath(resource, ns, name), body, kJson}).status();
}

absl::StatusOr<std::unique_ptr<WatchStream>> RestKubeClient::Watch(const Resource& resource,
                                                                   absl::string_view ns,
                                                                   const ListOptions& options) {
  absl::Duration idle_limit = options.watch_timeout > absl::ZeroDuration()
                                  ? options.watch_timeout + absl::Minutes(1)
                                  : absl::Hours(1);
  absl::StatusOr<OpenResponse> open = transport_->Open(
      {"GET", ResourcePath(resource, ns) + ListQuery(options, true).Encode()}, idle_limit);
  if (!open.ok()) return open.status();
  return std::unique_ptr<WatchStream>(new RestWatchStream(*std::move(open)));
}

}  // namespace sei::k8s
