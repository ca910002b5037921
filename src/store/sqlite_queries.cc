// SQLite implementation of Queries: each query on a read connection of its own, lent from a
// pool (ReaderPool), in one read transaction.
#include <variant>

#include "store/queries.h"
#include "store/sqlite_db.h"

namespace dl::store {
namespace {

// A WHERE clause built from optional conditions, each with its bound values.
class Where {
 public:
  // Adds `cond` (with ?N placeholders numbered from the next free one) when `active`.
  Where& If(bool active, const std::string& cond,
            std::vector<std::variant<std::string, int64_t>> values) {
    if (!active) return *this;
    std::string c;
    for (size_t i = 0; i < cond.size(); ++i) {
      if (cond[i] == '?') {
        c += "?" + std::to_string(binds_.size() + 1);
        binds_.push_back(values.at(next_++));
      } else {
        c += cond[i];
      }
    }
    next_ = 0;
    conds_.push_back("(" + c + ")");
    return *this;
  }
  Where& Units(const UnitFilter& f, const char* column) {
    return If(!f.all, std::string(column) + " IN (SELECT value FROM json_each(?))",
              {CanonicalJson(Json(f.units))});
  }
  std::string Sql() const {
    std::string s;
    for (size_t i = 0; i < conds_.size(); ++i) s += (i ? " AND " : " WHERE ") + conds_[i];
    return s;
  }
  // Binds the conditions' values; returns the next free placeholder number.
  int BindTo(Statement& st) const {
    int i = 1;
    for (const auto& v : binds_) {
      std::visit([&](const auto& x) { st.Bind(i, x); }, v);
      ++i;
    }
    return i;
  }

 private:
  std::vector<std::string> conds_;
  std::vector<std::variant<std::string, int64_t>> binds_;
  size_t next_ = 0;
};

constexpr const char* kCaseColumns =
    "c.case_id, c.power, c.unit, c.opened, COALESCE(c.closed, ''), c.version, c.events, "
    "c.deviations, (SELECT COUNT(*) FROM warnings w WHERE w.case_id = c.case_id)";
CaseRow CaseFrom(const Statement& st) {
  return {st.Text(0), st.Text(1), st.Text(2), st.Text(3), st.Text(4), static_cast<int>(st.Int(5)),
          st.Int(6),  st.Int(7),  st.Int(8)};
}

template <class Row, class Decode>
Result<std::vector<Row>> Rows(Statement& st, Decode decode) {
  std::vector<Row> out;
  for (;;) {
    DL_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) return out;
    out.push_back(decode(st));
  }
}

Result<int64_t> Count(Database& db, const std::string& sql, const Where& where) {
  Statement st(db.handle(), sql + where.Sql());
  where.BindTo(st);
  DL_ASSIGN_OR_RETURN(bool row, st.Step());
  return row ? st.Int(0) : 0;
}

// One page of `columns` from `from` (a table with its joins) matching `where`, in `order`, and
// how many rows match in all.
template <class Row, class Decode>
Result<Page<Row>> PageOf(Database& db, const std::string& columns, const std::string& from,
                         const Where& where, const std::string& order, uint64_t offset,
                         uint64_t limit, Decode decode) {
  Page<Row> page;
  DL_ASSIGN_OR_RETURN(int64_t total, Count(db, "SELECT COUNT(*) FROM " + from, where));
  page.total = static_cast<uint64_t>(total);
  Statement st(db.handle(), "SELECT " + columns + " FROM " + from + where.Sql() + " ORDER BY " +
                                order + " LIMIT ? OFFSET ?");
  const int next = where.BindTo(st);
  st.Bind(next, static_cast<int64_t>(limit)).Bind(next + 1, static_cast<int64_t>(offset));
  DL_ASSIGN_OR_RETURN(page.items, Rows<Row>(st, decode));
  return page;
}

// Enough for the server's request threads on a small machine; a query waits when all are lent.
constexpr size_t kQueryReaders = 8;

class SqliteQueries final : public Queries {
 public:
  explicit SqliteQueries(std::unique_ptr<ReaderPool> readers) : readers_(std::move(readers)) {}

  Result<Page<CaseRow>> Cases(const CaseQuery& q) override {
    Where w;
    w.Units(q.units, "c.unit")
        .If(!q.power.empty(), "c.power = ?", {q.power})
        .If(q.state == "open", "c.closed IS NULL", {})
        .If(q.state == "closed", "c.closed IS NOT NULL", {})
        .If(!q.opened_from.empty(), "c.opened >= ?", {q.opened_from})
        .If(!q.opened_to.empty(), "c.opened < ?", {q.opened_to})
        .If(!q.id_prefix.empty(), "c.case_id >= ? AND c.case_id < ?",
            {q.id_prefix, q.id_prefix + "\xff"});
    DL_ASSIGN_OR_RETURN(auto reader, readers_->Acquire(ReaderPool::Reads::kSeveral));
    return PageOf<CaseRow>(reader.db(), kCaseColumns, "cases c", w, "c.opened DESC, c.id DESC",
                           q.offset, q.limit, CaseFrom);
  }

  Result<std::optional<CaseRow>> CaseAt(const std::string& case_id) override {
    // Prepared once: every event posted through the API looks its case up (the scope check).
    static const std::string kSql =
        std::string("SELECT ") + kCaseColumns + " FROM cases c WHERE c.case_id = ?1";
    DL_ASSIGN_OR_RETURN(auto reader, readers_->Acquire());
    auto st = reader->Prepared(kSql);
    st->Bind(1, case_id);
    DL_ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) return std::optional<CaseRow>();
    return std::optional<CaseRow>(CaseFrom(*st));
  }

  Result<std::vector<CaseRow>> OpenCases(const UnitFilter& units, size_t limit) override {
    Where w;
    w.Units(units, "c.unit").If(true, "c.closed IS NULL", {});
    DL_ASSIGN_OR_RETURN(auto reader, readers_->Acquire());
    Statement st(reader->handle(), std::string("SELECT ") + kCaseColumns + " FROM cases c" +
                                       w.Sql() + " ORDER BY c.opened LIMIT ?");
    st.Bind(w.BindTo(st), static_cast<int64_t>(limit));
    return Rows<CaseRow>(st, CaseFrom);
  }

  Result<Page<WarningRow>> Warnings(const WarningQuery& q) override {
    Where w;
    w.Units(q.units, "unit")
        .If(!q.level.empty(), "level = ?", {q.level})
        .If(!q.rule.empty(), "rule = ?", {q.rule})
        .If(!q.status.empty(), "status = ?", {q.status})
        .If(!q.case_id.empty(), "case_id = ?", {q.case_id})
        .If(!q.person.empty(), "person = ?", {q.person})
        .If(!q.supervisor.empty(), "supervisor = ?", {q.supervisor})
        .If(q.source == "rule", "rule <> 'manual'", {})
        .If(q.source == "manual", "rule = 'manual'", {})
        .If(!q.hide_source.empty(), "source <> ?", {q.hide_source})
        .If(q.overdue_only, "due <> '' AND due <= ?", {q.now})
        .If(!q.raised_from.empty(), "raised >= ?", {q.raised_from})
        .If(!q.raised_to.empty(), "raised < ?", {q.raised_to});
    DL_ASSIGN_OR_RETURN(auto reader, readers_->Acquire(ReaderPool::Reads::kSeveral));
    return PageOf<WarningRow>(reader.db(), kWarningColumns, "warnings", w, "raised DESC, seq DESC",
                              q.offset, q.limit, WarningFromRow);
  }

  Result<Page<DutyRow>> Duties(const DutyQuery& q) override {
    Where w;
    w.Units(q.units, "w.unit")
        .If(!q.person.empty(), "d.person = ?", {q.person})
        .If(!q.unit.empty(), "d.unit = ?", {q.unit});
    DL_ASSIGN_OR_RETURN(auto reader, readers_->Acquire(ReaderPool::Reads::kSeveral));
    return PageOf<DutyRow>(
        reader.db(),
        "d.seq, d.warning, d.kind, d.person, d.unit, d.role, d.measure, d.time, w.unit, w.level, "
        "w.rule_name, w.message, w.measure",
        "duties d JOIN warnings w ON w.seq = d.warning", w, "d.seq DESC, d.idx", q.offset, q.limit,
        [](const Statement& r) {
          return DutyRow{static_cast<uint64_t>(r.Int(0)),
                         static_cast<uint64_t>(r.Int(1)),
                         r.Text(2),
                         r.Text(3),
                         r.Text(4),
                         r.Text(5),
                         r.Text(6),
                         r.Text(7),
                         r.Text(8),
                         r.Text(9),
                         r.Text(10),
                         r.Text(11),
                         r.Text(12)};
        });
  }

  Result<Page<ExceptionRow>> Exceptions(const ExceptionQuery& q) override {
    Where w;
    w.Units(q.units, "unit")
        .If(!q.unit.empty(), "unit = ?", {q.unit})
        .If(!q.status.empty(), "status = ?", {q.status});
    DL_ASSIGN_OR_RETURN(auto reader, readers_->Acquire(ReaderPool::Reads::kSeveral));
    return PageOf<ExceptionRow>(reader.db(), kExceptionColumns, "exceptions", w, "seq DESC",
                                q.offset, q.limit, ExceptionFromRow);
  }

  Result<std::optional<ExceptionRow>> ExceptionAt(uint64_t seq) override {
    DL_ASSIGN_OR_RETURN(auto reader, readers_->Acquire());
    Statement st(reader->handle(),
                 std::string("SELECT ") + kExceptionColumns + " FROM exceptions WHERE seq = ?1");
    st.Bind(1, static_cast<int64_t>(seq));
    DL_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) return std::optional<ExceptionRow>();
    return std::optional<ExceptionRow>(ExceptionFromRow(st));
  }

  Result<Page<CheckRow>> Checks(const CheckQuery& q) override {
    Where w;
    w.Units(q.units, "unit")
        .If(!q.unit.empty(), "unit = ?", {q.unit})
        .If(!q.period_prefix.empty(), "substr(period, 1, length(?)) = ?",
            {q.period_prefix, q.period_prefix});
    DL_ASSIGN_OR_RETURN(auto reader, readers_->Acquire(ReaderPool::Reads::kSeveral));
    return PageOf<CheckRow>(reader.db(), "seq, time, body", "checks", w, "seq", q.offset, q.limit,
                            [](const Statement& r) {
                              return CheckRow{
                                  static_cast<uint64_t>(r.Int(0)), r.Text(1),
                                  ParseJson(r.Text(2), nullptr).value_or(Json::object())};
                            });
  }

  Result<PeriodFacts> FactsOfPeriod(const std::string& from, const std::string& to) override {
    DL_ASSIGN_OR_RETURN(auto reader, readers_->Acquire(ReaderPool::Reads::kSeveral));
    PeriodFacts f;
    {
      Statement st(reader->handle(),
                   "SELECT unit, COUNT(*) FROM cases WHERE opened >= ?1 AND opened < ?2 "
                   "GROUP BY unit");
      st.Bind(1, from).Bind(2, to);
      for (;;) {
        DL_ASSIGN_OR_RETURN(bool row, st.Step());
        if (!row) break;
        f.opened[st.Text(0)] = st.Int(1);
      }
    }
    {
      Statement st(reader->handle(),
                   "SELECT c.unit, c.case_id, EXISTS (SELECT 1 FROM warnings w WHERE "
                   "w.case_id = c.case_id AND w.rule = 'overdue-case' AND w.base_level IN "
                   "('黄牌', '红牌')) FROM cases c WHERE c.closed >= ?1 AND c.closed < ?2 "
                   "ORDER BY c.case_id");
      st.Bind(1, from).Bind(2, to);
      DL_ASSIGN_OR_RETURN(f.closed, Rows<PeriodFacts::ClosedCase>(st, [](const Statement& r) {
                            return PeriodFacts::ClosedCase{r.Text(0), r.Text(1), r.Int(2) != 0};
                          }));
    }
    Statement st(reader->handle(),
                 "SELECT seq, unit, level, rule_name, status, escalations FROM warnings "
                 "WHERE raised >= ?1 AND raised < ?2 ORDER BY seq");
    st.Bind(1, from).Bind(2, to);
    DL_ASSIGN_OR_RETURN(f.warnings, Rows<PeriodFacts::RaisedWarning>(st, [](const Statement& r) {
                          return PeriodFacts::RaisedWarning{static_cast<uint64_t>(r.Int(0)),
                                                            r.Text(1),
                                                            r.Text(2),
                                                            r.Text(3),
                                                            r.Text(4),
                                                            r.Int(5)};
                        }));
    DL_ASSIGN_OR_RETURN(f.ratings, Ratings(reader.db(), from, to));
    return f;
  }

  Result<std::map<std::string, RatingTally>> RatingsByUnit(const std::string& from,
                                                           const std::string& to) override {
    DL_ASSIGN_OR_RETURN(auto reader, readers_->Acquire());
    return Ratings(reader.db(), from, to);
  }

  static Result<std::map<std::string, RatingTally>> Ratings(Database& db, const std::string& from,
                                                            const std::string& to) {
    Statement st(db.handle(),
                 "SELECT unit, SUM(score), COUNT(*) FROM ratings WHERE (?1 = '' OR time >= ?1) "
                 "AND (?2 = '' OR time < ?2) GROUP BY unit");
    st.Bind(1, from).Bind(2, to);
    std::map<std::string, RatingTally> out;
    for (;;) {
      DL_ASSIGN_OR_RETURN(bool row, st.Step());
      if (!row) break;
      out[st.Text(0)] = {st.Int(1), st.Int(2)};
    }
    return out;
  }

  Result<std::vector<StepRow>> WarningSteps(uint64_t seq) override {
    DL_ASSIGN_OR_RETURN(auto reader, readers_->Acquire());
    Statement st(reader->handle(),
                 "SELECT seq, action, actor, time, body FROM warning_steps WHERE warning = ?1 "
                 "ORDER BY seq");
    st.Bind(1, static_cast<int64_t>(seq));
    return Rows<StepRow>(st, [](const Statement& r) {
      return StepRow{static_cast<uint64_t>(r.Int(0)), r.Text(1), r.Text(2), r.Text(3),
                     ParseJson(r.Text(4), nullptr).value_or(Json::object())};
    });
  }

  Result<std::optional<WarningRow>> WarningAt(uint64_t seq) override {
    DL_ASSIGN_OR_RETURN(auto reader, readers_->Acquire());
    Statement st(reader->handle(),
                 std::string("SELECT ") + kWarningColumns + " FROM warnings WHERE seq = ?1");
    st.Bind(1, static_cast<int64_t>(seq));
    DL_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) return std::optional<WarningRow>();
    return std::optional<WarningRow>(WarningFromRow(st));
  }

  Result<Dashboard> Stats(const StatsQuery& q) override {
    Where w;
    w.Units(q.units, "unit")
        .If(!q.from.empty(), "raised >= ?", {q.from})
        .If(!q.to.empty(), "raised < ?", {q.to});
    Dashboard d;
    DL_ASSIGN_OR_RETURN(auto reader, readers_->Acquire(ReaderPool::Reads::kSeveral));
    {
      Statement st(reader->handle(),
                   "SELECT level, COUNT(*) FROM warnings" + w.Sql() + " GROUP BY level");
      w.BindTo(st);
      for (;;) {
        DL_ASSIGN_OR_RETURN(bool row, st.Step());
        if (!row) break;
        d.warnings_by_level[st.Text(0)] = st.Int(1);
      }
    }
    const std::string levels = "SUM(level = '提醒'), SUM(level = '黄牌'), SUM(level = '红牌')";
    {
      Statement st(reader->handle(), "SELECT unit, " + levels + " FROM warnings" + w.Sql() +
                                         " GROUP BY unit ORDER BY COUNT(*) DESC, unit");
      w.BindTo(st);
      for (;;) {
        DL_ASSIGN_OR_RETURN(bool row, st.Step());
        if (!row) break;
        d.warnings_by_unit.push_back({st.Text(0), st.Int(1), st.Int(2), st.Int(3)});
      }
    }
    {
      Statement st(reader->handle(), "SELECT strftime('%Y-%m', raised, '+8 hours') AS m, " +
                                         levels + " FROM warnings" + w.Sql() +
                                         " GROUP BY m ORDER BY m");
      w.BindTo(st);
      for (;;) {
        DL_ASSIGN_OR_RETURN(bool row, st.Step());
        if (!row) break;
        d.trend.push_back({st.Text(0), st.Int(1), st.Int(2), st.Int(3)});
      }
    }
    Where cw;
    cw.Units(q.units, "c.unit")
        .If(!q.from.empty(), "c.opened >= ?", {q.from})
        .If(!q.to.empty(), "c.opened < ?", {q.to});
    {
      Statement st(reader->handle(),
                   "SELECT c.unit, COUNT(*), SUM(EXISTS (SELECT 1 FROM warnings w WHERE "
                   "w.case_id = c.case_id AND w.rule = 'overdue-case' AND w.level IN "
                   "('黄牌', '红牌'))) FROM cases c" +
                       cw.Sql() + (cw.Sql().empty() ? " WHERE" : " AND") +
                       " c.closed IS NOT NULL GROUP BY c.unit ORDER BY c.unit");
      cw.BindTo(st);
      for (;;) {
        DL_ASSIGN_OR_RETURN(bool row, st.Step());
        if (!row) break;
        d.on_time.push_back({st.Text(0), st.Int(1), st.Int(2)});
      }
    }
    {
      Statement st(
          reader->handle(),
          "SELECT SUM(c.closed IS NULL), SUM(c.closed IS NOT NULL) FROM cases c" + cw.Sql());
      cw.BindTo(st);
      DL_ASSIGN_OR_RETURN(bool row, st.Step());
      if (row) {
        d.cases_open = st.Int(0);
        d.cases_closed = st.Int(1);
      }
    }
    return d;
  }

 private:
  std::unique_ptr<ReaderPool> readers_;
};

}  // namespace

Result<std::unique_ptr<Queries>> OpenSqliteQueries(const std::string& path) {
  DL_ASSIGN_OR_RETURN(auto readers, ReaderPool::Open(path, kQueryReaders));
  return std::unique_ptr<Queries>(std::make_unique<SqliteQueries>(std::move(readers)));
}

}  // namespace dl::store
