#include "lib/runtime/metrics/registry.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "lib/runtime/metrics/metric_names.h"
#include "lib/runtime/metrics/text_format.h"

namespace sei::runtime::metrics {

absl::Status Registry::CheckNew(const std::string& name,
                                const std::vector<std::string>& label_names,
                                const std::vector<std::string>& reserved) const {
  if (absl::Status s = ValidateMetricName(name); !s.ok()) return s;
  if (absl::Status s = ValidateLabelNames(label_names, reserved); !s.ok()) {
    return absl::InvalidArgumentError(absl::StrCat(name, ": ", s.message()));
  }
  if (std::find(names_.begin(), names_.end(), name) != names_.end()) {
    return absl::AlreadyExistsError(absl::StrCat("metric \"", name, "\" is already registered"));
  }
  return absl::OkStatus();
}

absl::StatusOr<Counter*> Registry::AddCounter(std::string name, std::string help,
                                              std::vector<std::string> label_names) {
  absl::MutexLock lock(&mu_);
  if (absl::Status s = CheckNew(name, label_names, {}); !s.ok()) return s;
  auto family = std::make_unique<Counter>(name, std::move(help), std::move(label_names));
  Counter* raw = family.get();
  if (raw->label_names().empty()) raw->Add({}, 0).IgnoreError();  // cannot fail: arity 0
  names_.push_back(std::move(name));
  families_.push_back(std::move(family));
  return raw;
}

absl::StatusOr<Gauge*> Registry::AddGauge(std::string name, std::string help,
                                          std::vector<std::string> label_names) {
  absl::MutexLock lock(&mu_);
  if (absl::Status s = CheckNew(name, label_names, {}); !s.ok()) return s;
  auto family = std::make_unique<Gauge>(name, std::move(help), std::move(label_names));
  Gauge* raw = family.get();
  if (raw->label_names().empty()) raw->Set({}, 0).IgnoreError();  // cannot fail: arity 0
  names_.push_back(std::move(name));
  families_.push_back(std::move(family));
  return raw;
}

absl::StatusOr<Histogram*> Registry::AddHistogram(std::string name, std::string help,
                                                  std::vector<std::string> label_names,
                                                  std::vector<double> upper_bounds) {
  absl::MutexLock lock(&mu_);
  if (absl::Status s = CheckNew(name, label_names, {"le"}); !s.ok()) return s;
  if (absl::Status s = Histogram::ValidateBuckets(upper_bounds); !s.ok()) {
    return absl::InvalidArgumentError(absl::StrCat(name, ": ", s.message()));
  }
  auto family = std::make_unique<Histogram>(name, std::move(help), std::move(label_names),
                                            std::move(upper_bounds));
  Histogram* raw = family.get();
  names_.push_back(std::move(name));
  families_.push_back(std::move(family));
  return raw;
}

absl::StatusOr<ObservableGauge*> Registry::AddObservableGauge(std::string name, std::string help,
                                                              std::vector<std::string> label_names,
                                                              ObserveFunc observe) {
  absl::MutexLock lock(&mu_);
  if (absl::Status s = CheckNew(name, label_names, {}); !s.ok()) return s;
  if (!observe) return absl::InvalidArgumentError(absl::StrCat(name, ": no observe callback"));
  auto family = std::make_unique<ObservableGauge>(name, std::move(help), std::move(label_names),
                                                  std::move(observe));
  ObservableGauge* raw = family.get();
  names_.push_back(std::move(name));
  families_.push_back(std::move(family));
  return raw;
}

std::vector<FamilySnapshot> Registry::Gather() const {
  // Families are never removed, so the pointers outlive the lock; collecting
  // outside it lets an observable callback take locks of its own freely.
  std::vector<const Collector*> collectors;
  {
    absl::MutexLock lock(&mu_);
    for (const auto& family : families_) collectors.push_back(family.get());
  }
  std::vector<FamilySnapshot> out;
  for (const Collector* collector : collectors) {
    FamilySnapshot snapshot = collector->Collect();
    if (!snapshot.series.empty()) out.push_back(std::move(snapshot));
  }
  std::sort(out.begin(), out.end(),
            [](const FamilySnapshot& a, const FamilySnapshot& b) { return a.name < b.name; });
  return out;
}

std::string Registry::TextExposition() const { return FormatText(Gather()); }

}  // namespace sei::runtime::metrics
