// Opens many benchmark connections at once (TCP + TLS handshakes run
// concurrently on the client's io_context) and fails as a whole if any
// one cannot be opened in time.
#ifndef SEI_LIB_CONTROLPLANE_BENCH_CONNECTION_POOL_H_
#define SEI_LIB_CONTROLPLANE_BENCH_CONNECTION_POOL_H_

#include <boost/asio/io_context.hpp>
#include <boost/asio/ssl/context.hpp>
#include <cstddef>
#include <memory>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "lib/controlplane/bench/https_connection.h"

namespace sei::controlplane::bench {

using Connections = std::vector<std::shared_ptr<HttpsConnection>>;

// `count` connected connections, or the first error (a refused connect, a
// failed handshake, or not all done within `timeout`); on error the ones
// that did open are closed.
absl::StatusOr<Connections> ConnectAll(boost::asio::io_context& ioc, boost::asio::ssl::context& tls,
                                       const ServerEndpoint& endpoint, size_t count,
                                       absl::Duration timeout);

// Closes every connection and runs the loop until their pending handlers
// have run, so none outlives the phase that opened it.
void CloseAll(boost::asio::io_context& ioc, Connections& connections);

}  // namespace sei::controlplane::bench

#endif  // SEI_LIB_CONTROLPLANE_BENCH_CONNECTION_POOL_H_
