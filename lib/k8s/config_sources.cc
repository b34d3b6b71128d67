#include "lib/k8s/config_sources.h"

#include <unistd.h>

#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "lib/k8s/kubeconfig.h"

namespace sei::k8s {
namespace {

ResolvedConfig FromKubeconfig(LoadedKubeconfig loaded, std::string source) {
  return ResolvedConfig{std::move(loaded.config),
                        absl::StrCat(source, " (context ", loaded.context, ")"),
                        std::move(loaded.ns)};
}

}  // namespace

absl::StatusOr<ResolvedConfig> ResolveClusterConfig(const ConfigSourceOptions& options) {
  if (!options.kubeconfig_path.empty()) {
    // Named explicitly, so its absence is an error too.
    if (access(options.kubeconfig_path.c_str(), F_OK) != 0) {
      return absl::NotFoundError(
          absl::StrCat("kubeconfig ", options.kubeconfig_path, " does not exist"));
    }
    absl::StatusOr<LoadedKubeconfig> loaded =
        LoadKubeconfigFiles({options.kubeconfig_path}, options.context);
    if (!loaded.ok()) return loaded.status();
    return FromKubeconfig(*std::move(loaded), absl::StrCat("kubeconfig ", options.kubeconfig_path));
  }

  std::optional<std::string> list = options.env("KUBECONFIG");
  if (list && !list->empty()) {
    std::vector<std::string> paths = absl::StrSplit(*list, ':', absl::SkipEmpty());
    absl::StatusOr<LoadedKubeconfig> loaded = LoadKubeconfigFiles(paths, options.context);
    if (!absl::IsNotFound(loaded.status())) {
      if (!loaded.ok()) return loaded.status();
      return FromKubeconfig(*std::move(loaded), absl::StrCat("$KUBECONFIG ", *list));
    }
  }

  InClusterOptions in_cluster{options.token_path, options.ca_path, options.env};
  absl::StatusOr<ClusterConfig> pod = InClusterConfig(in_cluster);
  if (pod.ok()) return ResolvedConfig{*std::move(pod), "in-cluster service account", ""};
  if (!absl::IsFailedPrecondition(pod.status())) return pod.status();

  std::optional<std::string> home = options.env("HOME");
  if (home && !home->empty()) {
    std::string path = absl::StrCat(*home, "/.kube/config");
    absl::StatusOr<LoadedKubeconfig> loaded = LoadKubeconfigFiles({path}, options.context);
    if (!absl::IsNotFound(loaded.status())) {
      if (!loaded.ok()) return loaded.status();
      return FromKubeconfig(*std::move(loaded), absl::StrCat("kubeconfig ", path));
    }
  }
  return absl::NotFoundError(
      "no Kubernetes configuration: no --kubeconfig, no $KUBECONFIG file, not in a cluster "
      "(KUBERNETES_SERVICE_HOST unset) and no $HOME/.kube/config");
}

}  // namespace sei::k8s
