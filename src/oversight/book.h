// The writer's book of warnings in progress: where each warning that is not closed stands,
// when it falls due, and the recent yellow cards per unit and rule (for the repetition rule).
// Changes made while a batch is processed can be rolled back (Mark / RollbackTo) or kept
// (Commit), as the case engine's. Writer thread only.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "base/json.h"
#include "calendar/calendar.h"
#include "oversight/exception.h"
#include "oversight/lifecycle.h"

namespace dl::oversight {

class Book {
 public:
  Book(const Params& params, const calendar::WorkCalendar& calendar);

  const Params& params() const { return params_; }

  // The end of the n-th working day after the local day of `from` (that day itself not
  // counted). A year the calendar does not know counts 7 calendar days per 5 working days.
  Instant WorkdaysAfter(Instant from, int n) const;
  // When a warning at `level` entering `status` at `from` falls due; nullopt for 办结.
  std::optional<Instant> DueFor(WarningStatus status, monitor::Level level, Instant from) const;

  // A warning being raised by entry `seq` (payload of warning.raise, see
  // writer/case_recorder.h): applies the repetition rule (the n-th yellow card of one unit and
  // rule within the period is raised red, with "promoted": {"from", "count", "days"}), sets
  // "due" (the reply deadline, counted from `recorded`) and tracks the new warning.
  void Raise(Json& payload, uint64_t seq, Instant recorded);

  // The life of an open (not closed) warning; null when the book does not hold it.
  const Life* Find(uint64_t seq) const;
  // Puts (adds or replaces) a life. A closed one stays findable until Commit (a step later
  // in the same batch may reopen it), then leaves the book.
  void Put(const Life& life);
  // Warnings whose due time is at or before `now`, earliest first.
  std::vector<uint64_t> DueBy(Instant now) const;
  // The earliest due time, if any warning is due at all.
  std::optional<Instant> NextDue() const;
  size_t size() const { return lives_.size(); }

  // Remembers a yellow card raised (by its rule's own level) at `raised` for the repetition
  // rule; the writer calls this when it loads the recent ones at start.
  void NoteYellow(const std::string& unit, const std::string& rule, Instant raised);

  // Exceptions in force (oversight/exception.h), undone with the rest on RollbackTo.
  void PutException(const Exception& e);
  void EndException(uint64_t id);
  const Exception* FindException(uint64_t id) const;
  // The exception in force at `at` (the time the finding is recorded) that covers the warning
  // about to be raised with `payload`, if any.
  const Exception* Covering(const Json& payload, const catalog::Catalog& declared,
                            Instant at) const;
  // When `e` lapses: the start of the day after its last day.
  Instant LapseAt(const Exception& e) const;
  // The exceptions whose lapse time is at or before `now`, in id order.
  std::vector<uint64_t> LapsedBy(Instant now) const;
  std::optional<Instant> NextLapse() const;
  size_t exceptions() const { return exceptions_.size(); }

  // Marks count every change since the book was made, so they stay valid across CommitTo,
  // which forgets the undo log up to a mark (a committed batch while the next is pending).
  size_t Mark() const { return base_ + undo_.size(); }
  void RollbackTo(size_t mark);
  void CommitTo(size_t mark);
  void Commit();

 private:
  void Index(const Life& life);
  void Unindex(const Life& life);

  Params params_;
  const calendar::WorkCalendar& calendar_;
  std::unordered_map<uint64_t, Life> lives_;
  std::set<std::pair<Instant, uint64_t>> due_;
  // unit + '\n' + rule → the raised instants of its yellow cards
  std::map<std::string, std::multiset<Instant>> yellows_;
  std::map<uint64_t, Exception> exceptions_;  // in force, by id
  std::vector<std::function<void()>> undo_;
  size_t base_ = 0;               // the mark of undo_[0]
  std::vector<uint64_t> closed_;  // closed since the last Commit
};

}  // namespace dl::oversight
