#include "util/process_pipe.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

extern char** environ;

namespace slimage {
namespace {

constexpr off_t kErrorTail = 64 * 1024;

std::string ReadTail(int fd) {
  const off_t size = lseek(fd, 0, SEEK_END);
  if (size <= 0) return {};
  const off_t start = size > kErrorTail ? size - kErrorTail : 0;
  std::string text(static_cast<size_t>(size - start), '\0');
  const ssize_t n = pread(fd, text.data(), text.size(), start);
  text.resize(n > 0 ? static_cast<size_t>(n) : 0);
  return text;
}

}  // namespace

ProcessPipe::ProcessPipe(pid_t pid, int out_fd, int err_fd, std::string program)
    : pid_(pid), out_fd_(out_fd), err_fd_(err_fd), program_(std::move(program)) {}

ProcessPipe::ProcessPipe(ProcessPipe&& other) noexcept
    : pid_(other.pid_), out_fd_(other.out_fd_), err_fd_(other.err_fd_), program_(std::move(other.program_)) {
  other.pid_ = -1;
  other.out_fd_ = -1;
  other.err_fd_ = -1;
}

ProcessPipe::~ProcessPipe() {
  if (out_fd_ >= 0) close(out_fd_);
  if (err_fd_ >= 0) close(err_fd_);
  if (pid_ > 0) {
    kill(pid_, SIGKILL);
    int status = 0;
    while (waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
    }
  }
}

Expected<ProcessPipe> ProcessPipe::Start(const std::vector<std::string>& argv, const std::vector<std::string>& env) {
  if (argv.empty()) return MakeError("no program to run");
  const std::string& program = argv[0];
  int out[2] = {-1, -1};
  if (pipe2(out, O_CLOEXEC) != 0) return MakeError("{}: cannot make a pipe: {}", program, std::strerror(errno));
  const int err = memfd_create("slimage-stderr", MFD_CLOEXEC);
  const int null_in = open("/dev/null", O_RDONLY | O_CLOEXEC);
  if (err < 0 || null_in < 0) {
    for (int fd : {out[0], out[1], err, null_in}) {
      if (fd >= 0) close(fd);
    }
    return MakeError("{}: cannot set up its output: {}", program, std::strerror(errno));
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, null_in, STDIN_FILENO);
  posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&actions, err, STDERR_FILENO);
  std::vector<char*> raw;
  for (const std::string& arg : argv) raw.push_back(const_cast<char*>(arg.c_str()));
  raw.push_back(nullptr);
  std::vector<std::string> env_strings = env.empty() ? std::vector<std::string>{} : MergedEnvironment(env);
  std::vector<char*> env_raw;
  for (std::string& entry : env_strings) env_raw.push_back(entry.data());
  env_raw.push_back(nullptr);
  pid_t pid = -1;
  const int spawned =
      posix_spawnp(&pid, program.c_str(), &actions, nullptr, raw.data(), env.empty() ? environ : env_raw.data());
  posix_spawn_file_actions_destroy(&actions);
  close(out[1]);
  close(null_in);
  if (spawned != 0) {
    close(out[0]);
    close(err);
    return MakeError("{}: cannot run it: {}", program, std::strerror(spawned));
  }
  return ProcessPipe(pid, out[0], err, program);
}

Expected<ProcessOutput> ProcessPipe::Finish() {
  if (pid_ <= 0) return MakeError("{}: already finished", program_);
  // A reader that stopped early closes the pipe: the program gets EPIPE and ends.
  if (out_fd_ >= 0) close(out_fd_);
  out_fd_ = -1;
  int status = 0;
  while (waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
  }
  pid_ = -1;
  ProcessOutput result;
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  result.err = ReadTail(err_fd_);
  close(err_fd_);
  err_fd_ = -1;
  return result;
}

}  // namespace slimage
