// A program whose standard output is read as it is written (`podman save`, `buildah push …
// docker-archive:/dev/stdout` streaming an image into the reader, no temporary archive). Its
// standard error goes to an anonymous memory file, so a chatty program never blocks on a full
// pipe while we read its output; Finish() reaps it and returns the exit code and that text.
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

#include "util/expected.h"
#include "util/process.h"

namespace slimage {

class ProcessPipe {
 public:
  // argv[0] is looked up in PATH; `env` as ProcessRequest::env.
  static Expected<ProcessPipe> Start(const std::vector<std::string>& argv, const std::vector<std::string>& env = {});
  ProcessPipe(ProcessPipe&& other) noexcept;
  ProcessPipe& operator=(ProcessPipe&&) = delete;
  ProcessPipe(const ProcessPipe&) = delete;
  ~ProcessPipe();  // kills and reaps a program still running

  int stdout_fd() const { return out_fd_; }
  // Closes our end of its output, waits for it and returns its exit code and standard error
  // (the last 64 kB). Once only.
  Expected<ProcessOutput> Finish();

 private:
  ProcessPipe(pid_t pid, int out_fd, int err_fd, std::string program);
  pid_t pid_ = -1;
  int out_fd_ = -1;
  int err_fd_ = -1;
  std::string program_;
};

}  // namespace slimage
