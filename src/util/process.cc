#include "util/process.h"

#include <fcntl.h>
#include <pthread.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <chrono>
#include <cstring>

#include <fmt/format.h>

extern char** environ;

namespace slimage {
namespace {

struct Pipe {
  int fds[2] = {-1, -1};
  ~Pipe() { Close(); }
  void Close() {
    for (int& fd : fds) {
      if (fd >= 0) close(fd);
      fd = -1;
    }
  }
};

// A helper that exits before reading all of its input must not kill us with SIGPIPE: the
// signal is blocked in this thread for the write, and a pending one is taken back (EPIPE
// tells the same). Process-wide SIG_IGN would change `slimage … | head` for good.
ssize_t WriteWithoutSigpipe(int fd, std::string_view bytes) {
  sigset_t pipe_only, old;
  sigemptyset(&pipe_only);
  sigaddset(&pipe_only, SIGPIPE);
  pthread_sigmask(SIG_BLOCK, &pipe_only, &old);
  const ssize_t n = write(fd, bytes.data(), bytes.size());
  if (n < 0 && errno == EPIPE) {
    const timespec zero{0, 0};
    sigtimedwait(&pipe_only, nullptr, &zero);
    errno = EPIPE;
  }
  pthread_sigmask(SIG_SETMASK, &old, nullptr);
  return n;
}

void CloseFd(int& fd) {
  if (fd >= 0) close(fd);
  fd = -1;
}

}  // namespace

std::vector<std::string> MergedEnvironment(const std::vector<std::string>& overrides) {
  std::vector<std::string> merged;
  auto name_of = [](std::string_view entry) { return entry.substr(0, entry.find('=')); };
  for (char** entry = environ; entry != nullptr && *entry != nullptr; ++entry) {
    std::string_view current(*entry);
    bool replaced = false;
    for (const std::string& override : overrides) replaced = replaced || name_of(override) == name_of(current);
    if (!replaced) merged.emplace_back(current);
  }
  merged.insert(merged.end(), overrides.begin(), overrides.end());
  return merged;
}

Expected<ProcessOutput> RunProcess(const std::vector<std::string>& argv, std::string_view input,
                                   const ProcessLimits& limits) {
  ProcessRequest request;
  request.argv = argv;
  request.input = std::string(input);
  request.limits = limits;
  return RunProcess(request);
}

Expected<ProcessOutput> RunProcess(const ProcessRequest& request) {
  const std::vector<std::string>& argv = request.argv;
  const ProcessLimits& limits = request.limits;
  if (argv.empty()) return MakeError("no program to run");
  const std::string& program = argv[0];
  Pipe in, out, err;
  if (pipe2(in.fds, O_CLOEXEC) != 0 || pipe2(out.fds, O_CLOEXEC) != 0 || pipe2(err.fds, O_CLOEXEC) != 0) {
    return MakeError("{}: cannot make pipes: {}", program, std::strerror(errno));
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, in.fds[0], STDIN_FILENO);
  posix_spawn_file_actions_adddup2(&actions, out.fds[1], STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&actions, err.fds[1], STDERR_FILENO);
  std::vector<char*> raw;
  for (const std::string& arg : argv) raw.push_back(const_cast<char*>(arg.c_str()));
  raw.push_back(nullptr);
  std::vector<std::string> env_strings;
  std::vector<char*> env_raw;
  char** env = environ;
  if (!request.env.empty()) {
    env_strings = MergedEnvironment(request.env);
    for (std::string& entry : env_strings) env_raw.push_back(entry.data());
    env_raw.push_back(nullptr);
    env = env_raw.data();
  }
  pid_t pid = -1;
  const int spawned = posix_spawnp(&pid, program.c_str(), &actions, nullptr, raw.data(), env);
  posix_spawn_file_actions_destroy(&actions);
  if (spawned != 0) return MakeError("{}: cannot run it: {}", program, std::strerror(spawned));
  CloseFd(in.fds[0]);
  CloseFd(out.fds[1]);
  CloseFd(err.fds[1]);
  fcntl(in.fds[1], F_SETFL, O_NONBLOCK);

  ProcessOutput result;
  std::string_view pending = request.input;
  if (pending.empty()) CloseFd(in.fds[1]);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(limits.timeout_seconds);
  std::string failure;
  while (out.fds[0] >= 0 || err.fds[0] >= 0) {
    std::array<pollfd, 3> polls{{{out.fds[0], POLLIN, 0}, {err.fds[0], POLLIN, 0}, {in.fds[1], POLLOUT, 0}}};
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      failure = fmt::format("{}: no answer within {} s; stopped", program, limits.timeout_seconds);
      break;
    }
    if (poll(polls.data(), polls.size(), static_cast<int>(left.count())) < 0 && errno != EINTR) {
      failure = fmt::format("{}: poll failed: {}", program, std::strerror(errno));
      break;
    }
    if (polls[2].revents != 0) {
      const ssize_t n = WriteWithoutSigpipe(in.fds[1], pending);
      if (n > 0) pending.remove_prefix(static_cast<std::size_t>(n));
      if (n < 0 && errno != EAGAIN && errno != EINTR) pending = {};
      if (pending.empty()) CloseFd(in.fds[1]);
    }
    for (int stream = 0; stream < 2 && failure.empty(); ++stream) {
      if (polls[stream].revents == 0) continue;
      int& fd = stream == 0 ? out.fds[0] : err.fds[0];
      std::string& sink = stream == 0 ? result.out : result.err;
      std::array<char, 16384> buffer{};
      const ssize_t n = read(fd, buffer.data(), buffer.size());
      if (n > 0) {
        sink.append(buffer.data(), static_cast<std::size_t>(n));
        if (request.on_output) request.on_output(std::string_view(buffer.data(), static_cast<std::size_t>(n)));
        if (sink.size() > limits.max_output_bytes && limits.keep_tail) {
          sink.erase(0, sink.size() - limits.max_output_bytes);
        } else if (sink.size() > limits.max_output_bytes) {
          failure = fmt::format("{}: printed more than {} bytes; stopped", program, limits.max_output_bytes);
        }
      } else if (n == 0 || (errno != EINTR && errno != EAGAIN)) {
        CloseFd(fd);
      }
    }
    if (!failure.empty()) break;
  }
  CloseFd(in.fds[1]);
  if (!failure.empty()) kill(pid, SIGKILL);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (!failure.empty()) return MakeError("{}", failure);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return result;
}

ProcessRunner SystemProcessRunner() {
  return [](const std::vector<std::string>& argv, std::string_view input) { return RunProcess(argv, input); };
}

CommandRunner SystemCommandRunner() {
  return [](const ProcessRequest& request) { return RunProcess(request); };
}

}  // namespace slimage
