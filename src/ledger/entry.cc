#include "ledger/entry.h"

#include <charconv>

namespace dl::ledger {
namespace {

// The canonical JSON of {"actor","kind","payload","seq","subject","time"} is spliced from
// its fields: the keys are already in byte order, so this equals CanonicalJson of the whole
// object (tests/ledger/entry_test.cc holds the two to each other). Head: up to the payload,
// which follows it unchanged.
void AppendHead(std::string& out, std::string_view actor, std::string_view kind) {
  out += "{\"actor\":";
  AppendJsonString(out, actor);
  out += ",\"kind\":";
  AppendJsonString(out, kind);
  out += ",\"payload\":";
}

std::string Head(std::string_view actor, std::string_view kind) {
  std::string out;
  out.reserve(actor.size() + kind.size() + 32);
  AppendHead(out, actor, kind);
  return out;
}

// Tail: after the payload. `time_text` is FormatInstant of the entry's time (RFC 3339 needs
// no escaping).
void AppendTail(std::string& out, uint64_t seq, std::string_view subject,
                std::string_view time_text) {
  char digits[24];
  out += ",\"seq\":";
  out.append(digits, std::to_chars(digits, digits + sizeof digits, seq).ptr);
  out += ",\"subject\":";
  AppendJsonString(out, subject);
  out += ",\"time\":\"";
  out += time_text;
  out += "\"}";
}

// A batch of entries shares one time: format it once per thread and time.
const std::string& TimeText(Instant time) {
  thread_local Instant last_time{};
  thread_local std::string last_text = FormatInstant(Instant{});
  if (time != last_time) {
    last_text = FormatInstant(time);
    last_time = time;
  }
  return last_text;
}

std::string Tail(uint64_t seq, std::string_view subject, Instant time) {
  std::string out;
  out.reserve(subject.size() + 80);
  AppendTail(out, seq, subject, TimeText(time));
  return out;
}

}  // namespace

EntryPrefix EntryPrefix::Of(const std::string& actor, const std::string& kind,
                            std::string payload_text) {
  EntryPrefix p{std::move(payload_text), Sha256Stream()};
  const char leaf = 0x00;
  p.state.Update(std::string_view(&leaf, 1)).Update(Head(actor, kind)).Update(p.payload_text);
  return p;
}

std::string Entry::CanonicalBytesWith(std::string_view payload_canonical) const {
  std::string out = Head(actor, kind);
  const std::string tail = Tail(seq, subject, time);
  out.reserve(out.size() + payload_canonical.size() + tail.size());
  out += payload_canonical;
  out += tail;
  return out;
}

Hash Entry::LeafHashFrom(EntryPrefix prefix) const {
  prefix.state.Update(Tail(seq, subject, time));
  return std::move(prefix.state).Finish();
}

std::string Entry::CanonicalBytes() const { return CanonicalBytesWith(CanonicalJson(payload)); }

Hash Entry::ComputeLeafHash() const { return Sha256Prefixed(0x00, CanonicalBytes()); }

Hash Entry::LeafHashWith(std::string_view payload_canonical) const {
  return LeafHashOf(seq, kind, subject, actor, TimeText(time), payload_canonical);
}

Hash LeafHashOf(uint64_t seq, std::string_view kind, std::string_view subject,
                std::string_view actor, std::string_view time_text,
                std::string_view payload_canonical) {
  // Head and tail are written into buffers kept per thread and the parts hashed in turn, so
  // nothing is allocated and the payload is not copied (verify does this for every entry).
  thread_local std::string head, tail;
  head.clear();
  tail.clear();
  AppendHead(head, actor, kind);
  AppendTail(tail, seq, subject, time_text);
  return Sha256Prefixed(0x00, head, payload_canonical, tail);
}

}  // namespace dl::ledger
