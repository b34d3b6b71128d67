// The objects the benchmark writes, as JSON request bodies: a Sei node pod
// of realistic size (what a cluster stores for a running node: two
// containers, env, probes, volumes, owner reference and the kubelet's
// Running status, about 4 KB of JSON), a small ConfigMap for the write-rate figures, and
// the namespaces and owner they live in.
#ifndef SEI_LIB_CONTROLPLANE_BENCH_BENCH_OBJECTS_H_
#define SEI_LIB_CONTROLPLANE_BENCH_BENCH_OBJECTS_H_

#include <nlohmann/json.hpp>
#include <string>

namespace sei::controlplane::bench {

// Pods carry `bench-group: g<index % 10>`, so this selector matches a tenth
// of them.
inline constexpr char kPodGroupLabel[] = "bench-group";

nlohmann::json NamespaceObject(const std::string& name);

// The owner of the benchmark's pods. Without an existing owner the garbage
// collector would delete pods whose ownerReferences name it.
nlohmann::json StatefulSetObject(const std::string& ns, const std::string& name);

// Pod `<set>-<index>` owned by the StatefulSet `set` with uid `owner_uid`,
// without status: the API server resets a created pod's status, as
// kube-apiserver does.
nlohmann::json PodObject(const std::string& ns, const std::string& set,
                         const std::string& owner_uid, int index);

// The status a kubelet writes for that pod once it runs (a merge patch
// body for pods/<name>/status): conditions, IPs, container statuses.
nlohmann::json RunningPodStatusPatch(int index);

// A ConfigMap with a few short keys; `revision` changes its data, so an
// update with a new revision is a real change.
nlohmann::json ConfigMapObject(const std::string& ns, const std::string& name, int revision);

}  // namespace sei::controlplane::bench

#endif  // SEI_LIB_CONTROLPLANE_BENCH_BENCH_OBJECTS_H_
