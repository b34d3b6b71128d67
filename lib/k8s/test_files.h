// Test-only: a fresh directory under Bazel's TEST_TMPDIR and files in it,
// for tests of code that reads kubeconfigs, PEMs and token files.
#ifndef SEI_LIB_K8S_TEST_FILES_H_
#define SEI_LIB_K8S_TEST_FILES_H_

#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <fstream>
#include <string>

namespace sei::k8s::testing {

// A new, empty directory; not removed (Bazel cleans TEST_TMPDIR).
inline std::string FreshDirectory() {
  static std::atomic<int> counter{0};
  const char* root = std::getenv("TEST_TMPDIR");
  std::string dir = std::string(root != nullptr ? root : "/tmp") + "/k8s_test_" +
                    std::to_string(getpid()) + "_" + std::to_string(counter++);
  mkdir(dir.c_str(), 0700);
  return dir;
}

inline void WriteFile(const std::string& path, const std::string& contents) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << contents;
}

}  // namespace sei::k8s::testing

#endif  // SEI_LIB_K8S_TEST_FILES_H_
