#include "bench/ledger_fixture.h"

#include <time.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>

#include "ledger/checkpoint.h"
#include "ledger/merkle.h"
#include "store/store.h"

namespace dl::bench {
namespace {

// `n` in decimal, zero-padded to `width` digits.
std::string Fixed(uint64_t n, int width) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%0*llu", width, static_cast<unsigned long long>(n));
  return buf;
}

void Check(const Status& s, const char* what) {
  if (!s) {
    std::fprintf(stderr, "bench: %s: %s\n", what, s.error().message.c_str());
    std::abort();
  }
}

void RemoveDb(const std::string& path) {
  std::error_code ec;
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
    std::filesystem::remove(path + suffix, ec);
  }
}

double SecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// True when `path` holds a ledger of exactly `size` entries whose last checkpoint is of
// the full size, and its key file exists.
bool IsComplete(const std::string& path, const std::string& key_path, uint64_t size) {
  if (!std::filesystem::exists(path) || !std::filesystem::exists(key_path)) return false;
  auto store = store::OpenSqliteStore(path, {});
  if (!store) return false;
  auto have = (*store)->LedgerSize();
  auto checkpoints = (*store)->Checkpoints();
  return have && *have == size && checkpoints && !checkpoints->empty() &&
         checkpoints->back().size == size;
}

// Bulk-loads the ledger into a database the store has just created (so the schema is the
// real one), the way the writer would have written it, without durability (it is a fixture).
void Load(const std::string& path, uint64_t size, Payload payload, const ledger::SigningKey& key) {
  RawDb db(path);
  db.Exec("PRAGMA journal_mode = DELETE");
  db.Exec("PRAGMA synchronous = OFF");
  db.Exec("PRAGMA cache_size = -262144");  // 256 MiB
  RawStatement insert_row(db, kInsertLedgerSql);
  RawStatement insert_node(db, "INSERT INTO merkle_nodes(level, idx, hash) VALUES (?1, ?2, ?3)");
  RawStatement insert_checkpoint(
      db, "INSERT INTO checkpoints(size, root, time, note) VALUES (?1, ?2, ?3, ?4)");
  ledger::CompactTree tree;
  std::vector<ledger::SubtreeNode> nodes;
  const auto start = std::chrono::steady_clock::now();
  db.Exec("BEGIN");
  for (uint64_t seq = 1; seq <= size; ++seq) {
    const Row row = ToRow(MakeEntry(seq, payload, BatchTime(seq)));
    InsertRow(insert_row, row);
    tree.Append(row.leaf, &nodes);
    for (const auto& n : nodes) {
      insert_node.Int(1, n.level).Int(2, static_cast<int64_t>(n.index));
      insert_node.Blob(3, n.hash.data(), n.hash.size()).Run();
    }
    nodes.clear();
    if (seq % kCheckpointEvery == 0) {
      const ledger::Checkpoint cp{"daylight", seq, tree.Root()};
      const std::string note = key.SignNote(cp.Body());
      insert_checkpoint.Int(1, static_cast<int64_t>(seq)).Blob(2, cp.root.data(), cp.root.size());
      insert_checkpoint.Text(3, row.time).Text(4, note).Run();
    }
    if (seq % 100000 == 0) {
      db.Exec("COMMIT");
      db.Exec("BEGIN");
    }
    if (seq % 1000000 == 0) {
      std::fprintf(stderr, "bench:   %llu entries, %.0f s\n", static_cast<unsigned long long>(seq),
                   SecondsSince(start));
    }
  }
  db.Exec("COMMIT");
}

}  // namespace

std::string BenchDir() {
  const char* dir = std::getenv("DAYLIGHT_BENCH_DIR");
  return dir && *dir ? dir : DAYLIGHT_BENCH_DIR;
}

Json CaseEventPayload(uint64_t i) {
  Json j = Json::object();
  j["source"] = "oa";
  j["id"] = "oa-evt-" + Fixed(i, 9);
  j["type"] = "completed";
  j["case"] = "2026-" + Fixed(i / 8 % 10000000, 7);
  j["power"] = "XK-FGJ-" + Fixed(i % 500, 3);
  j["node"] = "N" + Fixed(i % 9 + 1, 1);
  j["actor"] = "P" + Fixed(i % 5000, 4);
  j["occurred"] = "2026-03-02T09:" + Fixed(i / 60 % 60, 2) + ":" + Fixed(i % 60, 2) + "+08:00";
  j["recorded"] = "2026-03-02T09:" + Fixed(i / 60 % 60, 2) + ":" + Fixed(i % 60, 2) + "+08:00";
  j["decision"] = "准予许可";
  j["amount"] = static_cast<int64_t>(100000 + i % 900000);
  j["counterparty"] = "云溪建设有限公司";
  return j;
}

std::string CaseSubject(uint64_t i) { return "case:2026-" + Fixed(i / 8 % 10000000, 7); }

Instant BatchTime(uint64_t seq) {
  const auto base = std::chrono::sys_days{std::chrono::year{2026} / 3 / 2} + std::chrono::hours{1};
  return Instant(std::chrono::duration_cast<std::chrono::microseconds>(base.time_since_epoch())) +
         std::chrono::seconds(static_cast<int64_t>((seq - 1) / kCheckpointEvery));
}

ledger::Entry MakeEntry(uint64_t seq, Payload payload, Instant time) {
  ledger::Entry e;
  e.seq = seq;
  e.kind = kAuditKind;
  e.subject = CaseSubject(seq);
  e.actor = kActor;
  e.time = time;
  e.payload = payload == Payload::kCaseEvent ? CaseEventPayload(seq) : Json::object();
  e.leaf_hash = e.ComputeLeafHash();
  return e;
}

Row ToRow(const ledger::Entry& e) {
  Row row;
  row.seq = e.seq;
  row.kind = e.kind;
  row.subject = e.subject;
  row.actor = e.actor;
  row.time = FormatInstant(e.time);
  row.payload = CanonicalJson(e.payload);
  row.leaf = e.leaf_hash;
  return row;
}

std::vector<Row> MakeRows(uint64_t first_seq, size_t count, Instant time) {
  std::vector<Row> rows;
  rows.reserve(count);
  for (uint64_t seq = first_seq; seq < first_seq + count; ++seq) {
    rows.push_back(ToRow(MakeEntry(seq, Payload::kCaseEvent, time)));
  }
  return rows;
}

writer::Submission MakeAuditSubmission(uint64_t first_seq, size_t count) {
  writer::Submission sub;
  sub.actor = kActor;
  sub.commands.reserve(count);
  for (uint64_t seq = first_seq; seq < first_seq + count; ++seq) {
    sub.commands.emplace_back(writer::Audit{kAuditKind, CaseSubject(seq), CaseEventPayload(seq)});
  }
  return sub;
}

namespace {

// CPU time so far of this process's threads named `name`, in seconds, from the scheduler's
// nanosecond accounting (/proc/self/task/*/schedstat); 0 when there is none.
double ThreadCpuSeconds(std::string_view name) {
  double total = 0;
  std::error_code ec;
  for (const auto& task : std::filesystem::directory_iterator("/proc/self/task", ec)) {
    std::ifstream comm(task.path() / "comm");
    std::string line;
    if (!std::getline(comm, line) || line != name) continue;
    std::ifstream stat(task.path() / "schedstat");
    uint64_t ns = 0;
    if (stat >> ns) total += static_cast<double>(ns) * 1e-9;
  }
  return total;
}

}  // namespace

double ThisThreadCpuSeconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

PipelineCpu PipelineCpu::Now() {
  return {ThisThreadCpuSeconds(), ThreadCpuSeconds("dl-writer"), ThreadCpuSeconds("dl-committer"),
          ThreadCpuSeconds("dl-walcheckpt")};
}

PipelineCpu PipelineCpu::operator-(const PipelineCpu& o) const {
  return {caller - o.caller, writer - o.writer, committer - o.committer, walckpt - o.walckpt};
}

PipelineCpu& PipelineCpu::operator+=(const PipelineCpu& o) {
  caller += o.caller;
  writer += o.writer;
  committer += o.committer;
  walckpt += o.walckpt;
  return *this;
}

void PipelineCpu::Report(benchmark::State& state, double items, const std::string& item) const {
  state.counters["caller_us_per_" + item] = 1e6 * caller / items;
  state.counters["writer_thread_us_per_" + item] = 1e6 * writer / items;
  state.counters["committer_us_per_" + item] = 1e6 * committer / items;
  state.counters["walckpt_us_per_" + item] = 1e6 * walckpt / items;
}

TempDbPath::TempDbPath(const std::string& tag) {
  static std::atomic<int> counter{0};
  path_ = BenchDir() + "/tmp-" + tag + "-" + std::to_string(getpid()) + "-" +
          std::to_string(counter++) + ".db";
  RemoveDb(path_);
}

TempDbPath::~TempDbPath() { RemoveDb(path_); }

LedgerFixture EnsureLedger(const std::string& name, uint64_t size, Payload payload) {
  LedgerFixture f{BenchDir() + "/" + name + ".db", "", size, 0};
  const std::string key_path = f.path + ".key";
  if (IsComplete(f.path, key_path, size)) {
    f.verifier_key = Must(ledger::SigningKey::Load(key_path), "load key").VerifierKey();
    return f;
  }
  std::fprintf(stderr, "bench: building %s (%llu entries; cached for later runs)\n", f.path.c_str(),
               static_cast<unsigned long long>(size));
  const auto start = std::chrono::steady_clock::now();
  RemoveDb(f.path);
  std::filesystem::remove(key_path);
  const std::string building = f.path + ".building";
  RemoveDb(building);
  Must(store::OpenSqliteStore(building, {.create = true}), "create fixture");  // schema
  auto key = Must(ledger::SigningKey::Generate("bench"), "generate key");
  Load(building, size, payload, key);
  Check(key.Save(key_path), "save key");
  std::filesystem::rename(building, f.path);  // complete: only now does it count as cached
  f.verifier_key = key.VerifierKey();
  f.build_seconds = SecondsSince(start);
  std::fprintf(stderr, "bench: built %s in %.0f s\n", f.path.c_str(), f.build_seconds);
  return f;
}

const LedgerFixture& Fixture(uint64_t size, Payload payload) {
  static std::map<std::pair<uint64_t, Payload>, LedgerFixture> fixtures;
  auto it = fixtures.find({size, payload});
  if (it == fixtures.end()) {
    const std::string name = "ledger-" + std::to_string(size / 1'000'000) + "m" +
                             (payload == Payload::kCaseEvent ? "-events" : "");
    it = fixtures.emplace(std::pair{size, payload}, EnsureLedger(name, size, payload)).first;
  }
  return it->second;
}

store::Store& StoreOf(const LedgerFixture& fixture) {
  static std::map<std::string, std::unique_ptr<store::Store>> stores;
  auto& s = stores[fixture.path];
  if (!s) s = Must(store::OpenSqliteStore(fixture.path, {}), "open fixture");
  return *s;
}

}  // namespace dl::bench
