// Test-only helpers for plan_test: compact JSON rendering of params and
// SeiNode fixtures.
#ifndef SEI_LIB_PLANNER_PLAN_TEST_SUPPORT_H_
#define SEI_LIB_PLANNER_PLAN_TEST_SUPPORT_H_

#include <functional>
#include <string>
#include <vector>

#include "google/protobuf/message.h"
#include "google/protobuf/struct.pb.h"
#include "proto/sei/v1alpha1/seinode.pb.h"

namespace sei::planner::testing {

// Compact JSON with object keys in byte order; integral numbers without a
// fraction. Enough to compare params against the shapes of plans.md §9.
std::string ToJson(const google::protobuf::Value& value);

// Field-by-field equality (map order does not matter, unlike bytes).
bool SameMessage(const google::protobuf::Message& a, const google::protobuf::Message& b);

inline constexpr char kPlanId[] = "11111111-2222-4333-8444-555555555555";

// Returns kPlanId, then "plan-2", "plan-3", ... on successive calls.
std::function<std::string()> SequentialPlanIds();

// A SeiNode "node-a" in namespace "sei", generation 3, chainId "pacific-1",
// image "seid:v2", with no mode sub-spec.
v1alpha1::SeiNode BareNode();
v1alpha1::SeiNode FullNode();  // fullNode: {}
void AddS3Snapshot(v1alpha1::SnapshotSource* snapshot, int64_t height);
void AddStaticPeer(v1alpha1::SeiNode* node, std::vector<std::string> addresses);
void AddLabelPeer(v1alpha1::SeiNode* node);
void AddEc2Peer(v1alpha1::SeiNode* node);
void EnablePublish(v1alpha1::SnapshotGenerationConfig* generation, int keep_recent);

std::vector<std::string> Split(const std::string& space_separated);

}  // namespace sei::planner::testing

#endif  // SEI_LIB_PLANNER_PLAN_TEST_SUPPORT_H_
