#include "engine/case_engine.h"

#include <gtest/gtest.h>

#include "testing/sample_catalog.h"

namespace dl::engine {
namespace {

class CaseEngineTest : public ::testing::Test {
 protected:
  CaseEngineTest()
      : catalog(testing::SampleCatalog()),
        engine([this](const std::string& code, Instant) -> Result<PinnedPower> {
          ++lookups;
          auto it = catalog.powers.find(code);
          if (it == catalog.powers.end()) return Err(ErrorCode::kNotFound, "未知权力 " + code);
          return PinnedPower{it->second.version,
                             std::make_shared<const catalog::Power>(it->second.power)};
        }) {}

  Event Make(EventType type, const std::string& id, const std::string& node = "",
             const std::string& case_id = "C1") {
    Event e;
    e.source = "oa";
    e.external_id = id;
    e.type = type;
    e.case_id = case_id;
    e.power = type == EventType::kOpened ? "XK-SCJ-001" : "";
    e.node = node;
    e.actor = "P002";
    e.occurred = e.recorded = *ParseInstant("2026-11-23T08:00:00Z");
    return e;
  }

  catalog::Catalog catalog;
  int lookups = 0;
  CaseEngine engine;
};

TEST_F(CaseEngineTest, ACaseRunsAlongItsFlowAndIsPinnedToItsVersion) {
  auto opened = engine.Apply(Make(EventType::kOpened, "1"));
  ASSERT_TRUE(opened) << opened.error().message;
  EXPECT_TRUE(opened->opened_now);
  EXPECT_EQ(opened->case_->version, 1);
  EXPECT_EQ(opened->case_->unit(), "YX-SCJ");
  ASSERT_NE(opened->case_->flow, nullptr);
  for (const char* node : {"N1", "N3", "N4", "N5"}) {
    auto r = engine.Apply(Make(EventType::kCompleted, std::string("c-") + node, node));
    ASSERT_TRUE(r) << r.error().message;
    EXPECT_TRUE(r->verdict.allowed) << node;
  }
  auto closed = engine.Apply(Make(EventType::kClosed, "close"));
  ASSERT_TRUE(closed);
  EXPECT_TRUE(closed->verdict.allowed);
  EXPECT_TRUE(closed->case_->closed);
  EXPECT_EQ(closed->case_->steps.size(), 6u);
  // A second case of the same power reuses the compiled flow.
  ASSERT_TRUE(engine.Apply(Make(EventType::kOpened, "2", "", "C2")));
  EXPECT_EQ(engine.Find("C2")->flow, engine.Find("C1")->flow);
}

// The exclusive gateway after N1 reads the case's values (made only when a condition is
// evaluated): a value given on a later event than the opening one still routes the case.
TEST_F(CaseEngineTest, TheCaseValuesRouteAnExclusiveGateway) {
  for (const char* need : {"是", "否"}) {
    const std::string id = std::string("G-") + need;
    ASSERT_TRUE(engine.Apply(Make(EventType::kOpened, id + "-o", "", id)));
    Event n1 = Make(EventType::kCompleted, id + "-n1", "N1", id);
    n1.attributes["need_inspection"] = need;
    auto r = engine.Apply(n1);
    ASSERT_TRUE(r) << r.error().message;
    EXPECT_TRUE(r->verdict.allowed);
    // 是: on-site inspection (N2); otherwise the default branch into the 会签 block (N3, N4).
    const bool inspection = std::string(need) == "是";
    auto next =
        engine.Apply(Make(EventType::kCompleted, id + "-next", inspection ? "N2" : "N3", id));
    ASSERT_TRUE(next) << next.error().message;
    EXPECT_TRUE(next->verdict.allowed) << need;
  }
  // Without the value the condition does not hold: N2 is off the chosen branch.
  ASSERT_TRUE(engine.Apply(Make(EventType::kOpened, "G-none-o", "", "G-none")));
  ASSERT_TRUE(engine.Apply(Make(EventType::kCompleted, "G-none-n1", "N1", "G-none")));
  auto off = engine.Apply(Make(EventType::kCompleted, "G-none-n2", "N2", "G-none"));
  ASSERT_TRUE(off);
  EXPECT_FALSE(off->verdict.allowed);
}

TEST_F(CaseEngineTest, DuplicatesChangeNothingAndDeviationsAreJudged) {
  ASSERT_TRUE(engine.Apply(Make(EventType::kOpened, "1")));
  auto skip = engine.Apply(Make(EventType::kCompleted, "x", "N5"));
  ASSERT_TRUE(skip);
  EXPECT_FALSE(skip->verdict.allowed);
  ASSERT_EQ(skip->verdict.deviations.size(), 1u);
  EXPECT_EQ(skip->verdict.deviations[0].kind, DeviationKind::kSkippedStep);
  auto again = engine.Apply(Make(EventType::kCompleted, "x", "N5"));
  ASSERT_TRUE(again);
  EXPECT_TRUE(again->duplicate);
  EXPECT_EQ(engine.Find("C1")->steps.size(), 2u);
}

TEST_F(CaseEngineTest, EventsThatCannotBelongToACaseAreRefused) {
  auto orphan = engine.Apply(Make(EventType::kCompleted, "1", "N1", "C9"));
  ASSERT_FALSE(orphan);
  EXPECT_NE(orphan.error().message.find("没有写明权力编码"), std::string::npos);
  ASSERT_TRUE(engine.Apply(Make(EventType::kOpened, "1")));
  EXPECT_FALSE(engine.Apply(Make(EventType::kOpened, "2")));  // opened twice
  Event other = Make(EventType::kCompleted, "3", "N1");
  other.power = "CF-SCJ-001";
  EXPECT_FALSE(engine.Apply(other));
  EXPECT_EQ(engine.Find("C1")->steps.size(), 1u);
}

TEST_F(CaseEngineTest, AnUnknownPowerStillOpensACaseWithoutAFlow) {
  Event e = Make(EventType::kOpened, "1");
  e.power = "NO-SUCH-POWER";
  auto r = engine.Apply(e);
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->case_->version, 0);
  EXPECT_EQ(r->case_->flow, nullptr);  // 法无授权即禁止: the monitor reports it
}

TEST_F(CaseEngineTest, SuspensionsAreKept) {
  ASSERT_TRUE(engine.Apply(Make(EventType::kOpened, "1")));
  Event s = Make(EventType::kSuspended, "2");
  s.occurred = *ParseInstant("2026-11-24T08:00:00Z");
  Event r = Make(EventType::kResumed, "3");
  r.occurred = *ParseInstant("2026-11-26T08:00:00Z");
  ASSERT_TRUE(engine.Apply(s));
  ASSERT_TRUE(engine.Apply(r));
  const auto& sus = engine.Find("C1")->suspensions;
  ASSERT_EQ(sus.size(), 1u);
  EXPECT_EQ(sus[0].begin, s.occurred);
  EXPECT_EQ(sus[0].end, r.occurred);
}

TEST_F(CaseEngineTest, RollbackRestoresEveryCaseAsItWasAtTheMark) {
  ASSERT_TRUE(engine.Apply(Make(EventType::kOpened, "1")));
  engine.Commit();
  const size_t mark = engine.Mark();
  ASSERT_TRUE(engine.Apply(Make(EventType::kCompleted, "2", "N1")));
  ASSERT_TRUE(engine.Apply(Make(EventType::kCompleted, "3", "N3")));
  ASSERT_TRUE(engine.Apply(Make(EventType::kOpened, "4", "", "C2")));
  engine.RollbackTo(mark);
  EXPECT_EQ(engine.Find("C1")->steps.size(), 1u);
  EXPECT_EQ(engine.Find("C2"), nullptr);
  EXPECT_EQ(Conformance::Describe(*engine.Find("C1")->flow, engine.Find("C1")->state), "N1");
  // The rolled-back events are not duplicates now.
  auto again = engine.Apply(Make(EventType::kCompleted, "2", "N1"));
  ASSERT_TRUE(again);
  EXPECT_FALSE(again->duplicate);
}

// The writer commits batch n while batch n+1 is already applied: CommitTo(end of n) forgets n's
// undo entries only, so n+1 can still be rolled back, and marks taken before stay valid.
TEST_F(CaseEngineTest, CommitToKeepsTheLaterChangesUndoable) {
  const size_t begin = engine.Mark();
  ASSERT_TRUE(engine.Apply(Make(EventType::kOpened, "1")));
  const size_t first_end = engine.Mark();
  ASSERT_TRUE(engine.Apply(Make(EventType::kCompleted, "2", "N1")));
  ASSERT_TRUE(engine.Apply(Make(EventType::kOpened, "4", "", "C2")));
  engine.CommitTo(first_end);
  engine.RollbackTo(first_end);
  EXPECT_EQ(engine.Find("C1")->steps.size(), 1u);  // the opening stays, the step is undone
  EXPECT_EQ(engine.Find("C2"), nullptr);
  engine.RollbackTo(begin);  // before the committed part: nothing more to undo
  ASSERT_NE(engine.Find("C1"), nullptr);
  // Marks go on counting: a later batch rolls back to its own mark.
  const size_t later = engine.Mark();
  EXPECT_GE(later, first_end);
  ASSERT_TRUE(engine.Apply(Make(EventType::kCompleted, "5", "N1")));
  engine.RollbackTo(later);
  EXPECT_EQ(engine.Find("C1")->steps.size(), 1u);
}

// A chain of batches that never pauses (each committed with CommitTo while the next is
// applied, never a full Commit) keeps for rollback only the batches not yet committed.
TEST_F(CaseEngineTest, ANeverPausingChainKeepsOnlyTheUncommittedBatchesForRollback) {
  size_t committed_end = engine.Mark();
  for (int batch = 0; batch < 50; ++batch) {
    for (int i = 0; i < 10; ++i) {
      const std::string n = std::to_string(batch * 10 + i);
      ASSERT_TRUE(engine.Apply(Make(EventType::kOpened, "o" + n, "", "C" + n)));
    }
    const size_t end = engine.Mark();
    engine.CommitTo(committed_end);  // the batch before this one has committed
    committed_end = end;
    // This batch's 10 cases (an undo entry and an index entry each), and nothing older.
    EXPECT_LE(engine.undo_held(), 20u) << "batch " << batch;
  }
  EXPECT_EQ(engine.open_cases(), 500u);
  engine.Commit();
  EXPECT_EQ(engine.undo_held(), 0u);
}

}  // namespace
}  // namespace dl::engine
