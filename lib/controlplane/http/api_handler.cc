#include "lib/controlplane/http/api_handler.h"

#include <algorithm>
#include <optional>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "lib/api/yaml_documents.h"
#include "lib/controlplane/apiserver/api_error.h"
#include "lib/controlplane/core/json_text.h"
#include "lib/controlplane/http/api_path.h"
#include "lib/controlplane/http/body_decoder.h"
#include "lib/controlplane/http/discovery.h"
#include "lib/controlplane/http/field_validation.h"
#include "lib/controlplane/http/media_type.h"
#include "lib/controlplane/http/openapi.h"
#include "lib/controlplane/http/request_options.h"
#include "lib/controlplane/http/status_response.h"
#include "lib/controlplane/http/table.h"
#include "lib/controlplane/http/url.h"

namespace sei::controlplane {

struct ApiHandler::Call {
  const HttpRequest& request;
  ApiPath path;
  QueryParams query;
  const ResourceType* type = nullptr;
  ResourceKey key;
  Subresource sub = Subresource::kNone;
};

namespace {

const char* EventTypeName(WatchEventType type) {
  switch (type) {
    case WatchEventType::kAdded:
      return "ADDED";
    case WatchEventType::kModified:
      return "MODIFIED";
    case WatchEventType::kDeleted:
      return "DELETED";
    case WatchEventType::kBookmark:
      return "BOOKMARK";
    case WatchEventType::kError:
      return "ERROR";
  }
  return "ERROR";
}

std::string Dump(const Json& value) { return JsonText(value); }

HttpResponse NotAcceptable() {
  return StatusForCode(406,
                       "only the following media types are accepted: application/json, "
                       "application/yaml, application/vnd.kubernetes.protobuf");
}

// A document in the negotiated encoding (JSON unless YAML was asked for).
HttpResponse Encode(int code, const Json& body, const Negotiated& negotiated) {
  if (negotiated.representation == Representation::kYaml) {
    HttpResponse response;
    response.status = code;
    response.SetHeader("Content-Type", "application/yaml");
    response.body = sei::api::EmitYaml(body);
    return response;
  }
  return JsonResponse(code, body, negotiated.content_type);
}

void AddWarnings(const std::vector<std::string>& warnings, HttpResponse& response) {
  for (const std::string& warning : warnings) {
    response.AddHeader("Warning", WarningHeaderValue(warning));
  }
}

bool Allows(const ResourceType& type, absl::string_view verb) {
  return type.verbs.empty() ||
         std::find(type.verbs.begin(), type.verbs.end(), verb) != type.verbs.end();
}

absl::StatusOr<TableOptions::Include> IncludeObjectParam(const QueryParams& query) {
  const std::string value = query.Get("includeObject").value_or("");
  if (value.empty() || value == "Metadata") return TableOptions::Include::kMetadata;
  if (value == "None") return TableOptions::Include::kNone;
  if (value == "Object") return TableOptions::Include::kObject;
  return BadRequestError(absl::StrCat("includeObject: Unsupported value: \"", value,
                                      "\": supported values: \"Metadata\", \"None\", \"Object\""));
}

Json PartialMetadataList(const Json& list, const std::string& version) {
  Json items = Json::array();
  if (list.contains("items") && list["items"].is_array()) {
    for (const auto& item : list["items"]) items.push_back(PartialObjectMetadata(item, version));
  }
  return {{"kind", "PartialObjectMetadataList"},
          {"apiVersion", "meta.k8s.io/" + version},
          {"metadata", list.value("metadata", Json::object())},
          {"items", std::move(items)}};
}

bool IsPublicPath(const ApiPath& path) {
  return path.kind == PathKind::kVersion || path.kind == PathKind::kHealth;
}

}  // namespace

ApiHandler::ApiHandler(ObjectStore* store, ResourceRegistry* registry,
                       const TokenAuthenticator* authenticator, ApiHandlerOptions options)
    : store_(store), registry_(registry), authenticator_(authenticator), options_(options) {}

void ApiHandler::SetServerAddress(std::string address) {
  std::lock_guard<std::mutex> lock(mu_);
  server_address_ = std::move(address);
}

std::string ApiHandler::ServerAddress() const {
  std::lock_guard<std::mutex> lock(mu_);
  return server_address_;
}

HttpResponse ApiHandler::Handle(const HttpRequest& request) const {
  auto path = ParseApiPath(request.path);
  if (!path.ok()) return StatusResponse(BadRequestError(path.status().message()));
  // Authentication comes before routing, as in the apiserver: an unknown
  // path without a token is 401, not 404.
  const TokenAuthenticator::Outcome who = authenticator_->Authenticate(request);
  if (who.result == TokenAuthenticator::Result::kRejected ||
      (who.result == TokenAuthenticator::Result::kAnonymous && !IsPublicPath(*path))) {
    return UnauthorizedResponse();
  }
  auto query = QueryParams::Parse(request.query);
  if (!query.ok()) return StatusResponse(BadRequestError(query.status().message()));
  Call call{request, *std::move(path), *std::move(query)};
  try {
    return Dispatch(call);
  } catch (const std::exception& e) {
    // Nothing below is meant to throw; if something does (a malformed
    // stored object), the client gets a 500 rather than a dead server.
    return StatusResponse(absl::InternalError(e.what()));
  }
}

HttpResponse ApiHandler::Dispatch(Call& call) const {
  const std::string& method = call.request.method;
  switch (call.path.kind) {
    case PathKind::kResource:
      return Resource(call);
    case PathKind::kUnknown:
      return NotFoundResponse();
    case PathKind::kOpenApi: {
      if (method != "GET") return MethodNotAllowedResponse();
      absl::string_view rest = call.request.path;
      if (!absl::ConsumePrefix(&rest, "/openapi/v3")) return NotFoundResponse();  // no v2
      const ResourceTypes types = registry_->All();
      if (rest.empty() || rest == "/") return JsonResponse(200, OpenApiV3Root(types));
      absl::ConsumePrefix(&rest, "/");
      auto document = OpenApiV3Document(types, rest);
      return document ? JsonResponse(200, *document) : NotFoundResponse();
    }
    case PathKind::kHealth: {
      if (method != "GET") return MethodNotAllowedResponse();
      HttpResponse response;
      response.SetHeader("Content-Type", "text/plain; charset=utf-8");
      response.SetHeader("X-Content-Type-Options", "nosniff");
      const std::string check = call.request.path.substr(1, call.request.path.find('/', 1) - 1);
      response.body = call.query.Has("verbose")
                          ? absl::StrCat("[+]ping ok\n[+]etcd ok\n", check, " check passed\n")
                          : "ok";
      return response;
    }
    default:
      if (method != "GET") return MethodNotAllowedResponse();
      return Discovery(call);
  }
}

HttpResponse ApiHandler::Discovery(Call& call) const {
  Offer offer;
  offer.aggregated_discovery =
      call.path.kind == PathKind::kCoreVersions || call.path.kind == PathKind::kGroups;
  auto negotiated = Negotiate(call.request.Header("accept"), offer);
  if (!negotiated) return NotAcceptable();
  const ResourceTypes types = registry_->All();
  switch (call.path.kind) {
    case PathKind::kRoot:
      return Encode(200, RootPathsDocument(types), *negotiated);
    case PathKind::kVersion:
      return Encode(200, VersionInfoDocument(), *negotiated);
    case PathKind::kCoreVersions:
    case PathKind::kGroups: {
      const bool core = call.path.kind == PathKind::kCoreVersions;
      if (negotiated->representation == Representation::kAggregatedDiscovery ||
          negotiated->representation == Representation::kAggregatedDiscoveryV2Beta1) {
        HttpResponse response =
            Encode(200, AggregatedDiscoveryDocument(types, core, negotiated->version), *negotiated);
        response.SetHeader("Vary", "Accept");
        return response;
      }
      return Encode(200, core ? CoreVersionsDocument(ServerAddress()) : GroupListDocument(types),
                    *negotiated);
    }
    case PathKind::kGroup: {
      auto document = GroupDocument(types, call.path.group);
      return document ? Encode(200, *document, *negotiated) : NotFoundResponse();
    }
    case PathKind::kGroupVersion: {
      auto document = ResourceListDocument(types, call.path.group, call.path.version);
      return document ? Encode(200, *document, *negotiated) : NotFoundResponse();
    }
    default:
      return NotFoundResponse();
  }
}

HttpResponse ApiHandler::Resource(Call& call) const {
  const ApiPath& path = call.path;
  call.type = registry_->Find(path.group, path.version, path.resource);
  if (call.type == nullptr) return NotFoundResponse();
  const ResourceType& type = *call.type;
  // A namespaced resource is addressed through its namespace, except for
  // lists and watches across all namespaces; a cluster-scoped one never is.
  if (type.namespaced ? (!path.has_namespace && !path.name.empty()) : path.has_namespace) {
    return NotFoundResponse();
  }
  if (!path.subresource.empty()) {
    if (path.subresource != "status" || !type.has_status_subresource) return NotFoundResponse();
    call.sub = Subresource::kStatus;
  }
  call.key.type = call.type;
  call.key.ns = path.has_namespace ? path.ns : "";
  const std::string& method = call.request.method;
  const bool all_namespaces = type.namespaced && !path.has_namespace;

  auto watch = BoolParam(call.query, "watch");
  if (!watch.ok()) return StatusResponse(watch.status());
  const bool is_watch = *watch || path.legacy_watch;

  if (path.name.empty()) {
    if (method == "GET") {
      if (is_watch) return Allows(type, "watch") ? Watch(call) : MethodNotAllowedResponse();
      return Allows(type, "list") ? List(call) : MethodNotAllowedResponse();
    }
    if (all_namespaces || path.legacy_watch) return MethodNotAllowedResponse();
    if (method == "POST") return Allows(type, "create") ? Create(call) : MethodNotAllowedResponse();
    if (method == "DELETE") {
      return Allows(type, "deletecollection") ? DeleteCollection(call) : MethodNotAllowedResponse();
    }
    return MethodNotAllowedResponse();
  }
  if (path.legacy_watch) {
    if (method != "GET" || call.sub != Subresource::kNone) return MethodNotAllowedResponse();
    return Watch(call);
  }
  if (call.sub == Subresource::kStatus) {
    if (method == "GET") return Get(call);
    if (method == "PUT") return Update(call);
    if (method == "PATCH") return Patch(call);
    return MethodNotAllowedResponse();
  }
  if (method == "GET") {
    if (is_watch) return Allows(type, "watch") ? Watch(call) : MethodNotAllowedResponse();
    return Allows(type, "get") ? Get(call) : MethodNotAllowedResponse();
  }
  if (method == "PUT") return Allows(type, "update") ? Update(call) : MethodNotAllowedResponse();
  if (method == "PATCH") return Allows(type, "patch") ? Patch(call) : MethodNotAllowedResponse();
  if (method == "DELETE") return Allows(type, "delete") ? Delete(call) : MethodNotAllowedResponse();
  return MethodNotAllowedResponse();
}

namespace {

Offer ReadOffer() {
  Offer offer;
  offer.table = true;
  offer.partial_metadata = true;
  return offer;
}

// Writes answer with the object itself; a Table or metadata-only answer is
// only for reads.
std::optional<Negotiated> NegotiateWrite(const HttpRequest& request) {
  return Negotiate(request.Header("accept"), Offer());
}

}  // namespace

HttpResponse ApiHandler::Get(Call& call) const {
  auto negotiated = Negotiate(call.request.Header("accept"), ReadOffer());
  if (!negotiated) return NotAcceptable();
  auto include = IncludeObjectParam(call.query);
  if (!include.ok()) return StatusResponse(include.status());
  auto object = store_->Get(call.key, call.path.name, call.sub);
  if (!object.ok()) return StatusResponse(object.status());
  return Represent(call, *object, *negotiated, *include, /*is_list=*/false);
}

HttpResponse ApiHandler::List(Call& call) const {
  auto negotiated = Negotiate(call.request.Header("accept"), ReadOffer());
  if (!negotiated) return NotAcceptable();
  auto include = IncludeObjectParam(call.query);
  if (!include.ok()) return StatusResponse(include.status());
  auto options = ListOptionsParams(call.query);
  if (!options.ok()) return StatusResponse(options.status());
  auto list = store_->List(call.key, *options);
  if (!list.ok()) return StatusResponse(list.status());
  return Represent(call, *list, *negotiated, *include, /*is_list=*/true);
}

// One object or a list in the representation the client negotiated: a
// Table, PartialObjectMetadata(List), or the object itself.
HttpResponse ApiHandler::Represent(const Call& call, const Json& value,
                                   const Negotiated& negotiated, TableOptions::Include include,
                                   bool is_list) const {
  switch (negotiated.representation) {
    case Representation::kTable: {
      TableOptions table;
      table.include = include;
      table.version = negotiated.version;
      const Clock* clock = options_.clock != nullptr ? options_.clock : RealClock();
      return Encode(200, RenderTable(*call.type, value, table, clock->Now()), negotiated);
    }
    case Representation::kPartialObjectMetadata:
      return Encode(200,
                    is_list ? PartialMetadataList(value, negotiated.version)
                            : PartialObjectMetadata(value, negotiated.version),
                    negotiated);
    default:
      return Encode(200, value, negotiated);
  }
}

HttpResponse ApiHandler::Watch(Call& call) const {
  auto negotiated = Negotiate(call.request.Header("accept"), ReadOffer());
  if (!negotiated) return NotAcceptable();
  auto include = IncludeObjectParam(call.query);
  if (!include.ok()) return StatusResponse(include.status());
  auto request = WatchParams(call.query, call.path.legacy_watch, call.path.name);
  if (!request.ok()) return StatusResponse(request.status());

  // The encoder runs for one event at a time (WatchStream guarantees it),
  // so `first` needs no lock.
  const ResourceType* type = call.type;
  const Representation representation = negotiated->representation;
  const std::string meta_version = negotiated->version;
  const TableOptions::Include include_object = *include;
  const Clock* clock = options_.clock != nullptr ? options_.clock : RealClock();
  auto encoder = [type, representation, meta_version, include_object, clock,
                  first = true](const WatchEvent& event) mutable {
    Json object;
    if (event.type == WatchEventType::kError) {
      object = event.object;
    } else if (representation == Representation::kTable) {
      if (event.type == WatchEventType::kBookmark) {
        object = {
            {"kind", "Table"},
            {"apiVersion", "meta.k8s.io/" + meta_version},
            {"metadata",
             {{"resourceVersion", event.object.is_object() && event.object.contains("metadata")
                                      ? event.object["metadata"].value("resourceVersion", "")
                                      : ""}}},
            {"columnDefinitions", nullptr},
            {"rows", nullptr}};
      } else {
        TableOptions table;
        table.include = include_object;
        table.version = meta_version;
        // Column definitions go with the first event only, as the apiserver
        // sends them.
        table.include_column_definitions = first;
        first = false;
        object = RenderTable(*type, event.object, table, clock->Now());
      }
    } else if (representation == Representation::kPartialObjectMetadata) {
      object = PartialObjectMetadata(event.object, meta_version);
    } else {
      object = event.object;
    }
    return Dump(Json{{"type", EventTypeName(event.type)}, {"object", std::move(object)}}) + "\n";
  };

  auto stream = WatchStream::Create(std::move(encoder), options_.watch_limits);
  auto handle = store_->Watch(call.key, request->options, stream->Sink());
  if (!handle.ok()) {
    stream->Close();
    return StatusResponse(handle.status());
  }
  stream->Attach(*std::move(handle));
  HttpResponse response;
  response.status = 200;
  // Watch events are JSON whatever the list would have been (YAML has no
  // framing for a stream).
  response.SetHeader("Content-Type", "application/json");
  response.SetHeader("Cache-Control", "no-cache, private");
  response.stream = std::move(stream);
  response.stream_timeout = request->timeout;
  return response;
}

HttpResponse ApiHandler::WriteObject(Call& call, int success_code, const ObjectWrite& write) const {
  auto negotiated = NegotiateWrite(call.request);
  if (!negotiated) return NotAcceptable();
  auto object = DecodeObjectBody(call.request.Header("content-type"), call.request.body);
  if (!object.ok()) return StatusResponse(object.status());
  auto options = WriteOptionsParams(call.query);
  if (!options.ok()) return StatusResponse(options.status());
  auto validation = FieldValidationParam(call.query);
  if (!validation.ok()) return StatusResponse(validation.status());
  std::vector<std::string> warnings;
  if (auto status = CheckFieldValidation(*validation, *call.type, *object, &warnings);
      !status.ok()) {
    return StatusResponse(status);
  }
  auto written = write(*std::move(object), *options);
  if (!written.ok()) return StatusResponse(written.status());
  HttpResponse response = Encode(success_code, *written, *negotiated);
  AddWarnings(warnings, response);
  return response;
}

HttpResponse ApiHandler::Create(Call& call) const {
  return WriteObject(call, 201, [&](Json object, const WriteOptions& options) {
    return store_->Create(call.key, std::move(object), options);
  });
}

HttpResponse ApiHandler::Update(Call& call) const {
  return WriteObject(call, 200, [&](Json object, const WriteOptions& options) {
    return store_->Update(call.key, call.path.name, std::move(object), call.sub, options);
  });
}

HttpResponse ApiHandler::Patch(Call& call) const {
  auto negotiated = NegotiateWrite(call.request);
  if (!negotiated) return NotAcceptable();
  // Custom resources have no strategic-merge schema (kube answers 415).
  const bool custom = !call.type->crd_name.empty();
  auto patch = DecodePatchBody(call.request.Header("content-type"), call.request.body, !custom);
  if (!patch.ok()) return StatusResponse(patch.status());
  auto options = PatchOptionsParams(call.query, patch->type);
  if (!options.ok()) return StatusResponse(options.status());
  auto validation = FieldValidationParam(call.query);
  if (!validation.ok()) return StatusResponse(validation.status());
  std::vector<std::string> warnings;
  if (patch->type != PatchType::kJson) {
    if (auto status = CheckFieldValidation(*validation, *call.type, patch->patch, &warnings);
        !status.ok()) {
      return StatusResponse(status);
    }
  }
  bool created = false;
  options->created = &created;
  auto patched =
      store_->Patch(call.key, call.path.name, patch->type, patch->patch, call.sub, *options);
  if (!patched.ok()) return StatusResponse(patched.status());
  HttpResponse response = Encode(created ? 201 : 200, *patched, *negotiated);
  AddWarnings(warnings, response);
  return response;
}

HttpResponse ApiHandler::Delete(Call& call) const {
  auto negotiated = NegotiateWrite(call.request);
  if (!negotiated) return NotAcceptable();
  auto body = DecodeOptionalBody(call.request.Header("content-type"), call.request.body);
  if (!body.ok()) return StatusResponse(body.status());
  auto request = DeleteOptionsParams(call.query, *body);
  if (!request.ok()) return StatusResponse(request.status());
  bool removed = false;
  request->options.removed = &removed;
  auto result = store_->Delete(call.key, call.path.name, request->options);
  if (!result.ok()) return StatusResponse(result.status());
  // The apiserver answers 202 only for the deprecated orphanDependents=false
  // when the object is not gone yet; 200 otherwise.
  const int code = !removed && request->orphan_dependents_false ? 202 : 200;
  if (removed && !call.type->return_deleted_object) {
    Json details = {{"name", call.path.name}, {"kind", call.type->resource}};
    if (!call.type->group.empty()) details["group"] = call.type->group;
    const Json& meta = result->value("metadata", Json::object());
    if (meta.contains("uid")) details["uid"] = meta["uid"];
    return Encode(code,
                  {{"kind", "Status"},
                   {"apiVersion", "v1"},
                   {"metadata", Json::object()},
                   {"status", "Success"},
                   {"details", std::move(details)}},
                  *negotiated);
  }
  return Encode(code, *result, *negotiated);
}

HttpResponse ApiHandler::DeleteCollection(Call& call) const {
  auto negotiated = NegotiateWrite(call.request);
  if (!negotiated) return NotAcceptable();
  auto body = DecodeOptionalBody(call.request.Header("content-type"), call.request.body);
  if (!body.ok()) return StatusResponse(body.status());
  auto request = DeleteOptionsParams(call.query, *body);
  if (!request.ok()) return StatusResponse(request.status());
  auto list_options = ListOptionsParams(call.query);
  if (!list_options.ok()) return StatusResponse(list_options.status());
  list_options->limit = 0;  // the whole matching collection
  list_options->continue_token.clear();
  auto list = store_->List(call.key, *list_options);
  if (!list.ok()) return StatusResponse(list.status());
  Json deleted = Json::array();
  for (const auto& item : list->value("items", Json::array())) {
    const Json& meta = item.value("metadata", Json::object());
    const std::string name = meta.value("name", "");
    ResourceKey key = call.key;
    if (call.type->namespaced) key.ns = meta.value("namespace", call.key.ns);
    auto result = store_->Delete(key, name, request->options);
    if (!result.ok()) {
      if (HttpCode(result.status()) == 404) continue;  // deleted meanwhile
      return StatusResponse(result.status());
    }
    deleted.push_back(*std::move(result));
  }
  Json response = {{"kind", call.type->list_kind},
                   {"apiVersion", call.type->GroupVersion()},
                   {"metadata", {{"resourceVersion", store_->CurrentResourceVersion()}}},
                   {"items", std::move(deleted)}};
  return Encode(200, response, *negotiated);
}

}  // namespace sei::controlplane
