#include "cli/report_output.h"

#include "util/atomic_file.h"

namespace slimage::cli {

void AddOutputOption(CLI::App* sub, std::string& path) {
  sub->add_option("-o,--output", path, "write the report to FILE (atomically) instead of standard output");
}

void WriteReport(const std::string& path, const std::string& rendered, Io& io) {
  if (path.empty()) {
    io.out << rendered;
    return;
  }
  if (Status written = CreateOrReplaceFileAtomically(path, rendered); !written) throw InvalidInput(written.error());
}

}  // namespace slimage::cli
