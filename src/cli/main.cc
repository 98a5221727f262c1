// Thin main: everything happens in cli::Run so that tests can call it in-process.
#include <unistd.h>

#include <iostream>

#include "cli/app.h"

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  slimage::cli::Io io{std::cout, std::cerr, isatty(STDOUT_FILENO) != 0};
  io.err_is_tty = isatty(STDERR_FILENO) != 0;
  int code = slimage::cli::Run(argc, argv, io);
  std::cout.flush();
  return code;
}
