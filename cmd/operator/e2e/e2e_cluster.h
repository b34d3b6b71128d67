// The world an operator end-to-end test runs in: the local control plane
// (lib/controlplane, in this test process) with its simulated cluster and
// sidecars, the kubeconfig and sidecar token an operator process needs, the
// shipped CRDs applied with kubectl, and kubectl itself as the user's
// client. Tests read state straight from the plane's store (what any client
// would read, without a client's caching) and script the sidecars through
// sidecars().
//
//   absl::StatusOr<std::unique_ptr<E2eCluster>> cluster = E2eCluster::Start({"modes"});
//   REQUIRE((*cluster)->Apply(manifest) == absl::OkStatus());
//   REQUIRE((*cluster)->WaitForPhase("default", "rpc", "Running", absl::Minutes(2)) ==
//           absl::OkStatus());
//
// Files (kubeconfig, token, operator logs) go to dir(), under the test's
// undeclared outputs, so a failed run can be read afterwards.
#ifndef SEI_CMD_OPERATOR_E2E_E2E_CLUSTER_H_
#define SEI_CMD_OPERATOR_E2E_E2E_CLUSTER_H_

#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "cmd/operator/e2e/subprocess.h"
#include "cmd/operator/e2e/watch_recorder.h"
#include "lib/controlplane/http/control_plane.h"
#include "lib/controlplane/sidecar/sidecar_fleet.h"
#include "lib/k8s/resource.h"

namespace sei::e2e {

struct E2eClusterOptions {
  // Names dir() (unique per process: "modes", "modes-2", ...).
  std::string name = "cluster";
  // How long a deleted pod stays terminating (the kubelet's grace period).
  absl::Duration pod_termination_grace = absl::Seconds(1);
  // The real client tests drive the cluster with.
  std::string kubectl = "/usr/bin/kubectl";
};

class E2eCluster {
 public:
  // Starts the control plane with the simulated cluster, writes the
  // kubeconfig and the sidecar token file, applies config/crd (a `data`
  // dependency: //config/crd:crds) and waits until both CRDs are
  // Established.
  static absl::StatusOr<std::unique_ptr<E2eCluster>> Start(E2eClusterOptions options = {});
  ~E2eCluster();  // stops the control plane

  E2eCluster(const E2eCluster&) = delete;
  E2eCluster& operator=(const E2eCluster&) = delete;

  controlplane::ControlPlane& plane() { return *plane_; }
  controlplane::sidecar::SidecarFleet& sidecars() { return *plane_->sidecars(); }

  // This cluster's files, under OutputsDir().
  const std::string& dir() const { return dir_; }
  const std::string& kubeconfig_path() const { return kubeconfig_path_; }
  // A file holding the bearer token the simulated sidecars' proxy accepts
  // (the operator's --sidecar-token-file).
  const std::string& sidecar_token_path() const { return sidecar_token_path_; }
  // http://127.0.0.1:<port>/{namespace}/{name} (the operator's
  // --sidecar-url-template).
  std::string sidecar_url_template() const { return plane_->SidecarUrlTemplate(); }

  // kubectl --kubeconfig <ours> <args...>, to the end, with `stdin_text` as
  // its input. The result carries the exit status and both outputs; an
  // error only when kubectl could not run or ran past `timeout`.
  absl::StatusOr<CommandResult> Kubectl(const std::vector<std::string>& args,
                                        absl::string_view stdin_text = "",
                                        absl::Duration timeout = absl::Seconds(30)) const;
  // `kubectl apply -f -` of `manifest` (YAML or JSON, several documents
  // allowed). An error carrying kubectl's output unless it exits 0.
  absl::Status Apply(absl::string_view manifest) const;
  // `kubectl delete <resource> <name> -n <ns> --wait=false`: returns once
  // the deletion is requested; finalizers may keep the object a while.
  absl::Status Delete(absl::string_view resource, absl::string_view ns,
                      absl::string_view name) const;
  // `kubectl create namespace <ns>`.
  absl::Status CreateNamespace(absl::string_view ns) const;

  // Reads from the store. NotFound as the API server would answer it.
  absl::StatusOr<nlohmann::json> Get(const k8s::Resource& resource, absl::string_view ns,
                                     absl::string_view name);
  // The items of a LIST (`ns` empty: all namespaces).
  absl::StatusOr<std::vector<nlohmann::json>> List(const k8s::Resource& resource,
                                                   absl::string_view ns,
                                                   absl::string_view label_selector = "");
  // Records every event of `resource` in `ns` matching `label_selector`
  // from now on (existing objects first, as ADDED).
  absl::StatusOr<std::unique_ptr<WatchRecorder>> Record(const k8s::Resource& resource,
                                                        absl::string_view ns,
                                                        absl::string_view label_selector = "");

  // Waits until SeiNode ns/name has status.phase == `phase`; the timeout
  // error describes the node as last seen (phase, plan, tasks, failure).
  absl::Status WaitForPhase(absl::string_view ns, absl::string_view name, absl::string_view phase,
                            absl::Duration timeout);
  // Waits until ns/name of `resource` no longer exists.
  absl::Status WaitForGone(const k8s::Resource& resource, absl::string_view ns,
                           absl::string_view name, absl::Duration timeout);

 private:
  E2eCluster() = default;
  // Kubectl(), and an error carrying its output unless it exits 0.
  absl::Status KubectlSucceeds(const std::vector<std::string>& args,
                               absl::string_view stdin_text = "") const;
  absl::StatusOr<controlplane::ResourceKey> KeyOf(const k8s::Resource& resource,
                                                  absl::string_view ns) const;

  E2eClusterOptions options_;
  std::unique_ptr<controlplane::ControlPlane> plane_;
  std::string dir_;
  std::string scratch_dir_;
  std::string kubeconfig_path_;
  std::string sidecar_token_path_;
  std::vector<std::string> kubectl_env_;
};

}  // namespace sei::e2e

#endif  // SEI_CMD_OPERATOR_E2E_E2E_CLUSTER_H_
// FIXTURE READY
