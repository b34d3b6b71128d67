// seiplan: build, step and validate SeiNode plans without a cluster.
#include <iostream>
#include <string>
#include <vector>

#include "cmd/seiplan/cli.h"

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  return sei::seiplan::Run(args, std::cin, std::cout, std::cerr);
}
