#include "lib/controlplane/core/json_patch.h"

#include <optional>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "lib/controlplane/core/json_pointer.h"

namespace sei::controlplane {
namespace {

using nlohmann::json;

void MergeInto(json& target, const json& patch) {
  if (!patch.is_object()) {
    target = patch;
    return;
  }
  if (!target.is_object()) target = json::object();
  for (auto it = patch.begin(); it != patch.end(); ++it) {
    if (it.value().is_null()) {
      target.erase(it.key());
    } else {
      // A missing member reads as null, so a nested object patch starts from
      // {} and its own nulls are dropped, as RFC 7386 requires.
      MergeInto(target[it.key()], it.value());
    }
  }
}

// The string member `name` of `op`, or nullopt when absent or not a string.
std::optional<std::string> StringMember(const json& op, const char* name) {
  auto it = op.find(name);
  if (it == op.end() || !it->is_string()) return std::nullopt;
  return it->get_ref<const std::string&>();
}

// "op 2 (replace /spec/replicas)": as much of the operation as it names.
std::string Describe(size_t index, const json& op) {
  std::string out = absl::StrCat("op ", index);
  if (!op.is_object()) return out;
  std::optional<std::string> name = StringMember(op, "op");
  if (!name.has_value()) return out;
  absl::StrAppend(&out, " (", *name);
  if (std::optional<std::string> path = StringMember(op, "path")) {
    // The root pointer is the empty string; quote it so it stays visible.
    absl::StrAppend(&out, " ", path->empty() ? "\"\"" : *path);
  }
  absl::StrAppend(&out, ")");
  return out;
}

// RFC 6902 §4.1. Also the second half of move and copy.
absl::Status AddAt(json& doc, const JsonPointer& path, json value) {
  if (path.IsRoot()) {
    doc = std::move(value);
    return absl::OkStatus();
  }
  absl::StatusOr<json*> parent = path.ResolveParent(doc);
  if (!parent.ok()) return parent.status();
  const std::string& token = path.tokens().back();
  json& container = **parent;
  if (container.is_object()) {
    container[token] = std::move(value);
    return absl::OkStatus();
  }
  if (!container.is_array()) return absl::NotFoundError("path not found");
  if (token == "-") {
    container.push_back(std::move(value));
    return absl::OkStatus();
  }
  std::optional<size_t> index = ParseArrayIndex(token);
  if (!index.has_value()) {
    return absl::InvalidArgumentError(absl::StrCat("invalid array index \"", token, "\""));
  }
  if (*index > container.size()) {
    return absl::InvalidArgumentError(
        absl::StrCat("array index ", *index, " out of range (size ", container.size(), ")"));
  }
  container.insert(container.begin() + static_cast<std::ptrdiff_t>(*index), std::move(value));
  return absl::OkStatus();
}

// RFC 6902 §4.2. Returns the removed value, which move re-adds.
absl::StatusOr<json> RemoveAt(json& doc, const JsonPointer& path) {
  // Removing the root would leave no document at all; evanphx/json-patch
  // (used by kube-apiserver) rejects it too.
  if (path.IsRoot()) return absl::InvalidArgumentError("cannot remove the whole document");
  // Resolving the target first validates it, including array bounds.
  absl::StatusOr<json*> target = path.Resolve(doc);
  if (!target.ok()) return target.status();
  json removed = std::move(**target);
  json& container = **path.ResolveParent(doc);
  if (container.is_object()) {
    container.erase(path.tokens().back());
  } else {
    container.erase(*ParseArrayIndex(path.tokens().back()));
  }
  return removed;
}

absl::StatusOr<JsonPointer> PointerMember(const json& op, const char* name) {
  std::optional<std::string> text = StringMember(op, name);
  if (!text.has_value()) {
    return absl::InvalidArgumentError(absl::StrCat("missing or non-string \"", name, "\""));
  }
  return JsonPointer::Parse(*text);
}

absl::StatusOr<const json*> ValueMember(const json& op) {
  auto it = op.find("value");
  if (it == op.end()) return absl::InvalidArgumentError("missing \"value\"");
  return &*it;
}

enum class OpKind { kAdd, kRemove, kReplace, kMove, kCopy, kTest };

std::optional<OpKind> ParseOpKind(absl::string_view name) {
  if (name == "add") return OpKind::kAdd;
  if (name == "remove") return OpKind::kRemove;
  if (name == "replace") return OpKind::kReplace;
  if (name == "move") return OpKind::kMove;
  if (name == "copy") return OpKind::kCopy;
  if (name == "test") return OpKind::kTest;
  return std::nullopt;  // names are case-sensitive: "Add" is unknown
}

// RFC 6902 §4.4 and §4.5: the value at "from", added at "path" (move
// removes it from "from" first).
absl::Status MoveOrCopy(json& doc, const json& op, const JsonPointer& path, bool move) {
  absl::StatusOr<JsonPointer> from = PointerMember(op, "from");
  if (!from.ok()) return from.status();
  absl::StatusOr<const json*> source = from->Resolve(std::as_const(doc));
  if (!source.ok()) {
    return absl::Status(source.status().code(), absl::StrCat("from ", source.status().message()));
  }
  // AddAt takes its value by copy, so `source` may point into `doc`.
  if (!move) return AddAt(doc, path, **source);
  if (from->IsProperPrefixOf(path)) {
    return absl::InvalidArgumentError("cannot move a value into one of its own children");
  }
  if (from->tokens() == path.tokens()) return absl::OkStatus();
  absl::StatusOr<json> moved = RemoveAt(doc, *from);
  if (!moved.ok()) return moved.status();
  return AddAt(doc, path, *std::move(moved));
}

absl::Status ApplyOperation(json& doc, const json& op) {
  if (!op.is_object()) return absl::InvalidArgumentError("operation must be a JSON object");
  std::optional<std::string> name = StringMember(op, "op");
  if (!name.has_value()) return absl::InvalidArgumentError("missing or non-string \"op\"");
  std::optional<OpKind> kind = ParseOpKind(*name);
  if (!kind.has_value()) {
    return absl::InvalidArgumentError(absl::StrCat("unknown operation \"", *name, "\""));
  }
  absl::StatusOr<JsonPointer> path = PointerMember(op, "path");
  if (!path.ok()) return path.status();

  switch (*kind) {
    case OpKind::kRemove:
      return RemoveAt(doc, *path).status();
    case OpKind::kMove:
    case OpKind::kCopy:
      return MoveOrCopy(doc, op, *path, *kind == OpKind::kMove);
    case OpKind::kAdd:
    case OpKind::kReplace:
    case OpKind::kTest:
      break;
  }
  absl::StatusOr<const json*> value = ValueMember(op);
  if (!value.ok()) return value.status();
  if (*kind == OpKind::kAdd) return AddAt(doc, *path, **value);
  absl::StatusOr<json*> target = path->Resolve(doc);
  if (!target.ok()) return target.status();
  if (*kind == OpKind::kReplace) {
    **target = **value;
    return absl::OkStatus();
  }
  // nlohmann compares numbers by value (1 == 1.0) and objects regardless of
  // member order, as RFC 6902 §4.6 requires.
  if (**target != **value) return absl::FailedPreconditionError("test failed");
  return absl::OkStatus();
}

}  // namespace

json ApplyMergePatch(const json& target, const json& patch) {
  json result = target;
  MergeInto(result, patch);
  return result;
}

absl::StatusOr<json> ApplyJsonPatch(const json& target, const json& patch) {
  if (!patch.is_array()) {
    return absl::InvalidArgumentError(
        absl::StrCat("a JSON patch must be an array of operations, got ", patch.type_name()));
  }
  json doc = target;
  for (size_t i = 0; i < patch.size(); ++i) {
    absl::Status status = ApplyOperation(doc, patch[i]);
    // Every failure is the client's (422/400 territory), so all codes from
    // the helpers collapse to InvalidArgument once the operation is named.
    if (!status.ok()) {
      return absl::InvalidArgumentError(
          absl::StrCat(Describe(i, patch[i]), ": ", status.message()));
    }
  }
  return doc;
}

}  // namespace sei::controlplane
