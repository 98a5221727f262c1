#include "analysis/checks.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "analysis/image_model_builder.h"
#include "support/run_cli.h"
#include "support/in_memory_image.h"

namespace slimage::analysis {
namespace {

using slimage::testing::DynamicX8664;
using slimage::testing::InMemoryImage;

std::vector<std::string> Rules(const std::vector<ImageFinding>& findings) {
  std::vector<std::string> rules;
  for (const ImageFinding& finding : findings) rules.push_back(finding.rule);
  return rules;
}

TEST(RunImageChecksTest, EveryFamilyInRuleOrder) {
  const ImageModel model = InMemoryImage()
                               .Layer("RUN apt-get update && apt-get install -y git")
                               .File("/var/lib/apt/lists/x_Packages", 1000)
                               .File("/usr/bin/git", 2000)
                               .File("/usr/share/doc/git/copyright", 10)
                               .File("/usr/include/zlib.h", 10)
                               .File("/app/.git/HEAD", 10)
                               .File("/big", 1000)
                               .Layer("COPY server /server")
                               .Elf("/server", DynamicX8664({"libc.so.6"}))
                               .File("/big", 1000, 0, 0700)  // same content, new mode: IM102 alone
                               .File("/var/lib/apt/lists/x_Packages", 1200)  // new content: IM101
                               .HasShell(false)
                               .Build();
  ImageCheckOptions options;
  options.top = 1;
  EXPECT_THAT(Rules(RunImageChecks(model, options)),
              ::testing::ElementsAre("IM101", "IM102", "IM201", "IM202", "IM203", "IM204", "IM205", "IM301", "IM302", "IM303"));
  options.allow_packages = {"git"};
  EXPECT_THAT(Rules(RunImageChecks(model, options)),
              ::testing::ElementsAre("IM101", "IM102", "IM201", "IM202", "IM203", "IM205", "IM301", "IM302", "IM303"));
}

TEST(RunImageChecksTest, DiveTestImage) {
  // SOURCE.md: somefile1.txt rewritten by the `chmod 444` layer, saved.txt by `chmod +x`:
  // the same content stored again with a new mode (IM102); a copy left in /tmp (IM201).
  AnalyzeOptions options;
  Expected<ImageModel> model = LoadImageModel(slimage::testing::SharedPath("images/dive/test-docker-image.tar"), options);
  ASSERT_TRUE(model.ok()) << model.error().message;
  const std::vector<ImageFinding> findings = RunImageChecks(*model, {});
  std::vector<std::string> duplicated;
  std::vector<std::string> caches;
  for (const ImageFinding& finding : findings) {
    if (finding.rule == "IM102") duplicated.push_back(finding.path);
    if (finding.rule == "IM201") caches.push_back(finding.path);
    EXPECT_NE(finding.rule, "IM301") << finding.message;  // busybox is static
  }
  EXPECT_THAT(duplicated, ::testing::UnorderedElementsAre("/root/example/somefile1.txt", "/root/saved.txt"));
  EXPECT_THAT(caches, ::testing::ElementsAre("/tmp"));
}

}  // namespace
}  // namespace slimage::analysis
