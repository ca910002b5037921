// daylight: the command line of Daylight (阳光权力运行监督平台).
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <iostream>

#include "cli/case_commands.h"
#include "cli/commands.h"

int main(int argc, char** argv) {
  using namespace dl::cli;
  Context ctx;
  CLI::App app{"Daylight 阳光权力运行监督平台 — 权力清单、流程、风险防控与留痕", "daylight"};
  app.require_subcommand(1);
  app.fallthrough();
  app.add_flag("--json", ctx.json, "以 JSON 输出结果（供脚本使用）");
  app.parse_complete_callback([&] { ctx.progress = !ctx.json && isatty(STDERR_FILENO); });

  std::string db, file, out, format = "", what, code, config, by = "year", on_date, today;
  uint64_t seed = 1;
  bool dry_run = false;
  int rc = kExitOk;

  auto* init = app.add_subcommand("init", "创建数据库（嵌入式 SQLite）");
  init->add_option("--db", db, "数据库文件")->required();
  init->add_option("--config", config, "配置文件（TOML，[risk_formula] 风险评分公式）");
  init->callback([&] { rc = RunInit(ctx, db, config); });

  auto* demo = app.add_subcommand("demo", "生成示范县（单位、人员、四单）和一年的办件");
  demo->add_option("--db", db, "数据库文件")->required();
  demo->add_option("--seed", seed, "随机种子（同一种子生成相同数据）");
  int demo_cases = 24000;
  demo->add_option("--cases", demo_cases, "一年的办件数（默认 24000；0 表示只生成四单）")
      ->check(CLI::Range(0, 200000));
  demo->callback([&] { rc = RunDemo(ctx, db, seed, demo_cases); });

  auto* import_cmd = app.add_subcommand("import", "导入四单（JSON 或 Excel）");
  import_cmd->add_option("--db", db, "数据库文件")->required();
  std::string mapping;
  import_cmd->add_option("what", what, "导入内容：catalog（四单）或 events（办件事件）")
      ->required()
      ->check(CLI::IsMember({"catalog", "events"}));
  import_cmd->add_option("file", file, "文件（四单 .json/.xlsx；事件 .jsonl/.csv/.xes/.xes.gz）")
      ->required();
  import_cmd->add_flag("--dry-run", dry_run, "试运行：只校验并列出问题，不写入");
  import_cmd->add_option("--mapping", mapping, "XES 映射文件（默认取日志旁的 .mapping.toml）");
  import_cmd->callback([&] {
    rc = what == "events" ? RunImportEvents(ctx, db, file, mapping, dry_run)
                          : RunImportCatalog(ctx, db, file, dry_run);
  });

  auto* exp = app.add_subcommand("export", "导出四单或空白模板");
  exp->add_option("--db", db, "数据库文件");
  exp->add_option("what", what, "导出内容：catalog 或 template")
      ->required()
      ->check(CLI::IsMember({"catalog", "template"}));
  exp->add_option("--format", format, "json 或 xlsx（默认按文件扩展名）")
      ->check(CLI::IsMember({"json", "xlsx"}));
  exp->add_option("-o,--output", out, "输出文件（省略时 JSON 写到标准输出）");
  exp->callback([&] {
    if (what == "template") {
      rc = RunExportTemplate(ctx, out);
    } else if (db.empty()) {
      rc = ctx.Fail({dl::ErrorCode::kInvalidArgument, "导出四单需要 --db", nullptr});
    } else {
      rc = RunExportCatalog(ctx, db, format, out);
    }
  });

  auto* render = app.add_subcommand("render", "生成权力运行流程图（SVG）");
  render->add_option("--db", db, "数据库文件")->required();
  render->add_option("what", what, "flow")->required()->check(CLI::IsMember({"flow"}));
  render->add_option("power", code, "权力编码")->required();
  render->add_option("-o,--output", out, "输出 SVG 文件（省略时写到标准输出）");
  render->add_option("--on", on_date, "画出该日期生效的版本（YYYY-MM-DD）");
  render->callback([&] { rc = RunRenderFlow(ctx, db, code, out, on_date); });

  auto* validate = app.add_subcommand("validate", "校验数据库中的四单");
  validate->add_option("--db", db, "数据库文件")->required();
  validate->add_option("--today", today, "以该日期判断评估是否逾期（默认今天）");
  validate->callback([&] { rc = RunValidate(ctx, db, today); });

  auto* report = app.add_subcommand("report", "统计报表");
  report->add_option("--db", db, "数据库文件")->required();
  report->add_option("what", what, "changes：权力取消/下放/合并/调整统计")
      ->required()
      ->check(CLI::IsMember({"changes"}));
  report->add_option("--by", by, "year、quarter 或 month")
      ->check(CLI::IsMember({"year", "quarter", "month"}));
  report->callback([&] { rc = RunReportChanges(ctx, db, by); });

  bool deep = false;
  auto* verify =
      app.add_subcommand("verify", "校验留痕：重算每条记录的哈希；--deep 由账本重建投影表并比对");
  verify->add_option("--db", db, "数据库文件")->required();
  verify->add_flag("--deep", deep, "由账本重建所有投影表并与数据库中的表比对");
  std::string pubkey, previous;
  verify->add_option("--pubkey", pubkey, "验证公钥（文本或文件；默认取数据库旁的 .key）");
  verify->add_option("--previous", previous, "上一期账本的归档文件：一并校验，并核对两期衔接");
  verify->callback([&] { rc = RunVerify(ctx, db, deep, pubkey, previous); });

  std::string archive, period;
  auto* rotate = app.add_subcommand(
      "rotate", "账本分期：封存本期账本并归档，开启绑定其最终检查点的新一期账本");
  rotate->add_option("--db", db, "数据库文件（封存后在原位置开启新一期）")->required();
  rotate->add_option("--archive", archive, "本期账本的归档文件（不得已存在）")->required();
  rotate->add_option("--period", period, "新一期的名称（默认今年的年份，如 2027）");
  rotate->callback([&] { rc = RunRotate(ctx, db, archive, period); });

  auto* key = app.add_subcommand("key", "导出检查点的验证公钥（签名笔记格式）");
  key->add_option("--db", db, "数据库文件")->required();
  key->callback([&] { rc = RunKey(ctx, db); });

  uint64_t proof_a = 0, proof_b = 0;
  auto* proof = app.add_subcommand(
      "proof", "默克尔证明：inclusion 记录号 [检查点大小]；consistency 旧大小 新大小");
  proof->add_option("--db", db, "数据库文件")->required();
  proof->add_option("what", what, "inclusion 或 consistency")
      ->required()
      ->check(CLI::IsMember({"inclusion", "consistency"}));
  proof->add_option("a", proof_a, "inclusion：记录号；consistency：旧检查点大小")->required();
  proof->add_option("b", proof_b, "inclusion：检查点大小（默认最新）；consistency：新检查点大小");
  proof->callback([&] { rc = RunProof(ctx, db, what, proof_a, proof_b); });

  std::string subject_id;
  auto* evidence = app.add_subcommand(
      "evidence", "证据包：某办件（或权力、单位等）的全部留痕记录、包含证明和签名检查点");
  evidence->add_option("--db", db, "数据库文件")->required();
  evidence->add_option("what", what, "对象类别：case、power、unit、post、person、warning")
      ->required()
      ->check(CLI::IsMember({"case", "power", "unit", "post", "person", "warning"}));
  evidence->add_option("id", subject_id, "对象编号（如办件号、权力编码）")->required();
  evidence->add_option("-o,--output", out, "输出文件（省略时写到标准输出）");
  evidence->callback([&] { rc = RunEvidence(ctx, db, what, subject_id, out); });

  auto* checkpoints = app.add_subcommand("checkpoints", "列出签名检查点");
  checkpoints->add_option("--db", db, "数据库文件")->required();
  checkpoints->callback([&] { rc = RunCheckpoints(ctx, db); });

  dl::store::WarningFilter filter;
  auto* warnings = app.add_subcommand("warnings", "预警列表：监察规则发现的问题（新的在前）");
  warnings->add_option("--db", db, "数据库文件")->required();
  warnings->add_option("--unit", filter.unit, "只看该单位（单位编码）");
  warnings->add_option("--supervisor", filter.supervisor, "只看该监督单位负责的（单位编码）");
  warnings->add_option("--level", filter.level, "提醒、黄牌或红牌")
      ->check(CLI::IsMember({"提醒", "黄牌", "红牌"}));
  warnings->add_option("--case", filter.case_id, "只看该办件");
  warnings->add_option("--limit", filter.limit, "最多列出条数（默认 1000）");
  warnings->callback([&] { rc = RunWarnings(ctx, db, filter); });

  std::string assess_period, scheme_file;
  auto* assess = app.add_subcommand("assess", "考核：按考核方案为各单位打分、评定等级并排名");
  assess->add_option("--db", db, "数据库文件")->required();
  assess->add_option("--period", assess_period, "考核期间，如 2026Q3（季度）或 2026（年度）")
      ->required();
  assess->add_option("--scheme", scheme_file, "考核方案 TOML 文件（省略时用内置方案）");
  assess->add_option("-o,--output", out, "写出 Excel 报表（.xlsx）");
  assess->callback([&] { rc = RunAssess(ctx, db, assess_period, scheme_file, out); });

  AddCaseCommand(app, ctx, rc);

  auto* serve = app.add_subcommand("serve", "启动服务器：HTTP API（/api/v1）和网页界面");
  serve->add_option("--db", db, "数据库文件")->required();
  std::string listen = "127.0.0.1:8080", web_root = "web/dist";
  int threads = 8;
  serve->add_option("--listen", listen, "监听地址:端口（默认 127.0.0.1:8080）");
  serve->add_option("--web", web_root, "网页界面目录（默认 web/dist）");
  serve->add_option("--threads", threads, "处理请求的线程数（默认 8）")->check(CLI::Range(1, 256));
  bool quiet = false;
  serve->add_flag("--quiet", quiet, "不逐个记录请求日志");
  serve->callback([&] { rc = RunServe(ctx, db, listen, web_root, threads, quiet); });

  auto* summary = app.add_subcommand("summary", "概览：数据库中有什么");
  summary->add_option("--db", db, "数据库文件")->required();
  summary->callback([&] { rc = RunSummary(ctx, db); });

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? kExitOk : kExitFailure;
  }
  return rc;
}
