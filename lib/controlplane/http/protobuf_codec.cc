#include "lib/controlplane/http/protobuf_codec.h"

#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "lib/controlplane/apiserver/api_error.h"

namespace sei::controlplane {
namespace {

using Json = nlohmann::json;

enum class Kind {
  kString,
  kBytes,  // JSON: base64
  kInt,    // int32/int64 varint
  kBool,
  kMessage,
  kStringMap,    // map<string, string>
  kBytesMap,     // map<string, bytes>
  kQuantityMap,  // map<string, resource.Quantity>
  kIntOrString,  // intstr.IntOrString
  kTime,         // meta/v1 Time
  kIgnore,       // read and dropped (status, which a create ignores)
};

struct Message;

struct Field {
  int number;
  const char* json;
  Kind kind;
  bool repeated = false;
  // Go pointer fields: present means set, even when zero.
  bool pointer = false;
  const Message* message = nullptr;
};

struct Message {
  const char* name;
  std::vector<Field> fields;
};

// The messages kubectl's generators send (field numbers of the
// k8s.io/api and apimachinery generated.proto files).
const Message& OwnerReference() {
  static const Message m{"OwnerReference",
                         {{1, "kind", Kind::kString},
                          {3, "name", Kind::kString},
                          {4, "uid", Kind::kString},
                          {5, "apiVersion", Kind::kString},
                          {6, "controller", Kind::kBool, false, true},
                          {7, "blockOwnerDeletion", Kind::kBool, false, true}}};
  return m;
}

const Message& ObjectMeta() {
  static const Message m{"ObjectMeta",
                         {{1, "name", Kind::kString},
                          {2, "generateName", Kind::kString},
                          {3, "namespace", Kind::kString},
                          {4, "selfLink", Kind::kString},
                          {5, "uid", Kind::kString},
                          {6, "resourceVersion", Kind::kString},
                          {7, "generation", Kind::kInt},
                          {8, "creationTimestamp", Kind::kTime},
                          {9, "deletionTimestamp", Kind::kTime},
                          {10, "deletionGracePeriodSeconds", Kind::kInt, false, true},
                          {11, "labels", Kind::kStringMap},
                          {12, "annotations", Kind::kStringMap},
                          {13, "ownerReferences", Kind::kMessage, true, false, &OwnerReference()},
                          {14, "finalizers", Kind::kString, true}}};
  return m;
}

const Message& NamespaceSpec() {
  static const Message m{"NamespaceSpec", {{1, "finalizers", Kind::kString, true}}};
  return m;
}

const Message& Namespace() {
  static const Message m{"Namespace",
                         {{1, "metadata", Kind::kMessage, false, false, &ObjectMeta()},
                          {2, "spec", Kind::kMessage, false, false, &NamespaceSpec()},
                          {3, "status", Kind::kIgnore}}};
  return m;
}

const Message& ConfigMap() {
  static const Message m{"ConfigMap",
                         {{1, "metadata", Kind::kMessage, false, false, &ObjectMeta()},
                          {2, "data", Kind::kStringMap},
                          {3, "binaryData", Kind::kBytesMap},
                          {4, "immutable", Kind::kBool, false, true}}};
  return m;
}

const Message& Secret() {
  static const Message m{"Secret",
                         {{1, "metadata", Kind::kMessage, false, false, &ObjectMeta()},
                          {2, "data", Kind::kBytesMap},
                          {3, "type", Kind::kString},
                          {4, "stringData", Kind::kStringMap},
                          {5, "immutable", Kind::kBool, false, true}}};
  return m;
}

const Message& ObjectReference() {
  static const Message m{"ObjectReference",
                         {{1, "kind", Kind::kString},
                          {2, "namespace", Kind::kString},
                          {3, "name", Kind::kString},
                          {4, "uid", Kind::kString},
                          {5, "apiVersion", Kind::kString},
                          {6, "resourceVersion", Kind::kString},
                          {7, "fieldPath", Kind::kString}}};
  return m;
}

const Message& LocalObjectReference() {
  static const Message m{"LocalObjectReference", {{1, "name", Kind::kString}}};
  return m;
}

const Message& ServiceAccount() {
  static const Message m{
      "ServiceAccount",
      {{1, "metadata", Kind::kMessage, false, false, &ObjectMeta()},
       {2, "secrets", Kind::kMessage, true, false, &ObjectReference()},
       {3, "imagePullSecrets", Kind::kMessage, true, false, &LocalObjectReference()},
       {4, "automountServiceAccountToken", Kind::kBool, false, true}}};
  return m;
}

const Message& ServicePort() {
  static const Message m{"ServicePort",
                         {{1, "name", Kind::kString},
                          {2, "protocol", Kind::kString},
                          {3, "port", Kind::kInt},
                          {4, "targetPort", Kind::kIntOrString},
                          {5, "nodePort", Kind::kInt},
                          {6, "appProtocol", Kind::kString, false, true}}};
  return m;
}

const Message& ServiceSpec() {
  static const Message m{"ServiceSpec",
                         {{1, "ports", Kind::kMessage, true, false, &ServicePort()},
                          {2, "selector", Kind::kStringMap},
                          {3, "clusterIP", Kind::kString},
                          {4, "type", Kind::kString},
                          {5, "externalIPs", Kind::kString, true},
                          {7, "sessionAffinity", Kind::kString},
                          {8, "loadBalancerIP", Kind::kString},
                          {9, "loadBalancerSourceRanges", Kind::kString, true},
                          {10, "externalName", Kind::kString},
                          {11, "externalTrafficPolicy", Kind::kString},
                          {12, "healthCheckNodePort", Kind::kInt},
                          {13, "publishNotReadyAddresses", Kind::kBool}}};
  return m;
}

const Message& Service() {
  static const Message m{"Service",
                         {{1, "metadata", Kind::kMessage, false, false, &ObjectMeta()},
                          {2, "spec", Kind::kMessage, false, false, &ServiceSpec()},
                          {3, "status", Kind::kIgnore}}};
  return m;
}

const Message& EnvVar() {
  static const Message m{"EnvVar", {{1, "name", Kind::kString}, {2, "value", Kind::kString}}};
  return m;
}

const Message& ContainerPort() {
  static const Message m{"ContainerPort",
                         {{1, "name", Kind::kString},
                          {2, "hostPort", Kind::kInt},
                          {3, "containerPort", Kind::kInt},
                          {4, "protocol", Kind::kString},
                          {5, "hostIP", Kind::kString}}};
  return m;
}

const Message& ResourceRequirements() {
  static const Message m{"ResourceRequirements",
                         {{1, "limits", Kind::kQuantityMap}, {2, "requests", Kind::kQuantityMap}}};
  return m;
}

const Message& Container() {
  static const Message m{"Container",
                         {{1, "name", Kind::kString},
                          {2, "image", Kind::kString},
                          {3, "command", Kind::kString, true},
                          {4, "args", Kind::kString, true},
                          {5, "workingDir", Kind::kString},
                          {6, "ports", Kind::kMessage, true, false, &ContainerPort()},
                          {7, "env", Kind::kMessage, true, false, &EnvVar()},
                          {8, "resources", Kind::kMessage, false, false, &ResourceRequirements()},
                          {13, "terminationMessagePath", Kind::kString},
                          {14, "imagePullPolicy", Kind::kString},
                          {16, "stdin", Kind::kBool},
                          {17, "stdinOnce", Kind::kBool},
                          {18, "tty", Kind::kBool},
                          {20, "terminationMessagePolicy", Kind::kString}}};
  return m;
}

const Message& PodSpec() {
  static const Message m{
      "PodSpec",
      {{2, "containers", Kind::kMessage, true, false, &Container()},
       {3, "restartPolicy", Kind::kString},
       {4, "terminationGracePeriodSeconds", Kind::kInt, false, true},
       {5, "activeDeadlineSeconds", Kind::kInt, false, true},
       {6, "dnsPolicy", Kind::kString},
       {7, "nodeSelector", Kind::kStringMap},
       {8, "serviceAccountName", Kind::kString},
       {9, "serviceAccount", Kind::kString},
       {10, "nodeName", Kind::kString},
       {11, "hostNetwork", Kind::kBool},
       {12, "hostPID", Kind::kBool},
       {13, "hostIPC", Kind::kBool},
       {15, "imagePullSecrets", Kind::kMessage, true, false, &LocalObjectReference()},
       {16, "hostname", Kind::kString},
       {17, "subdomain", Kind::kString},
       {19, "schedulerName", Kind::kString},
       {20, "initContainers", Kind::kMessage, true, false, &Container()},
       {24, "priorityClassName", Kind::kString}}};
  return m;
}

const Message& PodTemplateSpec() {
  static const Message m{"PodTemplateSpec",
                         {{1, "metadata", Kind::kMessage, false, false, &ObjectMeta()},
                          {2, "spec", Kind::kMessage, false, false, &PodSpec()}}};
  return m;
}

const Message& LabelSelectorRequirement() {
  static const Message m{"LabelSelectorRequirement",
                         {{1, "key", Kind::kString},
                          {2, "operator", Kind::kString},
                          {3, "values", Kind::kString, true}}};
  return m;
}

const Message& LabelSelector() {
  static const Message m{
      "LabelSelector",
      {{1, "matchLabels", Kind::kStringMap},
       {2, "matchExpressions", Kind::kMessage, true, false, &LabelSelectorRequirement()}}};
  return m;
}

const Message& JobSpec() {
  static const Message m{"JobSpec",
                         {{1, "parallelism", Kind::kInt, false, true},
                          {2, "completions", Kind::kInt, false, true},
                          {3, "activeDeadlineSeconds", Kind::kInt, false, true},
                          {4, "selector", Kind::kMessage, false, true, &LabelSelector()},
                          {5, "manualSelector", Kind::kBool, false, true},
                          {6, "template", Kind::kMessage, false, false, &PodTemplateSpec()},
                          {7, "backoffLimit", Kind::kInt, false, true},
                          {8, "ttlSecondsAfterFinished", Kind::kInt, false, true},
                          {9, "completionMode", Kind::kString, false, true},
                          {10, "suspend", Kind::kBool, false, true}}};
  return m;
}

const Message& Job() {
  static const Message m{"Job",
                         {{1, "metadata", Kind::kMessage, false, false, &ObjectMeta()},
                          {2, "spec", Kind::kMessage, false, false, &JobSpec()},
                          {3, "status", Kind::kIgnore}}};
  return m;
}

const Message* TopLevel(absl::string_view api_version, absl::string_view kind) {
  if (api_version == "v1") {
    if (kind == "Namespace") return &Namespace();
    if (kind == "ConfigMap") return &ConfigMap();
    if (kind == "Secret") return &Secret();
    if (kind == "ServiceAccount") return &ServiceAccount();
    if (kind == "Service") return &Service();
  }
  if (api_version == "batch/v1" && kind == "Job") return &Job();
  return nullptr;
}

// --- wire format -------------------------------------------------------------

constexpr int kVarint = 0;
constexpr int kFixed64 = 1;
constexpr int kLengthDelimited = 2;
constexpr int kFixed32 = 5;

struct WireField {
  int number = 0;
  int wire_type = 0;
  uint64_t varint = 0;
  absl::string_view bytes;  // length-delimited payload

  bool IsZero() const {
    return wire_type == kLengthDelimited ? bytes.empty()
           : wire_type == kVarint        ? varint == 0
                                         : false;
  }
};

class Reader {
 public:
  explicit Reader(absl::string_view data) : data_(data) {}

  bool Done() const { return pos_ >= data_.size(); }

  // False on malformed input.
  bool Next(WireField& field) {
    uint64_t key = 0;
    if (!Varint(key)) return false;
    field.number = static_cast<int>(key >> 3);
    field.wire_type = static_cast<int>(key & 7);
    field.varint = 0;
    field.bytes = {};
    if (field.number <= 0) return false;
    switch (field.wire_type) {
      case kVarint:
        return Varint(field.varint);
      case kLengthDelimited: {
        uint64_t length = 0;
        if (!Varint(length) || length > data_.size() - pos_) return false;
        field.bytes = data_.substr(pos_, length);
        pos_ += length;
        return true;
      }
      case kFixed64:
        return Skip(8);
      case kFixed32:
        return Skip(4);
      default:
        return false;
    }
  }

 private:
  bool Varint(uint64_t& value) {
    value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (pos_ >= data_.size()) return false;
      const uint8_t byte = static_cast<uint8_t>(data_[pos_++]);
      value |= static_cast<uint64_t>(byte & 0x7f) << shift;
      if ((byte & 0x80) == 0) return true;
    }
    return false;
  }
  bool Skip(size_t n) {
    if (n > data_.size() - pos_) return false;
    pos_ += n;
    return true;
  }

  absl::string_view data_;
  size_t pos_ = 0;
};

absl::Status Malformed(absl::string_view where) {
  return BadRequestError(absl::StrCat("malformed protobuf body at ", where));
}

absl::Status Unsupported(absl::string_view what) {
  return ApiError(415, "UnsupportedMediaType",
                  absl::StrCat(what,
                               " is not supported in application/vnd.kubernetes.protobuf by this "
                               "server; send application/json instead"));
}

// A map entry {1: key, 2: value} with a string key.
absl::Status DecodeMapEntry(absl::string_view entry, Kind kind, const std::string& path,
                            Json& map) {
  Reader reader(entry);
  std::string key;
  Json value = "";
  WireField field;
  while (!reader.Done()) {
    if (!reader.Next(field) || field.wire_type != kLengthDelimited) return Malformed(path);
    if (field.number == 1) {
      key = std::string(field.bytes);
    } else if (field.number == 2) {
      if (kind == Kind::kBytesMap) {
        value = absl::Base64Escape(field.bytes);
      } else if (kind == Kind::kQuantityMap) {
        // resource.Quantity {1: string}
        Reader quantity(field.bytes);
        WireField q;
        std::string text;
        while (!quantity.Done()) {
          if (!quantity.Next(q)) return Malformed(path);
          if (q.number == 1 && q.wire_type == kLengthDelimited) text = std::string(q.bytes);
        }
        value = text;
      } else {
        value = std::string(field.bytes);
      }
    }
  }
  map[key] = std::move(value);
  return absl::OkStatus();
}

absl::StatusOr<Json> DecodeMessage(const Message& message, absl::string_view bytes,
                                   const std::string& path, int depth);

absl::Status DecodeField(const Field& spec, const WireField& field, const std::string& path,
                         int depth, Json& out) {
  const std::string field_path = absl::StrCat(path, ".", spec.json);
  const bool needs_bytes = spec.kind != Kind::kInt && spec.kind != Kind::kBool;
  if (needs_bytes != (field.wire_type == kLengthDelimited) && spec.kind != Kind::kIgnore) {
    return Malformed(field_path);
  }
  auto store = [&](Json value, bool zero) {
    if (spec.repeated) {
      if (!out.contains(spec.json)) out[spec.json] = Json::array();
      out[spec.json].push_back(std::move(value));
    } else if (!zero || spec.pointer) {
      out[spec.json] = std::move(value);
    }
  };
  switch (spec.kind) {
    case Kind::kIgnore:
      return absl::OkStatus();
    case Kind::kString:
      store(std::string(field.bytes), field.bytes.empty());
      return absl::OkStatus();
    case Kind::kBytes:
      store(absl::Base64Escape(field.bytes), field.bytes.empty());
      return absl::OkStatus();
    case Kind::kInt:
      store(static_cast<int64_t>(field.varint), field.varint == 0);
      return absl::OkStatus();
    case Kind::kBool:
      store(field.varint != 0, field.varint == 0);
      return absl::OkStatus();
    case Kind::kMessage: {
      auto value = DecodeMessage(*spec.message, field.bytes, field_path, depth + 1);
      if (!value.ok()) return value.status();
      const bool empty = value->empty();
      store(*std::move(value), empty);
      return absl::OkStatus();
    }
    case Kind::kStringMap:
    case Kind::kBytesMap:
    case Kind::kQuantityMap: {
      if (!out.contains(spec.json)) out[spec.json] = Json::object();
      return DecodeMapEntry(field.bytes, spec.kind, field_path, out[spec.json]);
    }
    case Kind::kIntOrString: {
      Reader reader(field.bytes);
      WireField part;
      uint64_t type = 0;
      int64_t int_value = 0;
      std::string string_value;
      while (!reader.Done()) {
        if (!reader.Next(part)) return Malformed(field_path);
        if (part.number == 1) type = part.varint;
        if (part.number == 2) int_value = static_cast<int64_t>(part.varint);
        if (part.number == 3) string_value = std::string(part.bytes);
      }
      if (type == 1) {
        store(string_value, string_value.empty());
      } else {
        store(int_value, int_value == 0);
      }
      return absl::OkStatus();
    }
    case Kind::kTime: {
      Reader reader(field.bytes);
      WireField part;
      int64_t seconds = 0;
      while (!reader.Done()) {
        if (!reader.Next(part)) return Malformed(field_path);
        if (part.number == 1) seconds = static_cast<int64_t>(part.varint);
      }
      if (seconds != 0) {
        store(absl::FormatTime("%Y-%m-%dT%H:%M:%SZ", absl::FromUnixSeconds(seconds),
                               absl::UTCTimeZone()),
              false);
      }
      return absl::OkStatus();
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<Json> DecodeMessage(const Message& message, absl::string_view bytes,
                                   const std::string& path, int depth) {
  if (depth > 32) return Malformed(path);
  Json out = Json::object();
  Reader reader(bytes);
  WireField field;
  while (!reader.Done()) {
    if (!reader.Next(field)) return Malformed(path);
    const Field* spec = nullptr;
    for (const Field& candidate : message.fields) {
      if (candidate.number == field.number) spec = &candidate;
    }
    if (spec == nullptr) {
      // Go's encoder writes every non-pointer field; zero values carry no
      // information, anything else must not be lost.
      if (field.IsZero()) continue;
      if (field.wire_type == kLengthDelimited) {
        // An empty nested message (all fields zero) is also nothing.
        Reader nested(field.bytes);
        WireField inner;
        bool all_zero = true;
        while (all_zero && !nested.Done()) {
          if (!nested.Next(inner) || !inner.IsZero()) all_zero = false;
        }
        if (all_zero) continue;
      }
      return Unsupported(
          absl::StrCat("field ", field.number, " of ", message.name, " (", path, ")"));
    }
    if (auto status = DecodeField(*spec, field, path, depth, out); !status.ok()) return status;
  }
  return out;
}

}  // namespace

absl::StatusOr<Json> DecodeKubernetesProtobuf(absl::string_view body) {
  constexpr absl::string_view kMagic("k8s\0", 4);
  if (body.substr(0, 4) != kMagic) {
    return BadRequestError("protobuf body without the Kubernetes \"k8s\\0\" prefix");
  }
  Reader envelope(body.substr(4));
  WireField field;
  std::string api_version;
  std::string kind;
  absl::string_view raw;
  while (!envelope.Done()) {
    if (!envelope.Next(field)) return Malformed("the runtime.Unknown envelope");
    if (field.number == 1 && field.wire_type == kLengthDelimited) {  // TypeMeta
      Reader type_meta(field.bytes);
      WireField part;
      while (!type_meta.Done()) {
        if (!type_meta.Next(part)) return Malformed("typeMeta");
        if (part.number == 1) api_version = std::string(part.bytes);
        if (part.number == 2) kind = std::string(part.bytes);
      }
    } else if (field.number == 2 && field.wire_type == kLengthDelimited) {
      raw = field.bytes;
    } else if (field.number == 3 && !field.bytes.empty()) {
      return Unsupported(absl::StrCat("contentEncoding \"", field.bytes, "\""));
    }
  }
  const Message* message = TopLevel(api_version, kind);
  if (message == nullptr) {
    return Unsupported(absl::StrCat("kind ", kind, " of ", api_version));
  }
  auto object = DecodeMessage(*message, raw, kind, 0);
  if (!object.ok()) return object.status();
  (*object)["apiVersion"] = api_version;
  (*object)["kind"] = kind;
  return object;
}

}  // namespace sei::controlplane
