// daylight-verify: checks an evidence bundle offline with only the log's public key. It links
// the hashing, Merkle and signature code (daylight_ledger) and nothing else: no database, no
// server, so an inspector or a court can run it on any machine.
#include <CLI/CLI.hpp>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "ledger/evidence.h"

namespace {

constexpr int kProven = 0, kNotProven = 1, kUnreadable = 2;

// The verifier key is given as text ("name+id+key") or as a file whose first line it is.
std::string ReadKey(const std::string& given) {
  if (!std::filesystem::is_regular_file(given)) return given;
  std::ifstream in(given);
  std::string line;
  std::getline(in, line);
  return line;
}

int Fail(bool json, const std::string& message) {
  if (json) {
    std::cout << dl::Json{{"error", {{"code", "invalid_argument"}, {"message", message}}}}.dump()
              << "\n";
  } else {
    std::cerr << "错误：" << message << "\n";
  }
  return kUnreadable;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"daylight-verify：离线校验 Daylight 证据包（记录内容、包含证明、检查点签名）",
               "daylight-verify"};
  std::string path, key;
  bool json = false;
  app.add_option("bundle", path, "证据包文件（daylight evidence 生成的 JSON）")->required();
  app.add_option("--key", key, "验证公钥（签名笔记格式的文本，或存有它的文件）")->required();
  app.add_flag("--json", json, "以 JSON 输出结果");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? kProven : kUnreadable;
  }

  std::ifstream in(path, std::ios::binary);
  if (!in) return Fail(json, "无法读取文件 " + path);
  std::stringstream text;
  text << in.rdbuf();
  std::string error;
  auto parsed = dl::ParseJson(text.str(), &error);
  if (!parsed) return Fail(json, path + "：不是有效的 JSON（" + error + "）");
  auto bundle = dl::ledger::EvidenceBundle::FromJson(*parsed);
  if (!bundle) return Fail(json, path + "：" + bundle.error().message);

  dl::ledger::EvidenceReport report = dl::ledger::VerifyEvidence(*bundle, ReadKey(key));
  if (json) {
    dl::Json out = report.ToJson();
    out["subject"] = bundle->subject;
    std::cout << out.dump(2, ' ', false) << "\n";
  } else {
    std::cout << "证据包：" << path << "（对象 " << bundle->subject << "）\n" << report.ToText();
  }
  return report.ok() ? kProven : kNotProven;
}
