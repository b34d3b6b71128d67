#include "lib/api/json_codec.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <exception>
#include <string>
#include <utility>
#include <vector>

#include "absl/numeric/int128.h"
#include "absl/status/status.h"
#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/timestamp.pb.h"
#include "lib/api/json_describe.h"
#include "lib/api/rfc3339.h"
#include "lib/api/utf8.h"
#include "proto/sei/json_options.pb.h"

namespace sei::api {
namespace {

using ::google::protobuf::Descriptor;
using ::google::protobuf::EnumValueDescriptor;
using ::google::protobuf::FieldDescriptor;
using ::google::protobuf::Message;
using ::google::protobuf::Reflection;
using Json = nlohmann::json;
using OrderedJson = nlohmann::ordered_json;

// Deeper input is rejected (decode) or cut off (encode) so that hostile or
// runaway documents cannot exhaust the stack; real manifests nest < 20 deep.
constexpr int kMaxDepth = 1000;

// Largest magnitude a double (google.protobuf.Value's number) holds exactly.
constexpr int64_t kMaxExactDouble = int64_t{1} << 53;

constexpr absl::string_view kTimestampType = "google.protobuf.Timestamp";
constexpr absl::string_view kValueType = "google.protobuf.Value";
constexpr absl::string_view kStructType = "google.protobuf.Struct";
constexpr absl::string_view kListValueType = "google.protobuf.ListValue";

std::string FieldPath(const std::string& parent, absl::string_view name) {
  if (parent.empty()) return std::string(name);
  return absl::StrCat(parent, ".", name);
}

std::string IndexPath(const std::string& parent, size_t index) {
  return absl::StrCat(parent, "[", index, "]");
}

// Map entries use Kubernetes' field.Path notation, `metadata.labels[app]`,
// because keys often contain dots (`evm.http_port`).
std::string KeyPath(const std::string& parent, absl::string_view key) {
  return absl::StrCat(parent, "[", key, "]");
}

absl::Status PathError(const std::string& path, absl::string_view message) {
  if (path.empty()) return absl::InvalidArgumentError(message);
  return absl::InvalidArgumentError(absl::StrCat(path, ": ", message));
}

absl::Status TypeError(const std::string& path, absl::string_view expected, const Json& got) {
  // The usual cause of a boolean or number where a string belongs is a YAML
  // plain scalar (`enabled: yes`, `name: n`, `size: 5000`); say how to fix it.
  absl::string_view hint;
  if (absl::StartsWith(expected, "a string")) {
    if (got.is_boolean()) {
      hint = " (YAML reads unquoted yes/no/on/off/y/n/true/false as booleans: quote the value)";
    } else if (got.is_number()) {
      hint = " (YAML reads unquoted digits as a number: quote the value)";
    }
  }
  return PathError(path,
                   absl::StrCat("expected ", expected, ", got ", DescribeJsonValue(got), hint));
}

bool EmitEmpty(const FieldDescriptor* field) {
  return field->options().GetExtension(sei::json::emit_empty);
}

bool IntOrString(const FieldDescriptor* field) {
  return field->options().GetExtension(sei::json::int_or_string);
}

const std::string& WireName(const EnumValueDescriptor* value) {
  const std::string& wire = value->options().GetExtension(sei::json::wire);
  return wire.empty() ? value->name() : wire;
}

const FieldDescriptor* FindFieldByJsonName(const Descriptor* descriptor, const std::string& name) {
  // Messages here have at most a dozen or so fields; a scan beats a cache.
  for (int i = 0; i < descriptor->field_count(); ++i) {
    const FieldDescriptor* field = descriptor->field(i);
    if (field->json_name() == name) return field;
  }
  return nullptr;
}

// Shortest decimal text of a JSON number, integral values without a fraction
// (a quantity written `cpu: 4.0` is the quantity "4", as Go's encoding/json
// would re-encode it).
std::string NumberText(const Json& number) {
  if (number.is_number_float()) {
    const double d = number.get<double>();
    if (std::trunc(d) == d && std::fabs(d) < 9.2e18) {
      return absl::StrCat(static_cast<int64_t>(d));
    }
  }
  return number.dump();
}

// Walks the JSON tree and the message descriptor together. Unknown fields
// are collected rather than reported at once so that strict mode can list
// them all in one error.
class Decoder {
 public:
  const std::vector<DecodeIssue>& unknown_fields() const { return unknown_fields_; }

  // Decodes `in` into `msg`, which may be a well-known type.
  absl::Status DecodeAny(const Json& in, Message* msg, const std::string& path, int depth) {
    if (depth > kMaxDepth) {
      return PathError(path, absl::StrCat("nested more than ", kMaxDepth, " levels deep"));
    }
    const std::string& type = msg->GetDescriptor()->full_name();
    if (type == kTimestampType) return DecodeTimestamp(in, msg, path);
    if (type == kValueType || type == kStructType || type == kListValueType) {
      return DecodeStructLike(in, msg, path, depth);
    }
    return DecodeObject(in, msg, path, depth);
  }

 private:
  absl::Status DecodeObject(const Json& in, Message* msg, const std::string& path, int depth) {
    if (!in.is_object()) return TypeError(path, "an object", in);
    const Descriptor* descriptor = msg->GetDescriptor();
    const Reflection* reflection = msg->GetReflection();
    for (const auto& [key, value] : in.items()) {
      const std::string child = FieldPath(path, key);
      const FieldDescriptor* field = FindFieldByJsonName(descriptor, key);
      if (field == nullptr) {
        unknown_fields_.push_back(
            DecodeIssue{child, absl::StrCat("unknown field ", QuoteForMessage(child))});
        continue;
      }
      if (value.is_null()) {
        reflection->ClearField(msg, field);
        continue;
      }
      absl::Status status;
      if (field->is_map()) {
        status = DecodeMap(value, msg, field, child, depth);
      } else if (field->is_repeated()) {
        status = DecodeRepeated(value, msg, field, child, depth);
      } else {
        status = DecodeValue(value, msg, field, IntOrString(field), child, depth);
      }
      if (!status.ok()) return status;
    }
    return absl::OkStatus();
  }

  absl::Status DecodeRepeated(const Json& in, Message* msg, const FieldDescriptor* field,
                              const std::string& path, int depth) {
    if (!in.is_array()) return TypeError(path, "an array", in);
    msg->GetReflection()->ClearField(msg, field);
    const bool int_or_string = IntOrString(field);
    // A null list element is a JSON null value only where any JSON is
    // allowed; elsewhere it is a mistake (Kubernetes rejects it too).
    const bool takes_any_json = field->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE &&
                                field->message_type()->full_name() == kValueType;
    for (size_t i = 0; i < in.size(); ++i) {
      const Json& element = in[i];
      const std::string child = IndexPath(path, i);
      if (element.is_null() && !takes_any_json) {
        return TypeError(child, ExpectedFor(field, int_or_string), element);
      }
      absl::Status status = DecodeValue(element, msg, field, int_or_string, child, depth);
      if (!status.ok()) return status;
    }
    return absl::OkStatus();
  }

  absl::Status DecodeMap(const Json& in, Message* msg, const FieldDescriptor* field,
                         const std::string& path, int depth) {
    if (!in.is_object()) return TypeError(path, "an object", in);
    const Reflection* reflection = msg->GetReflection();
    reflection->ClearField(msg, field);
    const Descriptor* entry_type = field->message_type();
    const FieldDescriptor* key_field = entry_type->map_key();
    const FieldDescriptor* value_field = entry_type->map_value();
    // The option sits on the map field; it governs the values.
    const bool int_or_string = IntOrString(field);
    for (const auto& [key, value] : in.items()) {
      const std::string child = KeyPath(path, key);
      if (value.is_null()) {
        return TypeError(child, ExpectedFor(value_field, int_or_string), value);
      }
      Message* entry = reflection->AddMessage(msg, field);
      absl::Status status = SetMapKey(key, entry, key_field, child);
      if (status.ok()) {
        status = DecodeValue(value, entry, value_field, int_or_string, child, depth);
      }
      if (!status.ok()) return status;
    }
    return absl::OkStatus();
  }

  absl::Status SetMapKey(const std::string& key, Message* entry, const FieldDescriptor* field,
                         const std::string& path) {
    const Reflection* reflection = entry->GetReflection();
    if (field->cpp_type() == FieldDescriptor::CPPTYPE_STRING) {
      if (!IsValidUtf8(key)) return PathError(path, "map key is not valid UTF-8");
      reflection->SetString(entry, field, key);
      return absl::OkStatus();
    }
    // Non-string keys do not occur in the API model; JSON spells them as text.
    Json parsed = Json::parse(key, nullptr, /*allow_exceptions=*/false);
    if (parsed.is_discarded()) {
      return PathError(
          path, absl::StrCat("map key ", QuoteForMessage(key), " is not a ", field->type_name()));
    }
    return DecodeValue(parsed, entry, field, false, path, 0);
  }

  static std::string ExpectedFor(const FieldDescriptor* field, bool int_or_string) {
    switch (field->cpp_type()) {
      case FieldDescriptor::CPPTYPE_INT32:
      case FieldDescriptor::CPPTYPE_INT64:
      case FieldDescriptor::CPPTYPE_UINT32:
      case FieldDescriptor::CPPTYPE_UINT64:
        return "an integer";
      case FieldDescriptor::CPPTYPE_DOUBLE:
      case FieldDescriptor::CPPTYPE_FLOAT:
        return "a number";
      case FieldDescriptor::CPPTYPE_BOOL:
        return "a boolean";
      case FieldDescriptor::CPPTYPE_ENUM:
        return "a string";
      case FieldDescriptor::CPPTYPE_STRING:
        return int_or_string ? "a string or an integer" : "a string";
      case FieldDescriptor::CPPTYPE_MESSAGE: {
        const std::string& type = field->message_type()->full_name();
        if (type == kTimestampType) return "an RFC 3339 timestamp string";
        if (type == kValueType) return "a JSON value";
        if (type == kListValueType) return "an array";
        return "an object";
      }
    }
    return "a value";
  }

  // Decodes one value into singular `field`, or appends it if `field` is
  // repeated.
  absl::Status DecodeValue(const Json& in, Message* msg, const FieldDescriptor* field,
                           bool int_or_string, const std::string& path, int depth) {
    const Reflection* reflection = msg->GetReflection();
    const bool repeated = field->is_repeated();
    switch (field->cpp_type()) {
      case FieldDescriptor::CPPTYPE_MESSAGE: {
        Message* child =
            repeated ? reflection->AddMessage(msg, field) : reflection->MutableMessage(msg, field);
        return DecodeAny(in, child, path, depth + 1);
      }
      case FieldDescriptor::CPPTYPE_STRING: {
        std::string text;
        if (in.is_string()) {
          text = in.get<std::string>();
        } else if (int_or_string && in.is_number()) {
          if (in.is_number_float() && !std::isfinite(in.get<double>())) {
            return TypeError(path, "a finite number", in);
          }
          text = NumberText(in);
        } else {
          return TypeError(path, ExpectedFor(field, int_or_string), in);
        }
        if (field->type() == FieldDescriptor::TYPE_BYTES) {
          // Go's encoding/json writes []byte as standard base64.
          std::string bytes;
          if (!absl::Base64Unescape(text, &bytes)) {
            return TypeError(path, "a base64 string", in);
          }
          text = std::move(bytes);
        } else if (!IsValidUtf8(text)) {
          return PathError(path, "string is not valid UTF-8");
        }
        if (repeated) {
          reflection->AddString(msg, field, std::move(text));
        } else {
          reflection->SetString(msg, field, std::move(text));
        }
        return absl::OkStatus();
      }
      case FieldDescriptor::CPPTYPE_INT32:
      case FieldDescriptor::CPPTYPE_INT64:
      case FieldDescriptor::CPPTYPE_UINT32:
      case FieldDescriptor::CPPTYPE_UINT64:
        return DecodeInteger(in, msg, field, path);
      case FieldDescriptor::CPPTYPE_DOUBLE:
      case FieldDescriptor::CPPTYPE_FLOAT: {
        if (!in.is_number()) return TypeError(path, "a number", in);
        const double d = in.get<double>();
        if (!std::isfinite(d)) return TypeError(path, "a finite number", in);
        if (field->cpp_type() == FieldDescriptor::CPPTYPE_FLOAT) {
          if (repeated) {
            reflection->AddFloat(msg, field, static_cast<float>(d));
          } else {
            reflection->SetFloat(msg, field, static_cast<float>(d));
          }
        } else if (repeated) {
          reflection->AddDouble(msg, field, d);
        } else {
          reflection->SetDouble(msg, field, d);
        }
        return absl::OkStatus();
      }
      case FieldDescriptor::CPPTYPE_BOOL: {
        if (!in.is_boolean()) return TypeError(path, "a boolean", in);
        if (repeated) {
          reflection->AddBool(msg, field, in.get<bool>());
        } else {
          reflection->SetBool(msg, field, in.get<bool>());
        }
        return absl::OkStatus();
      }
      case FieldDescriptor::CPPTYPE_ENUM:
        return DecodeEnum(in, msg, field, path);
    }
    return PathError(path, "field type not supported by the JSON codec");
  }

  absl::Status DecodeInteger(const Json& in, Message* msg, const FieldDescriptor* field,
                             const std::string& path) {
    absl::int128 min, max;
    absl::string_view range;
    switch (field->cpp_type()) {
      case FieldDescriptor::CPPTYPE_INT32:
        min = INT32_MIN, max = INT32_MAX;
        range = "int32 (-2147483648 to 2147483647)";
        break;
      case FieldDescriptor::CPPTYPE_UINT32:
        min = 0, max = UINT32_MAX;
        range = "uint32 (0 to 4294967295)";
        break;
      case FieldDescriptor::CPPTYPE_INT64:
        min = INT64_MIN, max = INT64_MAX;
        range = "int64 (-9223372036854775808 to 9223372036854775807)";
        break;
      default:
        min = 0, max = UINT64_MAX;
        range = "uint64 (0 to 18446744073709551615)";
        break;
    }
    const auto out_of_range = [&] {
      return PathError(path, absl::StrCat("integer ", in.dump(), " is out of range for ", range));
    };

    absl::int128 value;
    if (in.is_number_unsigned()) {
      value = in.get<uint64_t>();
    } else if (in.is_number_integer()) {
      value = in.get<int64_t>();
    } else if (in.is_number_float()) {
      const double d = in.get<double>();
      // YAML and JSON writers sometimes produce `5.0`; that is the integer 5.
      // Anything with a fraction is not an integer.
      if (!std::isfinite(d) || std::trunc(d) != d) return TypeError(path, "an integer", in);
      // Digits beyond 64 bits arrive as a float; they are out of range, not
      // merely inexact.
      if (d < static_cast<double>(min) || d > static_cast<double>(max)) return out_of_range();
      if (std::fabs(d) > static_cast<double>(kMaxExactDouble)) {
        return PathError(path, absl::StrCat("number ", in.dump(),
                                            " is not an exact integer; write it as plain digits"));
      }
      value = static_cast<int64_t>(d);
    } else {
      return TypeError(path, "an integer", in);
    }
    if (value < min || value > max) return out_of_range();
    const Reflection* reflection = msg->GetReflection();
    const bool repeated = field->is_repeated();
    switch (field->cpp_type()) {
      case FieldDescriptor::CPPTYPE_INT32: {
        const auto v = static_cast<int32_t>(value);
        repeated ? reflection->AddInt32(msg, field, v) : reflection->SetInt32(msg, field, v);
        break;
      }
      case FieldDescriptor::CPPTYPE_UINT32: {
        const auto v = static_cast<uint32_t>(value);
        repeated ? reflection->AddUInt32(msg, field, v) : reflection->SetUInt32(msg, field, v);
        break;
      }
      case FieldDescriptor::CPPTYPE_INT64: {
        const auto v = static_cast<int64_t>(value);
        repeated ? reflection->AddInt64(msg, field, v) : reflection->SetInt64(msg, field, v);
        break;
      }
      default: {
        const auto v = static_cast<uint64_t>(value);
        repeated ? reflection->AddUInt64(msg, field, v) : reflection->SetUInt64(msg, field, v);
        break;
      }
    }
    return absl::OkStatus();
  }

  absl::Status DecodeEnum(const Json& in, Message* msg, const FieldDescriptor* field,
                          const std::string& path) {
    if (!in.is_string()) return TypeError(path, "a string", in);
    const std::string& text = in.get_ref<const std::string&>();
    const Reflection* reflection = msg->GetReflection();
    const auto* type = field->enum_type();
    int number = -1;
    if (text.empty()) {
      // Go writes an unset enum-typed string without omitempty as "", which
      // means the same as absent.
      number = 0;
    } else {
      for (int i = 0; i < type->value_count(); ++i) {
        const EnumValueDescriptor* value = type->value(i);
        if (value->options().GetExtension(sei::json::wire) == text) {
          number = value->number();
          break;
        }
      }
    }
    if (number < 0) {
      std::vector<std::string> allowed;
      for (int i = 0; i < type->value_count(); ++i) {
        const std::string& wire = type->value(i)->options().GetExtension(sei::json::wire);
        if (!wire.empty()) allowed.push_back(absl::StrCat("\"", wire, "\""));
      }
      return PathError(path, absl::StrCat("unsupported value ", QuoteForMessage(text),
                                          "; supported values: ", absl::StrJoin(allowed, ", ")));
    }
    if (field->is_repeated()) {
      reflection->AddEnumValue(msg, field, number);
    } else {
      reflection->SetEnumValue(msg, field, number);
    }
    return absl::OkStatus();
  }

  absl::Status DecodeTimestamp(const Json& in, Message* msg, const std::string& path) {
    static constexpr absl::string_view kExpected =
        "an RFC 3339 timestamp such as \"2026-06-06T16:31:50Z\"";
    if (!in.is_string()) return TypeError(path, kExpected, in);
    absl::StatusOr<google::protobuf::Timestamp> ts = ParseRfc3339(in.get_ref<const std::string&>());
    if (!ts.ok()) {
      return PathError(path, absl::StrCat("expected ", kExpected, ", got ", DescribeJsonValue(in),
                                          " (", ts.status().message(), ")"));
    }
    // Through reflection so that dynamic messages work as well.
    const Descriptor* descriptor = msg->GetDescriptor();
    const Reflection* reflection = msg->GetReflection();
    reflection->SetInt64(msg, descriptor->FindFieldByName("seconds"), ts->seconds());
    reflection->SetInt32(msg, descriptor->FindFieldByName("nanos"), ts->nanos());
    return absl::OkStatus();
  }

  absl::Status DecodeStructLike(const Json& in, Message* msg, const std::string& path, int depth) {
    const std::string& type = msg->GetDescriptor()->full_name();
    if (type == kValueType) {
      auto* value = dynamic_cast<google::protobuf::Value*>(msg);
      if (value == nullptr)
        return PathError(path, "dynamic google.protobuf.Value is not supported");
      return JsonToValue(in, value, path, depth);
    }
    if (type == kStructType) {
      auto* value = dynamic_cast<google::protobuf::Struct*>(msg);
      if (value == nullptr)
        return PathError(path, "dynamic google.protobuf.Struct is not supported");
      if (!in.is_object()) return TypeError(path, "an object", in);
      return JsonToStruct(in, value, path, depth);
    }
    auto* value = dynamic_cast<google::protobuf::ListValue*>(msg);
    if (value == nullptr)
      return PathError(path, "dynamic google.protobuf.ListValue is not supported");
    if (!in.is_array()) return TypeError(path, "an array", in);
    return JsonToList(in, value, path, depth);
  }

  absl::Status JsonToStruct(const Json& in, google::protobuf::Struct* out, const std::string& path,
                            int depth) {
    for (const auto& [key, element] : in.items()) {
      const std::string child = FieldPath(path, key);
      if (!IsValidUtf8(key)) return PathError(child, "key is not valid UTF-8");
      absl::Status status = JsonToValue(element, &(*out->mutable_fields())[key], child, depth + 1);
      if (!status.ok()) return status;
    }
    return absl::OkStatus();
  }

  absl::Status JsonToList(const Json& in, google::protobuf::ListValue* out, const std::string& path,
                          int depth) {
    for (size_t i = 0; i < in.size(); ++i) {
      absl::Status status = JsonToValue(in[i], out->add_values(), IndexPath(path, i), depth + 1);
      if (!status.ok()) return status;
    }
    return absl::OkStatus();
  }

  absl::Status JsonToValue(const Json& in, google::protobuf::Value* out, const std::string& path,
                           int depth) {
    if (depth > kMaxDepth) {
      return PathError(path, absl::StrCat("nested more than ", kMaxDepth, " levels deep"));
    }
    switch (in.type()) {
      case Json::value_t::null:
        out->set_null_value(google::protobuf::NULL_VALUE);
        return absl::OkStatus();
      case Json::value_t::boolean:
        out->set_bool_value(in.get<bool>());
        return absl::OkStatus();
      case Json::value_t::string: {
        const std::string& text = in.get_ref<const std::string&>();
        if (!IsValidUtf8(text)) return PathError(path, "string is not valid UTF-8");
        out->set_string_value(text);
        return absl::OkStatus();
      }
      case Json::value_t::number_integer:
      case Json::value_t::number_unsigned: {
        // A Value stores a double; refusing is better than silently storing
        // a neighbouring integer.
        const bool exact =
            in.is_number_unsigned()
                ? in.get<uint64_t>() <= static_cast<uint64_t>(kMaxExactDouble)
                : in.get<int64_t>() >= -kMaxExactDouble && in.get<int64_t>() <= kMaxExactDouble;
        if (!exact) {
          return PathError(path, absl::StrCat("integer ", in.dump(),
                                              " is beyond ±2^53 and cannot be stored exactly "
                                              "in a free-form JSON value"));
        }
        out->set_number_value(in.get<double>());
        return absl::OkStatus();
      }
      case Json::value_t::number_float: {
        const double d = in.get<double>();
        if (!std::isfinite(d)) return TypeError(path, "a finite number", in);
        out->set_number_value(d);
        return absl::OkStatus();
      }
      case Json::value_t::object:
        return JsonToStruct(in, out->mutable_struct_value(), path, depth);
      case Json::value_t::array:
        return JsonToList(in, out->mutable_list_value(), path, depth);
      default:
        return TypeError(path, "a JSON value", in);
    }
  }

  std::vector<DecodeIssue> unknown_fields_;
};

// ---- Encoding ----

OrderedJson EncodeAny(const Message& msg, int depth);

OrderedJson ValueToJson(const google::protobuf::Value& value, int depth) {
  if (depth > kMaxDepth) return nullptr;
  switch (value.kind_case()) {
    case google::protobuf::Value::kBoolValue:
      return value.bool_value();
    case google::protobuf::Value::kStringValue:
      return value.string_value();
    case google::protobuf::Value::kNumberValue: {
      const double d = value.number_value();
      if (!std::isfinite(d)) return nullptr;
      // Integral values print as integers (198740000, not 1.9874e+08), the
      // way Go prints a float64 that came from an integer literal.
      if (std::trunc(d) == d && std::fabs(d) <= static_cast<double>(kMaxExactDouble)) {
        return static_cast<int64_t>(d);
      }
      return d;
    }
    case google::protobuf::Value::kStructValue: {
      OrderedJson out = OrderedJson::object();
      std::vector<const std::string*> keys;
      for (const auto& [key, unused] : value.struct_value().fields()) keys.push_back(&key);
      std::sort(keys.begin(), keys.end(),
                [](const std::string* a, const std::string* b) { return *a < *b; });
      for (const std::string* key : keys) {
        out[*key] = ValueToJson(value.struct_value().fields().at(*key), depth + 1);
      }
      return out;
    }
    case google::protobuf::Value::kListValue: {
      OrderedJson out = OrderedJson::array();
      for (const auto& element : value.list_value().values()) {
        out.push_back(ValueToJson(element, depth + 1));
      }
      return out;
    }
    case google::protobuf::Value::kNullValue:
    case google::protobuf::Value::KIND_NOT_SET:
      break;
  }
  return nullptr;
}

OrderedJson EncodeSingular(const Message& msg, const FieldDescriptor* field, int index, int depth) {
  const Reflection* r = msg.GetReflection();
  const bool rep = index >= 0;
  switch (field->cpp_type()) {
    case FieldDescriptor::CPPTYPE_INT32:
      return rep ? r->GetRepeatedInt32(msg, field, index) : r->GetInt32(msg, field);
    case FieldDescriptor::CPPTYPE_INT64:
      return rep ? r->GetRepeatedInt64(msg, field, index) : r->GetInt64(msg, field);
    case FieldDescriptor::CPPTYPE_UINT32:
      return rep ? r->GetRepeatedUInt32(msg, field, index) : r->GetUInt32(msg, field);
    case FieldDescriptor::CPPTYPE_UINT64:
      return rep ? r->GetRepeatedUInt64(msg, field, index) : r->GetUInt64(msg, field);
    case FieldDescriptor::CPPTYPE_DOUBLE: {
      const double d = rep ? r->GetRepeatedDouble(msg, field, index) : r->GetDouble(msg, field);
      return std::isfinite(d) ? OrderedJson(d) : OrderedJson(nullptr);
    }
    case FieldDescriptor::CPPTYPE_FLOAT: {
      const float f = rep ? r->GetRepeatedFloat(msg, field, index) : r->GetFloat(msg, field);
      return std::isfinite(f) ? OrderedJson(f) : OrderedJson(nullptr);
    }
    case FieldDescriptor::CPPTYPE_BOOL:
      return rep ? r->GetRepeatedBool(msg, field, index) : r->GetBool(msg, field);
    case FieldDescriptor::CPPTYPE_STRING: {
      std::string text = rep ? r->GetRepeatedString(msg, field, index) : r->GetString(msg, field);
      if (field->type() == FieldDescriptor::TYPE_BYTES) return absl::Base64Escape(text);
      return text;
    }
    case FieldDescriptor::CPPTYPE_ENUM: {
      const int number =
          rep ? r->GetRepeatedEnumValue(msg, field, index) : r->GetEnumValue(msg, field);
      const EnumValueDescriptor* value = field->enum_type()->FindValueByNumber(number);
      // An unknown number (from a newer binary-encoded peer) has no spelling.
      if (value == nullptr) return number;
      return WireName(value);
    }
    case FieldDescriptor::CPPTYPE_MESSAGE:
      return EncodeAny(rep ? r->GetRepeatedMessage(msg, field, index) : r->GetMessage(msg, field),
                       depth + 1);
  }
  return nullptr;
}

std::string MapKeyText(const Message& entry, const FieldDescriptor* key_field) {
  const OrderedJson key = EncodeSingular(entry, key_field, -1, 0);
  if (key.is_string()) return key.get<std::string>();
  return key.dump();
}

OrderedJson EncodeMap(const Message& msg, const FieldDescriptor* field, int depth) {
  const Reflection* r = msg.GetReflection();
  const FieldDescriptor* key_field = field->message_type()->map_key();
  const FieldDescriptor* value_field = field->message_type()->map_value();
  std::vector<std::pair<std::string, OrderedJson>> entries;
  const int size = r->FieldSize(msg, field);
  entries.reserve(size);
  for (int i = 0; i < size; ++i) {
    const Message& entry = r->GetRepeatedMessage(msg, field, i);
    entries.emplace_back(MapKeyText(entry, key_field),
                         EncodeSingular(entry, value_field, -1, depth));
  }
  std::sort(entries.begin(), entries.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  OrderedJson out = OrderedJson::object();
  for (auto& [key, value] : entries) out[key] = std::move(value);
  return out;
}

OrderedJson EncodeObject(const Message& msg, int depth) {
  const Descriptor* descriptor = msg.GetDescriptor();
  const Reflection* r = msg.GetReflection();
  OrderedJson out = OrderedJson::object();
  for (int i = 0; i < descriptor->field_count(); ++i) {
    const FieldDescriptor* field = descriptor->field(i);
    const bool emit_empty = EmitEmpty(field);
    if (field->is_map()) {
      if (r->FieldSize(msg, field) == 0 && !emit_empty) continue;
      out[field->json_name()] = EncodeMap(msg, field, depth);
    } else if (field->is_repeated()) {
      const int size = r->FieldSize(msg, field);
      if (size == 0 && !emit_empty) continue;
      OrderedJson list = OrderedJson::array();
      for (int j = 0; j < size; ++j) list.push_back(EncodeSingular(msg, field, j, depth));
      out[field->json_name()] = std::move(list);
    } else if (field->has_presence()) {
      // Messages and proto3 `optional` scalars: present means written, even
      // when empty (`archive: {}`, `failedTaskIndex: 0`).
      if (!r->HasField(msg, field)) continue;
      out[field->json_name()] = EncodeSingular(msg, field, -1, depth);
    } else {
      // Implicit presence: HasField is false exactly for the zero value.
      if (!r->HasField(msg, field)) {
        // A zero enum has no wire spelling, so it stays absent regardless.
        if (!emit_empty || field->cpp_type() == FieldDescriptor::CPPTYPE_ENUM) continue;
      }
      out[field->json_name()] = EncodeSingular(msg, field, -1, depth);
    }
  }
  return out;
}

OrderedJson EncodeAny(const Message& msg, int depth) {
  if (depth > kMaxDepth) return nullptr;
  const std::string& type = msg.GetDescriptor()->full_name();
  if (type == kTimestampType) {
    const Descriptor* descriptor = msg.GetDescriptor();
    google::protobuf::Timestamp ts;
    ts.set_seconds(msg.GetReflection()->GetInt64(msg, descriptor->FindFieldByName("seconds")));
    return FormatRfc3339(ts);
  }
  if (type == kValueType) {
    const auto* value = dynamic_cast<const google::protobuf::Value*>(&msg);
    return value != nullptr ? ValueToJson(*value, depth) : OrderedJson(nullptr);
  }
  if (type == kStructType || type == kListValueType) {
    google::protobuf::Value wrapper;
    if (const auto* s = dynamic_cast<const google::protobuf::Struct*>(&msg)) {
      *wrapper.mutable_struct_value() = *s;
    } else if (const auto* l = dynamic_cast<const google::protobuf::ListValue*>(&msg)) {
      *wrapper.mutable_list_value() = *l;
    }
    return ValueToJson(wrapper, depth);
  }
  return EncodeObject(msg, depth);
}

}  // namespace

absl::Status DecodeMessageAt(absl::string_view path_prefix, const nlohmann::json& in,
                             google::protobuf::Message* out, const DecodeOptions& options,
                             std::vector<DecodeIssue>* warnings) {
  if (out == nullptr) return absl::InvalidArgumentError("DecodeMessage: no output message");
  out->Clear();
  Decoder decoder;
  absl::Status status;
  try {
    status = decoder.DecodeAny(in, out, std::string(path_prefix), 0);
  } catch (const std::exception& e) {
    // Every access is type-checked first; this only guards against a
    // library surprise (or allocation failure) escaping to callers.
    status = absl::InternalError(absl::StrCat("JSON decoding failed: ", e.what()));
  }
  if (!status.ok()) return status;
  const std::vector<DecodeIssue>& unknown = decoder.unknown_fields();
  if (options.strict && !unknown.empty()) {
    std::vector<std::string> messages;
    for (const DecodeIssue& issue : unknown) messages.push_back(issue.message);
    return absl::InvalidArgumentError(absl::StrJoin(messages, ", "));
  }
  if (warnings != nullptr) warnings->insert(warnings->end(), unknown.begin(), unknown.end());
  return absl::OkStatus();
}

absl::Status DecodeMessage(const nlohmann::json& in, google::protobuf::Message* out,
                           const DecodeOptions& options, std::vector<DecodeIssue>* warnings) {
  return DecodeMessageAt("", in, out, options, warnings);
}

nlohmann::ordered_json EncodeMessage(const google::protobuf::Message& msg) {
  return EncodeAny(msg, 0);
}

}  // namespace sei::api
