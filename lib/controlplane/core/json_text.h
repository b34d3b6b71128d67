// Serializing JSON without ever throwing. Request bodies can carry strings
// that are not valid UTF-8; nlohmann's default dump() throws on them, which
// on a request path would turn a 400 into a crash. Every place that writes
// JSON text goes through here, so invalid bytes become U+FFFD instead.
#ifndef SEI_LIB_CONTROLPLANE_CORE_JSON_TEXT_H_
#define SEI_LIB_CONTROLPLANE_CORE_JSON_TEXT_H_

#include <string>

#include <nlohmann/json.hpp>

namespace sei::controlplane {

// Compact (indent < 0) or pretty-printed JSON text of `value`.
template <typename BasicJson>
std::string JsonText(const BasicJson& value, int indent = -1) {
  return value.dump(indent, ' ', false, BasicJson::error_handler_t::replace);
}

}  // namespace sei::controlplane

#endif  // SEI_LIB_CONTROLPLANE_CORE_JSON_TEXT_H_
