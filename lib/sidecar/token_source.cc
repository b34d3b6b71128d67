#include "lib/sidecar/token_source.h"

#include <fstream>
#include <sstream>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"

namespace sei::sidecar {
namespace {

absl::StatusOr<std::string> ReadToken(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::FailedPreconditionError(absl::StrCat("cannot read token file ", path));
  std::ostringstream contents;
  contents << in.rdbuf();
  if (in.bad()) return absl::FailedPreconditionError(absl::StrCat("error reading ", path));
  // The file ends with a newline when written by hand; the kubelet's does not.
  std::string token(absl::StripAsciiWhitespace(contents.str()));
  if (token.empty())
    return absl::FailedPreconditionError(absl::StrCat("token file ", path, " is empty"));
  return token;
}

}  // namespace

FileTokenSource::FileTokenSource(Options options) : options_(std::move(options)) {}

absl::StatusOr<std::string> FileTokenSource::Token() {
  const absl::Time now = options_.now ? options_.now() : absl::Now();
  absl::MutexLock lock(&mu_);
  if (cached_.has_value() && now - read_at_ < options_.refresh_interval) return *cached_;
  absl::StatusOr<std::string> fresh = ReadToken(options_.path);
  if (!fresh.ok()) {
    if (cached_.has_value()) return *cached_;
    return fresh.status();
  }
  cached_ = *fresh;
  read_at_ = now;
  return *std::move(fresh);
}

void FileTokenSource::Invalidate() {
  absl::MutexLock lock(&mu_);
  cached_.reset();
  read_at_ = absl::InfinitePast();
}

}  // namespace sei::sidecar
