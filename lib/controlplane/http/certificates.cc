#include "lib/controlplane/http/certificates.h"

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <memory>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace sei::controlplane {
namespace {

struct Free {
  void operator()(EVP_PKEY* p) const { EVP_PKEY_free(p); }
  void operator()(X509* p) const { X509_free(p); }
  void operator()(BIO* p) const { BIO_free(p); }
  void operator()(BIGNUM* p) const { BN_free(p); }
  void operator()(X509_EXTENSION* p) const { X509_EXTENSION_free(p); }
};
using KeyPtr = std::unique_ptr<EVP_PKEY, Free>;
using CertPtr = std::unique_ptr<X509, Free>;

// The pending OpenSSL error queue as one line (and cleared, so a later
// failure does not report a stale reason).
absl::Status OpenSslError(absl::string_view what) {
  std::string reasons;
  for (unsigned long code = ERR_get_error(); code != 0; code = ERR_get_error()) {
    char buffer[256];
    ERR_error_string_n(code, buffer, sizeof buffer);
    absl::StrAppend(&reasons, reasons.empty() ? "" : "; ", buffer);
  }
  return absl::InternalError(
      absl::StrCat("certificate generation: ", what, reasons.empty() ? "" : ": ", reasons));
}

absl::StatusOr<KeyPtr> NewP256Key() {
  KeyPtr key(EVP_EC_gen("P-256"));
  if (!key) return OpenSslError("EC P-256 key generation failed");
  return key;
}

absl::Status AddExtension(X509* cert, X509* issuer, int nid, const std::string& value) {
  X509V3_CTX context;
  X509V3_set_ctx(&context, issuer, cert, nullptr, nullptr, 0);
  std::unique_ptr<X509_EXTENSION, Free> extension(
      X509V3_EXT_conf_nid(nullptr, &context, nid, value.c_str()));
  if (!extension || X509_add_ext(cert, extension.get(), -1) != 1) {
    return OpenSslError(absl::StrCat("extension ", OBJ_nid2sn(nid), "=", value));
  }
  return absl::OkStatus();
}

// A certificate for `key`'s public half with a random positive 127-bit
// serial. `issuer` null: self-signed (subject = issuer).
absl::StatusOr<CertPtr> NewCertificate(EVP_PKEY* key, const std::string& common_name, X509* issuer,
                                       absl::Duration validity) {
  CertPtr cert(X509_new());
  if (!cert) return OpenSslError("X509_new");
  std::unique_ptr<BIGNUM, Free> serial(BN_new());
  if (!serial || BN_rand(serial.get(), 127, BN_RAND_TOP_ANY, BN_RAND_BOTTOM_ANY) != 1 ||
      BN_to_ASN1_INTEGER(serial.get(), X509_get_serialNumber(cert.get())) == nullptr) {
    return OpenSslError("serial number");
  }
  // Backdated an hour: a client whose clock is slightly behind still
  // accepts a certificate minted a moment ago.
  const long seconds = static_cast<long>(absl::ToInt64Seconds(validity));
  if (X509_set_version(cert.get(), 2) != 1 ||
      X509_gmtime_adj(X509_getm_notBefore(cert.get()), -3600) == nullptr ||
      X509_gmtime_adj(X509_getm_notAfter(cert.get()), seconds) == nullptr ||
      X509_set_pubkey(cert.get(), key) != 1) {
    return OpenSslError("certificate fields");
  }
  X509_NAME* subject = X509_get_subject_name(cert.get());
  if (X509_NAME_add_entry_by_txt(subject, "O", MBSTRING_ASC,
                                 reinterpret_cast<const unsigned char*>("sei-local"), -1, -1,
                                 0) != 1 ||
      X509_NAME_add_entry_by_txt(subject, "CN", MBSTRING_ASC,
                                 reinterpret_cast<const unsigned char*>(common_name.c_str()), -1,
                                 -1, 0) != 1) {
    return OpenSslError("subject name");
  }
  X509* signer = issuer != nullptr ? issuer : cert.get();
  if (X509_set_issuer_name(cert.get(), X509_get_subject_name(signer)) != 1) {
    return OpenSslError("issuer name");
  }
  return cert;
}

absl::StatusOr<std::string> ToPem(X509* cert) {
  std::unique_ptr<BIO, Free> bio(BIO_new(BIO_s_mem()));
  if (!bio || PEM_write_bio_X509(bio.get(), cert) != 1) return OpenSslError("PEM encoding");
  char* data = nullptr;
  const long size = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<size_t>(size));
}

absl::StatusOr<std::string> ToPem(EVP_PKEY* key) {
  std::unique_ptr<BIO, Free> bio(BIO_new(BIO_s_mem()));
  if (!bio ||
      PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr) != 1) {
    return OpenSslError("PEM encoding of the key");
  }
  char* data = nullptr;
  const long size = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<size_t>(size));
}

}  // namespace

absl::StatusOr<CertificateBundle> GenerateCertificates(const CertificateOptions& options) {
  ERR_clear_error();
  if (options.validity <= absl::ZeroDuration()) {
    return absl::InvalidArgumentError("certificate validity must be positive");
  }
  auto ca_key = NewP256Key();
  if (!ca_key.ok()) return ca_key.status();
  auto ca = NewCertificate(ca_key->get(), options.ca_common_name, nullptr,
                           options.validity + absl::Hours(24));
  if (!ca.ok()) return ca.status();
  X509* ca_cert = ca->get();
  for (auto [nid, value] : {std::pair<int, std::string>{NID_basic_constraints, "critical,CA:TRUE"},
                            {NID_key_usage, "critical,keyCertSign,cRLSign,digitalSignature"},
                            {NID_subject_key_identifier, "hash"}}) {
    if (auto status = AddExtension(ca_cert, ca_cert, nid, value); !status.ok()) return status;
  }
  if (X509_sign(ca_cert, ca_key->get(), EVP_sha256()) == 0) return OpenSslError("signing the CA");

  auto server_key = NewP256Key();
  if (!server_key.ok()) return server_key.status();
  auto server =
      NewCertificate(server_key->get(), options.server_common_name, ca_cert, options.validity);
  if (!server.ok()) return server.status();
  std::vector<std::string> names;
  for (const auto& dns : options.dns_names) names.push_back("DNS:" + dns);
  for (const auto& ip : options.ip_addresses) names.push_back("IP:" + ip);
  if (names.empty()) return absl::InvalidArgumentError("the server certificate needs a SAN");
  for (auto [nid, value] : {std::pair<int, std::string>{NID_basic_constraints, "critical,CA:FALSE"},
                            {NID_key_usage, "critical,digitalSignature"},
                            {NID_ext_key_usage, "serverAuth"},
                            {NID_subject_key_identifier, "hash"},
                            {NID_authority_key_identifier, "keyid:always"},
                            {NID_subject_alt_name, absl::StrJoin(names, ",")}}) {
    if (auto status = AddExtension(server->get(), ca_cert, nid, value); !status.ok()) {
      return status;
    }
  }
  if (X509_sign(server->get(), ca_key->get(), EVP_sha256()) == 0) {
    return OpenSslError("signing the server certificate");
  }

  CertificateBundle bundle;
  auto ca_pem = ToPem(ca_cert);
  auto server_pem = ToPem(server->get());
  auto key_pem = ToPem(server_key->get());
  if (!ca_pem.ok()) return ca_pem.status();
  if (!server_pem.ok()) return server_pem.status();
  if (!key_pem.ok()) return key_pem.status();
  bundle.ca_certificate_pem = *std::move(ca_pem);
  bundle.server_certificate_pem = *std::move(server_pem);
  bundle.server_private_key_pem = *std::move(key_pem);
  return bundle;
}

}  // namespace sei::controlplane
