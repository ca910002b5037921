// Read-only queries behind the API's lists, pages and statistics: filtered, paged, counted.
// They read the projection tables only (never the ledger), on their own connection, so a
// slow listing does not hold up the writer or the store's other readers.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/result.h"
#include "store/store.h"

namespace dl::store {

// Which units a query may see: all, or exactly the listed codes (an empty list sees nothing).
struct UnitFilter {
  bool all = true;
  std::vector<std::string> units;
};

template <class Row>
struct Page {
  std::vector<Row> items;
  uint64_t total = 0;  // rows matching the filter, over all pages
};

struct CaseQuery {
  UnitFilter units;
  std::string power;        // empty: any
  std::string state;        // "open", "closed" or empty
  std::string opened_from;  // instants as stored (FormatInstant, UTC); empty: unbounded
  std::string opened_to;    // exclusive
  std::string id_prefix;    // case ids starting with this; empty: any
  uint64_t offset = 0;
  uint64_t limit = 20;
};

struct CaseRow {
  std::string case_id, power, unit, opened, closed;  // closed empty while open
  int version = 0;
  int64_t events = 0, deviations = 0, warnings = 0;
};

struct WarningQuery {
  UnitFilter units;
  std::string level, rule, status, case_id;
  std::string person;      // the person concerned; empty: any
  std::string supervisor;  // the supervising unit now in charge; empty: any
  std::string source;      // "rule": raised by rules; "manual": entered by hand; empty: any
  // Leave out hand-entered warnings of this source (信访举报 for everyone but inspectors).
  std::string hide_source;
  bool overdue_only = false;  // only those whose due time has passed (`now`, as stored)
  std::string now;
  std::string raised_from, raised_to;  // as stored (UTC); `to` exclusive
  uint64_t offset = 0;
  uint64_t limit = 20;
};

// 两责: the duties recorded when warnings were disposed.
struct DutyQuery {
  UnitFilter units;    // the units of the warnings
  std::string person;  // empty: any
  std::string unit;    // the unit whose duty it is; empty: any
  uint64_t offset = 0;
  uint64_t limit = 50;
};

struct DutyRow {
  uint64_t seq = 0;  // the warning.step entry that recorded it
  uint64_t warning = 0;
  std::string kind, person, unit, role, measure, time;
  std::string warning_unit, level, rule_name, message, disposal;  // of the warning
};

// 例外: exceptions granted to the units.
struct ExceptionQuery {
  UnitFilter units;
  std::string unit;    // empty: any
  std::string status;  // 有效 / 已撤销 / 已到期; empty: any
  uint64_t offset = 0;
  uint64_t limit = 50;
};

// 自查 / 检查 entries.
struct CheckQuery {
  UnitFilter units;
  std::string unit;           // empty: any
  std::string period_prefix;  // entries whose period starts with it ("2026" → the year's)
  uint64_t offset = 0;
  uint64_t limit = 500;
};

// Ratings of closed cases (满意度评价) of one unit.
struct RatingTally {
  int64_t sum = 0;    // of the scores (1..5)
  int64_t count = 0;  // ratings
};

// What the assessment (考核) counts from the cases and warnings of a period.
struct PeriodFacts {
  std::map<std::string, int64_t> opened;  // unit → cases opened in the period
  struct ClosedCase {
    std::string unit, case_id;
    bool late = false;  // it has a yellow or red overdue-case warning
  };
  std::vector<ClosedCase> closed;  // cases closed in the period
  struct RaisedWarning {
    uint64_t seq = 0;
    std::string unit, level, rule_name, status;
    int64_t escalations = 0;
  };
  std::vector<RaisedWarning> warnings;         // warnings raised in the period
  std::map<std::string, RatingTally> ratings;  // unit → ratings given in the period
};

// One step in a warning's life, as the ledger recorded it (the entry's payload).
struct StepRow {
  uint64_t seq = 0;
  std::string action, actor, time;
  Json body;
};

struct StatsQuery {
  UnitFilter units;
  std::string from, to;  // instants as stored; empty: unbounded
};

struct Dashboard {
  std::map<std::string, int64_t> warnings_by_level;  // level → count
  struct UnitLevels {
    std::string unit;
    int64_t notice = 0, yellow = 0, red = 0;
  };
  std::vector<UnitLevels> warnings_by_unit;  // most warnings first
  struct Month {
    std::string month;  // YYYY-MM, China time
    int64_t notice = 0, yellow = 0, red = 0;
  };
  std::vector<Month> trend;  // oldest first
  struct OnTime {
    std::string unit;
    int64_t closed = 0, late = 0;  // late: closed with a yellow or red overdue-case warning
  };
  std::vector<OnTime> on_time;  // by unit code
  int64_t cases_open = 0, cases_closed = 0;
};

class Queries {
 public:
  virtual ~Queries() = default;
  // Each is thread-safe; errors only when the database fails.
  virtual Result<Page<CaseRow>> Cases(const CaseQuery& q) = 0;
  virtual Result<Page<WarningRow>> Warnings(const WarningQuery& q) = 0;
  // The warning raised by entry `seq`; nullopt if there is none.
  virtual Result<std::optional<WarningRow>> WarningAt(uint64_t seq) = 0;
  // The case row of `case_id`; nullopt if no event of it is recorded.
  virtual Result<std::optional<CaseRow>> CaseAt(const std::string& case_id) = 0;
  virtual Result<Dashboard> Stats(const StatsQuery& q) = 0;
  virtual Result<Page<DutyRow>> Duties(const DutyQuery& q) = 0;
  // Exceptions, newest first; one by its id.
  virtual Result<Page<ExceptionRow>> Exceptions(const ExceptionQuery& q) = 0;
  virtual Result<std::optional<ExceptionRow>> ExceptionAt(uint64_t seq) = 0;
  // 自查 / 检查 entries, oldest first.
  virtual Result<Page<CheckRow>> Checks(const CheckQuery& q) = 0;
  // Cases and warnings between `from` and `to` (instants as stored; `to` exclusive).
  virtual Result<PeriodFacts> FactsOfPeriod(const std::string& from, const std::string& to) = 0;
  // Ratings given in [from, to) (instants as stored; empty: unbounded), by unit.
  virtual Result<std::map<std::string, RatingTally>> RatingsByUnit(const std::string& from,
                                                                   const std::string& to) = 0;
  // The steps of warning `seq`, oldest first.
  virtual Result<std::vector<StepRow>> WarningSteps(uint64_t seq) = 0;
  // Open cases (not closed) in the given units, oldest first, at most `limit`.
  virtual Result<std::vector<CaseRow>> OpenCases(const UnitFilter& units, size_t limit) = 0;
};

// Queries on the SQLite database at `path` (which must exist and be migrated).
Result<std::unique_ptr<Queries>> OpenSqliteQueries(const std::string& path);

}  // namespace dl::store
