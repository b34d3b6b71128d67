// The part every stored family (counter, gauge, histogram) shares: its name,
// help and label names, one value per label set under a lock, and series
// deletion — whole label sets, or every series matching some labels (all
// phases of a deleted node, plans.md §17 D13).
#ifndef SEI_LIB_RUNTIME_METRICS_SERIES_FAMILY_H_
#define SEI_LIB_RUNTIME_METRICS_SERIES_FAMILY_H_

#include <algorithm>
#include <cstddef>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/synchronization/mutex.h"
#include "lib/runtime/metrics/collector.h"
#include "lib/runtime/metrics/snapshot.h"

namespace sei::runtime::metrics {

// Label name → value; a series matches when it has every pair.
using LabelMatch = std::vector<std::pair<std::string, std::string>>;

template <typename Value>
class SeriesFamily : public Collector {
 public:
  const std::string& name() const { return name_; }
  const std::vector<std::string>& label_names() const { return label_names_; }

  // Removes one series. NotFound when it does not exist.
  absl::Status Delete(const LabelValues& labels) {
    if (absl::Status s = CheckArity(labels); !s.ok()) return s;
    absl::MutexLock lock(&mu_);
    if (series_.erase(labels) == 0) {
      return absl::NotFoundError(
          absl::StrCat(name_, ": no series {", absl::StrJoin(labels, ","), "}"));
    }
    return absl::OkStatus();
  }

  // Removes every series whose labels include all of `match`; returns how
  // many. InvalidArgument when `match` names a label the family lacks.
  absl::StatusOr<int> DeleteMatching(const LabelMatch& match) {
    std::vector<std::pair<size_t, std::string>> by_index;
    for (const auto& [label, value] : match) {
      auto it = std::find(label_names_.begin(), label_names_.end(), label);
      if (it == label_names_.end()) {
        return absl::InvalidArgumentError(absl::StrCat(name_, " has no label \"", label, "\""));
      }
      by_index.emplace_back(it - label_names_.begin(), value);
    }
    absl::MutexLock lock(&mu_);
    int removed = 0;
    for (auto it = series_.begin(); it != series_.end();) {
      const bool matches = std::all_of(by_index.begin(), by_index.end(), [&](const auto& m) {
        return it->first[m.first] == m.second;
      });
      if (matches) {
        it = series_.erase(it);
        ++removed;
      } else {
        ++it;
      }
    }
    return removed;
  }

 protected:
  SeriesFamily(std::string name, std::string help, std::vector<std::string> label_names,
               MetricType type)
      : name_(std::move(name)),
        help_(std::move(help)),
        label_names_(std::move(label_names)),
        type_(type) {}

  absl::Status CheckArity(const LabelValues& labels) const {
    if (labels.size() == label_names_.size()) return absl::OkStatus();
    return absl::InvalidArgumentError(
        absl::StrCat(name_, " takes ", label_names_.size(), " label values (",
                     absl::StrJoin(label_names_, ","), "), got ", labels.size()));
  }

  // Applies `update` to the series of `labels`, creating it from `initial`.
  template <typename Update>
  absl::Status Mutate(const LabelValues& labels, const Value& initial, Update update) {
    if (absl::Status s = CheckArity(labels); !s.ok()) return s;
    absl::MutexLock lock(&mu_);
    auto it = series_.try_emplace(labels, initial).first;
    update(it->second);
    return absl::OkStatus();
  }

  absl::StatusOr<Value> Read(const LabelValues& labels) const {
    if (absl::Status s = CheckArity(labels); !s.ok()) return s;
    absl::MutexLock lock(&mu_);
    auto it = series_.find(labels);
    if (it == series_.end()) {
      return absl::NotFoundError(
          absl::StrCat(name_, ": no series {", absl::StrJoin(labels, ","), "}"));
    }
    return it->second;
  }

  // A snapshot with every series, each filled in by `fill`.
  template <typename Fill>
  FamilySnapshot Snapshot(Fill fill) const {
    FamilySnapshot out{name_, help_, type_, label_names_, {}};
    absl::MutexLock lock(&mu_);
    out.series.reserve(series_.size());
    for (const auto& [labels, value] : series_) {
      SeriesSnapshot series;
      series.label_values = labels;
      fill(value, series);
      out.series.push_back(std::move(series));
    }
    return out;
  }

 private:
  const std::string name_;
  const std::string help_;
  const std::vector<std::string> label_names_;
  const MetricType type_;
  mutable absl::Mutex mu_;
  std::map<LabelValues, Value> series_ ABSL_GUARDED_BY(mu_);  // ordered: sorted scrapes
};

}  // namespace sei::runtime::metrics

#endif  // SEI_LIB_RUNTIME_METRICS_SERIES_FAMILY_H_
