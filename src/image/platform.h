// Platforms of image indexes ("os/arch[/variant]"): how a descriptor names one, how a wanted
// platform matches it, and this machine's own (the default for registry:// indexes).
#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace slimage::image {

// "os/arch[/variant]" of an index descriptor's `platform`, or "" when it has none.
std::string PlatformOf(const nlohmann::json& descriptor);
// `wanted` without a variant matches every variant; arm64 and arm64/v8 are the same platform.
bool PlatformMatches(const std::string& platform, const std::string& wanted);
// From uname(2): x86_64 -> linux/amd64, aarch64 -> linux/arm64/v8, armv7l -> linux/arm/v7, ...
std::string HostPlatform();
// The same mapping for a given machine name (for tests).
std::string PlatformForMachine(const std::string& machine);

}  // namespace slimage::image
