// The hook through which the simulated cluster (StatefulSet controller,
// kubelet, PVC provisioner, Job controller…) runs inside the control plane:
// each is a BackgroundLoop that works on the store's in-process interface,
// started after the listeners and stopped before them.
#ifndef SEI_LIB_CONTROLPLANE_HTTP_BACKGROUND_LOOP_H_
#define SEI_LIB_CONTROLPLANE_HTTP_BACKGROUND_LOOP_H_

#include <string>

namespace sei::controlplane {

class BackgroundLoop {
 public:
  virtual ~BackgroundLoop() = default;

  // For logs: "statefulset-controller".
  virtual std::string Name() const = 0;
  // Returns promptly; the loop runs on its own thread(s).
  virtual void Start() = 0;
  // Returns within a bounded time (a second or two) with the loop's threads
  // joined; nothing of the loop touches the store afterwards.
  virtual void Stop() = 0;
};

}  // namespace sei::controlplane

#endif  // SEI_LIB_CONTROLPLANE_HTTP_BACKGROUND_LOOP_H_
