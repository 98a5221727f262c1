#include "util/size.h"

#include <gtest/gtest.h>

namespace slimage {
namespace {

uint64_t Parsed(std::string_view text) {
  Expected<uint64_t> result = ParseSize(text);
  EXPECT_TRUE(result.ok()) << text << ": " << (result.ok() ? "" : result.error().message);
  return result.ok() ? *result : 0;
}

std::string ErrorOf(std::string_view text) {
  Expected<uint64_t> result = ParseSize(text);
  return result.ok() ? "no error" : result.error().message;
}

TEST(ParseSizeTest, PlainBytes) {
  EXPECT_EQ(Parsed("0"), 0u);
  EXPECT_EQ(Parsed("123"), 123u);
  EXPECT_EQ(Parsed("123B"), 123u);
  EXPECT_EQ(Parsed("123 B"), 123u);
}

TEST(ParseSizeTest, SiUnitsArePowersOfAThousand) {
  EXPECT_EQ(Parsed("45kB"), 45000u);
  EXPECT_EQ(Parsed("12MB"), 12000000u);
  EXPECT_EQ(Parsed("2GB"), 2000000000u);
  EXPECT_EQ(Parsed("3TB"), 3000000000000u);
  EXPECT_EQ(Parsed("200 MB"), 200000000u);
  EXPECT_EQ(Parsed("45KB"), 45000u);  // case does not matter
}

TEST(ParseSizeTest, IecUnitsArePowersOf1024) {
  EXPECT_EQ(Parsed("1KiB"), 1024u);
  EXPECT_EQ(Parsed("3MiB"), 3145728u);
  EXPECT_EQ(Parsed("1.5GiB"), 1610612736u);  // 1.5 * 1073741824
  EXPECT_EQ(Parsed("2TiB"), 2199023255552u);
  EXPECT_EQ(Parsed("1kib"), 1024u);
}

TEST(ParseSizeTest, FractionsRoundDownToWholeBytes) {
  EXPECT_EQ(Parsed("0.5kB"), 500u);
  EXPECT_EQ(Parsed("1.0001kB"), 1000u);  // 1000.1 bytes
  EXPECT_EQ(Parsed("2.5"), 2u);
  EXPECT_EQ(Parsed(".5MB"), 500000u);
  EXPECT_EQ(Parsed("1.5000000000001GB"), 1500000000u);  // digits past the ninth are ignored
}

TEST(ParseSizeTest, LargestValues) {
  EXPECT_EQ(Parsed("18446744073709551615"), 18446744073709551615u);
  EXPECT_EQ(ErrorOf("18446744073709551616"), "invalid size '18446744073709551616': too large");
  EXPECT_EQ(ErrorOf("16777216TiB"), "invalid size '16777216TiB': too large");  // exactly 2^64
  EXPECT_EQ(Parsed("16777215TiB"), 18446742974197923840u);                   // 2^64 - 2^40
}

TEST(ParseSizeTest, GarbageIsAnError) {
  EXPECT_EQ(ErrorOf(""), "invalid size '': empty");
  EXPECT_EQ(ErrorOf("-5MB"), "invalid size '-5MB': negative");
  EXPECT_EQ(ErrorOf("MB"), "invalid size 'MB': not a number");
  EXPECT_EQ(ErrorOf("."), "invalid size '.': not a number");
  EXPECT_EQ(ErrorOf("+5"), "invalid size '+5': not a number");
  EXPECT_EQ(ErrorOf("12XB"),
            "invalid size '12XB': unknown unit 'XB' (use B, kB, MB, GB, TB, KiB, MiB, GiB or TiB)");
  EXPECT_EQ(ErrorOf("1.2.3"),
            "invalid size '1.2.3': unknown unit '.3' (use B, kB, MB, GB, TB, KiB, MiB, GiB or TiB)");
  EXPECT_EQ(ErrorOf("12 "),
            "invalid size '12 ': unknown unit '' (use B, kB, MB, GB, TB, KiB, MiB, GiB or TiB)");
  EXPECT_EQ(ErrorOf("1e6"),
            "invalid size '1e6': unknown unit 'e6' (use B, kB, MB, GB, TB, KiB, MiB, GiB or TiB)");
}

TEST(FormatSizeTest, SiWithOneDecimal) {
  EXPECT_EQ(FormatSize(0), "0 B");
  EXPECT_EQ(FormatSize(999), "999 B");
  EXPECT_EQ(FormatSize(1000), "1.0 kB");
  EXPECT_EQ(FormatSize(1049), "1.0 kB");
  EXPECT_EQ(FormatSize(1050), "1.1 kB");  // halves round up
  EXPECT_EQ(FormatSize(12345678), "12.3 MB");
  EXPECT_EQ(FormatSize(999949999), "999.9 MB");
  EXPECT_EQ(FormatSize(999950000), "1.0 GB");  // would be 1000.0 MB
  EXPECT_EQ(FormatSize(1500000000), "1.5 GB");
  EXPECT_EQ(FormatSize(18446744073709551615u), "18.4 EB");
}

}  // namespace
}  // namespace slimage
