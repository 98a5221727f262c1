#include "image/platform.h"

#include <sys/utsname.h>

namespace slimage::image {
namespace {

std::string Field(const nlohmann::json& object, const char* key) {
  auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : "";
}

// linux/arm64 and linux/arm64/v8 name the same platform (v8 is arm64's only variant in use).
std::string Normalise(const std::string& platform) {
  const std::string arm64 = "/arm64";
  if (platform.size() > arm64.size() && platform.compare(platform.size() - arm64.size(), arm64.size(), arm64) == 0) {
    return platform + "/v8";
  }
  return platform;
}

}  // namespace

std::string PlatformOf(const nlohmann::json& descriptor) {
  if (!descriptor.is_object() || !descriptor.contains("platform") || !descriptor["platform"].is_object()) return "";
  const nlohmann::json& platform = descriptor["platform"];
  std::string text = Field(platform, "os") + "/" + Field(platform, "architecture");
  std::string variant = Field(platform, "variant");
  return variant.empty() ? text : text + "/" + variant;
}

bool PlatformMatches(const std::string& platform, const std::string& wanted) {
  if (platform == wanted || platform.rfind(wanted + "/", 0) == 0) return true;
  return !platform.empty() && Normalise(platform) == Normalise(wanted);
}

std::string PlatformForMachine(const std::string& machine) {
  if (machine == "x86_64" || machine == "amd64") return "linux/amd64";
  if (machine == "aarch64" || machine == "arm64") return "linux/arm64/v8";
  if (machine == "armv7l" || machine == "armv7") return "linux/arm/v7";
  if (machine == "armv6l") return "linux/arm/v6";
  if (machine == "armv5tel" || machine == "armv5l") return "linux/arm/v5";
  if (machine == "i386" || machine == "i486" || machine == "i586" || machine == "i686") return "linux/386";
  if (machine.empty()) return "linux/amd64";
  return "linux/" + machine;  // ppc64le, s390x, riscv64, mips64le: the same names in OCI
}

std::string HostPlatform() {
  struct utsname name {};
  if (::uname(&name) != 0) return "linux/amd64";
  return PlatformForMachine(name.machine);
}

}  // namespace slimage::image
