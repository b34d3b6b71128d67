#include "lib/controlplane/http/kubeconfig.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <nlohmann/json.hpp>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "lib/api/yaml_documents.h"

namespace sei::controlplane {

std::string RenderKubeconfig(const KubeconfigOptions& options) {
  nlohmann::ordered_json cluster = {{"server", options.server}};
  if (!options.ca_certificate_pem.empty()) {
    cluster["certificate-authority-data"] = absl::Base64Escape(options.ca_certificate_pem);
  }
  nlohmann::ordered_json config = {
      {"apiVersion", "v1"},
      {"kind", "Config"},
      {"clusters", {{{"name", options.cluster_name}, {"cluster", cluster}}}},
      {"users", {{{"name", options.user_name}, {"user", {{"token", options.token}}}}}},
      {"contexts",
       {{{"name", options.context_name},
         {"context",
          {{"cluster", options.cluster_name},
           {"user", options.user_name},
           {"namespace", options.ns}}}}}},
      {"current-context", options.context_name},
      {"preferences", nlohmann::ordered_json::object()},
  };
  return sei::api::EmitYaml(config);
}

absl::Status WriteKubeconfig(const std::string& path, const KubeconfigOptions& options) {
  const std::string text = RenderKubeconfig(options);
  // Unique per process and call; O_EXCL refuses anything left behind.
  static std::atomic<int> sequence{0};
  const std::string temp = absl::StrCat(path, ".tmp-", ::getpid(), "-", sequence++);
  const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    return absl::UnavailableError(absl::StrCat("cannot create ", temp, ": ", std::strerror(errno)));
  }
  size_t written = 0;
  int error = 0;
  while (written < text.size()) {
    const ssize_t n = ::write(fd, text.data() + written, text.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      error = errno;
      break;
    }
    written += static_cast<size_t>(n);
  }
  // The umask cannot widen 0600, but an inherited file mode might: be explicit.
  if (error == 0 && ::fchmod(fd, 0600) != 0) error = errno;
  if (::close(fd) != 0 && error == 0) error = errno;
  if (error == 0 && ::rename(temp.c_str(), path.c_str()) != 0) error = errno;
  if (error != 0) {
    ::unlink(temp.c_str());
    return absl::UnavailableError(absl::StrCat("cannot write ", path, ": ", std::strerror(error)));
  }
  return absl::OkStatus();
}

}  // namespace sei::controlplane
