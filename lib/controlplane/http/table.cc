#include "lib/controlplane/http/table.h"

#include "lib/controlplane/core/json_text.h"

#include <cctype>
#include <cmath>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "lib/controlplane/http/json_path.h"

namespace sei::controlplane {
namespace {

using Json = nlohmann::json;
using CellFn = std::function<Json(const Json& object, absl::Time now)>;

struct Column {
  std::string name;
  std::string type;    // string, integer, number, boolean, date
  std::string format;  // "name" for the Name column
  std::string description;
  int priority = 0;
  CellFn cell;
};

// --- field access ----------------------------------------------------------

const Json& At(const Json& object, std::initializer_list<const char*> keys) {
  static const Json kNull;
  const Json* current = &object;
  for (const char* key : keys) {
    if (!current->is_object()) return kNull;
    auto it = current->find(key);
    if (it == current->end()) return kNull;
    current = &*it;
  }
  return *current;
}

std::string Str(const Json& value, const std::string& fallback = "") {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_null()) return fallback;
  return JsonText(value);
}

int64_t Count(const Json& value) {
  return value.is_object() || value.is_array() ? static_cast<int64_t>(value.size()) : 0;
}

std::optional<absl::Time> ParseTime(const Json& value) {
  if (!value.is_string()) return std::nullopt;
  absl::Time t;
  std::string error;
  if (!absl::ParseTime(absl::RFC3339_full, value.get<std::string>(), &t, &error)) {
    return std::nullopt;
  }
  return t;
}

Json AgeOf(const Json& timestamp, absl::Time now) {
  auto t = ParseTime(timestamp);
  return t ? Json(HumanDuration(now - *t)) : Json("<unknown>");
}

Json Age(const Json& object, absl::Time now) {
  return AgeOf(At(object, {"metadata", "creationTimestamp"}), now);
}

Column NameColumn() {
  return {"Name",
          "string",
          "name",
          "Name must be unique within a namespace. Is required when creating resources, "
          "although some resources may allow a client to request the generation of an "
          "appropriate name automatically. Name is primarily intended for creation idempotence "
          "and configuration definition. Cannot be updated. More info: "
          "https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names",
          0,
          [](const Json& o, absl::Time) {
            return Json(Str(At(o, {"metadata", "name"})));
          }};
}

Column AgeColumn() {
  return {"Age",
          "string",
          "",
          "CreationTimestamp is a timestamp representing the server time when this object was "
          "created.",
          0,
          Age};
}

Column StringColumn(std::string name, std::string description, int priority,
                    std::function<std::string(const Json&)> fn) {
  return {std::move(name),
          "string",
          "",
          std::move(description),
          priority,
          [fn = std::move(fn)](const Json& o, absl::Time) { return Json(fn(o)); }};
}

Column IntColumn(std::string name, std::string description,
                 std::function<int64_t(const Json&)> fn) {
  return {std::move(name),
          "integer",
          "",
          std::move(description),
          0,
          [fn = std::move(fn)](const Json& o, absl::Time) { return Json(fn(o)); }};
}

// --- built-in printers -----------------------------------------------------

std::string PodReady(const Json& pod) {
  int64_t ready = 0;
  for (const auto& status : At(pod, {"status", "containerStatuses"})) {
    if (status.value("ready", false)) ++ready;
  }
  return absl::StrCat(ready, "/", Count(At(pod, {"spec", "containers"})));
}

// The STATUS column: the phase, refined by container states, as kubectl
// shows it (ContainerCreating, CrashLoopBackOff, Completed, Terminating…).
std::string PodStatus(const Json& pod) {
  std::string reason = Str(At(pod, {"status", "phase"}), "Unknown");
  if (At(pod, {"status", "reason"}).is_string()) reason = Str(At(pod, {"status", "reason"}));
  bool running = false;
  const Json& statuses = At(pod, {"status", "containerStatuses"});
  if (statuses.is_array()) {
    for (auto it = statuses.rbegin(); it != statuses.rend(); ++it) {
      const Json& state = At(*it, {"state"});
      const Json& waiting = At(state, {"waiting", "reason"});
      const Json& terminated = At(state, {"terminated"});
      if (waiting.is_string() && !waiting.get<std::string>().empty()) {
        reason = waiting.get<std::string>();
      } else if (terminated.is_object()) {
        const std::string why = Str(At(terminated, {"reason"}));
        if (!why.empty()) {
          reason = why;
        } else if (At(terminated, {"signal"}).is_number_integer() &&
                   At(terminated, {"signal"}).get<int64_t>() != 0) {
          reason = absl::StrCat("Signal:", At(terminated, {"signal"}).get<int64_t>());
        } else {
          reason = absl::StrCat("ExitCode:", At(terminated, {"exitCode"}).is_number_integer()
                                                 ? At(terminated, {"exitCode"}).get<int64_t>()
                                                 : 0);
        }
      } else if (it->value("ready", false) && At(state, {"running"}).is_object()) {
        running = true;
      }
    }
  }
  if (reason == "Completed" && running) reason = "Running";
  if (At(pod, {"metadata", "deletionTimestamp"}).is_string()) {
    reason = Str(At(pod, {"status", "reason"})) == "NodeLost" ? "Unknown" : "Terminating";
  }
  return reason;
}

int64_t PodRestarts(const Json& pod) {
  int64_t restarts = 0;
  for (const auto& status : At(pod, {"status", "containerStatuses"})) {
    if (status.contains("restartCount") && status["restartCount"].is_number_integer()) {
      restarts += status["restartCount"].get<int64_t>();
    }
  }
  return restarts;
}

std::string ServicePorts(const Json& service) {
  std::vector<std::string> ports;
  for (const auto& port : At(service, {"spec", "ports"})) {
    std::string text = Str(At(port, {"port"}));
    if (At(port, {"nodePort"}).is_number_integer()) {
      absl::StrAppend(&text, ":", At(port, {"nodePort"}).get<int64_t>());
    }
    absl::StrAppend(&text, "/", Str(At(port, {"protocol"}), "TCP"));
    ports.push_back(std::move(text));
  }
  return ports.empty() ? "<none>" : absl::StrJoin(ports, ",");
}

std::string Selector(const Json& selector) {
  if (!selector.is_object() || selector.empty()) return "<none>";
  std::vector<std::string> parts;
  for (const auto& [key, value] : selector.items()) parts.push_back(key + "=" + Str(value));
  return absl::StrJoin(parts, ",");
}

std::string AccessModes(const Json& modes) {
  std::vector<std::string> short_modes;
  for (const auto& mode : modes) {
    const std::string m = Str(mode);
    if (m == "ReadWriteOnce") {
      short_modes.push_back("RWO");
    } else if (m == "ReadOnlyMany") {
      short_modes.push_back("ROX");
    } else if (m == "ReadWriteMany") {
      short_modes.push_back("RWX");
    } else if (m == "ReadWriteOncePod") {
      short_modes.push_back("RWOP");
    } else {
      short_modes.push_back(m);
    }
  }
  return absl::StrJoin(short_modes, ",");
}

bool HasCondition(const Json& object, absl::string_view type) {
  for (const auto& condition : At(object, {"status", "conditions"})) {
    if (Str(At(condition, {"type"})) == type && Str(At(condition, {"status"})) == "True") {
      return true;
    }
  }
  return false;
}

std::string JobStatus(const Json& job) {
  if (HasCondition(job, "Complete")) return "Complete";
  if (HasCondition(job, "Failed")) return "Failed";
  if (HasCondition(job, "Suspended")) return "Suspended";
  if (At(job, {"metadata", "deletionTimestamp"}).is_string()) return "Terminating";
  return "Running";
}

Json JobDuration(const Json& job, absl::Time now) {
  auto start = ParseTime(At(job, {"status", "startTime"}));
  if (!start) return "";
  auto end = ParseTime(At(job, {"status", "completionTime"}));
  return HumanDuration((end ? *end : now) - *start);
}

std::string Containers(const Json& template_spec, const char* field) {
  std::vector<std::string> values;
  for (const auto& container : At(template_spec, {"containers"})) {
    values.push_back(Str(At(container, {field})));
  }
  return absl::StrJoin(values, ",");
}

std::string EventObject(const Json& event, bool events_api) {
  const Json& object = events_api ? At(event, {"regarding"}) : At(event, {"involvedObject"});
  std::string kind = Str(At(object, {"kind"}));
  for (char& c : kind) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return absl::StrCat(kind, "/", Str(At(object, {"name"})));
}

Json EventLastSeen(const Json& event, absl::Time now) {
  for (const auto& path : {At(event, {"series", "lastObservedTime"}), At(event, {"lastTimestamp"}),
                           At(event, {"deprecatedLastTimestamp"}), At(event, {"eventTime"}),
                           At(event, {"metadata", "creationTimestamp"})}) {
    if (ParseTime(path)) return AgeOf(path, now);
  }
  return "<unknown>";
}

std::vector<Column> BuiltinColumns(const ResourceType& type) {
  const std::string& g = type.group;
  const std::string& r = type.resource;
  std::vector<Column> columns = {NameColumn()};
  auto add = [&columns](Column c) { columns.push_back(std::move(c)); };
  if (g.empty() && r == "pods") {
    add(StringColumn("Ready", "The aggregate readiness state of this pod for accepting traffic.", 0,
                     PodReady));
    add(StringColumn("Status", "The aggregate status of the containers in this pod.", 0,
                     PodStatus));
    add(IntColumn("Restarts",
                  "The number of times the containers in this pod have been "
                  "restarted.",
                  PodRestarts));
    add(AgeColumn());
    add(StringColumn("IP", "IP address allocated to the pod.", 1, [](const Json& o) {
      return Str(At(o, {"status", "podIP"}), "<none>");
    }));
    add(StringColumn("Node", "Name of the node the pod is assigned to.", 1, [](const Json& o) {
      return Str(At(o, {"spec", "nodeName"}), "<none>");
    }));
  } else if (g.empty() && r == "namespaces") {
    add(StringColumn("Status", "The status of the namespace", 0, [](const Json& o) {
      return Str(At(o, {"status", "phase"}));
    }));
    add(AgeColumn());
  } else if (g.empty() && r == "configmaps") {
    add(IntColumn("Data", "Number of data entries in the ConfigMap", [](const Json& o) {
      return Count(At(o, {"data"})) + Count(At(o, {"binaryData"}));
    }));
    add(AgeColumn());
  } else if (g.empty() && r == "secrets") {
    add(StringColumn("Type", "The type of the secret", 0,
                     [](const Json& o) { return Str(At(o, {"type"}), "Opaque"); }));
    add(IntColumn("Data", "The number of data entries in the secret", [](const Json& o) {
      return Count(At(o, {"data"})) + Count(At(o, {"stringData"}));
    }));
    add(AgeColumn());
  } else if (g.empty() && r == "services") {
    add(StringColumn("Type", "The type of the service.", 0, [](const Json& o) {
      return Str(At(o, {"spec", "type"}), "ClusterIP");
    }));
    add(StringColumn("Cluster-IP", "The cluster IP of the service.", 0, [](const Json& o) {
      return Str(At(o, {"spec", "clusterIP"}), "<none>");
    }));
    add(StringColumn("External-IP", "The external IP of the service.", 0, [](const Json& o) {
      const Json& ips = At(o, {"spec", "externalIPs"});
      return ips.is_array() && !ips.empty() ? Str(ips[0]) : std::string("<none>");
    }));
    add(StringColumn("Port(s)", "The ports of the service.", 0, ServicePorts));
    add(AgeColumn());
    add(StringColumn("Selector", "The label selector of the service.", 1, [](const Json& o) {
      return Selector(At(o, {"spec", "selector"}));
    }));
  } else if (g.empty() && r == "persistentvolumeclaims") {
    add(StringColumn("Status", "The phase of the claim.", 0, [](const Json& o) {
      return At(o, {"metadata", "deletionTimestamp"}).is_string() ? std::string("Terminating")
                                                                  : Str(At(o, {"status", "phase"}));
    }));
    add(StringColumn("Volume", "The bound volume.", 0, [](const Json& o) {
      return Str(At(o, {"spec", "volumeName"}));
    }));
    add(StringColumn("Capacity", "The bound capacity.", 0, [](const Json& o) {
      return Str(At(o, {"status", "capacity", "storage"}));
    }));
    add(StringColumn("Access Modes", "The access modes of the bound volume.", 0, [](const Json& o) {
      return AccessModes(At(o, {"status", "accessModes"}));
    }));
    add(StringColumn("StorageClass", "The storage class of the claim.", 0, [](const Json& o) {
      return Str(At(o, {"spec", "storageClassName"}), "<unset>");
    }));
    add(AgeColumn());
  } else if (g.empty() && r == "persistentvolumes") {
    add(StringColumn("Capacity", "The capacity of the volume.", 0, [](const Json& o) {
      return Str(At(o, {"spec", "capacity", "storage"}));
    }));
    add(StringColumn("Access Modes", "The access modes of the volume.", 0, [](const Json& o) {
      return AccessModes(At(o, {"spec", "accessModes"}));
    }));
    add(StringColumn("Reclaim Policy", "The reclaim policy of the volume.", 0, [](const Json& o) {
      return Str(At(o, {"spec", "persistentVolumeReclaimPolicy"}));
    }));
    add(StringColumn("Status", "The phase of the volume.", 0, [](const Json& o) {
      return Str(At(o, {"status", "phase"}));
    }));
    add(StringColumn("Claim", "The claim bound to the volume.", 0, [](const Json& o) {
      const Json& ref = At(o, {"spec", "claimRef"});
      return ref.is_object() ? Str(At(ref, {"namespace"})) + "/" + Str(At(ref, {"name"}))
                             : std::string();
    }));
    add(StringColumn("StorageClass", "The storage class of the volume.", 0, [](const Json& o) {
      return Str(At(o, {"spec", "storageClassName"}));
    }));
    add(AgeColumn());
  } else if (g.empty() && r == "serviceaccounts") {
    add(IntColumn("Secrets", "The number of secrets of the service account.",
                  [](const Json& o) { return Count(At(o, {"secrets"})); }));
    add(AgeColumn());
  } else if ((g.empty() || g == "events.k8s.io") && r == "events") {
    const bool events_api = !g.empty();
    columns.clear();
    columns.push_back(
        {"Last Seen", "string", "", "The time the event was last seen.", 0, EventLastSeen});
    add(StringColumn("Type", "The type of the event.", 0,
                     [](const Json& o) { return Str(At(o, {"type"})); }));
    add(StringColumn("Reason", "The reason of the event.", 0,
                     [](const Json& o) { return Str(At(o, {"reason"})); }));
    add(StringColumn("Object", "The object the event is about.", 0,
                     [events_api](const Json& o) { return EventObject(o, events_api); }));
    add(StringColumn("Message", "The message of the event.", 0, [events_api](const Json& o) {
      return Str(At(o, {events_api ? "note" : "message"}));
    }));
    Column name = NameColumn();
    name.priority = 1;
    add(std::move(name));
  } else if (g == "apps" && r == "statefulsets") {
    add(StringColumn("Ready", "Number of the pod with ready state", 0, [](const Json& o) {
      const Json& ready = At(o, {"status", "readyReplicas"});
      const Json& replicas = At(o, {"spec", "replicas"});
      return absl::StrCat(ready.is_number_integer() ? ready.get<int64_t>() : 0, "/",
                          replicas.is_number_integer() ? replicas.get<int64_t>() : 1);
    }));
    add(AgeColumn());
    add(StringColumn("Containers", "Names of each container in the template.", 1,
                     [](const Json& o) {
                       return Containers(At(o, {"spec", "template", "spec"}), "name");
                     }));
    add(StringColumn("Images", "Images referenced by each container in the template.", 1,
                     [](const Json& o) {
                       return Containers(At(o, {"spec", "template", "spec"}), "image");
                     }));
  } else if (g == "apps" && r == "controllerrevisions") {
    add(StringColumn("Controller", "Controller of the object", 0, [](const Json& o) {
      for (const auto& owner : At(o, {"metadata", "ownerReferences"})) {
        if (owner.value("controller", false)) {
          std::string kind = Str(At(owner, {"kind"}));
          for (char& c : kind) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
          return absl::StrCat(kind, ".", Str(At(owner, {"apiVersion"})), "/",
                              Str(At(owner, {"name"})));
        }
      }
      return std::string("<none>");
    }));
    add(IntColumn("Revision", "Revision of the ControllerRevision", [](const Json& o) {
      const Json& revision = At(o, {"revision"});
      return revision.is_number_integer() ? revision.get<int64_t>() : 0;
    }));
    add(AgeColumn());
  } else if (g == "batch" && r == "jobs") {
    add(StringColumn("Status", "Status of the job.", 0, JobStatus));
    add(StringColumn("Completions",
                     "The desired number of successfully finished pods the job "
                     "should be run with.",
                     0, [](const Json& o) {
                       const Json& succeeded = At(o, {"status", "succeeded"});
                       const Json& completions = At(o, {"spec", "completions"});
                       return absl::StrCat(
                           succeeded.is_number_integer() ? succeeded.get<int64_t>() : 0, "/",
                           completions.is_number_integer() ? completions.get<int64_t>() : 1);
                     }));
    add({"Duration", "string", "", "Time required to complete the job.", 0, JobDuration});
    add(AgeColumn());
  } else if (g == "coordination.k8s.io" && r == "leases") {
    add(StringColumn("Holder", "The holder of the lease.", 0, [](const Json& o) {
      return Str(At(o, {"spec", "holderIdentity"}));
    }));
    add(AgeColumn());
  } else if (g == "apiextensions.k8s.io" && r == "customresourcedefinitions") {
    add(StringColumn("Created At", "The time the CRD was created.", 0, [](const Json& o) {
      return Str(At(o, {"metadata", "creationTimestamp"}));
    }));
  } else {
    add(AgeColumn());
  }
  return columns;
}

// A CRD printer column's cell: the first value the JSONPath selects,
// converted to the column's type (nil when there is none), as the
// apiextensions table convertor does.
Json CustomCell(const PrinterColumn& column, const Json& object, absl::Time now) {
  auto values = EvaluateJsonPath(object, column.json_path);
  if (!values.ok() || values->empty()) return nullptr;
  const Json& value = values->front();
  if (value.is_null()) return nullptr;
  if (column.type == "date") return AgeOf(value, now);
  if (column.type == "integer") {
    if (value.is_number_integer()) return value;
    if (value.is_number_float()) return static_cast<int64_t>(value.get<double>());
    return nullptr;
  }
  if (column.type == "number") return value.is_number() ? value : Json(nullptr);
  if (column.type == "boolean") return value.is_boolean() ? value : Json(nullptr);
  return Str(value);
}

std::vector<Column> ColumnsFor(const ResourceType& type) {
  const bool custom = type.schema != nullptr || !type.printer_columns.empty();
  if (!custom) return BuiltinColumns(type);
  std::vector<Column> columns = {NameColumn()};
  if (type.printer_columns.empty()) {
    Column age = AgeColumn();
    age.type = "date";  // the apiextensions default column
    columns.push_back(std::move(age));
    return columns;
  }
  for (const PrinterColumn& printer : type.printer_columns) {
    Column column;
    column.name = printer.name;
    column.type = printer.type;
    column.priority = printer.priority;
    column.cell = [printer](const Json& o, absl::Time now) { return CustomCell(printer, o, now); };
    columns.push_back(std::move(column));
  }
  return columns;
}

}  // namespace

std::string HumanDuration(absl::Duration d) {
  const int64_t seconds = absl::ToInt64Seconds(d);
  if (seconds < -1) return "<invalid>";
  if (seconds < 0) return "0s";
  if (seconds < 120) return absl::StrCat(seconds, "s");
  const int64_t minutes = seconds / 60;
  if (minutes < 10) {
    const int64_t s = seconds % 60;
    return s == 0 ? absl::StrCat(minutes, "m") : absl::StrCat(minutes, "m", s, "s");
  }
  if (minutes < 180) return absl::StrCat(minutes, "m");
  const int64_t hours = minutes / 60;
  if (hours < 8) {
    const int64_t m = minutes % 60;
    return m == 0 ? absl::StrCat(hours, "h") : absl::StrCat(hours, "h", m, "m");
  }
  if (hours < 48) return absl::StrCat(hours, "h");
  const int64_t days = hours / 24;
  if (hours < 24 * 8) {
    const int64_t h = hours % 24;
    return h == 0 ? absl::StrCat(days, "d") : absl::StrCat(days, "d", h, "h");
  }
  if (days < 365 * 2) return absl::StrCat(days, "d");
  const int64_t years = days / 365;
  if (days < 365 * 8) {
    const int64_t dy = days % 365;
    return dy == 0 ? absl::StrCat(years, "y") : absl::StrCat(years, "y", dy, "d");
  }
  return absl::StrCat(years, "y");
}

Json PartialObjectMetadata(const Json& object, const std::string& version) {
  Json metadata =
      object.is_object() && object.contains("metadata") ? object["metadata"] : Json::object();
  return {{"kind", "PartialObjectMetadata"},
          {"apiVersion", "meta.k8s.io/" + version},
          {"metadata", std::move(metadata)}};
}

Json RenderTable(const ResourceType& type, const Json& list_or_object, const TableOptions& options,
                 absl::Time now) {
  const std::vector<Column> columns = ColumnsFor(type);
  Json table = {{"kind", "Table"},
                {"apiVersion", "meta.k8s.io/" + options.version},
                {"metadata", Json::object()}};
  if (options.include_column_definitions) {
    Json definitions = Json::array();
    for (const Column& column : columns) {
      definitions.push_back({{"name", column.name},
                             {"type", column.type},
                             {"format", column.format},
                             {"description", column.description},
                             {"priority", column.priority}});
    }
    table["columnDefinitions"] = std::move(definitions);
  } else {
    table["columnDefinitions"] = nullptr;
  }
  const bool is_list = list_or_object.is_object() && list_or_object.contains("items") &&
                       list_or_object["items"].is_array();
  std::vector<const Json*> objects;
  if (is_list) {
    for (const auto& item : list_or_object["items"]) objects.push_back(&item);
    const Json& meta = At(list_or_object, {"metadata"});
    for (const char* field : {"resourceVersion", "continue", "remainingItemCount"}) {
      if (meta.is_object() && meta.contains(field)) table["metadata"][field] = meta[field];
    }
  } else {
    objects.push_back(&list_or_object);
    const Json& rv = At(list_or_object, {"metadata", "resourceVersion"});
    if (rv.is_string()) table["metadata"]["resourceVersion"] = rv;
  }
  Json rows = Json::array();
  for (const Json* object : objects) {
    Json cells = Json::array();
    for (const Column& column : columns) {
      Json cell;
      try {
        cell = column.cell(*object, now);
      } catch (const Json::exception&) {
        cell = nullptr;  // an unexpected field type prints as <none>
      }
      cells.push_back(std::move(cell));
    }
    Json row = {{"cells", std::move(cells)}};
    switch (options.include) {
      case TableOptions::Include::kNone:
        break;
      case TableOptions::Include::kMetadata:
        row["object"] = PartialObjectMetadata(*object, options.version);
        break;
      case TableOptions::Include::kObject:
        row["object"] = *object;
        break;
    }
    rows.push_back(std::move(row));
  }
  table["rows"] = std::move(rows);
  return table;
}

}  // namespace sei::controlplane
