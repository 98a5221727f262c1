#include "measure/workspace.h"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>

#include <fmt/format.h>

#include <fstream>

namespace slimage::measure {

Expected<Workspace> Workspace::Create(const std::string& parent, Builder& builder, bool keep) {
  std::string base = parent;
  if (base.empty()) {
    const char* tmp = std::getenv("TMPDIR");
    base = tmp != nullptr && *tmp != '\0' ? tmp : "/tmp";
  }
  std::string pattern = base + "/slimage-measure.XXXXXX";
  if (mkdtemp(pattern.data()) == nullptr) {
    return MakeError("{}: cannot make a temporary directory: {}", base, std::strerror(errno));
  }
  return Workspace(pattern, builder, keep);
}

Workspace::Workspace(Workspace&& other) noexcept
    : directory_(std::move(other.directory_)), builder_(other.builder_), keep_(other.keep_), tags_(std::move(other.tags_)) {
  other.directory_.clear();
  other.tags_.clear();
}

Workspace::~Workspace() {
  if (!keep_) {
    for (const std::string& tag : tags_) (void)builder_->Remove(tag);
  }
  if (!directory_.empty()) {
    std::error_code ignored;
    std::filesystem::remove_all(directory_, ignored);
  }
}

Expected<std::string> Workspace::WriteDockerfile(int step, const std::string& text) {
  const std::string path = fmt::format("{}/Dockerfile.{}", directory_, step);
  std::ofstream out(path, std::ios::binary);
  out << text;
  out.close();
  if (!out) return MakeError("{}: cannot write it", path);
  return path;
}

}  // namespace slimage::measure
