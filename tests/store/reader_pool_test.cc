#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "store/sqlite_db.h"
#include "testing/temp_dir.h"

namespace dl::store {
namespace {

// A WAL database with a table `t` of `rows` rows.
std::string MakeDb(const testing::TempDir& dir, int rows) {
  const std::string path = dir.File("pool.db");
  auto db = Database::Open(path, true);
  EXPECT_TRUE(db);
  EXPECT_TRUE(db->Exec("PRAGMA journal_mode = WAL"));
  EXPECT_TRUE(db->Exec("CREATE TABLE t (x INTEGER)"));
  for (int i = 0; i < rows; ++i) EXPECT_TRUE(db->Exec("INSERT INTO t VALUES (1)"));
  return path;
}

int64_t CountRows(Database& db) {
  Statement st(db.handle(), "SELECT COUNT(*) FROM t");
  auto row = st.Step();
  EXPECT_TRUE(row && *row);
  return st.Int(0);
}

TEST(ReaderPoolTest, AMissingFileIsReportedAtOpen) {
  testing::TempDir dir;
  auto pool = ReaderPool::Open(dir.File("nope.db"), 4);
  ASSERT_FALSE(pool);
  EXPECT_NE(pool.error().message.find("nope.db"), std::string::npos);
}

TEST(ReaderPoolTest, LendsUpToMaxConnectionsAndKeepsThem) {
  testing::TempDir dir;
  auto pool = ReaderPool::Open(MakeDb(dir, 3), 2);
  ASSERT_TRUE(pool);
  EXPECT_EQ((*pool)->open(), 1u);
  auto a = (*pool)->TryAcquire();
  auto b = (*pool)->TryAcquire();
  ASSERT_TRUE(a && *a && b && *b);
  EXPECT_NE((*a)->db().handle(), (*b)->db().handle());
  EXPECT_EQ((*pool)->open(), 2u);
  auto c = (*pool)->TryAcquire();
  ASSERT_TRUE(c);
  EXPECT_FALSE(*c) << "a third lease while two are out";
  {  // both lent connections read at the same time: one mid-scan while the other counts
    Statement scan((*a)->db().handle(), "SELECT x FROM t");
    auto first = scan.Step();
    ASSERT_TRUE(first && *first);
    EXPECT_EQ(CountRows((*b)->db()), 3);
  }
  a->reset();
  auto d = (*pool)->TryAcquire();
  ASSERT_TRUE(d && *d);
  EXPECT_EQ(CountRows((*d)->db()), 3);
  EXPECT_EQ((*pool)->open(), 2u);
}

TEST(ReaderPoolTest, ALeaseForSeveralReadsReadsOneSnapshot) {
  testing::TempDir dir;
  const std::string path = MakeDb(dir, 2);
  auto pool = ReaderPool::Open(path, 2);
  ASSERT_TRUE(pool);
  auto writer = Database::Open(path, false);
  ASSERT_TRUE(writer);
  {
    auto lease = (*pool)->Acquire(ReaderPool::Reads::kSeveral);
    ASSERT_TRUE(lease);
    EXPECT_EQ(CountRows(lease->db()), 2);
    ASSERT_TRUE(writer->Exec("INSERT INTO t VALUES (2)"));
    EXPECT_EQ(CountRows(lease->db()), 2) << "a query's statements see one snapshot";
  }
  {
    auto next = (*pool)->Acquire();
    ASSERT_TRUE(next);
    EXPECT_EQ(CountRows(next->db()), 3) << "the next lease sees the commit";
    // A lease for one statement holds no transaction: each statement reads the latest.
    ASSERT_TRUE(writer->Exec("INSERT INTO t VALUES (3)"));
    EXPECT_EQ(CountRows(next->db()), 4);
  }
}

TEST(ReaderPoolTest, AcquireWaitsForALeaseToEndWhenAllAreLent) {
  testing::TempDir dir;
  auto pool = ReaderPool::Open(MakeDb(dir, 1), 1);
  ASSERT_TRUE(pool);
  std::optional<ReaderPool::Lease> held;
  {
    auto lease = (*pool)->Acquire();
    ASSERT_TRUE(lease);
    held.emplace(std::move(*lease));
  }
  std::atomic<bool> got{false};
  std::thread waiter([&] {
    auto lease = (*pool)->Acquire();
    EXPECT_TRUE(lease);
    if (lease) {
      EXPECT_EQ(CountRows(lease->db()), 1);
    }
    got = true;
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  EXPECT_FALSE(got) << "the only connection is lent";
  held.reset();
  waiter.join();
  EXPECT_TRUE(got);
  EXPECT_EQ((*pool)->open(), 1u);
}

}  // namespace
}  // namespace dl::store
