#include "cli/cli.hpp"

#include <iostream>

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    return recobra::cli::run(args, std::cout, std::cerr);
}
