// Crash test: a writer process is killed with SIGKILL in the middle of a large import while
// small submissions are being acknowledged. After a restart every acknowledged entry is
// there, the import is all or nothing, the log verifies (leaves, stored subtree hashes,
// signed checkpoints, projections) and the writer carries on.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <thread>

#include "demo/demo.h"
#include "ledger/checkpoint.h"
#include "service/verify_service.h"
#include "testing/temp_dir.h"
#include "writer/writer.h"

namespace dl {
namespace {

// What one acknowledged submission wrote: its last sequence number and the person it put.
struct Ack {
  uint64_t last_seq = 0;
  int person = 0;
};

// The child: imports the demo county in one submission while another thread submits one
// person at a time and reports each acknowledgement on `fd`. Never returns.
[[noreturn]] void RunWriterChild(const std::string& path, int fd) {
  auto store = store::OpenSqliteStore(path, {});
  if (!store) _exit(3);
  SystemClock clock;
  writer::WriterOptions options;
  options.signer =
      std::make_shared<const ledger::SigningKey>(*ledger::SigningKey::Load(path + ".key"));
  options.checkpoint_every = 50;
  options.checkpoint_interval = std::chrono::milliseconds(5);
  auto writer = writer::Writer::Start(**store, clock, options);
  if (!writer) _exit(4);
  writer::Writer& w = **writer;
  std::thread importer([&w] {
    for (uint64_t seed = 2;; ++seed) {  // one large import after another until killed
      writer::Submission sub{"importer", {}, false};
      sub.commands.emplace_back(std::in_place_type<writer::ImportCatalog>,
                                demo::GenerateDemoCounty({seed}));
      (void)w.Submit(std::move(sub));
    }
  });
  for (int i = 1;; ++i) {
    org::Person p{"CRASH-" + std::to_string(i), "测试人员"};
    auto r = w.Submit({"acker", {catalog::Change(catalog::PersonPut{p})}, false});
    if (!r) _exit(5);
    char line[64];
    int n = std::snprintf(line, sizeof line, "%llu %d\n",
                          static_cast<unsigned long long>(r->last_seq), i);
    if (write(fd, line, static_cast<size_t>(n)) != n) _exit(6);
  }
}

TEST(CrashTest, KillNineDuringALargeImportLosesNoAcknowledgedEntry) {
  testing::TempDir dir;
  const std::string path = dir.File("crash.db");
  {
    auto store = store::OpenSqliteStore(path, {.create = true});
    ASSERT_TRUE(store);
    auto key = ledger::SigningKey::Generate("crash-test");
    ASSERT_TRUE(key->Save(path + ".key"));
  }
  int fds[2];
  ASSERT_EQ(pipe(fds), 0);
  pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    close(fds[0]);
    RunWriterChild(path, fds[1]);
  }
  close(fds[1]);
  FILE* acks_in = fdopen(fds[0], "r");
  std::vector<Ack> acks;
  unsigned long long seq = 0;
  int person = 0;
  // Wait until the imports are well under way: the acks interleave with them.
  while (acks.size() < 400 && std::fscanf(acks_in, "%llu %d", &seq, &person) == 2) {
    acks.push_back({seq, person});
  }
  kill(child, SIGKILL);
  int status = 0;
  waitpid(child, &status, 0);
  fclose(acks_in);
  ASSERT_TRUE(WIFSIGNALED(status)) << "the writer child ended on its own: " << status;
  ASSERT_EQ(acks.size(), 400u);

  auto store = store::OpenSqliteStore(path, {});
  ASSERT_TRUE(store) << store.error().message;
  const uint64_t size = *(*store)->LedgerSize();
  EXPECT_GE(size, acks.back().last_seq);
  EXPECT_GT(size, 400u) << "the import never committed: the test did not exercise it";
  RecordProperty("ledger_size", std::to_string(size));
  RecordProperty("last_acknowledged_seq", std::to_string(acks.back().last_seq));
  catalog::Catalog state = *(*store)->LoadCatalog();
  for (const Ack& a : acks) {
    ASSERT_TRUE(state.persons.contains("CRASH-" + std::to_string(a.person))) << a.person;
    auto entry = (*store)->ReadEntries(a.last_seq, 1);
    ASSERT_TRUE(entry && entry->size() == 1);
    EXPECT_EQ((*entry)[0].subject, "person:CRASH-" + std::to_string(a.person));
  }
  // Each import is all or nothing: the county's units come with all their powers.
  if (state.units.size() > 0) {
    const catalog::Catalog county = demo::GenerateDemoCounty({2});
    for (const auto& [code, rec] : county.powers) EXPECT_TRUE(state.powers.contains(code)) << code;
  }

  auto key = ledger::SigningKey::Load(path + ".key");
  auto report = service::VerifyStore(**store, /*deep=*/true, dir.File(""), key->VerifierKey());
  ASSERT_TRUE(report) << report.error().message;
  EXPECT_TRUE(report->ok()) << report->ToText();
  EXPECT_GE(report->checkpoints, 1u);

  // The writer restarts on the recovered log and carries on.
  ManualClock clock{*ParseInstant("2026-11-23T12:00:00Z")};
  writer::WriterOptions options;
  options.signer = std::make_shared<const ledger::SigningKey>(*key);
  auto w = writer::Writer::Start(**store, clock, options);
  ASSERT_TRUE(w) << w.error().message;
  org::Person p{"AFTER", "重启后"};
  auto r = (*w)->Submit({"t", {catalog::Change(catalog::PersonPut{p})}, false});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->last_seq, size + 1);
}

}  // namespace
}  // namespace dl
