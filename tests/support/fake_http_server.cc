#include "support/fake_http_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>

namespace slimage::testing {
namespace {

bool WriteAll(int fd, const std::string& bytes) {
  size_t done = 0;
  while (done < bytes.size()) {
    ssize_t n = ::send(fd, bytes.data() + done, bytes.size() - done, MSG_NOSIGNAL);
    if (n <= 0) return false;
    done += static_cast<size_t>(n);
  }
  return true;
}

std::string Lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

const char* Reason(int status) {
  switch (status) {
    case 200: return "OK";
    case 201: return "Created";
    case 307: return "Temporary Redirect";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 500: return "Internal Server Error";
    default: return "Status";
  }
}

}  // namespace

FakeHttpServer::FakeHttpServer(int listen_fd, Handler handler, std::string base_url, std::string host_port)
    : listen_fd_(listen_fd), handler_(std::move(handler)), base_url_(std::move(base_url)), host_port_(std::move(host_port)) {
  acceptor_ = std::thread([this] { AcceptLoop(); });
}

FakeHttpServer::~FakeHttpServer() {
  stopping_ = true;
  acceptor_.join();
  ::close(listen_fd_);
  std::vector<std::thread> workers;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    workers.swap(workers_);
  }
  for (auto& worker : workers) worker.join();
}

std::unique_ptr<FakeHttpServer> FakeHttpServer::StartTcp(Handler handler) {
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = 0;
  if (fd < 0 || ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 || ::listen(fd, 16) != 0) {
    if (fd >= 0) ::close(fd);
    return nullptr;
  }
  socklen_t length = sizeof address;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
  std::string host_port = "127.0.0.1:" + std::to_string(ntohs(address.sin_port));
  return std::unique_ptr<FakeHttpServer>(new FakeHttpServer(fd, std::move(handler), "http://" + host_port, host_port));
}

std::unique_ptr<FakeHttpServer> FakeHttpServer::StartUnix(const std::string& socket_path, Handler handler) {
  int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  if (socket_path.size() >= sizeof address.sun_path) return nullptr;
  std::strcpy(address.sun_path, socket_path.c_str());
  ::unlink(socket_path.c_str());
  if (fd < 0 || ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 || ::listen(fd, 16) != 0) {
    if (fd >= 0) ::close(fd);
    return nullptr;
  }
  return std::unique_ptr<FakeHttpServer>(new FakeHttpServer(fd, std::move(handler), "http://localhost", "localhost"));
}

std::vector<FakeHttpServer::Request> FakeHttpServer::requests() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return requests_;
}

void FakeHttpServer::AcceptLoop() {
  while (!stopping_) {
    pollfd entry{listen_fd_, POLLIN, 0};
    if (::poll(&entry, 1, 50) <= 0) continue;
    int fd = ::accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
    if (fd < 0) continue;
    std::lock_guard<std::mutex> lock(mutex_);
    workers_.emplace_back([this, fd] { Serve(fd); });
  }
}

void FakeHttpServer::Serve(int fd) {
  std::string data;
  char buffer[8192];
  size_t header_end = std::string::npos;
  while (header_end == std::string::npos) {
    ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
    if (n <= 0) {
      ::close(fd);
      return;
    }
    data.append(buffer, static_cast<size_t>(n));
    header_end = data.find("\r\n\r\n");
  }
  Request request;
  size_t line_end = data.find("\r\n");
  std::string request_line = data.substr(0, line_end);
  size_t first_space = request_line.find(' ');
  size_t second_space = request_line.find(' ', first_space + 1);
  request.method = request_line.substr(0, first_space);
  request.target = request_line.substr(first_space + 1, second_space - first_space - 1);
  size_t position = line_end + 2;
  while (position < header_end) {
    size_t end = data.find("\r\n", position);
    std::string line = data.substr(position, end - position);
    size_t colon = line.find(':');
    if (colon != std::string::npos) {
      std::string value = line.substr(colon + 1);
      value.erase(0, value.find_first_not_of(' '));
      request.headers[Lower(line.substr(0, colon))] = value;
    }
    position = end + 2;
  }
  request.body = data.substr(header_end + 4);
  size_t content_length = 0;
  if (auto it = request.headers.find("content-length"); it != request.headers.end()) {
    content_length = std::stoul(it->second);
  }
  while (request.body.size() < content_length) {
    ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
    if (n <= 0) break;
    request.body.append(buffer, static_cast<size_t>(n));
  }
  {
    std::lock_guard<std::mutex> lock(mutex_);
    requests_.push_back(request);
  }
  Response response = handler_(request);
  std::string head = "HTTP/1.1 " + std::to_string(response.status) + " " + Reason(response.status) + "\r\n";
  bool has_length = false;
  for (const auto& [name, value] : response.headers) {
    head += name + ": " + value + "\r\n";
    if (Lower(name) == "content-length") has_length = true;
  }
  if (!has_length) head += "Content-Length: " + std::to_string(response.body.size()) + "\r\n";
  head += "Connection: close\r\n\r\n";
  if (WriteAll(fd, head) && request.method != "HEAD") WriteAll(fd, response.body);
  ::close(fd);
}

}  // namespace slimage::testing
