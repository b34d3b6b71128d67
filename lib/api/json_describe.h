// How error messages name a JSON value the user wrote: its JSON type plus a
// short rendering of scalars (`string "abc"`, `number 5`, `boolean true`,
// `null`, `object`, `array`), so "expected X, got Y" is actionable without
// echoing whole subtrees.
#ifndef SEI_LIB_API_JSON_DESCRIBE_H_
#define SEI_LIB_API_JSON_DESCRIBE_H_

#include <nlohmann/json.hpp>
#include <string>

namespace sei::api {

// Never throws: strings with invalid UTF-8 are rendered with U+FFFD and long
// strings are shortened with "...".
std::string DescribeJsonValue(const nlohmann::json& value);

// A JSON-quoted rendering of `text` for messages (`"spec.genesis"`), with the
// same safety and shortening rules.
std::string QuoteForMessage(const std::string& text);

}  // namespace sei::api

#endif  // SEI_LIB_API_JSON_DESCRIBE_H_
