#include "cmd/operator/e2e/test_paths.h"

#include <cstdlib>
#include <filesystem>
#include <system_error>

#include "absl/strings/str_cat.h"

namespace sei::e2e {
namespace {

std::string EnvOr(const char* name, const std::string& fallback) {
  const char* value = std::getenv(name);
  return value != nullptr && *value != '\0' ? value : fallback;
}

}  // namespace

absl::StatusOr<std::string> RunfilePath(absl::string_view path) {
  const std::string root =
      absl::StrCat(EnvOr("TEST_SRCDIR", "."), "/", EnvOr("TEST_WORKSPACE", "sei_operator"));
  std::string full = absl::StrCat(root, "/", path);
  std::error_code error;
  if (!std::filesystem::exists(full, error)) {
    return absl::NotFoundError(absl::StrCat("runfile ", path, " not found at ", full,
                                            "; is it a data dependency of the test?"));
  }
  return full;
}

std::string OutputsDir() { return EnvOr("TEST_UNDECLARED_OUTPUTS_DIR", ScratchDir()); }

std::string ScratchDir() { return EnvOr("TEST_TMPDIR", "/tmp"); }

absl::StatusOr<std::string> MakeFreshDir(const std::string& parent, absl::string_view name) {
  std::error_code error;
  std::filesystem::create_directories(parent, error);
  if (error) {
    return absl::InternalError(absl::StrCat("cannot create ", parent, ": ", error.message()));
  }
  for (int attempt = 1; attempt < 1000; ++attempt) {
    std::string dir = attempt == 1 ? absl::StrCat(parent, "/", name)
                                   : absl::StrCat(parent, "/", name, "-", attempt);
    if (std::filesystem::create_directory(dir, error)) return dir;
    if (error) {
      return absl::InternalError(absl::StrCat("cannot create ", dir, ": ", error.message()));
    }
  }
  return absl::AlreadyExistsError(
      absl::StrCat("no free directory name for ", name, " in ", parent));
}

}  // namespace sei::e2e
