#include "cmd/operator/e2e/e2e_cluster.h"

#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <system_error>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "cmd/operator/e2e/seinode_view.h"
#include "cmd/operator/e2e/test_paths.h"
#include "cmd/operator/e2e/wait_for.h"
#include "lib/controlplane/apiserver/api_error.h"
#include "lib/controlplane/controllers/simulated_cluster_setup.h"

namespace sei::e2e {
namespace {

// The CRDs the operator ships, as runfiles of //config/crd:crds.
constexpr absl::string_view kCrdFiles[] = {"config/crd/sei.io_seinodes.yaml",
                                           "config/crd/sei.io_seinodetasks.yaml"};

absl::Status WriteSecretFile(const std::string& path, absl::string_view content) {
  {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << content;
    if (!out) return absl::InternalError(absl::StrCat("cannot write ", path));
  }
  if (chmod(path.c_str(), 0600) != 0) {
    return absl::InternalError(absl::StrCat("cannot chmod ", path));
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<std::unique_ptr<E2eCluster>> E2eCluster::Start(E2eClusterOptions options) {
  std::unique_ptr<E2eCluster> cluster(new E2eCluster());
  cluster->options_ = std::move(options);
  const std::string& name = cluster->options_.name;
  absl::StatusOr<std::string> dir = MakeFreshDir(OutputsDir(), name);
  if (!dir.ok()) return dir.status();
  cluster->dir_ = *dir;
  absl::StatusOr<std::string> scratch = MakeFreshDir(ScratchDir(), absl::StrCat(name, "-scratch"));
  if (!scratch.ok()) return scratch.status();
  cluster->scratch_dir_ = *scratch;
  // kubectl keeps its discovery cache under $HOME/.kube: one per cluster.
  const std::string home = absl::StrCat(cluster->scratch_dir_, "/home");
  std::error_code error;
  std::filesystem::create_directories(home, error);
  if (error) return absl::InternalError(absl::StrCat("cannot create ", home));
  cluster->kubectl_env_ = {absl::StrCat("HOME=", home), "PATH=/usr/bin:/bin"};

  controlplane::ControlPlaneOptions plane_options;
  plane_options.store.pod_termination_grace = cluster->options_.pod_termination_grace;
  absl::StatusOr<std::unique_ptr<controlplane::ControlPlane>> plane =
      controlplane::ControlPlane::Create(plane_options);
  if (!plane.ok()) return plane.status();
  cluster->plane_ = *std::move(plane);
  controlplane::AttachSimulatedCluster(*cluster->plane_);
  if (absl::Status s = cluster->plane_->Start(); !s.ok()) return s;

  cluster->kubeconfig_path_ = absl::StrCat(cluster->dir_, "/kubeconfig");
  if (absl::Status s = cluster->plane_->WriteKubeconfig(cluster->kubeconfig_path_); !s.ok()) {
    return s;
  }
  cluster->sidecar_token_path_ = absl::StrCat(cluster->dir_, "/sidecar-token");
  if (absl::Status s = WriteSecretFile(cluster->sidecar_token_path_, cluster->plane_->token());
      !s.ok()) {
    return s;
  }

  std::vector<std::string> apply = {"apply"};
  for (absl::string_view file : kCrdFiles) {
    absl::StatusOr<std::string> path = RunfilePath(file);
    if (!path.ok()) return path.status();
    apply.push_back("-f");
    apply.push_back(*path);
  }
  if (absl::Status s = cluster->KubectlSucceeds(apply); !s.ok()) return s;
  if (absl::Status s =
          cluster->KubectlSucceeds({"wait", "--for=condition=Established", "crd/seinodes.sei.io",
                                    "crd/seinodetasks.sei.io", "--timeout=20s"});
      !s.ok()) {
    return s;
  }
  return cluster;
}

E2eCluster::~E2eCluster() {
  if (plane_ != nullptr) plane_->Stop();
}

absl::StatusOr<CommandResult> E2eCluster::Kubectl(const std::vector<std::string>& args,
                                                  absl::string_view stdin_text,
                                                  absl::Duration timeout) const {
  std::vector<std::string> argv = {
      options_.kubectl, "--kubeconfig", kubeconfig_path_,
      absl::StrCat("--request-timeout=", absl::ToInt64Seconds(timeout), "s")};
  argv.insert(argv.end(), args.begin(), args.end());
  return RunCommand(argv, kubectl_env_, stdin_text, scratch_dir_, timeout + absl::Seconds(10));
}

absl::Status E2eCluster::KubectlSucceeds(const std::vector<std::string>& args,
                                         absl::string_view stdin_text) const {
  absl::StatusOr<CommandResult> result = Kubectl(args, stdin_text);
  if (!result.ok()) return result.status();
  if (!result->status.exited || result->status.code != 0) {
    return absl::InternalError(absl::StrCat("kubectl ", absl::StrJoin(args, " "), ": ",
                                            result->status.ToString(), "; stdout: ", result->out,
                                            "; stderr: ", result->err));
  }
  return absl::OkStatus();
}

absl::Status E2eCluster::Apply(absl::string_view manifest) const {
  return KubectlSucceeds({"apply", "-f", "-"}, manifest);
}

absl::Status E2eCluster::Delete(absl::string_view resource, absl::string_view ns,
                                absl::string_view name) const {
  return KubectlSucceeds(
      {"delete", std::string(resource), std::string(name), "-n", std::string(ns), "--wait=false"});
}

absl::Status E2eCluster::CreateNamespace(absl::string_view ns) const {
  return KubectlSucceeds({"create", "namespace", std::string(ns)});
}

absl::StatusOr<controlplane::ResourceKey> E2eCluster::KeyOf(const k8s::Resource& resource,
                                                            absl::string_view ns) const {
  const controlplane::ResourceType* type =
      plane_->registry()->Find(resource.group, resource.version, resource.plural);
  if (type == nullptr) {
    return absl::NotFoundError(
        absl::StrCat("the control plane does not serve ", resource.QualifiedName()));
  }
  controlplane::ResourceKey key;
  key.type = type;
  key.ns = resource.namespaced ? std::string(ns) : "";
  return key;
}

absl::StatusOr<nlohmann::json> E2eCluster::Get(const k8s::Resource& resource, absl::string_view ns,
                                               absl::string_view name) {
  absl::StatusOr<controlplane::ResourceKey> key = KeyOf(resource, ns);
  if (!key.ok()) return key.status();
  return plane_->store()->Get(*key, name);
}

absl::StatusOr<std::vector<nlohmann::json>> E2eCluster::List(const k8s::Resource& resource,
                                                             absl::string_view ns,
                                                             absl::string_view label_selector) {
  absl::StatusOr<controlplane::ResourceKey> key = KeyOf(resource, ns);
  if (!key.ok()) return key.status();
  controlplane::ListOptions options;
  options.label_selector = std::string(label_selector);
  absl::StatusOr<nlohmann::json> list = plane_->store()->List(*key, options);
  if (!list.ok()) return list.status();
  std::vector<nlohmann::json> items;
  if (list->contains("items") && (*list)["items"].is_array()) {
    for (nlohmann::json& item : (*list)["items"]) items.push_back(std::move(item));
  }
  return items;
}

absl::StatusOr<std::unique_ptr<WatchRecorder>> E2eCluster::Record(
    const k8s::Resource& resource, absl::string_view ns, absl::string_view label_selector) {
  absl::StatusOr<controlplane::ResourceKey> key = KeyOf(resource, ns);
  if (!key.ok()) return key.status();
  return WatchRecorder::Start(plane_->store(), *key, label_selector);
}

absl::Status E2eCluster::WaitForPhase(absl::string_view ns, absl::string_view name,
                                      absl::string_view phase, absl::Duration timeout) {
  return WaitFor(
      absl::StrCat("SeiNode ", ns, "/", name, " to reach phase ", phase),
      [&](std::string* seen) {
        absl::StatusOr<nlohmann::json> node = Get(k8s::resources::kSeiNode, ns, name);
        if (!node.ok()) {
          *seen = node.status().ToString();
          return false;
        }
        *seen = DescribeSeiNode(*node);
        return PhaseOf(*node) == phase;
      },
      timeout);
}

absl::Status E2eCluster::WaitForGone(const k8s::Resource& resource, absl::string_view ns,
                                     absl::string_view name, absl::Duration timeout) {
  return WaitFor(
      absl::StrCat(resource.kind, " ", ns, "/", name, " to be deleted"),
      [&](std::string* seen) {
        absl::StatusOr<nlohmann::json> object = Get(resource, ns, name);
        if (controlplane::Reason(object.status()) == "NotFound") return true;
        if (!object.ok()) {
          *seen = object.status().ToString();
          return false;
        }
        const nlohmann::json& metadata = (*object)["metadata"];
        *seen = absl::StrCat(
            "still present; deletionTimestamp=", metadata.value("deletionTimestamp", "<none>"),
            " finalizers=", metadata.value("finalizers", nlohmann::json::array()).dump());
        return false;
      },
      timeout);
}

}  // namespace sei::e2e
