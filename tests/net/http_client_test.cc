#include "net/http_client.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "support/fake_http_server.h"

namespace slimage::net {
namespace {

using slimage::testing::FakeHttpServer;

std::string PatternBytes(size_t size) {
  std::string bytes(size, '\0');
  for (size_t i = 0; i < size; ++i) bytes[i] = static_cast<char>((i * 131 + i / 7) & 0xff);
  return bytes;
}

TEST(HttpClientTest, FetchReturnsStatusHeadersAndBody) {
  auto server = FakeHttpServer::StartTcp([](const FakeHttpServer::Request& request) {
    FakeHttpServer::Response response;
    response.status = request.target == "/v2/" ? 200 : 404;
    response.headers = {{"Docker-Distribution-Api-Version", "registry/2.0"}};
    response.body = request.headers.count("x-probe") ? request.headers.at("x-probe") : "none";
    return response;
  });
  ASSERT_NE(server, nullptr);
  HttpRequest request;
  request.url = server->base_url() + "/v2/";
  request.headers = {"X-Probe: hello"};
  auto response = Fetch(request, 1024);
  ASSERT_TRUE(response) << response.error().message;
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(response->headers.Get("docker-distribution-api-version"), "registry/2.0");
  EXPECT_EQ(response->headers.Get("DOCKER-DISTRIBUTION-API-VERSION"), "registry/2.0");
  EXPECT_EQ(response->body, "hello");

  request.url = server->base_url() + "/missing";
  auto missing = Fetch(request, 1024);
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 404);
}

TEST(HttpClientTest, FetchRefusesABodyOverTheCap) {
  auto server = FakeHttpServer::StartTcp([](const FakeHttpServer::Request&) {
    return FakeHttpServer::Response{200, {}, std::string(5000, 'x')};
  });
  ASSERT_NE(server, nullptr);
  HttpRequest request;
  request.url = server->base_url() + "/big";
  auto response = Fetch(request, 4096);
  ASSERT_FALSE(response);
  EXPECT_NE(response.error().message.find("more than the limit of 4096 bytes"), std::string::npos)
      << response.error().message;
}

TEST(HttpClientTest, StreamsALargeBodyInOrderThroughPauses) {
  const std::string body = PatternBytes(11u << 20);  // more than the 4 MiB kept unread
  auto server = FakeHttpServer::StartTcp([&](const FakeHttpServer::Request&) {
    return FakeHttpServer::Response{200, {{"Content-Type", "application/octet-stream"}}, body};
  });
  ASSERT_NE(server, nullptr);
  HttpRequest request;
  request.url = server->base_url() + "/blob";
  auto stream = OpenStream(request, "blob");
  ASSERT_TRUE(stream) << stream.error().message;
  EXPECT_EQ((*stream)->status(), 200);
  EXPECT_EQ((*stream)->headers().Get("content-type"), "application/octet-stream");
  std::string received;
  std::vector<std::byte> buffer(100'000);  // odd size: reads straddle curl's chunks
  while (true) {
    auto got = (*stream)->Read(buffer);
    ASSERT_TRUE(got) << got.error().message;
    if (*got == 0) break;
    received.append(reinterpret_cast<const char*>(buffer.data()), *got);
  }
  EXPECT_EQ(received.size(), body.size());
  EXPECT_TRUE(received == body);
}

// Reads write straight into the caller's buffer when nothing is queued, and queue the rest:
// buffers smaller and larger than curl's chunks, in turn, must still see every byte in order.
TEST(HttpClientTest, ReadsOfEverySizeKeepTheOrder) {
  const std::string body = PatternBytes(9u << 20);
  auto server = FakeHttpServer::StartTcp([&](const FakeHttpServer::Request&) {
    return FakeHttpServer::Response{200, {}, body};
  });
  ASSERT_NE(server, nullptr);
  HttpRequest request;
  request.url = server->base_url() + "/blob";
  auto stream = OpenStream(request, "blob");
  ASSERT_TRUE(stream) << stream.error().message;
  const size_t sizes[] = {1, 7, 300'000, 16'384, 100, 5u << 20, 16'385};
  std::vector<std::byte> buffer(5u << 20);
  std::string received;
  for (size_t turn = 0;; ++turn) {
    auto got = (*stream)->Read(std::span(buffer).first(sizes[turn % std::size(sizes)]));
    ASSERT_TRUE(got) << got.error().message;
    if (*got == 0) break;
    received.append(reinterpret_cast<const char*>(buffer.data()), *got);
  }
  EXPECT_EQ(received.size(), body.size());
  EXPECT_TRUE(received == body);
}

TEST(HttpClientTest, FollowsRedirectsToTheFinalAnswer) {
  auto server = FakeHttpServer::StartTcp([](const FakeHttpServer::Request& request) {
    if (request.target == "/blob") return FakeHttpServer::Response{307, {{"Location", "/storage/blob"}}, ""};
    return FakeHttpServer::Response{200, {}, "stored:" + request.target};
  });
  ASSERT_NE(server, nullptr);
  HttpRequest request;
  request.url = server->base_url() + "/blob";
  auto response = Fetch(request, 1024);
  ASSERT_TRUE(response) << response.error().message;
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(response->body, "stored:/storage/blob");
}

TEST(HttpClientTest, TalksOverAUnixSocket) {
  std::string socket = (std::filesystem::temp_directory_path() / ("slimage-http-" + std::to_string(::getpid()) + ".sock")).string();
  auto server = FakeHttpServer::StartUnix(socket, [](const FakeHttpServer::Request& request) {
    return FakeHttpServer::Response{200, {{"Api-Version", "1.43"}}, request.method + " " + request.target};
  });
  ASSERT_NE(server, nullptr);
  HttpRequest request;
  request.unix_socket = socket;
  request.url = "http://localhost/_ping";
  auto response = Fetch(request, 1024);
  ASSERT_TRUE(response) << response.error().message;
  EXPECT_EQ(response->headers.Get("api-version"), "1.43");
  EXPECT_EQ(response->body, "GET /_ping");
  server.reset();
  ::unlink(socket.c_str());
}

TEST(HttpClientTest, AMissingSocketSaysSo) {
  HttpRequest request;
  request.unix_socket = "/nonexistent/slimage/docker.sock";
  request.url = "http://localhost/_ping";
  auto response = Fetch(request, 1024);
  ASSERT_FALSE(response);
  EXPECT_EQ(response.error().message, "/nonexistent/slimage/docker.sock: no such socket");
}

TEST(HttpClientTest, ARefusedConnectionSaysSo) {
  int port = 0;
  {
    auto server = FakeHttpServer::StartTcp([](const FakeHttpServer::Request&) { return FakeHttpServer::Response{}; });
    ASSERT_NE(server, nullptr);
    port = std::stoi(server->host_port().substr(server->host_port().find(':') + 1));
  }  // closed: nothing listens on the port any more
  HttpRequest request;
  request.url = "http://127.0.0.1:" + std::to_string(port) + "/v2/";
  auto response = Fetch(request, 1024);
  ASSERT_FALSE(response);
  EXPECT_EQ(response.error().message, request.url + ": connection refused");
}

}  // namespace
}  // namespace slimage::net
