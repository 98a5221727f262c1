// What `slimage measure` leaves behind: nothing. A temporary directory for the fixed
// Dockerfiles, and the tags of the images it built, both removed when this goes out of scope
// (an error, an exception, or the end of the run) unless the images are to be kept.
#pragma once

#include <string>
#include <vector>

#include "measure/builder.h"
#include "util/expected.h"

namespace slimage::measure {

class Workspace {
 public:
  // mkdtemp under `parent` ("" = $TMPDIR or /tmp).
  static Expected<Workspace> Create(const std::string& parent, Builder& builder, bool keep);
  Workspace(Workspace&& other) noexcept;
  Workspace& operator=(Workspace&&) = delete;
  ~Workspace();

  const std::string& directory() const { return directory_; }
  // Writes one variant's Dockerfile and returns its path.
  Expected<std::string> WriteDockerfile(int step, const std::string& text);
  // A tag to be removed at the end (unless kept).
  void AddTag(const std::string& tag) { tags_.push_back(tag); }

 private:
  Workspace(std::string directory, Builder& builder, bool keep)
      : directory_(std::move(directory)), builder_(&builder), keep_(keep) {}
  std::string directory_;
  Builder* builder_;
  bool keep_;
  std::vector<std::string> tags_;
};

}  // namespace slimage::measure
