#include "lib/planner/plan/test_support.h"

#include <algorithm>
#include <cmath>
#include <memory>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "google/protobuf/util/message_differencer.h"

namespace sei::planner::testing {
namespace {

void AppendString(const std::string& s, std::string* out) {
  out->push_back('"');
  for (char c : s) {
    if (c == '"' || c == '\\') out->push_back('\\');
    out->push_back(c);
  }
  out->push_back('"');
}

void Append(const google::protobuf::Value& value, std::string* out) {
  switch (value.kind_case()) {
    case google::protobuf::Value::kNullValue:
    case google::protobuf::Value::KIND_NOT_SET:
      out->append("null");
      break;
    case google::protobuf::Value::kBoolValue:
      out->append(value.bool_value() ? "true" : "false");
      break;
    case google::protobuf::Value::kNumberValue: {
      double n = value.number_value();
      if (std::trunc(n) == n) {
        absl::StrAppend(out, static_cast<int64_t>(n));
      } else {
        absl::StrAppend(out, n);
      }
      break;
    }
    case google::protobuf::Value::kStringValue:
      AppendString(value.string_value(), out);
      break;
    case google::protobuf::Value::kListValue: {
      out->push_back('[');
      bool first = true;
      for (const auto& item : value.list_value().values()) {
        if (!first) out->push_back(',');
        first = false;
        Append(item, out);
      }
      out->push_back(']');
      break;
    }
    case google::protobuf::Value::kStructValue: {
      std::vector<std::string> keys;
      for (const auto& [key, unused] : value.struct_value().fields()) keys.push_back(key);
      std::sort(keys.begin(), keys.end());
      out->push_back('{');
      bool first = true;
      for (const std::string& key : keys) {
        if (!first) out->push_back(',');
        first = false;
        AppendString(key, out);
        out->push_back(':');
        Append(value.struct_value().fields().at(key), out);
      }
      out->push_back('}');
      break;
    }
  }
}

}  // namespace

std::string ToJson(const google::protobuf::Value& value) {
  std::string out;
  Append(value, &out);
  return out;
}

bool SameMessage(const google::protobuf::Message& a, const google::protobuf::Message& b) {
  return google::protobuf::util::MessageDifferencer::Equals(a, b);
}

std::function<std::string()> SequentialPlanIds() {
  auto counter = std::make_shared<int>(0);
  return [counter]() {
    ++*counter;
    return *counter == 1 ? std::string(kPlanId) : absl::StrCat("plan-", *counter);
  };
}

v1alpha1::SeiNode BareNode() {
  v1alpha1::SeiNode node;
  node.mutable_metadata()->set_name("node-a");
  node.mutable_metadata()->set_namespace_("sei");
  node.mutable_metadata()->set_generation(3);
  node.mutable_spec()->set_chain_id("pacific-1");
  node.mutable_spec()->set_image("seid:v2");
  return node;
}

v1alpha1::SeiNode FullNode() {
  v1alpha1::SeiNode node = BareNode();
  node.mutable_spec()->mutable_full_node();
  return node;
}

void AddS3Snapshot(v1alpha1::SnapshotSource* snapshot, int64_t height) {
  snapshot->mutable_s3()->set_target_height(height);
}

void AddStaticPeer(v1alpha1::SeiNode* node, std::vector<std::string> addresses) {
  auto* source = node->mutable_spec()->add_peers()->mutable_static_();
  for (auto& address : addresses) source->add_addresses(std::move(address));
}

void AddLabelPeer(v1alpha1::SeiNode* node) {
  (*node->mutable_spec()->add_peers()->mutable_label()->mutable_selector())["sei.io/chain"] =
      "pacific-1";
}

void AddEc2Peer(v1alpha1::SeiNode* node) {
  auto* ec2 = node->mutable_spec()->add_peers()->mutable_ec2_tags();
  ec2->set_region("eu-central-1");
  (*ec2->mutable_tags())["ChainIdentifier"] = "pacific-1";
}

void EnablePublish(v1alpha1::SnapshotGenerationConfig* generation, int keep_recent) {
  generation->mutable_tendermint()->set_keep_recent(keep_recent);
  generation->mutable_tendermint()->mutable_publish();
}

std::vector<std::string> Split(const std::string& space_separated) {
  return absl::StrSplit(space_separated, ' ', absl::SkipEmpty());
}

}  // namespace sei::planner::testing
