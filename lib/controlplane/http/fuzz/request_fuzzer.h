// The libFuzzer entry point of the API server's request parsing
// (request_fuzzer.cc), declared for the deterministic driver that runs it
// without libFuzzer's runtime (request_fuzz_test.cc).
#ifndef SEI_LIB_CONTROLPLANE_HTTP_FUZZ_REQUEST_FUZZER_H_
#define SEI_LIB_CONTROLPLANE_HTTP_FUZZ_REQUEST_FUZZER_H_

#include <cstddef>
#include <cstdint>

// Feeds `data` to the server's request parsing as the bytes of one
// connection. Always returns 0 (libFuzzer's contract); a bug shows as a
// crash, a sanitizer report or an escaping exception.
extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

#endif  // SEI_LIB_CONTROLPLANE_HTTP_FUZZ_REQUEST_FUZZER_H_
