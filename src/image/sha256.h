// Streaming SHA-256 (OpenSSL) for blob digests and diff_ids: "sha256:<64 hex>".
#pragma once

#include <cstddef>
#include <memory>
#include <span>
#include <string>

namespace slimage::image {

class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;
  void Update(std::span<const std::byte> bytes);
  std::string FinishDigest();  // "sha256:…"

 private:
  struct State;
  std::unique_ptr<State> state_;
};

std::string Sha256Digest(std::string_view bytes);
// "sha256:" and 64 lower-case hex digits.
bool IsSha256Digest(std::string_view digest);

}  // namespace slimage::image
