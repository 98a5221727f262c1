#include "net/http_client.h"

#include "net/curl_library.h"
#include "util/text.h"

#include <algorithm>
#include <cerrno>
#include <cstring>

#include <fmt/format.h>

namespace slimage::net {
namespace {

// Unread body bytes kept before the transfer is paused: bounds memory per stream.
constexpr size_t kMaxBuffered = 4u << 20;

std::string Trim(std::string_view text) { return std::string(TrimView(text, " \t\r\n")); }

// One transfer driven by the reader through a curl multi handle: no thread of its own, and
// the body is paused rather than buffered without bound when the reader falls behind.
class CurlStream final : public HttpBodyStream {
 public:
  CurlStream(const CurlLibrary& curl, const HttpRequest& request, std::string name)
      : curl_(curl),
        name_(std::move(name)),
        where_(request.unix_socket.empty() ? request.url : request.unix_socket),
        follow_redirects_(request.follow_redirects) {
    easy_ = curl_.easy_init();
    multi_ = curl_.multi_init();
    curl_.easy_setopt(easy_, CURLOPT_URL, request.url.c_str());
    if (!request.unix_socket.empty()) curl_.easy_setopt(easy_, CURLOPT_UNIX_SOCKET_PATH, request.unix_socket.c_str());
    curl_.easy_setopt(easy_, CURLOPT_CUSTOMREQUEST, request.method.c_str());
    if (request.method == "HEAD") curl_.easy_setopt(easy_, CURLOPT_NOBODY, 1L);
    if (!request.body.empty()) {
      curl_.easy_setopt(easy_, CURLOPT_POSTFIELDS, request.body.c_str());
      curl_.easy_setopt(easy_, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
    }
    for (const auto& header : request.headers) header_list_ = curl_.slist_append(header_list_, header.c_str());
    if (header_list_) curl_.easy_setopt(easy_, CURLOPT_HTTPHEADER, header_list_);
    curl_.easy_setopt(easy_, CURLOPT_FOLLOWLOCATION, request.follow_redirects ? 1L : 0L);
    curl_.easy_setopt(easy_, CURLOPT_MAXREDIRS, 10L);
    curl_.easy_setopt(easy_, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_.easy_setopt(easy_, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
    if (!request.ca_pem.empty()) {
      curl_blob blob{const_cast<char*>(request.ca_pem.data()), request.ca_pem.size(), CURL_BLOB_COPY};
      curl_.easy_setopt(easy_, CURLOPT_CAINFO_BLOB, &blob);
    }
    if (!request.client_cert_file.empty()) {
      curl_.easy_setopt(easy_, CURLOPT_SSLCERT, request.client_cert_file.c_str());
      curl_.easy_setopt(easy_, CURLOPT_SSLKEY, request.client_key_file.c_str());
    }
    curl_.easy_setopt(easy_, CURLOPT_CONNECTTIMEOUT, request.connect_timeout_seconds);
    curl_.easy_setopt(easy_, CURLOPT_LOW_SPEED_LIMIT, 1L);
    curl_.easy_setopt(easy_, CURLOPT_LOW_SPEED_TIME, request.stall_timeout_seconds);
    curl_.easy_setopt(easy_, CURLOPT_NOSIGNAL, 1L);
    curl_.easy_setopt(easy_, CURLOPT_USERAGENT, "slimage/" SLIMAGE_VERSION);
    curl_.easy_setopt(easy_, CURLOPT_ERRORBUFFER, error_buffer_);
    curl_.easy_setopt(easy_, CURLOPT_HEADERFUNCTION, &CurlStream::OnHeader);
    curl_.easy_setopt(easy_, CURLOPT_HEADERDATA, this);
    curl_.easy_setopt(easy_, CURLOPT_WRITEFUNCTION, &CurlStream::OnBody);
    curl_.easy_setopt(easy_, CURLOPT_WRITEDATA, this);
    curl_.multi_add_handle(multi_, easy_);
  }

  ~CurlStream() override {
    curl_.multi_remove_handle(multi_, easy_);
    curl_.easy_cleanup(easy_);
    curl_.multi_cleanup(multi_);
    curl_.slist_free_all(header_list_);
  }
  CurlStream(const CurlStream&) = delete;
  CurlStream& operator=(const CurlStream&) = delete;

  // Drives the transfer until the final headers are in (or it ended).
  Expected<void> WaitForHeaders() {
    while (!headers_done_ && !done_) {
      auto pumped = Pump();
      if (!pumped) return pumped;
    }
    if (done_ && result_ != CURLE_OK) return TransferError();
    if (!headers_done_) return MakeError("{}: no HTTP answer", where_);
    return {};
  }

  Expected<size_t> Read(std::span<std::byte> buffer) override {
    if (Unread() == 0) {
      // Nothing buffered: the body is written straight into the caller's buffer (a blob's
      // bytes are copied once, not twice); what does not fit waits in pending_.
      direct_ = buffer;
      direct_filled_ = 0;
      while (direct_filled_ == 0 && Unread() == 0 && !done_) {
        auto pumped = Pump();
        if (!pumped) {
          direct_ = {};
          return pumped.error();
        }
      }
      direct_ = {};
      if (direct_filled_ > 0) return direct_filled_;
    }
    if (Unread() == 0) {
      if (result_ != CURLE_OK) return TransferError();
      return size_t{0};
    }
    size_t n = std::min(buffer.size(), Unread());
    std::memcpy(buffer.data(), pending_.data() + read_offset_, n);
    read_offset_ += n;
    if (read_offset_ == pending_.size()) {
      pending_.clear();
      read_offset_ = 0;
    }
    return n;
  }

  const std::string& name() const override { return name_; }
  long status() const override { return status_; }
  const HttpHeaders& headers() const override { return headers_; }

 private:
  size_t Unread() const { return pending_.size() - read_offset_; }

  Expected<void> Pump() {
    if (paused_ && Unread() == 0) {
      paused_ = false;
      curl_.easy_pause(easy_, CURLPAUSE_CONT);  // may deliver data right away
    }
    int running = 0;
    CURLMcode code = curl_.multi_perform(multi_, &running);
    if (code != CURLM_OK) return MakeError("{}: {}", where_, curl_.multi_strerror(code));
    int queued = 0;
    while (CURLMsg* message = curl_.multi_info_read(multi_, &queued)) {
      if (message->msg == CURLMSG_DONE) {
        done_ = true;
        result_ = message->data.result;
      }
    }
    if (!done_ && Unread() == 0 && !paused_) {  // nothing to hand out yet: wait for the socket
      code = curl_.multi_poll(multi_, nullptr, 0, 1000, nullptr);
      if (code != CURLM_OK) return MakeError("{}: {}", where_, curl_.multi_strerror(code));
    }
    return {};
  }

  Error TransferError() const {
    long os_errno = 0;
    curl_.easy_getinfo(easy_, CURLINFO_OS_ERRNO, &os_errno);
    if (result_ == CURLE_COULDNT_CONNECT && os_errno == ENOENT) return MakeError("{}: no such socket", where_);
    if (result_ == CURLE_COULDNT_CONNECT && os_errno == EACCES) return MakeError("{}: permission denied", where_);
    if (result_ == CURLE_COULDNT_CONNECT && os_errno == ECONNREFUSED) return MakeError("{}: connection refused", where_);
    if (result_ == CURLE_OPERATION_TIMEDOUT) return MakeError("{}: timed out ({})", where_, error_buffer_);
    std::string detail = error_buffer_[0] != '\0' ? error_buffer_ : curl_.easy_strerror(result_);
    return MakeError("{}: {}", where_, detail);
  }

  static size_t OnHeader(char* data, size_t size, size_t count, void* self_pointer) {
    auto* self = static_cast<CurlStream*>(self_pointer);
    std::string_view line(data, size * count);
    if (line.rfind("HTTP/", 0) == 0) {  // a new answer (after a redirect or 100 Continue)
      self->headers_.entries.clear();
      self->headers_done_ = false;
      size_t space = line.find(' ');
      self->status_ = space == std::string_view::npos ? 0 : std::strtol(std::string(line.substr(space + 1, 3)).c_str(), nullptr, 10);
    } else if (Trim(line).empty()) {
      bool interim = self->status_ < 200;
      bool redirect = self->follow_redirects_ && self->status_ >= 300 && self->status_ < 400 &&
                      !self->headers_.Get("location").empty();
      if (!interim && !redirect) self->headers_done_ = true;
    } else if (size_t colon = line.find(':'); colon != std::string_view::npos) {
      self->headers_.entries.emplace_back(ToLower(Trim(line.substr(0, colon))), Trim(line.substr(colon + 1)));
    }
    return size * count;
  }

  static size_t OnBody(char* data, size_t size, size_t count, void* self_pointer) {
    auto* self = static_cast<CurlStream*>(self_pointer);
    size_t bytes = size * count;
    self->headers_done_ = true;
    size_t room = self->direct_.size() - self->direct_filled_;
    if (room > 0 && self->Unread() == 0) {  // a Read is waiting and nothing is queued before it
      size_t direct = std::min(room, bytes);
      std::memcpy(self->direct_.data() + self->direct_filled_, data, direct);
      self->direct_filled_ += direct;
      data += direct;
      bytes -= direct;
      if (bytes == 0) return size * count;
    } else if (self->Unread() >= kMaxBuffered) {
      self->paused_ = true;
      return CURL_WRITEFUNC_PAUSE;
    }
    self->pending_.insert(self->pending_.end(), data, data + bytes);
    return size * count;
  }

  const CurlLibrary& curl_;
  std::string name_;
  std::string where_;
  bool follow_redirects_;
  CURL* easy_ = nullptr;
  CURLM* multi_ = nullptr;
  curl_slist* header_list_ = nullptr;
  char error_buffer_[CURL_ERROR_SIZE] = {};
  long status_ = 0;
  HttpHeaders headers_;
  bool headers_done_ = false;
  bool done_ = false;
  bool paused_ = false;
  CURLcode result_ = CURLE_OK;
  std::vector<char> pending_;
  size_t read_offset_ = 0;
  std::span<std::byte> direct_;  // the waiting Read's buffer, while it pumps
  size_t direct_filled_ = 0;
};

}  // namespace

std::string HttpHeaders::Get(std::string_view name) const {
  std::string wanted = ToLower(name);
  std::string value;
  for (const auto& [key, entry] : entries) {
    if (key == wanted) value = entry;
  }
  return value;
}

Expected<std::unique_ptr<HttpBodyStream>> OpenStream(const HttpRequest& request, std::string name) {
  auto curl = LoadCurl();
  if (!curl) return curl.error();
  auto stream = std::make_unique<CurlStream>(**curl, request, std::move(name));
  auto ready = stream->WaitForHeaders();
  if (!ready) return ready.error();
  return std::unique_ptr<HttpBodyStream>(std::move(stream));
}

Expected<HttpResponse> Fetch(const HttpRequest& request, size_t max_body_bytes) {
  auto stream = OpenStream(request, request.unix_socket.empty() ? request.url : request.unix_socket + " " + request.url);
  if (!stream) return stream.error();
  HttpResponse response;
  response.status = (*stream)->status();
  response.headers = (*stream)->headers();
  auto body = image::ReadStreamToString(**stream, max_body_bytes);
  if (!body) return body.error();
  response.body = std::move(*body);
  return response;
}

}  // namespace slimage::net
