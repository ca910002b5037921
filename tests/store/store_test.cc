#include "store/store.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "testing/sample_catalog.h"

namespace dl::store {
namespace {

std::vector<Record> RecordsFor(const std::vector<catalog::Change>& changes, uint64_t first_seq) {
  std::vector<Record> out;
  catalog::Catalog state;
  for (const auto& change : changes) {
    catalog::Change stored = change;
    catalog::Apply(stored, state);
    if (auto* v = std::get_if<catalog::PowerVersionPut>(&stored))
      v->version = state.powers[v->power.code].version;
    ledger::Entry e;
    e.seq = first_seq + out.size();
    e.kind = catalog::KindOf(stored);
    e.subject = catalog::SubjectOf(stored);
    e.actor = "test";
    e.time = *ParseInstant("2026-11-23T08:00:00Z");
    e.payload = catalog::ChangeToJson(stored);
    e.leaf_hash = e.ComputeLeafHash();
    out.push_back({e, stored, {}});
  }
  return out;
}

TEST(SqliteStoreTest, MissingFileIsAClearError) {
  testing::TempDir dir;
  auto s = OpenSqliteStore(dir.File("nope.db"), {});
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().code, ErrorCode::kNotFound);
  EXPECT_NE(s.error().message.find("daylight init"), std::string::npos);
}

TEST(SqliteStoreTest, AppendsLedgerAndProjectionsAndSurvivesReopen) {
  testing::TempDir dir;
  const std::string path = dir.File("t.db");
  catalog::Catalog sample = testing::SampleCatalog();
  auto records = RecordsFor(catalog::PlanImport({}, sample), 1);
  {
    auto store = OpenSqliteStore(path, {.create = true});
    ASSERT_TRUE(store) << store.error().message;
    ASSERT_TRUE((*store)->Append(records, {}));
  }
  auto store = OpenSqliteStore(path, {});  // reopen: the data must still be there
  ASSERT_TRUE(store);
  EXPECT_EQ(*(*store)->LedgerSize(), records.size());
  auto loaded = (*store)->LoadCatalog();
  ASSERT_TRUE(loaded) << loaded.error().message;
  EXPECT_EQ(loaded->units, sample.units);
  EXPECT_EQ(loaded->posts, sample.posts);
  EXPECT_EQ(loaded->assignments, sample.assignments);
  EXPECT_EQ(loaded->relations, sample.relations);
  EXPECT_EQ(loaded->powers, sample.powers);

  auto entries = (*store)->ReadEntries(1, 1000);
  ASSERT_TRUE(entries);
  ASSERT_EQ(entries->size(), records.size());
  for (size_t i = 0; i < records.size(); ++i) {
    EXPECT_EQ((*entries)[i].seq, i + 1);
    EXPECT_EQ((*entries)[i].CanonicalBytes(), records[i].entry.CanonicalBytes());
    EXPECT_EQ((*entries)[i].leaf_hash, (*entries)[i].ComputeLeafHash());
  }
}

TEST(SqliteStoreTest, AFailedAppendWritesNothing) {
  testing::TempDir dir;
  auto store = OpenSqliteStore(dir.File("t.db"), {.create = true});
  ASSERT_TRUE(store);
  auto records = RecordsFor(catalog::PlanImport({}, testing::SampleCatalog()), 1);
  records.back().entry.seq = 3;  // duplicates seq 3: the primary key refuses it
  ASSERT_FALSE((*store)->Append(records, {}));
  EXPECT_EQ(*(*store)->LedgerSize(), 0u);
  EXPECT_TRUE((*store)->LoadCatalog()->units.empty());
}

// A checkpoint that only runs beside a writer that never pauses never catches up with it, so
// the WAL would never start again from its beginning and would grow with every commit. The
// store's checkpointer holds the writer off for the remainder, so the WAL stays bounded.
TEST(SqliteStoreTest, TheWalStaysBoundedUnderContinuousAppends) {
  testing::TempDir dir;
  const std::string path = dir.File("t.db");
  auto store = OpenSqliteStore(path, {.create = true, .checkpoint_frames = 64});
  ASSERT_TRUE(store) << store.error().message;
  const std::string text = "{\"note\":\"" + std::string(2000, 'x') + "\"}";
  const Instant time = *ParseInstant("2026-11-23T08:00:00Z");
  uint64_t seq = 1;
  uintmax_t largest_wal = 0;
  for (int batch = 0; batch < 150; ++batch) {  // 6000 entries of 2 KiB: 12 MiB in all
    std::vector<Record> records;
    for (int i = 0; i < 40; ++i, ++seq) {
      ledger::Entry e;
      e.seq = seq;
      e.kind = "audit.test";
      e.subject = "test:wal";
      e.actor = "test";
      e.time = time;
      e.leaf_hash = e.LeafHashWith(text);
      records.push_back({std::move(e), std::nullopt, text});
    }
    ASSERT_TRUE((*store)->Append(records, {}));
    largest_wal = std::max(largest_wal, std::filesystem::file_size(path + "-wal"));
  }
  EXPECT_LT(largest_wal, uintmax_t{4} << 20);
  EXPECT_GT(std::filesystem::file_size(path), uintmax_t{8} << 20);  // copied back as it went
  EXPECT_EQ(*(*store)->LedgerSize(), seq - 1);
}

TEST(SqliteStoreTest, VersionsAndTheVersionInForce) {
  testing::TempDir dir;
  auto store = OpenSqliteStore(dir.File("t.db"), {.create = true});
  ASSERT_TRUE(store);
  catalog::Catalog sample = testing::SampleCatalog();
  auto changes = catalog::PlanImport({}, sample);
  catalog::Power v2 = sample.powers["XK-SCJ-001"].power;
  v2.time_limit.value = 7;
  v2.effective_from = Date::FromYmd(2026, 10, 1);
  changes.push_back(catalog::PowerVersionPut{v2, 0});
  ASSERT_TRUE((*store)->Append(RecordsFor(changes, 1), {}));
  auto versions = (*store)->PowerVersions("XK-SCJ-001");
  ASSERT_TRUE(versions);
  ASSERT_EQ(versions->size(), 2u);
  EXPECT_EQ((*versions)[1].version, 2);
  EXPECT_EQ((*versions)[1].effective_from, Date::FromYmd(2026, 10, 1));
  EXPECT_EQ((*store)->PowerInForce("XK-SCJ-001", Date::FromYmd(2026, 9, 30))->time_limit.value, 10);
  EXPECT_EQ((*store)->PowerInForce("XK-SCJ-001", Date::FromYmd(2026, 10, 1))->time_limit.value, 7);
  auto before = (*store)->PowerInForce("XK-SCJ-001", Date::FromYmd(2025, 1, 1));
  ASSERT_FALSE(before);
  EXPECT_EQ(before.error().code, ErrorCode::kNotFound);
  EXPECT_EQ((*store)->LoadCatalog()->powers["XK-SCJ-001"].version, 2);
  EXPECT_FALSE((*store)->PowerVersions("NOPE"));
}

TEST(SqliteStoreTest, SettingsAreProjectedFromLedgerEntries) {
  testing::TempDir dir;
  auto store = OpenSqliteStore(dir.File("t.db"), {.create = true});
  ASSERT_TRUE(store);
  EXPECT_EQ(*(*store)->GetSetting("k"), "");
  ASSERT_TRUE((*store)->Append(
      RecordsFor({catalog::SettingPut{"k", "1"}, catalog::SettingPut{"k", "2"}}, 1), {}));
  EXPECT_EQ(*(*store)->GetSetting("k"), "2");
  EXPECT_EQ((*store)->ReadEntries(1, 10)->at(1).subject, "setting:k");
}

}  // namespace
}  // namespace dl::store
