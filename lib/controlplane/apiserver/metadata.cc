#include "lib/controlplane/apiserver/metadata.h"

#include "lib/controlplane/core/json_text.h"

#include <algorithm>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "lib/controlplane/apiserver/api_error.h"
#include "lib/controlplane/schema/admission.h"

namespace sei::controlplane {
namespace {

bool IsLowerAlnum(char c) { return absl::ascii_isdigit(c) || (c >= 'a' && c <= 'z'); }

// [a-z0-9]([-a-z0-9]*[a-z0-9])?
bool IsRfc1123Label(absl::string_view s) {
  if (s.empty() || s.size() > 63) return false;
  if (!IsLowerAlnum(s.front()) || !IsLowerAlnum(s.back())) return false;
  return std::all_of(s.begin(), s.end(), [](char c) { return IsLowerAlnum(c) || c == '-'; });
}

// [a-z]([-a-z0-9]*[a-z0-9])?
bool IsRfc1035Label(absl::string_view s) {
  return IsRfc1123Label(s) && s.front() >= 'a' && s.front() <= 'z';
}

// Labels joined by dots, at most 253 characters.
bool IsRfc1123Subdomain(absl::string_view s) {
  if (s.empty() || s.size() > 253) return false;
  for (absl::string_view part : absl::StrSplit(s, '.')) {
    if (part.empty() || !IsLowerAlnum(part.front()) || !IsLowerAlnum(part.back())) return false;
    for (char c : part) {
      if (!IsLowerAlnum(c) && c != '-') return false;
    }
  }
  return true;
}

// Worded like Go's encoding/json, which is what a real server answers.
std::string DecodeError(absl::string_view field, absl::string_view go_type, const Json& value) {
  const char* json_type = value.is_string()    ? "string"
                          : value.is_number()  ? "number"
                          : value.is_boolean() ? "bool"
                          : value.is_array()   ? "array"
                          : value.is_object()  ? "object"
                                               : "null";
  return absl::StrCat("json: cannot unmarshal ", json_type, " into Go struct field ", field,
                      " of type ", go_type);
}

const Json& NullJson() {
  static const Json* const null_json = new Json(nullptr);
  return *null_json;
}

}  // namespace

std::string NewUid(std::mt19937_64& rng) {
  uint64_t hi = rng();
  uint64_t lo = rng();
  hi = (hi & ~uint64_t{0xF000}) | 0x4000;                          // version 4
  lo = (lo & ~(uint64_t{0xC} << 60)) | (uint64_t{0x8} << 60);      // variant 10xx
  const std::string hex = absl::StrCat(absl::Hex(hi, absl::kZeroPad16),
                                       absl::Hex(lo, absl::kZeroPad16));
  return absl::StrCat(hex.substr(0, 8), "-", hex.substr(8, 4), "-", hex.substr(12, 4), "-",
                      hex.substr(16, 4), "-", hex.substr(20, 12));
}

std::string GenerateNameSuffix(std::mt19937_64& rng) {
  static constexpr absl::string_view kAlphabet = "bcdfghjklmnpqrstvwxz2456789";
  std::string suffix;
  for (int i = 0; i < 5; ++i) suffix.push_back(kAlphabet[rng() % kAlphabet.size()]);
  return suffix;
}

std::string FormatTimestamp(absl::Time t) {
  return absl::FormatTime("%Y-%m-%dT%H:%M:%SZ", t, absl::UTCTimeZone());
}

std::string QualifiedResource(const ResourceType& type) {
  return type.group.empty() ? type.resource : absl::StrCat(type.resource, ".", type.group);
}

std::string QualifiedKind(const ResourceType& type) {
  return type.group.empty() ? type.kind : absl::StrCat(type.kind, ".", type.group);
}

absl::Status InvalidObjectError(const ResourceType& type, absl::string_view name,
                                const std::vector<FieldError>& errors) {
  return ApiErrorFromStatusObject(InvalidStatus(QualifiedKind(type), name, errors));
}

absl::Status CheckTypeMeta(const ResourceType& type, const Json& object) {
  if (!object.is_object()) {
    return BadRequestError("the body of the request was not a JSON object");
  }
  auto api_version = object.find("apiVersion");
  if (api_version != object.end() && !api_version->is_null() &&
      (!api_version->is_string() || *api_version != type.GroupVersion())) {
    return BadRequestError(absl::StrCat("the API version in the data (",
                                        api_version->is_string() ? api_version->get<std::string>()
                                                                 : JsonText(*api_version),
                                        ") does not match the expected API version (",
                                        type.GroupVersion(), ")"));
  }
  auto kind = object.find("kind");
  if (kind != object.end() && !kind->is_null() && (!kind->is_string() || *kind != type.kind)) {
    return BadRequestError(absl::StrCat(
        "the kind in the data (", kind->is_string() ? kind->get<std::string>() : JsonText(*kind),
        ") does not match the expected kind (", type.kind, ")"));
  }
  auto metadata = object.find("metadata");
  if (metadata == object.end() || metadata->is_null()) return absl::OkStatus();
  if (!metadata->is_object()) {
    return BadRequestError(DecodeError("metadata", "ObjectMeta", *metadata));
  }
  // The shapes the store reads: anything else would not decode into
  // ObjectMeta on a real server either (400 there too).
  for (const char* field : {"name", "namespace", "generateName", "resourceVersion", "uid"}) {
    auto it = metadata->find(field);
    if (it != metadata->end() && !it->is_null() && !it->is_string()) {
      return BadRequestError(DecodeError(absl::StrCat("metadata.", field), "string", *it));
    }
  }
  for (const char* field : {"labels", "annotations"}) {
    auto it = metadata->find(field);
    if (it == metadata->end() || it->is_null()) continue;
    if (!it->is_object()) {
      return BadRequestError(
          DecodeError(absl::StrCat("metadata.", field), "map[string]string", *it));
    }
    for (auto entry = it->begin(); entry != it->end(); ++entry) {
      if (!entry->is_string()) {
        return BadRequestError(DecodeError(absl::StrCat("metadata.", field), "string", *entry));
      }
    }
  }
  if (auto it = metadata->find("finalizers"); it != metadata->end() && !it->is_null()) {
    if (!it->is_array()) {
      return BadRequestError(DecodeError("metadata.finalizers", "[]string", *it));
    }
    for (const Json& f : *it) {
      if (!f.is_string()) return BadRequestError(DecodeError("metadata.finalizers", "string", f));
    }
  }
  if (auto it = metadata->find("ownerReferences"); it != metadata->end() && !it->is_null()) {
    if (!it->is_array()) {
      return BadRequestError(
          DecodeError("metadata.ownerReferences", "[]v1.OwnerReference", *it));
    }
    for (const Json& ref : *it) {
      if (!ref.is_object()) {
        return BadRequestError(
            DecodeError("metadata.ownerReferences", "v1.OwnerReference", ref));
      }
      for (const char* field : {"apiVersion", "kind", "name", "uid"}) {
        auto f = ref.find(field);
        if (f != ref.end() && !f->is_null() && !f->is_string()) {
          return BadRequestError(
              DecodeError(absl::StrCat("metadata.ownerReferences.", field), "string", *f));
        }
      }
      for (const char* field : {"controller", "blockOwnerDeletion"}) {
        auto f = ref.find(field);
        if (f != ref.end() && !f->is_null() && !f->is_boolean()) {
          return BadRequestError(
              DecodeError(absl::StrCat("metadata.ownerReferences.", field), "bool", *f));
        }
      }
    }
  }
  return absl::OkStatus();
}

absl::Status ValidateObjectName(const ResourceType& type, absl::string_view name) {
  if (name.empty()) {
    return InvalidObjectError(type, name,
                        {{"metadata.name", "FieldValueRequired",
                          "Required value: name or generateName is required"}});
  }
  const std::string invalid = absl::StrCat("Invalid value: \"", name, "\": ");
  if (type.group.empty() && type.resource == "namespaces") {
    if (name.size() > 63) {
      return InvalidObjectError(type, name, {{"metadata.name", "FieldValueInvalid",
                                        invalid + "must be no more than 63 characters"}});
    }
    if (!IsRfc1123Label(name)) {
      return InvalidObjectError(
          type, name,
          {{"metadata.name", "FieldValueInvalid",
            invalid +
                "a lowercase RFC 1123 label must consist of lower case alphanumeric characters "
                "or '-', and must start and end with an alphanumeric character (e.g. "
                "'my-name',  or '123-abc', regex used for validation is "
                "'[a-z0-9]([-a-z0-9]*[a-z0-9])?')"}});
    }
    return absl::OkStatus();
  }
  if (type.group.empty() && type.resource == "services") {
    if (name.size() > 63) {
      return InvalidObjectError(type, name, {{"metadata.name", "FieldValueInvalid",
                                        invalid + "must be no more than 63 characters"}});
    }
    if (!IsRfc1035Label(name)) {
      return InvalidObjectError(
          type, name,
          {{"metadata.name", "FieldValueInvalid",
            invalid +
                "a DNS-1035 label must consist of lower case alphanumeric characters or '-', "
                "start with an alphabetic character, and end with an alphanumeric character "
                "(e.g. 'my-name',  or 'abc-123', regex used for validation is "
                "'[a-z]([-a-z0-9]*[a-z0-9])?')"}});
    }
    return absl::OkStatus();
  }
  if (name.size() > 253) {
    return InvalidObjectError(type, name, {{"metadata.name", "FieldValueInvalid",
                                      invalid + "must be no more than 253 characters"}});
  }
  if (!IsRfc1123Subdomain(name)) {
    return InvalidObjectError(
        type, name,
        {{"metadata.name", "FieldValueInvalid",
          invalid +
              "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric "
              "characters, '-' or '.', and must start and end with an alphanumeric character "
              "(e.g. 'example.com', regex used for validation is "
              "'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"}});
  }
  return absl::OkStatus();
}

namespace {

// Every namespace carries kubernetes.io/metadata.name = its name (the
// namespace strategy has set it since 1.21, on create and update).
void SetNamespaceNameLabel(Json* object) {
  Json& meta = (*object)["metadata"];
  Json& labels = meta["labels"];
  if (!labels.is_object()) labels = Json::object();
  labels["kubernetes.io/metadata.name"] = meta.value("name", "");
}

}  // namespace

void PrepareForCreate(const ResourceType& type, absl::Time now, std::string uid, Json* object) {
  Json& obj = *object;
  obj["apiVersion"] = type.GroupVersion();
  obj["kind"] = type.kind;
  Json& meta = obj["metadata"];
  if (!meta.is_object()) meta = Json::object();
  meta["uid"] = std::move(uid);
  meta["creationTimestamp"] = FormatTimestamp(now);
  meta.erase("deletionTimestamp");
  meta.erase("deletionGracePeriodSeconds");
  meta.erase("resourceVersion");
  meta.erase("selfLink");
  if (type.tracks_generation) {
    meta["generation"] = 1;
  } else {
    meta.erase("generation");
  }
  if (type.has_status_subresource) obj.erase("status");

  // What the built-in strategies (and defaulting) put in a new object's
  // status; the simulated controllers take it from there.
  if (!type.group.empty()) {
    if (type.group == "apps" && type.resource == "statefulsets") {
      obj["status"] = {{"replicas", 0}, {"availableReplicas", 0}};
    } else if (type.group == "batch" && type.resource == "jobs") {
      obj["status"] = Json::object();
    }
    return;
  }
  if (type.resource == "namespaces") {
    obj["status"] = {{"phase", "Active"}};
    SetNamespaceNameLabel(&obj);
    Json& spec = obj["spec"];
    if (!spec.is_object()) spec = Json::object();
    Json& finalizers = spec["finalizers"];
    if (!finalizers.is_array()) finalizers = Json::array();
    if (std::find(finalizers.begin(), finalizers.end(), Json("kubernetes")) == finalizers.end()) {
      finalizers.push_back("kubernetes");
    }
  } else if (type.resource == "pods" || type.resource == "persistentvolumeclaims" ||
             type.resource == "persistentvolumes") {
    obj["status"] = {{"phase", "Pending"}};
  } else if (type.resource == "services") {
    obj["status"] = {{"loadBalancer", Json::object()}};
  }
}

bool SpecChanged(const ResourceType& type, const Json& before, const Json& after) {
  auto ignored = [&](const std::string& key) {
    return key == "metadata" || (type.has_status_subresource && key == "status");
  };
  for (auto it = before.begin(); it != before.end(); ++it) {
    if (ignored(it.key())) continue;
    auto other = after.find(it.key());
    if (other == after.end() || *other != it.value()) return true;
  }
  for (auto it = after.begin(); it != after.end(); ++it) {
    if (!ignored(it.key()) && !before.contains(it.key())) return true;
  }
  return false;
}

void PrepareForUpdate(const ResourceType& type, const Json& current, Subresource sub,
                      Json* updated) {
  if (sub == Subresource::kStatus) {
    // A /status write changes status and nothing else (the custom resource
    // status strategy; built-in status strategies also let some metadata
    // through, which this server does not).
    Json result = current;
    auto status = updated->find("status");
    if (status != updated->end()) {
      result["status"] = *status;
    } else {
      result.erase("status");
    }
    *updated = std::move(result);
    return;
  }

  Json& obj = *updated;
  obj["apiVersion"] = type.GroupVersion();
  obj["kind"] = type.kind;
  Json& meta = obj["metadata"];
  if (!meta.is_object()) meta = Json::object();
  const Json& old_meta = Metadata(current);
  for (const char* field : {"name", "namespace", "uid", "creationTimestamp", "deletionTimestamp",
                            "deletionGracePeriodSeconds", "resourceVersion", "generation"}) {
    auto it = old_meta.find(field);
    if (it != old_meta.end()) {
      meta[field] = *it;
    } else {
      meta.erase(field);
    }
  }
  meta.erase("selfLink");
  if (!meta.contains("managedFields") && old_meta.contains("managedFields")) {
    meta["managedFields"] = old_meta["managedFields"];
  }
  if (type.group.empty() && type.resource == "namespaces") SetNamespaceNameLabel(&obj);
  if (type.has_status_subresource) {
    auto status = current.find("status");
    if (status != current.end()) {
      obj["status"] = *status;
    } else {
      obj.erase("status");
    }
  }
  if (type.tracks_generation && SpecChanged(type, current, obj)) {
    meta["generation"] = old_meta.value("generation", int64_t{0}) + 1;
  }
}

void RecordManager(const ResourceType& type, absl::string_view manager,
                   absl::string_view operation, Subresource sub, absl::Time now, Json* object) {
  if (manager.empty()) return;
  Json& meta = (*object)["metadata"];
  Json& managed = meta["managedFields"];
  if (!managed.is_array()) managed = Json::array();
  Json entry = {{"manager", std::string(manager)},
                {"operation", std::string(operation)},
                {"apiVersion", type.GroupVersion()},
                {"time", FormatTimestamp(now)},
                {"fieldsType", "FieldsV1"},
                {"fieldsV1", Json::object()}};
  if (sub == Subresource::kStatus) entry["subresource"] = "status";
  for (Json& existing : managed) {
    if (existing.is_object() && existing.value("manager", "") == manager &&
        existing.value("operation", "") == operation &&
        existing.value("subresource", "") == entry.value("subresource", "")) {
      existing = std::move(entry);
      return;
    }
  }
  managed.push_back(std::move(entry));
}

const Json& Metadata(const Json& object) {
  if (!object.is_object()) return NullJson();
  auto it = object.find("metadata");
  return it != object.end() && it->is_object() ? *it : NullJson();
}

std::string MetaString(const Json& object, absl::string_view field) {
  const Json& meta = Metadata(object);
  if (!meta.is_object()) return "";
  auto it = meta.find(std::string(field));
  return it != meta.end() && it->is_string() ? it->get<std::string>() : "";
}

std::vector<std::string> Finalizers(const Json& object) {
  std::vector<std::string> out;
  const Json& meta = Metadata(object);
  if (!meta.is_object()) return out;
  auto it = meta.find("finalizers");
  if (it == meta.end() || !it->is_array()) return out;
  for (const Json& f : *it) {
    if (f.is_string()) out.push_back(f.get<std::string>());
  }
  return out;
}

void SetFinalizers(std::vector<std::string> finalizers, Json* object) {
  Json& meta = (*object)["metadata"];
  if (finalizers.empty()) {
    meta.erase("finalizers");
  } else {
    meta["finalizers"] = std::move(finalizers);
  }
}

bool IsTerminating(const Json& object) {
  const Json& meta = Metadata(object);
  return meta.is_object() && meta.contains("deletionTimestamp") &&
         !meta["deletionTimestamp"].is_null();
}

}  // namespace sei::controlplane
