// The server-owned parts of an object, as kube-apiserver's generic registry
// and the per-kind strategies set them: uid, creationTimestamp, generateName,
// generation, the separation of spec and status between the main resource and
// its /status subresource, and managedFields bookkeeping. Pure functions; the
// store (memory_store.cc) decides when each applies.
#ifndef SEI_LIB_CONTROLPLANE_APISERVER_METADATA_H_
#define SEI_LIB_CONTROLPLANE_APISERVER_METADATA_H_

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "lib/controlplane/apiserver/object_store.h"
#include "lib/controlplane/apiserver/resource_type.h"
#include "lib/controlplane/schema/field_error.h"

namespace sei::controlplane {

// The finalizer of an object deleted with propagationPolicy=Foreground: it
// holds the object until its blocking dependents are gone.
inline constexpr absl::string_view kForegroundDeletionFinalizer = "foregroundDeletion";

// A random (version 4) UUID, e.g. "3b241101-e2bb-4255-8caf-4136c566a962".
std::string NewUid(std::mt19937_64& rng);

// The five characters the apiserver appends to metadata.generateName
// (alphabet "bcdfghjklmnpqrstvwxz2456789", which avoids vowels and look-alikes).
std::string GenerateNameSuffix(std::mt19937_64& rng);

// RFC 3339 in UTC with whole seconds, like metav1.Time: "2026-01-01T00:00:00Z".
std::string FormatTimestamp(absl::Time t);

// "pods", "statefulsets.apps": the GroupResource as error messages print it.
std::string QualifiedResource(const ResourceType& type);
// "Pod", "StatefulSet.apps": the GroupKind as Invalid errors print it.
std::string QualifiedKind(const ResourceType& type);

// 422 `<Kind>.<group> "<name>" is invalid: <field>: <message>[, …]` with
// one cause per error.
absl::Status InvalidObjectError(const ResourceType& type, absl::string_view name,
                                const std::vector<FieldError>& errors);

// 400 unless the body is an object whose apiVersion and kind (when present)
// name `type` and whose metadata fields have the types of ObjectMeta.
absl::Status CheckTypeMeta(const ResourceType& type, const Json& object);

// metadata.name rules of the kind: RFC 1123 label for namespaces, RFC 1035
// label for services, RFC 1123 subdomain otherwise. Empty → the "name or
// generateName is required" error.
absl::Status ValidateObjectName(const ResourceType& type, absl::string_view name);

// Fills what a create sets: uid, creationTimestamp, generation, clears
// deletion fields, drops a client-sent status for types with a /status
// subresource and puts the kind's initial status (a pod is Pending, a
// namespace Active…). apiVersion/kind are set to `type`'s.
void PrepareForCreate(const ResourceType& type, absl::Time now, std::string uid, Json* object);

// Makes `updated` (the client's new object) a valid successor of `current`:
// immutable metadata is copied from `current`, spec/status are separated
// according to `sub`, and generation is bumped when the spec changed.
// managedFields are kept from `current` when the client sent none.
void PrepareForUpdate(const ResourceType& type, const Json& current, Subresource sub,
                      Json* updated);

// True when anything outside metadata (and outside status, for types with a
// /status subresource) differs: the generation rule.
bool SpecChanged(const ResourceType& type, const Json& before, const Json& after);

// Records (or refreshes) the managedFields entry of `manager`. Full field
// ownership (fieldsV1 sets) is not tracked: fieldsV1 stays {}.
void RecordManager(const ResourceType& type, absl::string_view manager,
                   absl::string_view operation, Subresource sub, absl::Time now, Json* object);

// Small typed accessors for metadata fields (missing → empty / 0).
const Json& Metadata(const Json& object);
std::string MetaString(const Json& object, absl::string_view field);
std::vector<std::string> Finalizers(const Json& object);
void SetFinalizers(std::vector<std::string> finalizers, Json* object);
bool IsTerminating(const Json& object);  // deletionTimestamp is set

}  // namespace sei::controlplane

#endif  // SEI_LIB_CONTROLPLANE_APISERVER_METADATA_H_
