// Label and field selectors: the labelSelector / fieldSelector query
// parameters of LIST and WATCH, and the structured selectors of workload
// specs (StatefulSet.spec.selector).
#ifndef SEI_LIB_CONTROLPLANE_CORE_SELECTORS_H_
#define SEI_LIB_CONTROLPLANE_CORE_SELECTORS_H_

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace sei::controlplane {

// A conjunction of label requirements, with the grammar and semantics of
// k8s.io/apimachinery/pkg/labels (Parse) and metav1.LabelSelectorAsSelector.
// Default-constructed, it has no requirements and matches everything.
class LabelSelector {
 public:
  enum class Operator {
    kIn,            // key=v, key==v, key in (v1,v2), matchLabels
    kNotIn,         // key!=v, key notin (v1,v2): also true when key is absent
    kExists,        // key
    kDoesNotExist,  // !key
    kGreaterThan,   // key>N: the label parses as an integer greater than N
    kLessThan,      // key<N
  };
  struct Requirement {
    std::string key;
    Operator op = Operator::kExists;
    std::vector<std::string> values;  // sorted, unique; empty for kExists / kDoesNotExist
    int64_t bound = 0;                // for kGreaterThan / kLessThan
  };

  LabelSelector() = default;

  // Text form, e.g. "app=web,tier in (a,b),!canary,env!=prod". Whitespace
  // around tokens is ignored; "" matches everything. Keys and values are
  // validated (label_syntax.h). InvalidArgument quoting `text` otherwise.
  static absl::StatusOr<LabelSelector> Parse(absl::string_view text);

  // Structured form {matchLabels: {k: v}, matchExpressions: [{key, operator:
  // In|NotIn|Exists|DoesNotExist, values}]}. {} matches everything, and so
  // does null here, unlike metav1.LabelSelectorAsSelector(nil), which matches
  // nothing: a caller that must tell them apart checks for null first.
  static absl::StatusOr<LabelSelector> FromLabelSelectorJson(const nlohmann::json& selector);

  // `labels` is an object's metadata.labels: an object of strings, or
  // null/absent (no labels). A null label value counts as absent; any other
  // non-string value is present but equal to no selector value.
  bool Matches(const nlohmann::json& labels) const;

  bool MatchesEverything() const { return requirements_.empty(); }
  const std::vector<Requirement>& requirements() const { return requirements_; }

 private:
  explicit LabelSelector(std::vector<Requirement> requirements)
      : requirements_(std::move(requirements)) {}

  std::vector<Requirement> requirements_;
};

// A conjunction of "field=value", "field==value" and "field!=value" terms
// joined by commas, with the syntax of k8s.io/apimachinery/pkg/fields:
// no whitespace trimming, and "\," "\=" "\\" escapes in values.
//
// Any dotted path parses and matches; which fields a kind accepts is the
// server's decision (see selectable_fields.h), made with Fields().
class FieldSelector {
 public:
  FieldSelector() = default;

  // "" matches everything. InvalidArgument quoting `text` otherwise.
  static absl::StatusOr<FieldSelector> Parse(absl::string_view text);

  // Reads each field from `object` by its dotted path. A missing or null
  // field, an object or an array compares as ""; booleans as "true"/"false";
  // numbers in their JSON form.
  bool Matches(const nlohmann::json& object) const;

  // The distinct field paths named, in order of first appearance.
  std::vector<std::string> Fields() const;

  bool MatchesEverything() const { return terms_.empty(); }

 private:
  struct Term {
    std::string field;
    bool equal;  // false for !=
    std::string value;
  };

  explicit FieldSelector(std::vector<Term> terms) : terms_(std::move(terms)) {}

  std::vector<Term> terms_;
};

}  // namespace sei::controlplane

#endif  // SEI_LIB_CONTROLPLANE_CORE_SELECTORS_H_
