// Downloaders: curl and wget, with where the downloaded bytes go.
#include "shell/tools/options.h"
#include "shell/tools/recognizers.h"

namespace slimage::shell {

namespace {

// The last path segment of a URL, without query or fragment ("" when there is none).
std::string UrlBaseName(const std::string& url) {
  std::string path = url.substr(0, url.find_first_of("?#"));
  size_t scheme = path.find("://");
  if (scheme != std::string::npos) {
    size_t slash = path.find('/', scheme + 3);
    if (slash == std::string::npos) return "";
    path = path.substr(slash);
  }
  size_t last = path.rfind('/');
  return last == std::string::npos ? path : path.substr(last + 1);
}

// Standard output redirected to a file: `curl URL > file`.
std::optional<std::string> StdoutRedirect(const ShellCommand& command) {
  std::optional<std::string> target;
  for (const auto& redirect : command.redirects) {
    bool to_stdout = redirect.io_number == -1 || redirect.io_number == 1;
    if (to_stdout && (redirect.op == ">" || redirect.op == ">>" || redirect.op == ">|" || redirect.op == "&>")) {
      target = redirect.target;
    }
  }
  return target;
}

std::string JoinPath(const std::string& directory, const std::string& name) {
  if (directory.empty()) return name;
  return directory.back() == '/' ? directory + name : directory + "/" + name;
}

Download Curl(const ShellCommand& command, size_t index) {
  static const OptionSpec spec{
      "oHdXuAebcxTwmrCEKFzYyQtUD",
      {"--output", "--header", "--data", "--data-raw", "--data-binary", "--data-urlencode", "--request", "--user",
       "--user-agent", "--referer", "--cookie", "--cookie-jar", "--proxy", "--upload-file", "--write-out",
       "--max-time", "--connect-timeout", "--retry", "--retry-delay", "--retry-max-time", "--range",
       "--continue-at", "--cert", "--cacert", "--key", "--config", "--limit-rate", "--proto", "--proto-redir",
       "--resolve", "--output-dir", "--form", "--time-cond", "--speed-limit", "--speed-time", "--quote",
       "--telnet-option", "--proxy-user", "--dump-header", "--url", "--interface", "--dns-servers",
       "--max-filesize", "--max-redirs", "--capath", "--ciphers", "--netrc-file", "--oauth2-bearer", "--pinnedpubkey",
       "--tls-max", "--connect-to", "--happy-eyeballs-timeout-ms", "--expect100-timeout", "--keepalive-time",
       "--create-file-mode", "--variable", "--json", "--aws-sigv4", "--preproxy", "--noproxy"},
      false, false};
  ParsedArgs parsed = ParseOptions(command.args(), 1, spec);
  Download download;
  download.tool = "curl";
  download.command_index = index;
  download.urls = parsed.operands;
  for (const auto& url : parsed.Values({"--url"})) download.urls.push_back(url);
  std::string directory = parsed.Value({"--output-dir"}).value_or("");
  if (auto output = parsed.Value({"-o", "--output"})) {
    if (*output == "-") {
      download.to_stdout = true;
    } else {
      download.output_path = JoinPath(directory, *output);
    }
  } else if (parsed.Has({"-O", "--remote-name", "--remote-name-all"}) && !download.urls.empty()) {
    download.output_path = JoinPath(directory, UrlBaseName(download.urls.front()));
  } else {
    download.output_path = StdoutRedirect(command);
    download.to_stdout = !download.output_path.has_value();
  }
  return download;
}

Download Wget(const ShellCommand& command, size_t index) {
  static const OptionSpec spec{
      "OoaPtTUeiwQlARDXIB",
      {"--output-document", "--output-file", "--append-output", "--directory-prefix", "--tries", "--timeout",
       "--user-agent", "--header", "--execute", "--input-file", "--wait", "--quota", "--level", "--accept",
       "--reject", "--domains", "--exclude-directories", "--include-directories", "--base", "--user",
       "--password", "--post-data", "--post-file", "--ca-certificate", "--certificate", "--private-key",
       "--http-user", "--http-password", "--referer", "--limit-rate", "--method", "--body-data"},
      false, false};
  // wget's two-letter short options (-nv, -nc, -nd, -nH, -np) are single options, not bundles.
  std::vector<std::string> args = command.args();
  for (size_t i = 1; i < args.size(); ++i) {
    if (args[i] == "-nv") args[i] = "--no-verbose";
    if (args[i] == "-nc") args[i] = "--no-clobber";
    if (args[i] == "-nd") args[i] = "--no-directories";
    if (args[i] == "-nH") args[i] = "--no-host-directories";
    if (args[i] == "-np") args[i] = "--no-parent";
  }
  ParsedArgs parsed = ParseOptions(args, 1, spec);
  Download download;
  download.tool = "wget";
  download.command_index = index;
  download.urls = parsed.operands;
  std::string directory = parsed.Value({"-P", "--directory-prefix"}).value_or("");
  if (auto output = parsed.Value({"-O", "--output-document"})) {
    if (*output == "-") {
      download.to_stdout = true;
    } else {
      download.output_path = *output;  // -O ignores -P
    }
  } else if (!download.urls.empty()) {
    std::string base = UrlBaseName(download.urls.front());
    download.output_path = JoinPath(directory, base.empty() ? "index.html" : base);
  }
  return download;
}

}  // namespace

std::optional<Download> RecognizeDownload(const ShellCommand& command, size_t index) {
  std::string name = command.name();
  if (name == "curl") return Curl(command, index);
  if (name == "wget") return Wget(command, index);
  return std::nullopt;
}

}  // namespace slimage::shell
