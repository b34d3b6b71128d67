// A request as Boost.Beast parsed it, turned into the server-independent
// HttpRequest the handlers take. The server's connections and the request
// fuzzer (fuzz/request_fuzzer.cc) both use this one conversion, so the
// fuzzer feeds the handlers exactly what the server would.
#ifndef SEI_LIB_CONTROLPLANE_HTTP_BEAST_REQUEST_H_
#define SEI_LIB_CONTROLPLANE_HTTP_BEAST_REQUEST_H_

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>

#include "lib/controlplane/http/http_message.h"

namespace sei::controlplane {

// Splits the target into path and query (at the first '?', undecoded),
// lower-cases header names and moves the body.
HttpRequest ToHttpRequest(boost::beast::http::request<boost::beast::http::string_body>&& message);

}  // namespace sei::controlplane

#endif  // SEI_LIB_CONTROLPLANE_HTTP_BEAST_REQUEST_H_
