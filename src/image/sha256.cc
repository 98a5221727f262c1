#include "image/sha256.h"

// The one-call SHA256_* functions are deprecated in OpenSSL 3 in favour of EVP, but EVP
// would pull most of libcrypto (providers, decoders) into the binary, and we link libcrypto
// statically so that start-up does not load it: these link only the hashing code, which is
// the same assembly (SHA-NI/AVX2) that EVP dispatches to.
#define OPENSSL_SUPPRESS_DEPRECATED
#include <openssl/sha.h>

#include <fmt/format.h>

namespace slimage::image {

struct Sha256::State {
  SHA256_CTX context;
};

Sha256::Sha256() : state_(std::make_unique<State>()) { SHA256_Init(&state_->context); }

Sha256::~Sha256() = default;

void Sha256::Update(std::span<const std::byte> bytes) { SHA256_Update(&state_->context, bytes.data(), bytes.size()); }

std::string Sha256::FinishDigest() {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256_Final(digest, &state_->context);
  std::string result = "sha256:";
  for (unsigned char byte : digest) result += fmt::format("{:02x}", byte);
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
