// The ledger commands (留痕): verify, key, checkpoints, proof, evidence.
#include <filesystem>
#include <fstream>

#include "cli/commands.h"
#include "ledger/checkpoint.h"
#include "service/evidence_service.h"
#include "service/proof_service.h"
#include "service/verify_service.h"

namespace dl::cli {

namespace {
// A verifier key given as text or as a file holding it; empty: the one of <db>.key.
Result<std::string> ResolveVerifierKey(const std::string& db, const std::string& given) {
  if (!given.empty()) {
    if (!std::filesystem::exists(given)) return given;
    std::ifstream in(given);
    std::string line;
    std::getline(in, line);
    return line;
  }
  if (!std::filesystem::exists(KeyPath(db))) return std::string();
  DL_ASSIGN_OR_RETURN(auto key, ledger::SigningKey::Load(KeyPath(db)));
  return key.VerifierKey();
}
}  // namespace

int RunVerify(Context& ctx, const std::string& db, bool deep, const std::string& pubkey,
              const std::string& previous) {
  auto opened = OpenDatabase(ctx, db, false);
  if (!opened) return ctx.Fail(opened.error());
  auto vkey = ResolveVerifierKey(db, pubkey);
  if (!vkey) return ctx.Fail(vkey.error());
  ctx.Stage(deep ? "重算留痕记录和检查点，并由账本重建投影表" : "重算留痕记录和检查点");
  const std::string scratch = std::filesystem::temp_directory_path().string();
  auto report = service::VerifyStore(*opened->store, deep, scratch, *vkey);
  if (!report) return ctx.Fail(report.error());
  Json json = report->ToJson();
  std::string text = report->ToText();
  bool ok = report->ok();
  if (!previous.empty()) {
    auto old = OpenDatabase(ctx, previous, false);
    if (!old) return ctx.Fail(old.error());
    ctx.Stage("校验上一期账本 " + previous + " 并核对两期衔接");
    auto old_report = service::VerifyStore(*old->store, deep, scratch, *vkey);
    if (!old_report) return ctx.Fail(old_report.error());
    std::string chain = "新账本的首条记录没有绑定上一期账本";
    if (report->previous) {
      auto checked = service::CheckChain(*report->previous, *old->store, *vkey);
      if (!checked) return ctx.Fail(checked.error());
      chain = *checked;
    }
    json["previous_log"] = old_report->ToJson();
    json["chain_ok"] = chain.empty();
    if (!chain.empty()) json["chain_problem"] = chain;
    text += "上一期账本 " + previous + "：\n" + old_report->ToText();
    text += chain.empty() ? "两期衔接一致：新账本的首条记录绑定了上一期的最终签名检查点。\n"
                          : "两期衔接有问题：" + chain + "\n";
    ok = ok && old_report->ok() && chain.empty();
  }
  json["ok"] = ok;
  if (vkey->empty()) text += "（未找到验证公钥，检查点签名未校验；可用 --pubkey 指定）\n";
  ctx.Print(json, text);
  return ok ? kExitOk : kExitInvalid;
}

int RunKey(Context& ctx, const std::string& db) {
  auto key = ledger::SigningKey::Load(KeyPath(db));
  if (!key) return ctx.Fail(key.error());
  ctx.Print({{"verifier_key", key->VerifierKey()}, {"key_file", KeyPath(db)}}, key->VerifierKey());
  return kExitOk;
}

int RunCheckpoints(Context& ctx, const std::string& db) {
  auto opened = OpenDatabase(ctx, db, false);
  if (!opened) return ctx.Fail(opened.error());
  auto list = opened->store->Checkpoints();
  if (!list) return ctx.Fail(list.error());
  Json rows = Json::array();
  std::string text;
  for (const auto& cp : *list) {
    rows.push_back({{"size", cp.size},
                    {"root", ToHex(cp.root)},
                    {"time", FormatInstant(cp.time)},
                    {"note", cp.note}});
    text +=
        FormatInstant(cp.time) + "  " + std::to_string(cp.size) + " 条  " + ToHex(cp.root) + "\n";
  }
  text += "共 " + std::to_string(list->size()) + " 个签名检查点\n";
  ctx.Print(rows, text);
  return kExitOk;
}

int RunProof(Context& ctx, const std::string& db, const std::string& what, uint64_t a, uint64_t b) {
  auto opened = OpenDatabase(ctx, db, false);
  if (!opened) return ctx.Fail(opened.error());
  if (what == "inclusion") {
    auto r =
        service::ProveInclusion(*opened->store, a, b ? std::optional<uint64_t>(b) : std::nullopt);
    if (!r) return ctx.Fail(r.error());
    ctx.Print(r->ToJson(), r->ToJson().dump(2, ' ', false));
    return kExitOk;
  }
  auto r = service::ProveConsistency(*opened->store, a, b);
  if (!r) return ctx.Fail(r.error());
  ctx.Print(r->ToJson(), r->ToJson().dump(2, ' ', false));
  return kExitOk;
}

int RunEvidence(Context& ctx, const std::string& db, const std::string& kind, const std::string& id,
                const std::string& out) {
  auto opened = OpenDatabase(ctx, db, false);
  if (!opened) return ctx.Fail(opened.error());
  const std::string subject = kind + ":" + id;
  ctx.Stage("收集“" + subject + "”的留痕记录并生成包含证明");
  auto bundle = service::BuildEvidence(*opened->store, subject, ctx.clock.Now());
  if (!bundle) return ctx.Fail(bundle.error());
  const std::string text = bundle->ToJson().dump(2, ' ', false) + "\n";
  if (out.empty()) {
    std::fwrite(text.data(), 1, text.size(), stdout);
    return kExitOk;
  }
  if (auto w = WriteTextFile(out, text); !w) return ctx.Fail(w.error());
  ctx.Print({{"subject", subject}, {"entries", bundle->entries.size()}, {"output", out}},
            "证据包已写入 " + out + "：" + std::to_string(bundle->entries.size()) +
                " 条记录及其包含证明。离线校验：daylight-verify " + out + " --key <验证公钥>");
  return kExitOk;
}

}  // namespace dl::cli
