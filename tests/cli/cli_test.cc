// End-to-end tests of the daylight binary: real files in and out, real SQLite databases.
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "base/json.h"
#include "testing/sample_catalog.h"

namespace dl {
namespace {

struct CliRun {
  int exit_code = -1;
  std::string out;  // stdout (stderr is discarded)
};

CliRun RunBinary(const std::string& binary, const std::string& args) {
  std::string cmd = binary + " " + args + " 2>/dev/null";
  CliRun r;
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) return r;
  std::array<char, 4096> buf;
  size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) r.out.append(buf.data(), n);
  int status = pclose(p);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

CliRun Daylight(const std::string& args) { return RunBinary(DAYLIGHT_BIN, args); }
CliRun DaylightVerify(const std::string& args) { return RunBinary(DAYLIGHT_VERIFY_BIN, args); }

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

class CliTest : public ::testing::Test {
 protected:
  std::string Db(const std::string& name) { return dir.File(name); }
  testing::TempDir dir;
};

TEST_F(CliTest, DemoThroughExcelAndBackGivesIdenticalJson) {
  const std::string a = Db("a.db"), b = Db("b.db"), xlsx = dir.File("四单.xlsx");
  ASSERT_EQ(Daylight("demo --db " + a + " --seed 7 --cases 0").exit_code, 0);
  ASSERT_EQ(Daylight("export --db " + a + " catalog --format xlsx -o " + xlsx).exit_code, 0);
  ASSERT_EQ(Daylight("init --db " + b).exit_code, 0);
  CliRun dry = Daylight("--json import --db " + b + " catalog " + xlsx + " --dry-run");
  ASSERT_EQ(dry.exit_code, 0) << dry.out;
  EXPECT_EQ(Json::parse(dry.out)["applied"], false);
  CliRun imp = Daylight("import --db " + b + " catalog " + xlsx);
  ASSERT_EQ(imp.exit_code, 0) << imp.out;
  CliRun ja = Daylight("export --db " + a + " catalog");
  CliRun jb = Daylight("export --db " + b + " catalog");
  ASSERT_EQ(ja.exit_code, 0);
  ASSERT_GT(ja.out.size(), 100000u);  // the demo is not trivially small
  EXPECT_TRUE(ja.out == jb.out) << "JSON exports differ";
  // And importing the same workbook again changes nothing.
  CliRun again = Daylight("--json import --db " + b + " catalog " + xlsx);
  EXPECT_EQ(Json::parse(again.out)["entries"], 0);
}

TEST_F(CliTest, DemoIsDeterministicAndLargeEnough) {
  // With a small year of cases: recorded month by month, judged by the rules.
  CliRun r = Daylight("--json demo --db " + Db("d.db") + " --seed 3 --cases 600");
  ASSERT_EQ(r.exit_code, 0) << r.out;
  Json s = Json::parse(r.out);
  EXPECT_GE(s["cases"]["opened"].get<int>(), 550);
  EXPECT_GE(s["cases"]["events"].get<int>(), 5000);
  EXPECT_FALSE(s["cases"]["warnings"].empty());
  Json listed = Json::parse(Daylight("--json warnings --db " + Db("d.db") + " --limit 100000").out);
  size_t counted = 0;
  for (const auto& [rule, n] : s["cases"]["warnings"].items()) counted += n.get<size_t>();
  EXPECT_GE(listed.size(), counted);  // and the deadline check's, for the cases still open
  EXPECT_GE(s["units"].get<int>(), 15);
  EXPECT_GE(s["powers"].get<int>(), 200);
  EXPECT_EQ(s["powers_by_category"].size(), 15u);
  EXPECT_EQ(s["controls_by_type"].size(), 8u);
  ASSERT_EQ(Daylight("demo --db " + Db("e.db") + " --seed 3 --cases 600").exit_code, 0);
  EXPECT_EQ(Daylight("export --db " + Db("d.db") + " catalog").out,
            Daylight("export --db " + Db("e.db") + " catalog").out);
  EXPECT_EQ(Daylight("validate --db " + Db("d.db") + " --today 2026-11-23").exit_code, 0);
}

TEST_F(CliTest, JsonRoundTripIsExact) {
  const std::string db = Db("j.db"), file = dir.File("in.json"), out = dir.File("out.json");
  ASSERT_EQ(Daylight("demo --db " + db + " --seed 2 --cases 0").exit_code, 0);
  ASSERT_EQ(Daylight("export --db " + db + " catalog -o " + file).exit_code, 0);
  const std::string db2 = Db("j2.db");
  ASSERT_EQ(Daylight("init --db " + db2).exit_code, 0);
  ASSERT_EQ(Daylight("import --db " + db2 + " catalog " + file).exit_code, 0);
  ASSERT_EQ(Daylight("export --db " + db2 + " catalog -o " + out).exit_code, 0);
  EXPECT_TRUE(ReadFile(file) == ReadFile(out));
}

TEST_F(CliTest, BadImportExitsOneAndWritesNothing) {
  const std::string db = Db("x.db"), file = dir.File("bad.json");
  ASSERT_EQ(Daylight("init --db " + db).exit_code, 0);
  Json doc = Json::parse(Daylight("export --db " + db + " catalog").out);
  doc["units"] = Json::array({{{"code", "U1"},
                               {"name", "某局"},
                               {"parent", "NOPE"},
                               {"level", "单位"},
                               {"kind", "政府部门"}}});
  std::ofstream(file) << doc.dump();
  CliRun r = Daylight("--json import --db " + db + " catalog " + file);
  EXPECT_EQ(r.exit_code, 1);
  Json report = Json::parse(r.out);
  EXPECT_EQ(report["applied"], false);
  ASSERT_EQ(report["problems"].size(), 1u);
  EXPECT_EQ(report["problems"][0]["column"], "$.units[0]");
  EXPECT_EQ(report["problems"][0]["field"], "上级单位编码");
  // Only init's entries (the risk formula and log origin settings, the first administrator)
  // are in the ledger.
  EXPECT_EQ(Json::parse(Daylight("--json summary --db " + db).out)["ledger_entries"], 3);
}

TEST_F(CliTest, MissingDatabaseAndFileExitTwo) {
  CliRun r = Daylight("--json export --db " + Db("missing.db") + " catalog");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(Json::parse(r.out)["error"]["code"], "not_found");
  ASSERT_EQ(Daylight("init --db " + Db("y.db")).exit_code, 0);
  EXPECT_EQ(Daylight("import --db " + Db("y.db") + " catalog " + dir.File("none.xlsx")).exit_code,
            2);
}

TEST_F(CliTest, RendersAFlowAsSvg) {
  const std::string db = Db("r.db");
  ASSERT_EQ(Daylight("demo --db " + db + " --cases 0").exit_code, 0);
  Json cat = Json::parse(Daylight("export --db " + db + " catalog").out);
  std::string code = cat["powers"][0]["code"];
  const std::string svg = dir.File("f.svg");
  ASSERT_EQ(Daylight("render --db " + db + " flow " + code + " -o " + svg).exit_code, 0);
  std::string text = ReadFile(svg);
  EXPECT_NE(text.find("<svg"), std::string::npos);
  EXPECT_NE(text.find(cat["powers"][0]["flow"]["nodes"][1]["name"].get<std::string>()),
            std::string::npos);
  EXPECT_EQ(Daylight("render --db " + db + " flow NO-SUCH").exit_code, 2);
}

TEST_F(CliTest, TemplateAndReports) {
  const std::string tpl = dir.File("模板.xlsx");
  ASSERT_EQ(Daylight("export template -o " + tpl).exit_code, 0);
  ASSERT_EQ(Daylight("init --db " + Db("t.db")).exit_code, 0);
  CliRun blank = Daylight("--json import --db " + Db("t.db") + " catalog " + tpl + " --dry-run");
  EXPECT_EQ(blank.exit_code, 0) << blank.out;
  ASSERT_EQ(Daylight("demo --db " + Db("q.db") + " --cases 0").exit_code, 0);
  Json rows =
      Json::parse(Daylight("--json report --db " + Db("q.db") + " changes --by year").out)["rows"];
  ASSERT_FALSE(rows.empty());
  int cancelled = 0;
  for (const auto& row : rows) cancelled += row["取消"].get<int>();
  EXPECT_GT(cancelled, 0);
}

TEST_F(CliTest, InitWithAFormulaConfig) {
  const std::string cfg = dir.File("daylight.toml");
  std::ofstream(cfg) << "[risk_formula]\nweights = [1, 1, 1, 1, 3]\nhigh_at = 20\nmedium_at = 14\n";
  CliRun r = Daylight("--json init --db " + Db("f.db") + " --config " + cfg);
  ASSERT_EQ(r.exit_code, 0) << r.out;
  EXPECT_EQ(Json::parse(r.out)["risk_formula"]["weights"][4], 3);
  // The setting and the first administrator went through the ledger; the administrator's
  // password is shown once.
  EXPECT_EQ(Json::parse(r.out)["ledger_size"], 3);
  EXPECT_EQ(Json::parse(r.out)["admin_password"].get<std::string>().size(), 16u);
  // Re-running init, with the same formula or none, records nothing and keeps the formula.
  Json rerun = Json::parse(Daylight("--json init --db " + Db("f.db") + " --config " + cfg).out);
  EXPECT_EQ(rerun["ledger_size"], 3);
  EXPECT_FALSE(rerun.contains("admin_password"));
  Json again = Json::parse(Daylight("--json init --db " + Db("f.db")).out);
  EXPECT_EQ(again["ledger_size"], 3);
  EXPECT_EQ(again["risk_formula"]["high_at"], 20);
  std::ofstream(cfg) << "[risk_formula\nweights = 1\n";
  EXPECT_EQ(Daylight("init --db " + Db("g.db") + " --config " + cfg).exit_code, 1);
}

TEST_F(CliTest, DemoIsSignedAndVerifies) {
  const std::string db = Db("s.db");
  ASSERT_EQ(Daylight("demo --db " + db + " --cases 0").exit_code, 0);
  EXPECT_TRUE(std::filesystem::exists(db + ".key"));  // the signing key lives beside the db
  Json key = Json::parse(Daylight("--json key --db " + db).out);
  EXPECT_EQ(key["verifier_key"].get<std::string>().rfind("daylight+", 0), 0u);
  Json cps = Json::parse(Daylight("--json checkpoints --db " + db).out);
  ASSERT_FALSE(cps.empty());
  EXPECT_NE(cps.back()["note"].get<std::string>().find("\u2014 daylight "), std::string::npos);
  CliRun v = Daylight("--json verify --db " + db + " --deep");
  ASSERT_EQ(v.exit_code, 0) << v.out;
  EXPECT_GE(Json::parse(v.out)["checkpoints"].get<int>(), 1);
  // A verifier key of another log does not accept these checkpoints.
  const std::string other = Db("o.db");
  ASSERT_EQ(Daylight("init --db " + other).exit_code, 0);
  std::string other_key = Json::parse(Daylight("--json key --db " + other).out)["verifier_key"];
  EXPECT_EQ(Daylight("verify --db " + db + " --pubkey " + other_key).exit_code, 1);
}

TEST_F(CliTest, EvidenceBundlesVerifyOfflineAndTamperingIsNamed) {
  const std::string db = Db("e.db");
  ASSERT_EQ(Daylight("demo --db " + db + " --cases 0").exit_code, 0);
  const std::string key = Json::parse(Daylight("--json key --db " + db).out)["verifier_key"];
  const std::string bundle = dir.File("bundle.json");
  ASSERT_EQ(Daylight("evidence --db " + db + " power CF-CZJ-001 -o " + bundle).exit_code, 0);
  Json b = Json::parse(ReadFile(bundle));
  EXPECT_EQ(b["format"], "daylight.evidence");
  ASSERT_GE(b["entries"].size(), 1u);
  EXPECT_EQ(b["entries"][0]["subject"], "power:CF-CZJ-001");

  CliRun ok = DaylightVerify(bundle + " --key " + key);
  EXPECT_EQ(ok.exit_code, 0) << ok.out;
  EXPECT_NE(ok.out.find("校验通过"), std::string::npos) << ok.out;
  // The key may also be given as a file.
  std::ofstream(dir.File("pub.txt")) << key << "\n";
  EXPECT_EQ(DaylightVerify(bundle + " --key " + dir.File("pub.txt")).exit_code, 0);

  // One changed character of a payload: the entry is named.
  Json forged = b;
  forged["entries"][0]["payload"]["power"]["name"] = "伪造的权力名称";
  std::ofstream(dir.File("forged.json")) << forged.dump();
  CliRun bad = DaylightVerify("--json " + dir.File("forged.json") + " --key " + key);
  EXPECT_EQ(bad.exit_code, 1) << bad.out;
  Json report = Json::parse(bad.out);
  EXPECT_FALSE(report["ok"].get<bool>());
  EXPECT_FALSE(report["entries"][0]["ok"].get<bool>());
  EXPECT_EQ(report["entries"][0]["seq"], b["entries"][0]["seq"]);

  // Another log's key does not accept the checkpoint; a malformed bundle exits 2.
  const std::string other = Db("o.db");
  ASSERT_EQ(Daylight("init --db " + other).exit_code, 0);
  std::string other_key = Json::parse(Daylight("--json key --db " + other).out)["verifier_key"];
  EXPECT_EQ(DaylightVerify(bundle + " --key " + other_key).exit_code, 1);
  std::ofstream(dir.File("broken.json")) << R"({"format":"daylight.evidence","version":1})";
  EXPECT_EQ(DaylightVerify(dir.File("broken.json") + " --key " + key).exit_code, 2);
  // A subject without entries is not found.
  EXPECT_EQ(Daylight("evidence --db " + db + " case NO-SUCH-CASE").exit_code, 2);
}

TEST_F(CliTest, RotationClosesAPeriodAndTheNewLogBindsIt) {
  const std::string db = Db("r.db"), archive = Db("r-2026.db");
  ASSERT_EQ(Daylight("demo --db " + db + " --cases 0").exit_code, 0);
  const Json before = Json::parse(Daylight("--json export catalog --db " + db).out);
  CliRun rotated =
      Daylight("--json rotate --db " + db + " --archive " + archive + " --period 2027");
  ASSERT_EQ(rotated.exit_code, 0) << rotated.out;
  EXPECT_EQ(Json::parse(rotated.out)["origin"], "daylight/r@2027");
  EXPECT_TRUE(std::filesystem::exists(archive + ".pub"));
  // The new log holds the same declared state and rebuilds it from its own ledger alone.
  EXPECT_EQ(Json::parse(Daylight("--json export catalog --db " + db).out), before);
  CliRun v = Daylight("--json verify --db " + db + " --deep --previous " + archive);
  ASSERT_EQ(v.exit_code, 0) << v.out;
  Json report = Json::parse(v.out);
  EXPECT_TRUE(report["chain_ok"].get<bool>());
  EXPECT_EQ(report["previous"]["origin"], "daylight/r");
  // The same period twice, or an existing archive, is refused and changes nothing.
  EXPECT_EQ(Daylight("rotate --db " + db + " --archive " + archive + " --period 2028").exit_code,
            2);
  EXPECT_EQ(Daylight("rotate --db " + db + " --archive " + Db("x.db") + " --period 2027").exit_code,
            2);
  EXPECT_EQ(Daylight("verify --db " + db + " --previous " + archive).exit_code, 0);
  // An archive that is not the bound one breaks the chain.
  const std::string other = Db("other.db");
  ASSERT_EQ(Daylight("demo --db " + other + " --seed 2 --cases 0").exit_code, 0);
  CliRun broken = Daylight("--json verify --db " + db + " --previous " + other);
  EXPECT_EQ(broken.exit_code, 1) << broken.out;
  EXPECT_FALSE(Json::parse(broken.out)["chain_ok"].get<bool>());
}

TEST_F(CliTest, AnEventFileDryRunShowsHowCasesFollowTheirFlows) {
  const std::string db = Db("ev.db");
  ASSERT_EQ(Daylight("init --db " + db).exit_code, 0);
  ASSERT_EQ(Daylight("import --db " + db + " catalog " + std::string(DAYLIGHT_SOURCE_DIR) +
                     "/examples/bpic2020/domestic-declarations.catalog.json")
                .exit_code,
            0);
  auto line = [](const std::string& id, const std::string& type, const std::string& c,
                 const std::string& node, const std::string& time) {
    std::string l = R"({"source":"oa","id":")" + id + R"(","type":")" + type + R"(","case":")" + c +
                    R"(","occurred":")" + time + R"(","actor":"P1")";
    if (type == "opened") l += R"(,"power":"CW-BPI-001")";
    if (!node.empty()) l += R"(,"node":")" + node + R"(")";
    return l + "}\n";
  };
  std::string events;
  int n = 0;
  for (const char* node : {"N1", "N5", "N6", "N7"}) {  // case A follows the flow
    if (n == 0) events += line("a0", "opened", "A", "", "2026-03-02T01:00:00Z");
    events += line("a" + std::to_string(++n), "completed", "A", node, "2026-03-02T02:00:00Z");
  }
  events += line("a9", "closed", "A", "", "2026-03-03T02:00:00Z");
  events += line("b0", "opened", "B", "", "2026-03-02T01:00:00Z");
  events += line("b1", "completed", "B", "N1", "2026-03-02T02:00:00Z");
  events += line("b2", "completed", "B", "N7", "2026-03-02T03:00:00Z");  // skips N5, N6
  events += line("b2", "completed", "B", "N7", "2026-03-02T03:00:00Z");  // sent twice
  const std::string file = dir.File("events.jsonl");
  std::ofstream(file) << events;
  CliRun r = Daylight("--json import --db " + db + " events " + file + " --dry-run");
  ASSERT_EQ(r.exit_code, 0) << r.out;
  Json j = Json::parse(r.out);
  EXPECT_EQ(j["cases_opened"], 2);
  EXPECT_EQ(j["deviations"]["跳过环节"], 1);
  EXPECT_EQ(j["entries"], 0);
  EXPECT_GE(j["duplicates"].get<size_t>() + j["problems"].size(), 1u);  // the resent event
  // Custom rules beside the database are loaded by every command that starts the writer.
  std::filesystem::create_directory(db + ".rules");
  std::ofstream(db + ".rules/opened.lua")
      << "rule = { id = 'every-open', level = '提醒' }\n"
         "function check(e, c) if e.type == 'opened' then return { message = '受理 ' .. c.id } end "
         "end\n";
  std::ofstream(db + ".rules/broken.lua") << "rule = {\n";  // reported, left out
  // The import writes the events; importing the file again writes nothing new.
  CliRun written = Daylight("--json import --db " + db + " events " + file);
  ASSERT_EQ(written.exit_code, 0) << written.out;
  Json w = Json::parse(written.out);
  EXPECT_EQ(w["events"], 9);  // A: 6 events, B: 3 (one sent twice)
  size_t warned = 0;
  for (const auto& [rule, count] : w["warnings"].items()) warned += count.get<size_t>();
  EXPECT_GE(w["warnings"]["flow-deviation"].get<int>(), 1);  // B skipped two steps
  EXPECT_EQ(w["warnings"]["lua:every-open"], 2);             // A and B opened
  EXPECT_EQ(w["entries"].get<size_t>(), 9 + warned);
  // Case B is still open, long past its time limits: once the import has committed, the
  // writer's tick raises the passed deadline stages too (the most severe of those passed).
  Json listed = Json::parse(Daylight("--json warnings --db " + db).out);
  size_t overdue = 0;
  for (const auto& x : listed) {
    if (x["rule"].get<std::string>().starts_with("overdue-")) {
      ++overdue;
      EXPECT_EQ(x["case"], "B") << x.dump();
      EXPECT_EQ(x["level"], "红牌") << x.dump();
      EXPECT_NE(x["message"].get<std::string>().find("严重超期"), std::string::npos) << x.dump();
    }
  }
  EXPECT_GE(overdue, 1u);
  EXPECT_EQ(listed.size(), warned + overdue);
  // A case's evidence bundle: its events with inclusion proofs, checked offline.
  const std::string bundle = dir.File("case-b.json");
  ASSERT_EQ(Daylight("evidence --db " + db + " case B -o " + bundle).exit_code, 0);
  EXPECT_EQ(Json::parse(ReadFile(bundle))["entries"].size(), 3u);
  const std::string key = Json::parse(Daylight("--json key --db " + db).out)["verifier_key"];
  CliRun checked = DaylightVerify(bundle + " --key " + key);
  EXPECT_EQ(checked.exit_code, 0) << checked.out;
  // Case B is still open: the log cannot be rotated yet, and nothing moves.
  EXPECT_EQ(Daylight("rotate --db " + db + " --archive " + Db("ev-2026.db")).exit_code, 2);
  EXPECT_FALSE(std::filesystem::exists(Db("ev-2026.db")));
  CliRun again = Daylight("--json import --db " + db + " events " + file);
  ASSERT_EQ(again.exit_code, 0) << again.out;
  EXPECT_EQ(Json::parse(again.out)["entries"], 0);
  EXPECT_EQ(Json::parse(again.out)["duplicates"], 10);
  // A step of a case never opened, naming no power, is refused with the whole file.
  std::ofstream(file, std::ios::app) << line("c1", "completed", "C", "N1", "2026-03-02T02:00:00Z");
  EXPECT_EQ(Daylight("import --db " + db + " events " + file + " --dry-run").exit_code, 1);
  EXPECT_EQ(Daylight("import --db " + db + " events " + file).exit_code, 1);
  CliRun v = Daylight("--json verify --db " + db + " --deep");
  ASSERT_EQ(v.exit_code, 0) << v.out;
  EXPECT_EQ(Json::parse(v.out)["entries"].get<size_t>(),
            16 + 9 + warned + overdue);  // init and the catalogue, then the events once
}

TEST_F(CliTest, ACaseHandledOnlineStepByStepAndShown) {
  const std::string db = Db("online.db"), catalog = dir.File("staffed.json");
  ASSERT_EQ(Daylight("init --db " + db).exit_code, 0);
  // The expense claim flow with someone on the posts it needs.
  Json doc = Json::parse(ReadFile(std::string(DAYLIGHT_SOURCE_DIR) +
                                  "/examples/bpic2020/domestic-declarations.catalog.json"));
  doc["persons"] = Json::array({{{"code", "E1"}, {"name", "张伟"}},
                                {{"code", "S1"}, {"name", "王主任"}},
                                {{"code", "Y1"}, {"name", "财务系统"}}});
  doc["assignments"] = Json::array();
  for (const auto& [person, post] :
       {std::pair{"E1", "BPI-EMP"}, {"S1", "BPI-SUP"}, {"Y1", "BPI-SYS"}}) {
    doc["assignments"].push_back(
        {{"person", person}, {"post", post}, {"from", "2020-01-01"}, {"to", nullptr}});
  }
  std::ofstream(catalog) << doc.dump();
  ASSERT_EQ(Daylight("import --db " + db + " catalog " + catalog).exit_code, 0);
  const std::string c = "case --db " + db + " ";

  CliRun opened =
      Daylight("--json " + c + "open CW-BPI-001 --person E1 --amount 1200 --attr 出差地=北京");
  ASSERT_EQ(opened.exit_code, 0) << opened.out;
  Json o = Json::parse(opened.out);
  const std::string id = o["case"];
  EXPECT_TRUE(id.starts_with("CW-BPI-001-")) << id;
  EXPECT_EQ(o["events"][0]["source"], "daylight");
  EXPECT_EQ(o["events"][0]["attributes"]["出差地"], "北京");
  ASSERT_EQ(o["next"].size(), 1u);
  EXPECT_EQ(o["next"][0]["node"], "N1");
  const auto size = [&] {
    return Json::parse(Daylight("--json summary --db " + db).out)["ledger_entries"].get<int>();
  };
  const int before = size();
  // Skipping to the final approval, or the approver submitting the claim, is refused.
  CliRun skip = Daylight("--json " + c + "step " + id + " N5 --person S1");
  EXPECT_EQ(skip.exit_code, 1) << skip.out;
  Json err = Json::parse(skip.out)["error"];
  EXPECT_EQ(err["code"], "invalid_argument");
  EXPECT_NE(err["details"][0]["message"].get<std::string>().find("当前可以办理的环节"),
            std::string::npos)
      << skip.out;
  EXPECT_EQ(Daylight(c + "step " + id + " N1 --person S1").exit_code, 1);
  EXPECT_EQ(Daylight(c + "suspend " + id + " --person E1").exit_code, 1);  // no reason
  EXPECT_EQ(size(), before);

  EXPECT_EQ(Daylight(c + "step " + id + " N1 --person E1 --start").exit_code, 0);
  EXPECT_EQ(Daylight(c + "suspend " + id + " --person S1 --reason 补充发票").exit_code, 0);
  EXPECT_EQ(Daylight(c + "resume " + id + " --person S1").exit_code, 0);
  EXPECT_EQ(Daylight(c + "decide " + id + " N5 --person S1 --decision 同意").exit_code, 0);
  EXPECT_EQ(Daylight(c + "close " + id + " --person S1").exit_code, 1);  // not paid yet
  EXPECT_EQ(Daylight(c + "step " + id + " N6 --person Y1").exit_code, 0);
  CliRun paid = Daylight("--json " + c + "step " + id + " N7 --person Y1");
  ASSERT_EQ(paid.exit_code, 0) << paid.out;
  EXPECT_TRUE(Json::parse(paid.out)["can_close"].get<bool>());
  EXPECT_EQ(Daylight(c + "close " + id + " --person Y1 --decision 已付款").exit_code, 0);

  CliRun shown = Daylight("--json " + c + "show " + id);
  ASSERT_EQ(shown.exit_code, 0) << shown.out;
  Json v = Json::parse(shown.out);
  EXPECT_TRUE(v["closed"].get<bool>());
  EXPECT_EQ(v["events"].size(), 9u);
  EXPECT_EQ(v["events"][2]["type"], "completed");
  for (const auto& w : v["warnings"]) {
    EXPECT_NE(w["rule"], "flow-deviation") << w.dump();
    EXPECT_NE(w["rule"], "actor-post") << w.dump();
  }
  CliRun text = Daylight(c + "show " + id);
  EXPECT_NE(text.out.find("已办结"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("暂停计时  办理人 S1  理由 补充发票"), std::string::npos) << text.out;
  EXPECT_EQ(Daylight(c + "show NO-SUCH-CASE").exit_code, 2);
  CliRun verified = Daylight("--json verify --db " + db + " --deep");
  EXPECT_EQ(verified.exit_code, 0) << verified.out;
}

}  // namespace
}  // namespace dl

namespace dl {
namespace {

// The demo takes older warnings through their life; the ledger rebuilds every projection of
// it (warning steps and duties included), and the assessment scores the units.
TEST_F(CliTest, DemoDisposalsRebuildFromTheLedgerAndTheAssessmentScoresTheUnits) {
  const std::string db = Db("p.db");
  CliRun demo = Daylight("--json demo --db " + db + " --cases 800");
  ASSERT_EQ(demo.exit_code, 0) << demo.out;
  EXPECT_GT(Json::parse(demo.out)["warnings_disposed"].get<int>(), 0);
  std::map<std::string, int> statuses;
  const Json warnings = Json::parse(Daylight("--json warnings --db " + db).out);
  for (const Json& w : warnings) ++statuses[w["status"].get<std::string>()];
  EXPECT_GT(statuses["办结"], 0);
  EXPECT_GT(statuses["待处置"], 0);
  CliRun deep = Daylight("--json verify --db " + db + " --deep");
  EXPECT_EQ(deep.exit_code, 0) << deep.out;

  const std::string xlsx = dir.File("考核.xlsx");
  CliRun a = Daylight("--json assess --db " + db + " --period 2026 -o " + xlsx);
  ASSERT_EQ(a.exit_code, 0) << a.out;
  const Json result = Json::parse(a.out);
  ASSERT_GT(result["units"].size(), 10u);
  EXPECT_EQ(result["units"][0]["rank"], 1);
  EXPECT_TRUE(std::filesystem::exists(xlsx));
  EXPECT_NE(Daylight("assess --db " + db + " --period 2026Q5").exit_code, 0);
}

}  // namespace
}  // namespace dl
