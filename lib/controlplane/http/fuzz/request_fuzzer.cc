// Fuzz target for the API server's request handling, without sockets: the
// input is the byte stream of one client connection. Each request in it is
// parsed by Beast's request parser with the listener's limits (as
// http_server.cc does), then goes through every decoding layer the API
// handler uses — path routing (api_path), query decoding (url,
// request_options), body decoding (body_decoder, protobuf_codec) and media
// type negotiation (media_type) — and finally through ApiHandler::Handle
// against a fresh in-process object store, so that selectors, patches,
// schema checks and the response encoders are reached too.
//
// The layers are also called directly because the handler stops at the
// first error (a 401, a bad path) and would hide the later layers from
// most mutated inputs.
//
// Oracle: no crash, no escaping exception, and every response is
// well-formed (a valid status code; a JSON content type carries JSON).
#include "lib/controlplane/http/fuzz/request_fuzzer.h"

#include <algorithm>
#include <boost/asio/buffer.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/string_view.h"
#include "lib/controlplane/apiserver/clock.h"
#include "lib/controlplane/apiserver/memory_store.h"
#include "lib/controlplane/apiserver/resource_registry.h"
#include "lib/controlplane/http/api_handler.h"
#include "lib/controlplane/http/api_path.h"
#include "lib/controlplane/http/authenticator.h"
#include "lib/controlplane/http/body_decoder.h"
#include "lib/controlplane/http/beast_request.h"
#include "lib/controlplane/http/http_message.h"
#include "lib/controlplane/http/http_server.h"
#include "lib/controlplane/http/media_type.h"
#include "lib/controlplane/http/request_options.h"
#include "lib/controlplane/http/url.h"

namespace sei::controlplane {
namespace {

namespace beast = boost::beast;
namespace http = boost::beast::http;

constexpr char kToken[] = "fuzz-token";
// A keep-alive connection carries any number of requests; beyond a few,
// an input only repeats what shorter inputs cover, and costs time.
constexpr int kMaxRequestsPerInput = 4;

// The API server of one input. Fresh per input so that a crash reproduces
// from its input alone, whatever ran before (a fuzzed DELETE of the
// default namespace must not change what the next input sees).
struct Server {
  Server()
      : registry(NewRegistryWithBuiltins()),
        store(NewObjectStore(registry.get(), Options(&clock))),
        authenticator(std::vector<StaticToken>{{kToken, "admin", {"system:masters"}}}),
        handler(store.get(), registry.get(), &authenticator, HandlerOptions(&clock)) {}

  static StoreOptions Options(Clock* clock) {
    StoreOptions options;
    options.clock = clock;
    options.random_seed = 1;                           // same uids, same behaviour
    options.tick_interval = absl::ZeroDuration();      // no background thread
    options.pod_termination_grace = absl::ZeroDuration();
    return options;
  }
  static ApiHandlerOptions HandlerOptions(const Clock* clock) {
    ApiHandlerOptions options;
    options.clock = clock;
    return options;
  }

  FakeClock clock;
  std::unique_ptr<ResourceRegistry> registry;
  std::unique_ptr<MemoryStore> store;
  TokenAuthenticator authenticator;
  ApiHandler handler;
};

// Parses the next request off the front of `input` with the parser type
// and limits of the server's connections. nullopt when the bytes end
// mid-request or when the server would refuse them (400, 413, 431)
// before any handler runs.
std::optional<http::request<http::string_body>> NextRequest(absl::string_view& input) {
  static const ListenerOptions kListenerDefaults;
  http::request_parser<http::string_body> parser;
  parser.header_limit(static_cast<std::uint32_t>(kListenerDefaults.max_header_bytes));
  parser.body_limit(kListenerDefaults.max_body_bytes);
  parser.eager(true);
  while (!parser.is_done()) {
    beast::error_code ec;
    const size_t used = parser.put(boost::asio::buffer(input.data(), input.size()), ec);
    input.remove_prefix(used);
    // No progress: the request continues past the input, where the server
    // would wait for more bytes and then see the connection close.
    if (used == 0 || (ec && ec != http::error::need_more)) return std::nullopt;
  }
  return parser.release();
}

// Every decoding layer, whatever the others made of the request.
void DecodeLayers(const HttpRequest& request) {
  const auto path = ParseApiPath(request.path);
  const std::string content_type = request.Header("content-type");
  const std::string accept = request.Header("accept");
  (void)ParseMediaType(content_type);
  (void)ParseAccept(accept);
  for (const bool resource : {false, true}) {
    for (const bool discovery : {false, true}) {
      Offer offer;
      offer.table = resource;
      offer.partial_metadata = resource;
      offer.aggregated_discovery = discovery;
      (void)Negotiate(accept, offer);
    }
  }
  (void)DecodeObjectBody(content_type, request.body);
  for (const bool allow_strategic : {false, true}) {
    (void)DecodePatchBody(content_type, request.body, allow_strategic);
  }
  const auto delete_body = DecodeOptionalBody(content_type, request.body);

  const auto query = QueryParams::Parse(request.query);
  if (!query.ok()) return;
  (void)BoolParam(*query, "watch");
  (void)DryRunParam(*query);
  (void)FieldValidationParam(*query);
  (void)ListOptionsParams(*query);
  (void)WatchParams(*query, path.ok() && path->legacy_watch, path.ok() ? path->name : "");
  (void)WriteOptionsParams(*query);
  for (const PatchType type :
       {PatchType::kMerge, PatchType::kJson, PatchType::kStrategicMerge, PatchType::kApply}) {
    (void)PatchOptionsParams(*query, type);
  }
  (void)DeleteOptionsParams(*query, delete_body.ok() ? *delete_body : Json());
}

// The oracle: a malformed response is a bug even when nothing crashed.
// abort() rather than an assertion library, so libFuzzer records the input.
void CheckResponse(HttpResponse& response) {
  if (response.status < 100 || response.status > 599) std::abort();
  if (response.stream != nullptr) {
    // A watch: take what is queued already (exercising the event encoder),
    // then release the store watch. A later delivery is dropped by Close.
    response.stream->Next([](std::optional<std::string>) {});
    response.stream->Close();
    return;
  }
  if (absl::StartsWith(response.Header("content-type"), "application/json") &&
      !response.body.empty() &&
      Json::parse(response.body, nullptr, /*allow_exceptions=*/false).is_discarded()) {
    std::abort();
  }
}

// REQUEST_FUZZER_TRACE=1 prints each request's answer: what a seed or a
// crashing input actually reaches is otherwise invisible.
void Trace(const HttpRequest& request, const HttpResponse& response) {
  static const bool enabled = std::getenv("REQUEST_FUZZER_TRACE") != nullptr;
  if (!enabled) return;
  std::fprintf(stderr, "%s %s -> %d %s\n", request.method.c_str(), request.path.c_str(),
               response.status, response.stream != nullptr ? "(stream)" : "");
}

void Serve(Server& server, HttpRequest request) {
  HttpResponse response = server.handler.Handle(request);
  Trace(request, response);
  CheckResponse(response);
  if (response.status != 401) return;
  // Rejected for its credentials: once more authenticated, so that routing
  // and the verbs see this input too.
  request.headers.erase(std::remove_if(request.headers.begin(), request.headers.end(),
                                       [](const auto& header) {
                                         return header.first == "authorization";
                                       }),
                        request.headers.end());
  request.headers.emplace_back("authorization", std::string("Bearer ") + kToken);
  response = server.handler.Handle(request);
  Trace(request, response);
  CheckResponse(response);
}

}  // namespace
}  // namespace sei::controlplane

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace sei::controlplane;  // NOLINT: the C entry point is outside the namespace
  absl::string_view input(reinterpret_cast<const char*>(data), size);
  std::optional<Server> server;  // built only when a request parses
  for (int i = 0; i < kMaxRequestsPerInput && !input.empty(); ++i) {
    auto message = NextRequest(input);
    if (!message) break;
    HttpRequest request = ToHttpRequest(*std::move(message));
    DecodeLayers(request);
    if (!server) server.emplace();
    Serve(*server, std::move(request));
  }
  return 0;
}
