// The local control plane's TLS identity, generated in memory at startup:
// a self-signed CA and a server certificate it signs, so that clients (kubectl,
// the operator) verify the server exactly as they would a real cluster, via
// the kubeconfig's certificate-authority-data.
#ifndef SEI_LIB_CONTROLPLANE_HTTP_CERTIFICATES_H_
#define SEI_LIB_CONTROLPLANE_HTTP_CERTIFICATES_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace sei::controlplane {

struct CertificateOptions {
  std::string ca_common_name = "sei-local-control-plane-ca";
  std::string server_common_name = "sei-local-control-plane";
  // Subject alternative names of the server certificate; Go's TLS stack
  // ignores the common name, so these are what clients match.
  std::vector<std::string> dns_names = {"localhost"};
  std::vector<std::string> ip_addresses = {"127.0.0.1"};
  absl::Duration validity = absl::Hours(24 * 365);
};

struct CertificateBundle {
  std::string ca_certificate_pem;
  std::string server_certificate_pem;  // the leaf alone
  std::string server_private_key_pem;  // PKCS#8
};

// ECDSA P-256 keys, SHA-256 signatures, X.509 v3 with the extensions Go's
// verifier requires (CA: basicConstraints CA:TRUE + keyCertSign; server:
// serverAuth, SANs). Errors carry OpenSSL's reason.
absl::StatusOr<CertificateBundle> GenerateCertificates(const CertificateOptions& options = {});

}  // namespace sei::controlplane

#endif  // SEI_LIB_CONTROLPLANE_HTTP_CERTIFICATES_H_
