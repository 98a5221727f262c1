#include "packages/language_packages.h"

#include <gtest/gtest.h>

namespace slimage::packages {
namespace {

TEST(PipMetadataTest, ReadsNameAndVersionFromTheHeaders) {
  auto found = ParsePipMetadata("Metadata-Version: 2.1\r\nName: Requests\nVersion: 2.31.0\n\nName: not-this\n");
  ASSERT_TRUE(found) << found.error().message;
  EXPECT_EQ(found->name, "Requests");
  EXPECT_EQ(found->version, "2.31.0");
  EXPECT_EQ(ParsePipMetadata("Version: 1\n").error().message, "no Name: header");
}

TEST(PipRecordTest, SumsTheSizeColumn) {
  auto size = PipRecordSize("six.py,sha256=abc,34549\n\"a,b.py\",sha256=def,10\nsix-1.16.0.dist-info/RECORD,,\n");
  ASSERT_TRUE(size) << size.error().message;
  EXPECT_EQ(*size, 34559u);
  EXPECT_EQ(PipRecordSize("x.py,sha256=abc,big\n").error().message, "line 1: size 'big' is not a number");
  EXPECT_EQ(PipRecordSize("nocomma\n").error().message, "line 1: expected path,hash,size");
}

TEST(NpmPackageJsonTest, ReadsNameAndVersion) {
  auto found = ParseNpmPackageJson(R"({"name": "express", "version": "4.18.2", "dependencies": {}})");
  ASSERT_TRUE(found) << found.error().message;
  EXPECT_EQ(found->name, "express");
  EXPECT_EQ(found->version, "4.18.2");
  EXPECT_EQ(ParseNpmPackageJson("{\"name\": ").error().message, "not valid JSON");
  EXPECT_EQ(ParseNpmPackageJson("[1]").error().message, "not a JSON object");
  auto numbers = ParseNpmPackageJson(R"({"name": 7})");
  ASSERT_TRUE(numbers);
  EXPECT_EQ(numbers->name, "");  // not a string: as if absent
}

}  // namespace
}  // namespace slimage::packages
