#include "ledger/evidence.h"

#include <algorithm>

#include "ledger/merkle.h"

namespace dl::ledger {
namespace {

std::string B64(const Hash& h) { return Base64(h.data(), h.size()); }

Result<Hash> HashAt(const Json& j, const std::string& path) {
  auto bad = [&] {
    return Err(ErrorCode::kInvalidArgument, path + ": 不是 32 字节的 base64 哈希");
  };
  if (!j.is_string()) return bad();
  auto bytes = FromBase64(j.get<std::string>());
  if (!bytes || bytes->size() != 32) return bad();
  Hash h;
  std::copy(bytes->begin(), bytes->end(), h.begin());
  return h;
}

Result<std::string> TextAt(const Json& obj, const char* key, const std::string& path) {
  auto it = obj.find(key);
  if (it == obj.end() || !it->is_string()) {
    return Err(ErrorCode::kInvalidArgument, path + "." + key + ": 缺少或不是文本");
  }
  return it->get<std::string>();
}

Result<EvidenceEntry> EntryFrom(const Json& j, const std::string& path) {
  if (!j.is_object()) return Err(ErrorCode::kInvalidArgument, path + ": 不是对象");
  EvidenceEntry out;
  Entry& e = out.entry;
  auto seq = j.find("seq");
  if (seq == j.end() || !seq->is_number_unsigned() || seq->get<uint64_t>() == 0) {
    return Err(ErrorCode::kInvalidArgument, path + ".seq: 缺少或不是正整数");
  }
  e.seq = seq->get<uint64_t>();
  DL_ASSIGN_OR_RETURN(e.kind, TextAt(j, "kind", path));
  DL_ASSIGN_OR_RETURN(e.subject, TextAt(j, "subject", path));
  DL_ASSIGN_OR_RETURN(e.actor, TextAt(j, "actor", path));
  DL_ASSIGN_OR_RETURN(std::string time, TextAt(j, "time", path));
  auto t = ParseInstant(time);
  if (!t) return Err(ErrorCode::kInvalidArgument, path + ".time: 不是 RFC 3339 时间");
  e.time = *t;
  if (!j.contains("payload")) return Err(ErrorCode::kInvalidArgument, path + ".payload: 缺少");
  e.payload = j["payload"];
  if (!j.contains("leaf_hash")) return Err(ErrorCode::kInvalidArgument, path + ".leaf_hash: 缺少");
  DL_ASSIGN_OR_RETURN(e.leaf_hash, HashAt(j["leaf_hash"], path + ".leaf_hash"));
  auto proof = j.find("inclusion_proof");
  if (proof == j.end() || !proof->is_array()) {
    return Err(ErrorCode::kInvalidArgument, path + ".inclusion_proof: 缺少或不是数组");
  }
  for (size_t i = 0; i < proof->size(); ++i) {
    DL_ASSIGN_OR_RETURN(Hash h,
                        HashAt((*proof)[i], path + ".inclusion_proof[" + std::to_string(i) + "]"));
    out.proof.push_back(h);
  }
  return out;
}

}  // namespace

Json EvidenceBundle::ToJson() const {
  Json list = Json::array();
  for (const auto& [e, proof] : entries) {
    Json p = Json::array();
    for (const Hash& h : proof) p.push_back(B64(h));
    list.push_back({{"seq", e.seq},
                    {"kind", e.kind},
                    {"subject", e.subject},
                    {"actor", e.actor},
                    {"time", FormatInstant(e.time)},
                    {"payload", e.payload},
                    {"leaf_hash", B64(e.leaf_hash)},
                    {"inclusion_proof", std::move(p)}});
  }
  return {{"format", kEvidenceFormat}, {"version", 1},
          {"subject", subject},        {"created", FormatInstant(created)},
          {"checkpoint", checkpoint},  {"entries", std::move(list)}};
}

Result<EvidenceBundle> EvidenceBundle::FromJson(const Json& j) {
  if (!j.is_object()) return Err(ErrorCode::kInvalidArgument, "$: 证据包必须是 JSON 对象");
  DL_ASSIGN_OR_RETURN(std::string format, TextAt(j, "format", "$"));
  if (format != kEvidenceFormat || !j.contains("version") || j["version"] != 1) {
    return Err(ErrorCode::kInvalidArgument,
               "$.format: 不是 daylight.evidence 第 1 版证据包（" + format + "）");
  }
  EvidenceBundle b;
  DL_ASSIGN_OR_RETURN(b.subject, TextAt(j, "subject", "$"));
  DL_ASSIGN_OR_RETURN(std::string created, TextAt(j, "created", "$"));
  auto t = ParseInstant(created);
  if (!t) return Err(ErrorCode::kInvalidArgument, "$.created: 不是 RFC 3339 时间");
  b.created = *t;
  DL_ASSIGN_OR_RETURN(b.checkpoint, TextAt(j, "checkpoint", "$"));
  auto entries = j.find("entries");
  if (entries == j.end() || !entries->is_array()) {
    return Err(ErrorCode::kInvalidArgument, "$.entries: 缺少或不是数组");
  }
  for (size_t i = 0; i < entries->size(); ++i) {
    DL_ASSIGN_OR_RETURN(auto e, EntryFrom((*entries)[i], "$.entries[" + std::to_string(i) + "]"));
    b.entries.push_back(std::move(e));
  }
  return b;
}

bool EvidenceReport::ok() const {
  return problem.empty() && !entries.empty() &&
         std::all_of(entries.begin(), entries.end(),
                     [](const EvidenceCheck& c) { return c.problem.empty(); });
}

Json EvidenceReport::ToJson() const {
  Json list = Json::array();
  for (const auto& c : entries) {
    Json item = {{"seq", c.seq}, {"kind", c.kind}, {"ok", c.problem.empty()}};
    if (!c.problem.empty()) item["problem"] = c.problem;
    list.push_back(std::move(item));
  }
  Json j = {{"ok", ok()},
            {"origin", checkpoint.origin},
            {"tree_size", checkpoint.size},
            {"root", B64(checkpoint.root)},
            {"entries", std::move(list)}};
  if (!problem.empty()) j["problem"] = problem;
  return j;
}

std::string EvidenceReport::ToText() const {
  if (!problem.empty()) return "证据包无效：" + problem + "\n";
  std::string t = "签名检查点：" + checkpoint.origin + "，共 " + std::to_string(checkpoint.size) +
                  " 条记录，根哈希 " + B64(checkpoint.root) + "（签名有效）\n";
  for (const auto& c : entries) {
    t += "  第 " + std::to_string(c.seq) + " 条 " + c.kind + "：" +
         (c.problem.empty() ? "已证明在账本中，内容未被改动" : c.problem) + "\n";
  }
  if (entries.empty()) t += "证据包中没有记录。\n";
  t +=
      ok() ? "校验通过：" + std::to_string(entries.size()) + " 条记录均已证明。\n" : "校验失败。\n";
  return t;
}

EvidenceReport VerifyEvidence(const EvidenceBundle& bundle, const std::string& verifier_key) {
  EvidenceReport report;
  auto body = VerifyNote(bundle.checkpoint, verifier_key);
  if (!body) {
    report.problem = "检查点签名校验失败：" + body.error().message;
    return report;
  }
  auto cp = Checkpoint::ParseBody(*body);
  if (!cp) {
    report.problem = "检查点正文无法解析：" + cp.error().message;
    return report;
  }
  report.checkpoint = *cp;
  for (const auto& [e, proof] : bundle.entries) {
    EvidenceCheck check{e.seq, e.kind, ""};
    if (e.subject != bundle.subject) {
      check.problem = "记录的对象（" + e.subject + "）与证据包的对象（" + bundle.subject + "）不符";
    } else if (e.ComputeLeafHash() != e.leaf_hash) {
      check.problem = "内容与其叶哈希不符：记录在导出后被改动过";
    } else if (e.seq > cp->size) {
      check.problem = "不在签名检查点（" + std::to_string(cp->size) + " 条）之内";
    } else if (!VerifyInclusion(e.leaf_hash, e.seq - 1, cp->size, proof, cp->root)) {
      check.problem = "包含证明不成立：此记录不在签名的账本中（或编号、内容被改动）";
    }
    report.entries.push_back(std::move(check));
  }
  return report;
}

}  // namespace dl::ledger
