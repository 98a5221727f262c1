#include "image/sha256.h"

#include <openssl/evp.h>

#include <fmt/format.h>

namespace slimage::image {

struct Sha256::State {
  EVP_MD_CTX* context = nullptr;
};

Sha256::Sha256() : state_(std::make_unique<State>()) {
  state_->context = EVP_MD_CTX_new();
  EVP_DigestInit_ex(state_->context, EVP_sha256(), nullptr);
}

Sha256::~Sha256() { EVP_MD_CTX_free(state_->context); }

void Sha256::Update(std::span<const std::byte> bytes) {
  EVP_DigestUpdate(state_->context, bytes.data(), bytes.size());
}

std::string Sha256::FinishDigest() {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_DigestFinal_ex(state_->context, digest, &length);
  std::string result = "sha256:";
  for (unsigned int i = 0; i < length; ++i) result += fmt::format("{:02x}", digest[i]);
  return result;
}

std::string Sha256Digest(std::string_view bytes) {
  Sha256 hash;
  hash.Update(std::as_bytes(std::span<const char>(bytes.data(), bytes.size())));
  return hash.FinishDigest();
}

bool IsSha256Digest(std::string_view digest) {
  if (digest.size() != 71 || digest.substr(0, 7) != "sha256:") return false;
  for (char c : digest.substr(7)) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

}  // namespace slimage::image
