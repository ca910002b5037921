#include "service/verify_service.h"

#include <algorithm>
#include <filesystem>
#include <future>
#include <iterator>
#include <map>
#include <random>

#include "ledger/checkpoint.h"
#include "ledger/merkle.h"

namespace dl::service {
namespace {

constexpr size_t kChunk = 10000;

Status Replay(store::Store& source, store::Store& scratch, uint64_t size) {
  for (uint64_t first = 1; first <= size; first += kChunk) {
    DL_ASSIGN_OR_RETURN(auto entries, source.ReadEntries(first, kChunk));
    std::vector<store::Record> records;
    records.reserve(entries.size());
    for (auto& e : entries) {
      if (store::IsAuditKind(e.kind) || store::ProjectsFromPayload(e.kind)) {
        // Audit notes project nothing; the store projects case events, warnings and their
        // steps from their payload.
        records.push_back({std::move(e), std::nullopt, {}});
        continue;
      }
      DL_ASSIGN_OR_RETURN(catalog::Change change, catalog::ChangeFromJson(e.kind, e.payload));
      records.push_back({std::move(e), std::move(change), {}});
    }
    DL_RETURN_IF_ERROR(scratch.Append(records, {}));
  }
  return Ok();
}

Status CompareProjections(store::Store& tables, store::Store& rebuilt, VerifyReport* report) {
  DL_ASSIGN_OR_RETURN(auto have, tables.ProjectionRows());
  DL_ASSIGN_OR_RETURN(auto want, rebuilt.ProjectionRows());
  auto* out = &report->projection;
  for (const auto& [table, want_rows] : want) {
    const auto& have_rows = have[table];
    std::vector<std::string> missing, extra;
    std::set_difference(want_rows.begin(), want_rows.end(), have_rows.begin(), have_rows.end(),
                        std::back_inserter(missing));
    std::set_difference(have_rows.begin(), have_rows.end(), want_rows.begin(), want_rows.end(),
                        std::back_inserter(extra));
    for (const auto& row : missing) out->push_back("表 " + table + " 缺少账本所记录的行 " + row);
    for (const auto& row : extra) out->push_back("表 " + table + " 有账本中没有的行 " + row);
  }
  return Ok();
}

struct Problem {
  uint64_t seq = 0;
  std::string what;
};

// Compares the subtree hashes recomputed from the leaves with the stored ones; returns the
// first entry under the first node that differs, or nullopt when they agree. Nodes come in
// the order the leaves completed them, so each level's indices ascend.
std::optional<Problem> NodeProblem(store::Store& store,
                                   const std::vector<ledger::SubtreeNode>& computed) {
  std::map<int, std::vector<const ledger::SubtreeNode*>> by_level;
  for (const auto& n : computed) by_level[n.level].push_back(&n);
  for (const auto& [level, nodes] : by_level) {
    const uint64_t first = nodes.front()->index;
    auto stored = store.ReadStoredHashes(level, first, nodes.size());
    for (size_t i = 0; i < nodes.size(); ++i) {
      if (!stored || (*stored)[i] != nodes[i]->hash) {
        const uint64_t width = uint64_t{1} << level, index = nodes[i]->index;
        return Problem{index * width + 1, "默克尔树第 " + std::to_string(level) + " 层第 " +
                                              std::to_string(index) + " 个子树哈希（第 " +
                                              std::to_string(index * width + 1) + " 至 " +
                                              std::to_string((index + 1) * width) + " 条记录）" +
                                              (stored ? "与账本不符" : "缺失") +
                                              "：merkle_nodes 表被改动过，证明将无法生成"};
      }
    }
  }
  return std::nullopt;
}

std::string B64(const Hash& h) { return ledger::Base64(h.data(), h.size()); }

// The binding entry of a continued log: entry 1 is setting.put previous_log (the caller
// passes entry 1's kind and payload).
std::optional<PreviousLog> BindingOf(std::string_view kind, const std::string& payload_text) {
  if (kind != "setting.put") return std::nullopt;
  auto payload = ParseJson(payload_text, nullptr);
  if (!payload || !payload->is_object() || payload->value("key", "") != kPreviousLogSetting) {
    return std::nullopt;
  }
  auto j = ParseJson(payload->value("value", ""), nullptr);
  if (!j) return std::nullopt;
  auto p = PreviousLog::FromJson(*j);
  return p ? std::optional<PreviousLog>(*p) : std::nullopt;
}

}  // namespace

Json PreviousLog::ToJson() const {
  return {{"origin", origin},
          {"size", size},
          {"root", B64(root)},
          {"checkpoint", checkpoint},
          {"archive", archive}};
}

Result<PreviousLog> PreviousLog::FromJson(const Json& j) {
  PreviousLog p;
  auto bad = [] { return Err(ErrorCode::kCorrupt, "上一期账本的绑定记录格式错误"); };
  if (!j.is_object() || !j.contains("size") || !j["size"].is_number_unsigned()) return bad();
  p.origin = j.value("origin", "");
  p.size = j["size"].get<uint64_t>();
  p.checkpoint = j.value("checkpoint", "");
  p.archive = j.value("archive", "");
  auto root = ledger::FromBase64(j.value("root", ""));
  if (!root || root->size() != 32 || p.origin.empty()) return bad();
  std::copy(root->begin(), root->end(), p.root.begin());
  return p;
}

Result<std::string> CheckChain(const PreviousLog& bound, store::Store& previous,
                               const std::string& verifier_key) {
  DL_ASSIGN_OR_RETURN(uint64_t size, previous.LedgerSize());
  DL_ASSIGN_OR_RETURN(auto checkpoints, previous.Checkpoints());
  if (size != bound.size) {
    return "上一期账本有 " + std::to_string(size) + " 条记录，但新账本绑定的是 " +
           std::to_string(bound.size) + " 条：封存后被改动过，或不是同一个账本";
  }
  if (checkpoints.empty() || checkpoints.back().size != bound.size ||
      checkpoints.back().root != bound.root || checkpoints.back().note != bound.checkpoint) {
    return std::string("上一期账本的最终检查点与新账本首条记录所绑定的不一致");
  }
  if (!verifier_key.empty()) {
    auto body = ledger::VerifyNote(bound.checkpoint, verifier_key);
    if (!body) return "所绑定的检查点签名无效：" + body.error().message;
    auto cp = ledger::Checkpoint::ParseBody(*body);
    if (!cp || cp->origin != bound.origin || cp->size != bound.size || cp->root != bound.root) {
      return std::string("所绑定的检查点签名文本与绑定记录不一致");
    }
  }
  return std::string();
}

Json VerifyReport::ToJson() const {
  Json j = {{"ok", ok()},
            {"entries", entries},
            {"deep", deep},
            {"checkpoints", checkpoints},
            {"projection", projection}};
  if (previous) j["previous"] = previous->ToJson();
  if (first_bad) {
    j["first_bad_seq"] = *first_bad;
    j["problem"] = problem;
  }
  return j;
}

std::string VerifyReport::ToText() const {
  std::string t;
  if (previous) {
    t += "本账本接续上一期账本 " + previous->origin + "（" + std::to_string(previous->size) +
         " 条记录，根哈希 " + B64(previous->root) + "，归档为 " + previous->archive + "）\n";
  }
  if (first_bad) t += "第 " + std::to_string(*first_bad) + " 条留痕记录有问题：" + problem + "\n";
  for (const auto& p : projection) t += "投影表：" + p + "\n";
  t += ok() ? "校验通过：" + std::to_string(entries) + " 条留痕记录完整，" +
                  std::to_string(checkpoints) + " 个签名检查点一致" +
                  (deep ? "，所有投影表与账本一致" : "") + "。\n"
            : "校验失败。\n";
  return t;
}

// Checks one signed checkpoint against the tree of the first cp.size recomputed leaves.
std::string CheckpointProblem(const store::StoredCheckpoint& cp, const Hash& root,
                              const std::string& verifier_key) {
  if (cp.root != root) return "根哈希与账本不符";
  std::string body = cp.note.substr(0, cp.note.find("\n\n") + 1);
  if (!verifier_key.empty()) {
    auto verified = ledger::VerifyNote(cp.note, verifier_key);
    if (!verified) return verified.error().message;
    body = *verified;
  }
  auto parsed = ledger::Checkpoint::ParseBody(body);
  if (!parsed) return parsed.error().message;
  if (parsed->size != cp.size || parsed->root != cp.root) return "签名文本与检查点记录不一致";
  return "";
}

Result<VerifyReport> VerifyStore(store::Store& store, bool deep, const std::string& scratch_dir,
                                 const std::string& verifier_key) {
  VerifyReport report;
  report.deep = deep;
  DL_ASSIGN_OR_RETURN(uint64_t size, store.LedgerSize());
  DL_ASSIGN_OR_RETURN(auto checkpoints, store.Checkpoints());
  size_t next_cp = 0;
  uint64_t checked_up_to = 0;  // size of the last checkpoint that matched
  ledger::CompactTree tree;    // over leaves recomputed from the stored content
  uint64_t expected = 1;
  // Reading the next chunk overlaps hashing this one (SQLite on one core, SHA-256 on the
  // other). A chunk is the rows' bytes as stored, in one buffer.
  using Rows = store::Store::LedgerRows;
  auto read_chunk = [&store](uint64_t from) { return store.ReadLedgerRows(from, kChunk); };
  std::future<Result<Rows>> next;
  if (size > 0) next = std::async(std::launch::async, read_chunk, uint64_t{1});
  // The last time text read and its canonical form (none yet: even an empty text is parsed).
  std::optional<std::string> time_stored;
  std::string time_canonical;
  for (uint64_t first = 1; first <= size && !report.first_bad; first += kChunk) {
    std::vector<ledger::SubtreeNode> nodes;  // completed by this chunk's leaves
    auto raw = next.get();
    if (first + kChunk <= size) next = std::async(std::launch::async, read_chunk, first + kChunk);
    if (!raw) {
      report.first_bad = first;
      report.problem = raw.error().message;
      break;
    }
    for (size_t i = 0; i < raw->rows.size(); ++i) {
      const uint64_t seq = raw->rows[i].seq;
      const std::string_view kind = raw->Get(i, Rows::kKind), subject = raw->Get(i, Rows::kSubject);
      if (seq == 1) {
        report.previous = BindingOf(kind, std::string(raw->Get(i, Rows::kPayload)));
      }
      if (seq != expected) {
        report.first_bad = expected;
        report.problem = "记录缺失（下一条是第 " + std::to_string(seq) + " 条）";
        break;
      }
      // The leaf is recomputed from the stored bytes, the time in its canonical form (rows of
      // one batch share a time, so it is parsed once per batch); whether a payload still
      // decodes into a change is checked by --deep, which replays every entry.
      const std::string_view time = raw->Get(i, Rows::kTime);
      if (time_stored != time) {
        const auto parsed = ParseInstant(time);
        if (!parsed) {
          report.first_bad = seq;
          report.problem = "记录时间“" + std::string(time) + "”无法识别（" + std::string(kind) +
                           " " + std::string(subject) + "）：记录在写入后被改动过";
          break;
        }
        time_stored = time;
        time_canonical = FormatInstant(*parsed);
      }
      const Hash leaf = ledger::LeafHashOf(seq, kind, subject, raw->Get(i, Rows::kActor),
                                           time_canonical, raw->Get(i, Rows::kPayload));
      const std::string_view stored = raw->Get(i, Rows::kLeafHash);
      if (stored.size() != leaf.size() ||
          !std::equal(leaf.begin(), leaf.end(), stored.begin(),
                      [](uint8_t a, char b) { return a == static_cast<uint8_t>(b); })) {
        report.first_bad = seq;
        report.problem = "内容与其哈希不符（" + std::string(kind) + " " + std::string(subject) +
                         "）：记录在写入后被改动过";
        break;
      }
      tree.Append(leaf, &nodes);
      while (next_cp < checkpoints.size() && checkpoints[next_cp].size == tree.size()) {
        std::string why = CheckpointProblem(checkpoints[next_cp], tree.Root(), verifier_key);
        if (!why.empty()) {
          report.first_bad = checked_up_to + 1;
          report.problem = "签名检查点（" + std::to_string(tree.size()) + " 条）校验失败：" + why +
                           "；第 " + std::to_string(checked_up_to + 1) + " 至 " +
                           std::to_string(tree.size()) + " 条记录之间被改动过";
          break;
        }
        checked_up_to = tree.size();
        ++report.checkpoints;
        ++next_cp;
      }
      if (report.first_bad) break;
      ++expected;
      ++report.entries;
    }
    if (!report.first_bad && raw->rows.size() < std::min<uint64_t>(kChunk, size - first + 1)) {
      report.first_bad = expected;
      report.problem = "记录缺失";
    }
    if (!report.first_bad && !nodes.empty()) {
      if (auto bad = NodeProblem(store, nodes)) {
        report.first_bad = bad->seq;
        report.problem = bad->what;
      }
    }
  }
  if (!report.first_bad && next_cp < checkpoints.size()) {
    report.first_bad = size + 1;
    report.problem = "签名检查点记载了 " + std::to_string(checkpoints[next_cp].size) +
                     " 条记录，但账本只有 " + std::to_string(size) + " 条：记录被删除了";
  }
  if (!deep || report.first_bad) return report;

  std::random_device rd;
  auto path = std::filesystem::path(scratch_dir) /
              ("daylight-verify-" + std::to_string(rd()) + std::to_string(rd()) + ".db");
  struct Cleanup {
    std::filesystem::path p;
    ~Cleanup() {
      std::error_code ec;
      for (const char* suffix : {"", "-wal", "-shm"}) {
        std::filesystem::remove(p.string() + suffix, ec);
      }
    }
  } cleanup{path};
  {
    DL_ASSIGN_OR_RETURN(auto scratch, store::OpenSqliteStore(path.string(), {.create = true}));
    DL_RETURN_IF_ERROR(Replay(store, *scratch, size));
    DL_RETURN_IF_ERROR(CompareProjections(store, *scratch, &report));
  }
  return report;
}

}  // namespace dl::service
