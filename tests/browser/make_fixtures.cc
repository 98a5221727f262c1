// Writes the browser tests' fixtures (tests/browser/report_test.mjs) into OUT_DIR: docker save
// archives made in memory by tests/support/image_builder (no dockerd needed) and the measure
// report of a hand-written measure JSON document (slimage measure is not ours to run here).
//   slimage_browser_fixtures OUT_DIR MEASURE_JSON
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "html/measure_html.h"
#include "support/image_builder.h"

namespace {

using slimage::testing::Dir;
using slimage::testing::File;
using slimage::testing::TarItem;
using slimage::testing::TestImage;
using slimage::testing::TestLayer;

// `size` bytes that differ from file to file (the path, repeated), so content hashes differ.
std::string Content(const std::string& path, size_t size) {
  std::string text;
  text.reserve(size);
  while (text.size() < size) text += path + "\n";
  text.resize(size);
  return text;
}

TarItem Sized(const std::string& path, size_t size) { return File(path, Content(path, size)); }

// A Debian-like base, apt lists removed in a later layer (wasted), an app copied and then
// rewritten by chmod (wasted again), many small files (aggregated), an empty CMD.
TestImage AppImage() {
  TestLayer base{{Dir("bin"), Sized("bin/sh", 125000), Sized("bin/bash", 1265000), Sized("bin/ls", 151000),
                  Dir("usr"), Dir("usr/lib"), Dir("usr/lib/x86_64-linux-gnu"), Dir("etc"), Dir("usr/share"),
                  Dir("usr/share/doc")},
                 slimage::testing::Compress::kNone, "/bin/sh -c #(nop) ADD file:debian-rootfs in /"};
  const char* libraries[] = {"libc.so.6", "libstdc++.so.6", "libm.so.6", "libssl.so.3", "libcrypto.so.3",
                             "libz.so.1", "libgcc_s.so.1", "libsystemd.so.0", "libzstd.so.1", "liblzma.so.5"};
  size_t library_size = 1900000;
  for (const char* library : libraries) {
    base.items.push_back(Sized(std::string("usr/lib/x86_64-linux-gnu/") + library, library_size));
    library_size = library_size * 2 / 3;
  }
  for (int i = 0; i < 40; ++i) base.items.push_back(Sized("etc/config-" + std::to_string(i) + ".conf", 200 + 37 * i));
  for (int i = 0; i < 120; ++i) {
    const std::string package = "usr/share/doc/package-" + std::to_string(i);
    base.items.push_back(Dir(package));
    base.items.push_back(Sized(package + "/copyright", 900 + 13 * i));
    base.items.push_back(Sized(package + "/changelog.Debian.gz", 400 + 29 * i));
  }
  TestLayer apt{{Dir("var"), Dir("var/lib"), Dir("var/lib/apt"), Dir("var/lib/apt/lists"),
                 Sized("var/lib/apt/lists/deb.debian.org_debian_dists_bookworm_main_binary-amd64_Packages", 880000),
                 Sized("var/lib/apt/lists/deb.debian.org_debian_dists_bookworm_InRelease", 151000),
                 Sized("usr/bin/curl", 260000), Sized("usr/lib/x86_64-linux-gnu/libcurl.so.4", 690000)},
                slimage::testing::Compress::kNone, "/bin/sh -c apt-get update && apt-get install -y curl"};
  TestLayer cleanup{{File("var/lib/apt/.wh.lists", "")}, slimage::testing::Compress::kNone,
                    "/bin/sh -c rm -rf /var/lib/apt/lists/*"};
  TestLayer app{{Dir("app"), Sized("app/server", 2400000), Dir("app/static")}, slimage::testing::Compress::kNone,
                "/bin/sh -c #(nop) COPY dir:app in /app/"};
  for (int i = 0; i < 60; ++i) app.items.push_back(Sized("app/static/asset-" + std::to_string(i) + ".js", 3000 + 211 * i));
  TestLayer chmod{{Dir("app"), Sized("app/server", 2400000)}, slimage::testing::Compress::kNone,
                  "/bin/sh -c chmod +x /app/server"};
  TestImage image;
  image.layers = {base, apt, cleanup, app, chmod};
  return image;
}

// Names that are hostile to a page: markup, quotes, a newline, a byte that is not UTF-8; and an
// instruction with markup. Each file is big enough to be drawn on its own. A name holds no '/',
// so "srv/</script><script>alert(1)</script>" is the directories "<" and
// "script><script>alert(1)<" and the file "script>": its path is what the tooltip shows.
TestImage HostileImage() {
  TestLayer layer{{Dir("srv"), Sized("srv/</script><script>alert(1)</script>", 300000),
                   Sized("srv/quote\"'<b>name", 200000), Sized("srv/new\nline", 150000),
                   Sized("srv/bad\xff" "byte", 120000), Dir("srv/<img src=x onerror=alert(3)>"),
                   Sized("srv/<img src=x onerror=alert(3)>/inner", 250000), Sized("bin/sh", 100000)},
                  slimage::testing::Compress::kNone,
                  "/bin/sh -c echo \"</script><script>alert(2)</script>\" > /srv/x\n# <!-- -->"};
  TestImage image;
  image.layers = {layer};
  return image;
}

// A pair for diff: b keeps the base, grows one library, shrinks another, removes the docs,
// adds an app and rewrites a config with other bytes of the same size.
std::pair<TestImage, TestImage> DiffPair() {
  TestLayer base{{Dir("usr"), Dir("usr/lib"), Sized("usr/lib/libbig.so", 1500000), Sized("usr/lib/libsmall.so", 400000),
                  Sized("usr/lib/libsame.so", 700000), Dir("etc"), File("etc/app.conf", std::string(5000, 'a')),
                  Dir("usr/share"), Dir("usr/share/doc")},
                 slimage::testing::Compress::kNone, "/bin/sh -c #(nop) ADD file:base in /"};
  for (int i = 0; i < 30; ++i) base.items.push_back(Sized("usr/share/doc/readme-" + std::to_string(i), 20000 + 500 * i));
  TestLayer a_top{{Sized("usr/lib/libbig.so", 1500000), Sized("usr/lib/libsmall.so", 400000)},
                  slimage::testing::Compress::kNone, "/bin/sh -c apt-get install -y libbig"};
  TestLayer b_top{{Sized("usr/lib/libbig.so", 2300000), Sized("usr/lib/libsmall.so", 150000),
                   File("etc/app.conf", std::string(5000, 'b')), File("usr/share/.wh.doc", ""), Dir("opt"),
                   Dir("opt/app"), Sized("opt/app/bin", 900000), Sized("opt/app/data.db", 450000)},
                  slimage::testing::Compress::kNone, "/bin/sh -c apt-get install -y libbig=2 && rm -rf /usr/share/doc"};
  TestImage a;
  a.layers = {base, a_top};
  TestImage b;
  b.layers = {base, b_top};
  return {a, b};
}

bool Write(const std::filesystem::path& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary);
  out << bytes;
  out.close();
  if (!out) std::cerr << "slimage_browser_fixtures: cannot write " << path << "\n";
  return static_cast<bool>(out);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: slimage_browser_fixtures OUT_DIR MEASURE_JSON\n";
    return 2;
  }
  const std::filesystem::path out = argv[1];
  std::filesystem::create_directories(out);
  std::ifstream measure(argv[2], std::ios::binary);
  std::stringstream measure_json;
  measure_json << measure.rdbuf();
  if (!measure || measure_json.str().empty()) {
    std::cerr << "slimage_browser_fixtures: cannot read " << argv[2] << "\n";
    return 2;
  }
  auto [a, b] = DiffPair();
  const bool ok = Write(out / "app.tar", slimage::testing::MakeDockerArchive(AppImage(), "app:1")) &&
                  Write(out / "hostile.tar", slimage::testing::MakeDockerArchive(HostileImage(), "hostile:1")) &&
                  Write(out / "diff-a.tar", slimage::testing::MakeDockerArchive(a, "app:1")) &&
                  Write(out / "diff-b.tar", slimage::testing::MakeDockerArchive(b, "app:2")) &&
                  Write(out / "measure.json", measure_json.str()) &&
                  Write(out / "measure.html", slimage::html::RenderMeasureHtml(measure_json.str()));
  return ok ? 0 : 1;
}
