#include "testdata/render/render_case.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "lib/api/manifest.h"
#include "lib/planner/core/node_mode.h"
#include "lib/tasks/platform/test_platform_config.h"
#include "lib/tasks/render/bootstrap_job.h"
#include "lib/tasks/render/bootstrap_service.h"
#include "lib/tasks/render/data_pvc.h"
#include "lib/tasks/render/headless_service.h"
#include "lib/tasks/render/rbac_proxy_config_map.h"
#include "lib/tasks/render/statefulset.h"

namespace sei::render_golden {
namespace {

using tasks::render::RenderBootstrapJob;
using tasks::render::RenderBootstrapService;
using tasks::render::RenderDataPvc;
using tasks::render::RenderHeadlessService;
using tasks::render::RenderRbacProxyConfigMap;
using tasks::render::RenderStatefulSet;

std::string ReadText(const std::string& path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void Append(absl::StatusOr<k8s::Object> object, const char* kind, k8s::Object* out) {
  if (object.ok()) {
    out->push_back(*std::move(object));
  } else {
    out->push_back(
        {{"renderError", {{"object", kind}, {"message", std::string(object.status().message())}}}});
  }
}

k8s::Object CaseError(const std::string& message) {
  return k8s::Object::array({{{"caseError", message}}});
}

// The value at `path` in `document`, or "(absent)".
std::string ValueAt(const k8s::Object& document, const std::string& path) {
  const k8s::Object::json_pointer pointer(path);
  if (!document.contains(pointer)) return "(absent)";
  return document.at(pointer).dump(-1, ' ', false, k8s::Object::error_handler_t::replace);
}

}  // namespace

std::vector<RenderCase> ListRenderCases(const std::string& root) {
  std::vector<RenderCase> cases;
  const std::filesystem::path dir = std::filesystem::path(root) / kCasesDir;
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator(dir, error)) {
    if (entry.path().extension() != ".yaml") continue;
    const std::string name = entry.path().stem().string();
    cases.push_back({name, absl::StrCat(kCasesDir, "/", name, ".yaml"),
                     absl::StrCat(kExpectedDir, "/", name, ".json")});
  }
  std::sort(cases.begin(), cases.end(),
            [](const RenderCase& a, const RenderCase& b) { return a.name < b.name; });
  return cases;
}

k8s::Object RenderCaseObjects(const RenderCase& render_case) {
  absl::StatusOr<std::vector<api::Manifest>> manifests =
      api::ReadManifests(ReadText(render_case.input_path), api::DecodeOptions{/*strict=*/true});
  if (!manifests.ok()) return CaseError(std::string(manifests.status().message()));
  if (manifests->size() != 1 ||
      !std::holds_alternative<v1alpha1::SeiNode>(manifests->front().object)) {
    return CaseError("a render case holds exactly one SeiNode");
  }
  const auto& node = std::get<v1alpha1::SeiNode>(manifests->front().object);
  const tasks::PlatformConfig config = tasks::testing::TestPlatformConfig();

  k8s::Object objects = k8s::Object::array();
  objects.push_back(RenderRbacProxyConfigMap(node));
  if (node.spec().data_volume().import_volume().pvc_name().empty()) {
    Append(RenderDataPvc(node, config), "PersistentVolumeClaim", &objects);
  }
  objects.push_back(RenderHeadlessService(node));
  Append(RenderStatefulSet(node, config), "StatefulSet", &objects);
  if (planner::NeedsBootstrap(node.spec())) {
    objects.push_back(RenderBootstrapService(node));
    Append(RenderBootstrapJob(node, config), "Job", &objects);
  }
  return objects;
}

std::string FormatExpected(const k8s::Object& objects) {
  return objects.dump(2, ' ', false, k8s::Object::error_handler_t::replace) + "\n";
}

std::string JsonDiff(const k8s::Object& expected, const k8s::Object& actual) {
  std::string out;
  for (const k8s::Object& operation : k8s::Object::diff(expected, actual)) {
    const std::string op = operation.value("op", "");
    const std::string path = operation.value("path", "");
    absl::StrAppend(&out, op, " ", path.empty() ? "(document)" : path,
                    "\n    expected: ", ValueAt(expected, path),
                    "\n    actual:   ", ValueAt(actual, path), "\n");
  }
  return out;
}

}  // namespace sei::render_golden
