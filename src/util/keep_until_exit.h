// Hands an object over to the end of the process: its memory goes back to the system with
// the process, never freed piece by piece. For an image model of 100,000s of nodes whose
// teardown would otherwise be the last single-threaded slice of a command. The objects stay
// reachable (from a static list), so LeakSanitizer does not report them.
#pragma once

#include <memory>
#include <mutex>
#include <utility>
#include <vector>

namespace slimage {

namespace keep_until_exit_detail {
struct Holder {
  virtual ~Holder() = default;
};
template <typename T>
struct HolderOf final : Holder {
  explicit HolderOf(T held) : value(std::move(held)) {}
  T value;
};
inline std::vector<std::unique_ptr<Holder>>& Kept() {
  static auto* kept = new std::vector<std::unique_ptr<Holder>>();  // never destroyed, on purpose
  return *kept;
}
inline std::mutex& KeptMutex() {
  static auto* mutex = new std::mutex();
  return *mutex;
}
}  // namespace keep_until_exit_detail

template <typename T>
void KeepUntilExit(T value) {
  using namespace keep_until_exit_detail;
  std::lock_guard<std::mutex> lock(KeptMutex());
  Kept().push_back(std::make_unique<HolderOf<T>>(std::move(value)));
}

}  // namespace slimage
