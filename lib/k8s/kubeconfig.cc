#include "lib/k8s/kubeconfig.h"

#include <nlohmann/json.hpp>
#include <set>
#include <utility>

#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "lib/api/yaml_documents.h"
#include "lib/k8s/read_file.h"

namespace sei::k8s {
namespace {

using nlohmann::json;

absl::Status Invalid(absl::string_view what) {
  return absl::InvalidArgumentError(absl::StrCat("kubeconfig: ", what));
}

std::string DirectoryOf(absl::string_view path) {
  size_t slash = path.rfind('/');
  if (slash == absl::string_view::npos) return ".";
  if (slash == 0) return "/";
  return std::string(path.substr(0, slash));
}

std::string Resolve(absl::string_view base_dir, absl::string_view path) {
  if (path.empty() || path.front() == '/') return std::string(path);
  return absl::StrCat(base_dir.empty() ? "." : base_dir, "/", path);
}

// The fields of a cluster or user entry that name files.
constexpr absl::string_view kClusterFileFields[] = {"certificate-authority"};
constexpr absl::string_view kUserFileFields[] = {"client-certificate", "client-key", "tokenFile"};

// One kubeconfig document, its relative paths made absolute against its
// own directory so that merged documents keep their meaning.
absl::StatusOr<json> ParseDocument(absl::string_view text, absl::string_view base_dir) {
  absl::StatusOr<std::vector<api::Document>> docs = api::ParseYamlDocuments(text);
  if (!docs.ok()) return Invalid(docs.status().message());
  if (docs->empty()) return json::object();  // an empty file defines nothing
  if (docs->size() > 1) return Invalid("expected one document, found several");
  json doc = std::move(docs->front().json);
  if (!doc.is_object()) return Invalid("the document is not a mapping");
  auto resolve_section = [&](const char* list, const char* entry_key,
                             absl::Span<const absl::string_view> fields) -> absl::Status {
    if (!doc.contains(list) || doc[list].is_null()) return absl::OkStatus();
    if (!doc[list].is_array()) return Invalid(absl::StrCat("\"", list, "\" must be a list"));
    for (json& item : doc[list]) {
      if (!item.is_object() || !item.contains(entry_key) || !item[entry_key].is_object()) continue;
      json& entry = item[entry_key];
      for (absl::string_view field : fields) {
        std::string key(field);
        if (entry.contains(key) && entry[key].is_string()) {
          entry[key] = Resolve(base_dir, entry[key].get<std::string>());
        }
      }
    }
    return absl::OkStatus();
  };
  if (absl::Status s = resolve_section("clusters", "cluster", kClusterFileFields); !s.ok()) {
    return s;
  }
  if (absl::Status s = resolve_section("users", "user", kUserFileFields); !s.ok()) return s;
  if (absl::Status s = resolve_section("contexts", "context", {}); !s.ok()) return s;
  return doc;
}

// Merges `next` into `merged`, first definition of each name winning.
void Merge(json& merged, const json& next) {
  for (const char* list : {"clusters", "users", "contexts"}) {
    if (!next.contains(list) || !next[list].is_array()) continue;
    std::set<std::string> known;
    if (!merged.contains(list)) merged[list] = json::array();
    for (const json& item : merged[list]) known.insert(item.value("name", ""));
    for (const json& item : next[list]) {
      if (!item.is_object()) continue;
      if (known.insert(item.value("name", "")).second) merged[list].push_back(item);
    }
  }
  if (merged.value("current-context", "").empty() && next.contains("current-context") &&
      next["current-context"].is_string()) {
    merged["current-context"] = next["current-context"];
  }
}

// The `entry_key` mapping of the list item called `name`.
absl::StatusOr<json> FindNamed(const json& doc, const char* list, const char* entry_key,
                               absl::string_view name, absl::string_view what) {
  if (doc.contains(list) && doc[list].is_array()) {
    for (const json& item : doc[list]) {
      if (item.is_object() && item.value("name", "") == name) {
        if (!item.contains(entry_key) || !item[entry_key].is_object()) {
          return Invalid(absl::StrCat(what, " \"", name, "\" has no \"", entry_key, "\" mapping"));
        }
        return item[entry_key];
      }
    }
  }
  return Invalid(absl::StrCat("no ", what, " named \"", name, "\""));
}

absl::StatusOr<std::string> StringField(const json& entry, const char* key,
                                        absl::string_view owner) {
  if (!entry.contains(key) || entry[key].is_null()) return std::string();
  if (!entry[key].is_string())
    return Invalid(absl::StrCat(owner, ": \"", key, "\" must be a string"));
  return entry[key].get<std::string>();
}

// A PEM (or token) given inline as base64 `data_key` or as file `file_key`.
absl::StatusOr<std::string> InlineOrFile(const json& entry, const char* data_key,
                                         const char* file_key, absl::string_view owner) {
  absl::StatusOr<std::string> data = StringField(entry, data_key, owner);
  if (!data.ok()) return data.status();
  absl::StatusOr<std::string> file = StringField(entry, file_key, owner);
  if (!file.ok()) return file.status();
  if (!data->empty() && !file->empty()) {
    return Invalid(
        absl::StrCat(owner, ": \"", data_key, "\" and \"", file_key, "\" are both set; keep one"));
  }
  if (!data->empty()) {
    std::string decoded;
    if (!absl::Base64Unescape(*data, &decoded)) {
      return Invalid(absl::StrCat(owner, ": \"", data_key, "\" is not valid base64"));
    }
    return decoded;
  }
  if (!file->empty()) {
    absl::StatusOr<std::string> contents = ReadFileContents(*file);
    if (!contents.ok()) {
      return Invalid(absl::StrCat(owner, ": \"", file_key, "\": ", contents.status().message()));
    }
    return contents;
  }
  return std::string();
}

absl::Status FillCluster(const json& cluster, absl::string_view name, ClusterConfig& config) {
  std::string owner = absl::StrCat("cluster \"", name, "\"");
  absl::StatusOr<std::string> server = StringField(cluster, "server", owner);
  if (!server.ok()) return server.status();
  if (server->empty()) return Invalid(absl::StrCat(owner, " has no server"));
  while (absl::EndsWith(*server, "/")) server->pop_back();
  config.server = *server;
  absl::StatusOr<std::string> ca =
      InlineOrFile(cluster, "certificate-authority-data", "certificate-authority", owner);
  if (!ca.ok()) return ca.status();
  config.ca_pem = *ca;
  if (cluster.contains("insecure-skip-tls-verify")) {
    const json& insecure = cluster["insecure-skip-tls-verify"];
    if (!insecure.is_boolean()) {
      return Invalid(absl::StrCat(owner, ": \"insecure-skip-tls-verify\" must be true or false"));
    }
    config.insecure_skip_tls_verify = insecure.get<bool>();
  }
  if (config.insecure_skip_tls_verify && !config.ca_pem.empty()) {
    return Invalid(
        absl::StrCat(owner, " sets both a certificate authority and insecure-skip-tls-verify"));
  }
  return absl::OkStatus();
}

absl::Status FillUser(const json& user, absl::string_view name, ClusterConfig& config) {
  std::string owner = absl::StrCat("user \"", name, "\"");
  for (const char* unsupported : {"exec", "auth-provider", "username", "password"}) {
    if (user.contains(unsupported) && !user[unsupported].is_null()) {
      return Invalid(absl::StrCat(owner, " uses \"", unsupported,
                                  "\", which this client does not support; use a token, a "
                                  "token file or a client certificate"));
    }
  }
  absl::StatusOr<std::string> cert =
      InlineOrFile(user, "client-certificate-data", "client-certificate", owner);
  if (!cert.ok()) return cert.status();
  absl::StatusOr<std::string> key = InlineOrFile(user, "client-key-data", "client-key", owner);
  if (!key.ok()) return key.status();
  if (cert->empty() != key->empty()) {
    return Invalid(absl::StrCat(owner, " has a client ", cert->empty() ? "key" : "certificate",
                                " without its ", cert->empty() ? "certificate" : "key"));
  }
  config.client_certificate_pem = *cert;
  config.client_key_pem = *key;
  absl::StatusOr<std::string> token = StringField(user, "token", owner);
  if (!token.ok()) return token.status();
  absl::StatusOr<std::string> token_file = StringField(user, "tokenFile", owner);
  if (!token_file.ok()) return token_file.status();
  // As in client-go, a literal token wins over a token file.
  if (!token->empty()) {
    config.bearer_token = *token;
  } else {
    config.token_file = *token_file;
  }
  return absl::OkStatus();
}

absl::StatusOr<LoadedKubeconfig> FromDocument(const json& doc, absl::string_view context) {
  LoadedKubeconfig out;
  out.context = std::string(context);
  if (out.context.empty()) out.context = doc.value("current-context", "");
  if (out.context.empty()) {
    return Invalid("no context chosen: current-context is not set and none was named");
  }
  absl::StatusOr<json> ctx = FindNamed(doc, "contexts", "context", out.context, "context");
  if (!ctx.ok()) return ctx.status();
  std::string owner = absl::StrCat("context \"", out.context, "\"");
  absl::StatusOr<std::string> cluster_name = StringField(*ctx, "cluster", owner);
  if (!cluster_name.ok()) return cluster_name.status();
  if (cluster_name->empty()) return Invalid(absl::StrCat(owner, " names no cluster"));
  absl::StatusOr<std::string> user_name = StringField(*ctx, "user", owner);
  if (!user_name.ok()) return user_name.status();
  absl::StatusOr<std::string> ns = StringField(*ctx, "namespace", owner);
  if (!ns.ok()) return ns.status();
  out.ns = ns->empty() ? "default" : *ns;

  absl::StatusOr<json> cluster = FindNamed(doc, "clusters", "cluster", *cluster_name, "cluster");
  if (!cluster.ok()) return cluster.status();
  if (absl::Status s = FillCluster(*cluster, *cluster_name, out.config); !s.ok()) return s;
  // A context without a user is anonymous; kube-apiserver decides whether
  // that is allowed.
  if (!user_name->empty()) {
    absl::StatusOr<json> user = FindNamed(doc, "users", "user", *user_name, "user");
    if (!user.ok()) return user.status();
    if (absl::Status s = FillUser(*user, *user_name, out.config); !s.ok()) return s;
  }
  return out;
}

}  // namespace

absl::StatusOr<LoadedKubeconfig> ParseKubeconfig(absl::string_view text, absl::string_view base_dir,
                                                 absl::string_view context) {
  absl::StatusOr<json> doc = ParseDocument(text, base_dir);
  if (!doc.ok()) return doc.status();
  return FromDocument(*doc, context);
}

absl::StatusOr<LoadedKubeconfig> LoadKubeconfigFiles(const std::vector<std::string>& paths,
                                                     absl::string_view context) {
  json merged = json::object();
  bool any = false;
  for (const std::string& path : paths) {
    if (path.empty()) continue;
    absl::StatusOr<std::string> text = ReadFileContents(path);
    if (absl::IsNotFound(text.status())) continue;
    if (!text.ok()) return Invalid(text.status().message());
    absl::StatusOr<json> doc = ParseDocument(*text, DirectoryOf(path));
    if (!doc.ok()) {
      return absl::InvalidArgumentError(absl::StrCat(path, ": ", doc.status().message()));
    }
    Merge(merged, *doc);
    any = true;
  }
  if (!any) {
    return absl::NotFoundError(
        absl::StrCat("kubeconfig: none of these files exists: ", absl::StrJoin(paths, ", ")));
  }
  return FromDocument(merged, context);
}

}  // namespace sei::k8s
