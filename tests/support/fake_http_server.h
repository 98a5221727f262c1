// A tiny HTTP/1.1 server for tests: listens on 127.0.0.1 (random port) or a unix socket,
// answers each request with the handler's response and closes the connection. Enough to
// play a Docker Engine or a registry, including their error answers, without any network.
#pragma once

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace slimage::testing {

class FakeHttpServer {
 public:
  struct Request {
    std::string method;
    std::string target;                         // path and query, as sent
    std::map<std::string, std::string> headers;  // names in lower case
    std::string body;
  };
  struct Response {
    int status = 200;
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;
  };
  using Handler = std::function<Response(const Request&)>;

  // Returns nullptr when it cannot listen (the test then fails with that message).
  static std::unique_ptr<FakeHttpServer> StartTcp(Handler handler);
  static std::unique_ptr<FakeHttpServer> StartUnix(const std::string& socket_path, Handler handler);
  ~FakeHttpServer();
  FakeHttpServer(const FakeHttpServer&) = delete;
  FakeHttpServer& operator=(const FakeHttpServer&) = delete;

  // "http://127.0.0.1:PORT" (TCP) or "http://localhost" (unix socket).
  std::string base_url() const { return base_url_; }
  // "127.0.0.1:PORT".
  std::string host_port() const { return host_port_; }
  std::vector<Request> requests() const;

 private:
  FakeHttpServer(int listen_fd, Handler handler, std::string base_url, std::string host_port);
  void AcceptLoop();
  void Serve(int fd);

  int listen_fd_;
  Handler handler_;
  std::string base_url_;
  std::string host_port_;
  std::atomic<bool> stopping_{false};
  std::thread acceptor_;
  mutable std::mutex mutex_;
  std::vector<std::thread> workers_;
  std::vector<Request> requests_;
};

}  // namespace slimage::testing
