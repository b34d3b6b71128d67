#include "lib/planner/validation/quantity.h"

#include <catch2/catch.hpp>
#include <string>

namespace sei::planner {
namespace {

TEST_CASE("IsQuantity accepts the schema's quantity pattern", "[quantity]") {
  for (const char* text :
       {"4",     "250m", "1.5Gi", "1e3", "+1",   ".5",   "-1Ki",    "0",    "1.",   "1.5",
        "512Mi", "2Ki",  "1Ti",   "1Pi", "1Ei",  "1n",   "1u",      "1k",   "1M",   "1G",
        "1T",    "1P",   "1E",    "1E3", "1e-3", "1e+3", "1.5e1.5", "1e.5", "-.5m", "007"}) {
    INFO("quantity: " << text);
    CHECK(IsQuantity(text));
  }
}

TEST_CASE("IsQuantity rejects anything else", "[quantity]") {
  for (const char* text :
       {"",   "1.5.5", "Gi", "1GiB", "+",   "-",  ".", "+.",   "1e",  "1E+", "1e.",  "1 Gi", " 1",
        "1 ", "1ki",   "1K", "1Mb",  "1mi", "1x", "m", "1e3m", "--1", "1,5", "1Gi1", "0x10"}) {
    INFO("quantity: \"" << text << "\"");
    CHECK_FALSE(IsQuantity(text));
  }
}

}  // namespace
}  // namespace sei::planner
