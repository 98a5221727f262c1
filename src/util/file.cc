#include "util/file.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>

namespace slimage {

Expected<std::string> ReadTextFile(const std::string& path, size_t max_bytes) {
  std::string data;
  auto read_stream = [&](std::istream& in) -> bool {
    char buffer[1 << 16];
    while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
      data.append(buffer, static_cast<size_t>(in.gcount()));
      if (data.size() > max_bytes) return false;
    }
    return true;
  };
  if (path == "-") {
    if (!read_stream(std::cin)) return MakeError("<stdin>: input is larger than {} bytes", max_bytes);
    return data;
  }
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) return MakeError("{}: is a directory, not a file", path);
  std::ifstream in(path, std::ios::binary);
  if (!in) return MakeError("{}: cannot open: {}", path, std::strerror(errno));
  if (!read_stream(in)) return MakeError("{}: file is larger than {} bytes", path, max_bytes);
  if (in.bad()) return MakeError("{}: read error", path);
  return data;
}

}  // namespace slimage
