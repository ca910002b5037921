#include "cli/case_commands.h"

#include <cctype>
#include <fstream>
#include <functional>
#include <iostream>
#include <memory>
#include <optional>
#include <sstream>

#include "base/issue.h"
#include "service/handling_service.h"

namespace dl::cli {
namespace {

// Everything the case commands read from the command line; owned by the callbacks.
struct CaseArgs {
  std::string db, power, case_id, node, person, applicant, counterparty, decision, grade, reason,
      meeting, new_case_id;
  double amount = 0, value = 0;
  CLI::Option* amount_opt = nullptr;
  CLI::Option* value_opt = nullptr;
  std::vector<std::string> attrs;
  bool start_first = false;
};

using Operation = std::function<Result<service::Handled>(service::HandlingService&)>;

// "120", "-2.5": numbers, as CSV cells are read (docs/events.md); "0012", long digit strings
// (ID numbers) and everything else stay text.
bool PlainNumber(const std::string& v) {
  size_t i = v.starts_with('-') ? 1 : 0, digits = 0;
  const size_t int_start = i;
  while (i < v.size() && std::isdigit(static_cast<unsigned char>(v[i]))) ++i, ++digits;
  if (i == int_start || (v[int_start] == '0' && i - int_start > 1)) return false;
  if (i < v.size() && v[i] == '.') {
    const size_t frac = ++i;
    while (i < v.size() && std::isdigit(static_cast<unsigned char>(v[i]))) ++i, ++digits;
    if (i == frac) return false;
  }
  return i == v.size() && digits <= 15;
}

// --attr 名称=值 … as a flat JSON object.
Result<Json> Attributes(const std::vector<std::string>& attrs) {
  Json out = Json::object();
  for (const auto& a : attrs) {
    const size_t eq = a.find('=');
    if (eq == std::string::npos || eq == 0) {
      return Err(ErrorCode::kInvalidArgument, "--attr 应写成 名称=值，收到“" + a + "”");
    }
    const std::string value = a.substr(eq + 1);
    out[a.substr(0, eq)] = PlainNumber(value) ? Json(std::stod(value)) : Json(value);
  }
  return out;
}

// --meeting: a JSON object (docs/events.md) or a file holding one, checked as an event's
// meeting field is.
Result<std::optional<engine::MeetingRecord>> Meeting(const std::string& arg) {
  if (arg.empty()) return std::optional<engine::MeetingRecord>();
  std::string text = arg;
  if (!arg.starts_with('{')) {
    std::ifstream in(arg, std::ios::binary);
    if (!in) return Err(ErrorCode::kNotFound, "找不到会议记录文件 " + arg);
    std::ostringstream s;
    s << in.rdbuf();
    text = s.str();
  }
  auto json = ParseJson(text, nullptr);
  if (!json) return Err(ErrorCode::kInvalidArgument, "--meeting 不是有效的 JSON 对象");
  auto meeting = engine::MeetingFromJson(*json);
  if (!meeting) return Err(ErrorCode::kInvalidArgument, "--meeting：" + meeting.error().message);
  return std::optional<engine::MeetingRecord>(std::move(*meeting));
}

// A refusal in plain words: each issue's message (the rule's reason, the steps that may come
// next), then the writer's summary.
int Refused(Context& ctx, const Error& error) {
  if (ctx.json || error.code != ErrorCode::kInvalidArgument) return ctx.Fail(error);
  for (const auto& issue : IssuesFromJson(error.details))
    std::cerr << "未办理：" << issue.message << "\n";
  std::cerr << "错误: " << error.message << "\n";
  return kExitInvalid;
}

std::string SeqText(const service::Handled& h) {
  if (h.first_seq == 0) return "";
  return "（留痕记录第 " + std::to_string(h.first_seq) +
         (h.last_seq > h.first_seq ? "–" + std::to_string(h.last_seq) : "") + " 条）";
}

// Runs one operation as the CLI's user, then prints what it did and where the case stands.
int RunHandling(Context& ctx, const CaseArgs& a, const std::string& done, const Operation& op) {
  auto opened = OpenDatabase(ctx, a.db, /*with_writer=*/true);
  if (!opened) return ctx.Fail(opened.error());
  service::HandlingOptions options;
  options.actor = ctx.Actor();
  service::HandlingService handling(*opened->writer, *opened->store, ctx.clock, options);
  auto handled = op(handling);
  if (!handled) return Refused(ctx, handled.error());
  Json out = handled->ToJson();
  std::string text = done + "：办件 " + handled->case_id + SeqText(*handled) + "。\n";
  for (const auto& w : handled->raised) {
    text += "预警 " + w.level + " " + w.rule_name + "：" + w.message + "\n";
  }
  if (auto view = service::ViewCase(*opened->store, handled->case_id)) {
    Json v = view->ToJson();
    out["next"] = v["next"];
    out["can_close"] = v["can_close"];
    out["closed"] = v["closed"];
    out["suspended"] = v["suspended"];
    if (view->suspended) {
      text += "办件暂停计时中（恢复：daylight case --db " + a.db + " resume " + view->case_id +
              " --person 人员编码）。\n";
    } else if (view->can_close) {
      text += "流程已走完，可以办结。\n";
    } else if (!view->closed && !view->next.empty()) {
      text += "当前可以办理的环节：";
      for (size_t i = 0; i < view->next.size(); ++i) {
        const auto& n = view->next[i];
        text += (i ? "、" : "") +
                ("“" + n.name + "”（" + n.node + (n.post.empty() ? "" : "，岗位 " + n.post) + "）");
      }
      text += "\n";
    }
  }
  ctx.Print(out, text);
  return kExitOk;
}

CLI::App* Person(CLI::App* cmd, CaseArgs& a, const char* what) {
  cmd->add_option("--person", a.person, what)->required();
  return cmd;
}

}  // namespace

void AddCaseCommand(CLI::App& app, Context& ctx, int& rc) {
  auto a = std::make_shared<CaseArgs>();
  auto* cmd =
      app.add_subcommand("case",
                         "在线办理：受理、办理环节、作出决定、暂停/"
                         "恢复计时、办结，查看办件（偏离流程或非本岗人员办理的一律不予办理）");
  cmd->require_subcommand(1);
  cmd->add_option("--db", a->db, "数据库文件")->required();
  auto run = [&ctx, &rc, a](const std::string& done, const Operation& op) {
    rc = RunHandling(ctx, *a, done, op);
  };

  auto* open = Person(cmd->add_subcommand("open", "受理办件（按受理当天生效的权力版本和流程办理）"),
                      *a, "受理人（人员编码）");
  open->add_option("power", a->power, "权力编码")->required();
  open->add_option("--case", a->new_case_id,
                   "办件编号（省略时生成，如 XK-SCJ-001-20261123-3fa2c1）");
  open->add_option("--applicant", a->applicant, "申请人");
  open->add_option("--counterparty", a->counterparty, "相对人 / 供应商 / 当事人");
  a->amount_opt = open->add_option("--amount", a->amount, "金额（元）");
  open->add_option("--attr", a->attrs, "办件数据 名称=值（可重复；流程图的条件按名称读取）");
  open->callback([run, a] {
    auto attrs = Attributes(a->attrs);
    service::OpenRequest req;
    req.power = a->power;
    req.person = a->person;
    req.applicant = a->applicant;
    req.counterparty = a->counterparty;
    req.amount = a->amount_opt->count() ? std::optional(a->amount) : std::nullopt;
    req.case_id = a->new_case_id;
    if (attrs) req.attributes = *attrs;
    run("已受理", [&](service::HandlingService& h) -> Result<service::Handled> {
      if (!attrs) return Err(attrs.error());
      return h.Open(req);
    });
  });

  auto* start = Person(cmd->add_subcommand("start", "开始办理一个环节"), *a, "办理人（人员编码）");
  start->add_option("case", a->case_id, "办件编号")->required();
  start->add_option("node", a->node, "环节编码")->required();
  start->callback([run, a] {
    run("已开始环节 " + a->node,
        [a](service::HandlingService& h) { return h.Start(a->case_id, a->node, a->person); });
  });

  auto* step = Person(cmd->add_subcommand("step", "完成一个环节"), *a, "办理人（人员编码）");
  step->add_option("case", a->case_id, "办件编号")->required();
  step->add_option("node", a->node, "环节编码")->required();
  step->add_flag("--start", a->start_first, "先记录“开始”，再记录“完成”");
  step->add_option("--decision", a->decision, "办理结果，如 同意、退回（流程图的条件可以读它）");
  step->add_option("--reason", a->reason, "理由");
  auto* step_amount = step->add_option("--amount", a->amount, "金额（元）");
  step->add_option("--attr", a->attrs, "办件数据 名称=值（可重复）");
  step->callback([run, a, step_amount] {
    auto attrs = Attributes(a->attrs);
    run("已完成环节 " + a->node, [&](service::HandlingService& h) -> Result<service::Handled> {
      if (!attrs) return Err(attrs.error());
      service::StepValues v;
      v.amount = step_amount->count() ? std::optional(a->amount) : std::nullopt;
      v.decision = a->decision;
      v.reason = a->reason;
      v.attributes = *attrs;
      return h.Step(a->case_id, a->node, a->person, v, a->start_first);
    });
  });

  auto* decide =
      Person(cmd->add_subcommand("decide", "在一个环节作出决定（裁量基准、集体决策规则据此判断）"),
             *a, "决定人（人员编码）");
  decide->add_option("case", a->case_id, "办件编号")->required();
  decide->add_option("node", a->node, "环节编码")->required();
  decide->add_option("--decision", a->decision, "决定，如 准予许可、罚款")->required();
  a->value_opt = decide->add_option("--value", a->value, "决定值，如罚款数额（元），对照裁量基准");
  decide->add_option("--grade", a->grade, "裁量情节：轻微、一般、较重、严重");
  decide->add_option("--reason", a->reason, "理由（超出裁量基准时写明理由）");
  decide->add_option("--meeting", a->meeting,
                     "会议记录（集体决策）：JSON 对象或含 JSON 的文件，见 docs/events.md");
  decide->callback([run, a] {
    run("已作出决定“" + a->decision + "”",
        [a](service::HandlingService& h) -> Result<service::Handled> {
          DL_ASSIGN_OR_RETURN(auto meeting, Meeting(a->meeting));
          service::Decision d;
          d.decision = a->decision;
          d.decided_value = a->value_opt->count() ? std::optional(a->value) : std::nullopt;
          d.grade = a->grade;
          d.reason = a->reason;
          d.meeting = std::move(meeting);
          return h.Decide(a->case_id, a->node, a->person, d);
        });
  });

  auto* suspend =
      Person(cmd->add_subcommand("suspend", "暂停计时（补正材料、听证、专家评审、公示）"), *a,
             "办理人（人员编码）");
  suspend->add_option("case", a->case_id, "办件编号")->required();
  suspend->add_option("--reason", a->reason, "暂停计时的理由（必填）");
  suspend->callback([run, a] {
    run("已暂停计时",
        [a](service::HandlingService& h) { return h.Suspend(a->case_id, a->person, a->reason); });
  });

  auto* resume = Person(cmd->add_subcommand("resume", "恢复计时"), *a, "办理人（人员编码）");
  resume->add_option("case", a->case_id, "办件编号")->required();
  resume->callback([run, a] {
    run("已恢复计时", [a](service::HandlingService& h) { return h.Resume(a->case_id, a->person); });
  });

  auto* close =
      Person(cmd->add_subcommand("close", "办结（流程须已走完）"), *a, "办理人（人员编码）");
  close->add_option("case", a->case_id, "办件编号")->required();
  close->add_option("--decision", a->decision, "办理结果，如 准予许可");
  close->callback([run, a] {
    run("已办结",
        [a](service::HandlingService& h) { return h.Close(a->case_id, a->person, a->decision); });
  });

  auto* show = cmd->add_subcommand("show", "查看办件：办理记录、当前可以办理的环节、预警");
  show->add_option("case", a->case_id, "办件编号")->required();
  show->callback([&ctx, &rc, a] {
    auto opened = OpenDatabase(ctx, a->db, /*with_writer=*/false);
    if (!opened) {
      rc = ctx.Fail(opened.error());
      return;
    }
    auto view = service::ViewCase(*opened->store, a->case_id);
    if (!view) {
      rc = ctx.Fail(view.error());
      return;
    }
    ctx.Print(view->ToJson(), view->ToText());
    rc = kExitOk;
  });
}

}  // namespace dl::cli
