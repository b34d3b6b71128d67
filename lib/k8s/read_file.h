// Reading a whole small file (a kubeconfig, a PEM bundle, a token) into a
// string, with an error that names the file and what went wrong.
#ifndef SEI_LIB_K8S_READ_FILE_H_
#define SEI_LIB_K8S_READ_FILE_H_

#include <string>

#include "absl/status/statusor.h"

namespace sei::k8s {

// NotFound when the file does not exist, PermissionDenied when it cannot be
// opened for that reason, Unavailable for any other I/O failure.
absl::StatusOr<std::string> ReadFileContents(const std::string& path);

}  // namespace sei::k8s

#endif  // SEI_LIB_K8S_READ_FILE_H_
