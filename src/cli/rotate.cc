// daylight rotate: closes the log of a period and starts the next one (docs/ledger.md,
// "账本分期"). The closed database is moved aside unchanged, ending with a signed checkpoint
// of its full size; the new log's first entry binds that checkpoint, and the entries after
// it declare the state in force, so the new log alone rebuilds every projection.
#include <filesystem>

#include "cli/commands.h"
#include "ledger/checkpoint.h"
#include "service/verify_service.h"

namespace dl::cli {
namespace {

namespace fs = std::filesystem;

struct Closed {
  catalog::Catalog state;
  catalog::RiskFormula formula;
  std::string origin;
  store::StoredCheckpoint final_checkpoint;
};

// Seals the old log: the writer's stop signs a checkpoint of every entry.
Result<Closed> CloseLog(Context& ctx, const std::string& db) {
  if (!fs::exists(KeyPath(db))) {
    return Err(ErrorCode::kNotFound, "找不到签名密钥 " + KeyPath(db) + "：没有它无法封存本期账本");
  }
  DL_ASSIGN_OR_RETURN(Opened o, OpenDatabase(ctx, db, /*with_writer=*/true));
  // Open cases are not carried into the new log yet: their history would stay behind.
  DL_ASSIGN_OR_RETURN(auto open_cases, o.store->CasesToLoad("9999"));
  if (!open_cases.empty()) {
    return Err(ErrorCode::kConflict,
               "还有 " + std::to_string(open_cases.size()) + " 个未办结的办件（如 " +
                   open_cases.front() +
                   "）；目前须在办件全部办结后再分期，未办结办件的转入将在后续版本提供");
  }
  Closed c{o.writer->Snapshot(), o.formula, o.origin, {}};
  o.writer.reset();  // signs the final checkpoint
  DL_ASSIGN_OR_RETURN(uint64_t size, o.store->LedgerSize());
  DL_ASSIGN_OR_RETURN(auto checkpoints, o.store->Checkpoints());
  if (checkpoints.empty() || checkpoints.back().size != size) {
    return Err(ErrorCode::kInternal,
               "未能为本期账本的全部 " + std::to_string(size) + " 条记录签出检查点");
  }
  c.final_checkpoint = checkpoints.back();
  return c;
}

// "daylight/云溪县" → "daylight/云溪县@2027"; a log rotated before keeps its base.
std::string NextOrigin(const std::string& origin, const std::string& period) {
  return origin.substr(0, origin.find('@')) + "@" + period;
}

Status MoveDatabase(const std::string& from, const std::string& to) {
  std::error_code ec;
  for (const char* suffix : {"", "-wal", "-shm"}) {
    if (!fs::exists(from + suffix)) continue;
    fs::rename(from + suffix, to + suffix, ec);
    if (ec)
      return Err(ErrorCode::kIo,
                 "无法把 " + from + suffix + " 移到 " + to + suffix + "：" + ec.message());
  }
  return Ok();
}

// Starts the new log at `db`: the binding entry, the settings, then the state in force.
Status StartNextLog(Context& ctx, const std::string& db, const std::string& archive,
                    const Closed& closed, const std::string& origin) {
  { DL_ASSIGN_OR_RETURN(auto created, store::OpenSqliteStore(db, {.create = true})); }
  DL_ASSIGN_OR_RETURN(Opened o, OpenDatabase(ctx, db, /*with_writer=*/false));
  writer::WriterOptions options;
  options.formula = closed.formula;
  options.origin = origin;
  DL_ASSIGN_OR_RETURN(auto key, ledger::SigningKey::Load(KeyPath(db)));
  options.signer = std::make_shared<const ledger::SigningKey>(std::move(key));
  DL_ASSIGN_OR_RETURN(auto writer, writer::Writer::Start(*o.store, ctx.clock, options));
  const auto& cp = closed.final_checkpoint;
  service::PreviousLog previous{closed.origin, cp.size, cp.root, cp.note,
                                fs::path(archive).filename().string()};
  writer::Submission sub{ctx.Actor(), {}, false};
  sub.commands.push_back(catalog::Change(
      catalog::SettingPut{service::kPreviousLogSetting, CanonicalJson(previous.ToJson())}));
  sub.commands.push_back(catalog::Change(
      catalog::SettingPut{kRiskFormulaSetting, CanonicalJson(RiskFormulaToJson(closed.formula))}));
  sub.commands.push_back(
      catalog::Change(catalog::SettingPut{kOriginSetting, CanonicalJson(Json(origin))}));
  sub.commands.emplace_back(std::in_place_type<writer::ImportCatalog>, closed.state);
  DL_RETURN_IF_ERROR(writer->Submit(std::move(sub)));
  return Ok();  // the writer's stop signs the new log's first checkpoint
}

}  // namespace

int RunRotate(Context& ctx, const std::string& db, const std::string& archive,
              const std::string& period_given) {
  if (fs::exists(archive)) {
    return ctx.Fail({ErrorCode::kConflict, "归档文件 " + archive + " 已存在，不会覆盖", nullptr});
  }
  if (!fs::exists(db)) {
    return ctx.Fail({ErrorCode::kNotFound, "数据库文件 " + db + " 不存在", nullptr});
  }
  const std::string period =
      period_given.empty() ? std::to_string(DateOf(ctx.clock.Now()).Year()) : period_given;
  ctx.Stage("封存本期账本：签出覆盖全部记录的检查点");
  auto closed = CloseLog(ctx, db);
  if (!closed) return ctx.Fail(closed.error());
  const std::string origin = NextOrigin(closed->origin, period);
  if (origin == closed->origin) {
    return ctx.Fail({ErrorCode::kConflict,
                     "新一期账本的名称与本期相同（" + origin + "）；请用 --period 指定新的期别",
                     nullptr});
  }
  ctx.Stage("归档到 " + archive);
  if (auto moved = MoveDatabase(db, archive); !moved) return ctx.Fail(moved.error());
  auto key = ledger::SigningKey::Load(KeyPath(db));
  if (key) (void)WriteTextFile(archive + ".pub", key->VerifierKey() + "\n");
  ctx.Stage("开启新一期账本 " + origin + "，首条记录绑定上一期的最终检查点");
  if (auto started = StartNextLog(ctx, db, archive, *closed, origin); !started) {
    // Put the old log back as it was; nothing of the new one survives.
    for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(db + suffix);
    (void)MoveDatabase(archive, db);
    fs::remove(archive + ".pub");
    return ctx.Fail(started.error());
  }
  const auto& cp = closed->final_checkpoint;
  ctx.Print({{"archive", archive},
             {"previous_origin", closed->origin},
             {"previous_size", cp.size},
             {"origin", origin}},
            "上一期账本 " + closed->origin + "（" + std::to_string(cp.size) + " 条记录）已封存为 " +
                archive + "，验证公钥见 " + archive + ".pub。\n新一期账本 " + origin + " 已开启：" +
                "首条记录绑定上一期的最终检查点，随后载入现行的四单。\n" +
                "核对两期衔接：daylight verify --db " + db + " --previous " + archive);
  return kExitOk;
}

}  // namespace dl::cli
