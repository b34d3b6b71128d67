#include "lib/k8s/token_source.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "lib/k8s/read_file.h"

namespace sei::k8s {

std::unique_ptr<TokenSource> TokenSource::FromString(std::string token) {
  return std::unique_ptr<TokenSource>(new TokenSource(std::move(token), ""));
}

std::unique_ptr<TokenSource> TokenSource::FromFile(std::string path) {
  return std::unique_ptr<TokenSource>(new TokenSource("", std::move(path)));
}

TokenSource::TokenSource(std::string token, std::string path) : path_(std::move(path)) {
  if (path_.empty()) {
    token_ = std::string(absl::StripAsciiWhitespace(token));
    valid_ = true;
  }
}

absl::StatusOr<std::string> TokenSource::Token() {
  absl::MutexLock lock(&mu_);
  if (path_.empty()) return token_;
  struct stat info;
  if (stat(path_.c_str(), &info) != 0) {
    valid_ = false;
    int error = errno;
    std::string message = absl::StrCat("token file ", path_, ": ", std::strerror(error));
    return error == ENOENT ? absl::NotFoundError(message) : absl::UnavailableError(message);
  }
  Stamp now;
  now.mtime = info.st_mtim;
  now.size = info.st_size;
  if (valid_ && now == stamp_) return token_;

  ++reads_;
  absl::StatusOr<std::string> contents = ReadFileContents(path_);
  if (!contents.ok()) {
    valid_ = false;
    return absl::Status(contents.status().code(),
                        absl::StrCat("token file: ", contents.status().message()));
  }
  std::string token(absl::StripAsciiWhitespace(*contents));
  if (token.empty()) {
    valid_ = false;
    return absl::FailedPreconditionError(absl::StrCat("token file ", path_, " is empty"));
  }
  token_ = std::move(token);
  stamp_ = now;
  valid_ = true;
  return token_;
}

void TokenSource::Invalidate() {
  absl::MutexLock lock(&mu_);
  if (!path_.empty()) valid_ = false;
}

int TokenSource::reads() const {
  absl::MutexLock lock(&mu_);
  return reads_;
}

}  // namespace sei::k8s
