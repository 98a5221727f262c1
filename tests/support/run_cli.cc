#include "support/run_cli.h"

#include <fstream>
#include <sstream>
#include <vector>

#include "cli/app.h"

namespace slimage::testing {

CliResult RunCli(std::initializer_list<std::string> args) { return RunCliArgs(std::vector<std::string>(args)); }

CliResult RunCliArgs(const std::vector<std::string>& args) { return RunCliWithInput(args, ""); }

CliResult RunCliWithInput(const std::vector<std::string>& args, const std::string& input) {
  std::vector<const char*> argv{"slimage"};
  for (const std::string& arg : args) argv.push_back(arg.c_str());
  std::ostringstream out;
  std::ostringstream err;
  std::istringstream in(input);
  cli::Io io{out, err, false, &in};
  CliResult result;
  result.exit_code = cli::Run(static_cast<int>(argv.size()), argv.data(), io);
  result.out = out.str();
  result.err = err.str();
  return result;
}

std::string SharedPath(const std::string& relative) { return std::string(SLIMAGE_SHARED_DIR) + "/" + relative; }
std::string SourcePath(const std::string& relative) { return std::string(SLIMAGE_SOURCE_DIR) + "/" + relative; }

std::string ReadFileBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

}  // namespace slimage::testing
