#include "config/tests/schema_model_diff.h"

#include <algorithm>
#include <set>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "proto/sei/json_options.pb.h"

namespace sei::config {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::EnumDescriptor;
using google::protobuf::FieldDescriptor;
using Json = nlohmann::json;

class Differ {
 public:
  std::vector<std::string> TakeProblems() {
    std::sort(problems_.begin(), problems_.end());
    return std::move(problems_);
  }

  // The properties of `schema` against the fields of `message`, skipping
  // `ignored` names (the root's apiVersion/kind/metadata).
  void CompareMessage(const std::string& path, const Descriptor& message, const Json& schema,
                      const std::set<std::string>& ignored = {}) {
    if (message.full_name() == "google.protobuf.Timestamp") {
      ExpectScalar(path, schema, "string", "date-time", "Timestamp");
      return;
    }
    if (message.full_name() == "google.protobuf.Value") {
      if (!PreservesUnknownFields(schema) || schema.contains("type")) {
        Report(path, "proto Value needs an untyped x-kubernetes-preserve-unknown-fields schema");
      }
      return;
    }
    if (message.full_name() == "google.protobuf.Struct") {
      if (!PreservesUnknownFields(schema) || TypeOf(schema) != "object") {
        Report(path, "proto Struct needs an object with x-kubernetes-preserve-unknown-fields");
      }
      return;
    }
    if (TypeOf(schema) != "object") {
      Report(path, absl::StrCat("proto message but CRD type \"", TypeOf(schema), "\""));
      return;
    }
    if (PreservesUnknownFields(schema)) {
      Report(path, "CRD preserves unknown fields the proto model would drop");
    }
    const Json properties = schema.value("properties", Json::object());
    for (int i = 0; i < message.field_count(); ++i) {
      const FieldDescriptor& field = *message.field(i);
      const std::string& name = field.json_name();
      if (ignored.count(name) > 0) continue;
      const std::string child = Child(path, name);
      if (!properties.contains(name)) {
        Report(child, "in the proto model, not in the CRD");
        continue;
      }
      CompareField(child, field, properties.at(name));
    }
    for (const auto& property : properties.items()) {
      if (ignored.count(property.key()) > 0) continue;
      if (!HasJsonField(message, property.key())) {
        Report(Child(path, property.key()), "in the CRD, not in the proto model");
      }
    }
  }

 private:
  void CompareField(const std::string& path, const FieldDescriptor& field, const Json& schema) {
    if (field.is_map()) {
      if (TypeOf(schema) != "object" || !schema.contains("additionalProperties") ||
          schema.contains("properties")) {
        Report(path, "proto map needs an object with additionalProperties and no properties");
        return;
      }
      const FieldDescriptor& value = *field.message_type()->map_value();
      CompareValue(path + "[*]", value, field.options().GetExtension(::sei::json::int_or_string),
                   schema.at("additionalProperties"));
      return;
    }
    if (field.is_repeated()) {
      if (TypeOf(schema) != "array" || !schema.contains("items")) {
        Report(path, absl::StrCat("proto repeated field but CRD type \"", TypeOf(schema), "\""));
        return;
      }
      CompareValue(path + "[*]", field, false, schema.at("items"));
      return;
    }
    CompareValue(path, field, field.options().GetExtension(::sei::json::int_or_string), schema);
  }

  // One value of `field`'s type (an element, for repeated and map fields).
  void CompareValue(const std::string& path, const FieldDescriptor& field, bool int_or_string,
                    const Json& schema) {
    switch (field.cpp_type()) {
      case FieldDescriptor::CPPTYPE_MESSAGE:
        CompareMessage(path, *field.message_type(), schema);
        return;
      case FieldDescriptor::CPPTYPE_ENUM:
        CompareEnum(path, *field.enum_type(), schema);
        return;
      case FieldDescriptor::CPPTYPE_STRING:
        if (int_or_string) {
          if (!schema.value("x-kubernetes-int-or-string", false)) {
            Report(path, "proto int_or_string but CRD lacks x-kubernetes-int-or-string");
          }
          return;
        }
        if (schema.value("x-kubernetes-int-or-string", false)) {
          Report(path, "CRD accepts int-or-string but the proto model holds a plain string");
          return;
        }
        ExpectScalar(path, schema, "string", "", "string");
        return;
      case FieldDescriptor::CPPTYPE_BOOL:
        ExpectScalar(path, schema, "boolean", "", "bool");
        return;
      case FieldDescriptor::CPPTYPE_INT32:
      case FieldDescriptor::CPPTYPE_UINT32:
        ExpectInteger(path, schema, "int32", field.type_name());
        return;
      case FieldDescriptor::CPPTYPE_INT64:
      case FieldDescriptor::CPPTYPE_UINT64:
        ExpectInteger(path, schema, "int64", field.type_name());
        return;
      case FieldDescriptor::CPPTYPE_FLOAT:
      case FieldDescriptor::CPPTYPE_DOUBLE:
        ExpectScalar(path, schema, "number", "", field.type_name());
        return;
    }
  }

  void CompareEnum(const std::string& path, const EnumDescriptor& type, const Json& schema) {
    if (TypeOf(schema) != "string") {
      Report(path, absl::StrCat("proto enum but CRD type \"", TypeOf(schema), "\""));
      return;
    }
    std::set<std::string> model;
    for (int i = 0; i < type.value_count(); ++i) {
      const std::string& wire = type.value(i)->options().GetExtension(::sei::json::wire);
      if (!wire.empty()) model.insert(wire);  // the zero value means "absent"
    }
    std::set<std::string> crd;
    for (const Json& value : schema.value("enum", Json::array())) {
      crd.insert(value.is_string() ? value.get<std::string>() : value.dump());
    }
    if (model != crd) {
      Report(path, absl::StrCat("proto enum values {", absl::StrJoin(model, ", "),
                                "} but CRD enum {", absl::StrJoin(crd, ", "), "}"));
    }
  }

  void ExpectScalar(const std::string& path, const Json& schema, const std::string& type,
                    const std::string& format, const std::string& proto_type) {
    if (TypeOf(schema) != type) {
      Report(path, absl::StrCat("proto ", proto_type, " but CRD type \"", TypeOf(schema), "\""));
    } else if (!format.empty() && schema.value("format", "") != format) {
      Report(path, absl::StrCat("proto ", proto_type, " needs format ", format));
    }
  }

  // Go's plain int is an integer without format; sized fields must not
  // promise a wider format than the model holds.
  void ExpectInteger(const std::string& path, const Json& schema, const std::string& width,
                     const std::string& proto_type) {
    if (TypeOf(schema) != "integer") {
      Report(path, absl::StrCat("proto ", proto_type, " but CRD type \"", TypeOf(schema), "\""));
      return;
    }
    const std::string format = schema.value("format", "");
    const bool ok = width == "int64" ? format == "int64" : (format.empty() || format == "int32");
    if (!ok) {
      Report(path, absl::StrCat("proto ", proto_type, " but CRD format \"", format, "\""));
    }
  }

  static bool HasJsonField(const Descriptor& message, const std::string& json_name) {
    for (int i = 0; i < message.field_count(); ++i) {
      if (message.field(i)->json_name() == json_name) return true;
    }
    return false;
  }
  static std::string TypeOf(const Json& schema) {
    return schema.is_object() ? schema.value("type", "") : "";
  }
  static bool PreservesUnknownFields(const Json& schema) {
    return schema.is_object() && schema.value("x-kubernetes-preserve-unknown-fields", false);
  }
  static std::string Child(const std::string& path, const std::string& name) {
    return path.empty() ? name : absl::StrCat(path, ".", name);
  }
  void Report(const std::string& path, const std::string& problem) {
    problems_.push_back(absl::StrCat(path, ": ", problem));
  }

  std::vector<std::string> problems_;
};

}  // namespace

std::vector<std::string> DiffModelAndSchema(const Descriptor& resource,
                                            const Json& open_api_v3_schema) {
  Differ differ;
  differ.CompareMessage("", resource, open_api_v3_schema, {"apiVersion", "kind", "metadata"});
  return differ.TakeProblems();
}

}  // namespace sei::config
