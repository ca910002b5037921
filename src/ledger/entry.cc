#include "ledger/entry.h"

namespace dl::ledger {
namespace {

// The canonical JSON of {"actor","kind","payload","seq","subject","time"} is spliced from
// its fields: the keys are already in byte order, so this equals CanonicalJson of the whole
// object (tests/ledger/entry_test.cc holds the two to each other). Head: up to the payload,
// which follows it unchanged.
std::string Head(const std::string& actor, const std::string& kind) {
  std::string out;
  out.reserve(actor.size() + kind.size() + 32);
  out += "{\"actor\":";
  AppendJsonString(out, actor);
  out += ",\"kind\":";
  AppendJsonString(out, kind);
  out += ",\"payload\":";
  return out;
}

// Tail: after the payload.
std::string Tail(uint64_t seq, const std::string& subject, Instant time) {
  std::string out;
  out.reserve(subject.size() + 80);
  out += ",\"seq\":";
  out += std::to_string(seq);
  out += ",\"subject\":";
  AppendJsonString(out, subject);
  out += ",\"time\":\"";
  // A batch of entries shares one time: format it once per thread and time.
  thread_local Instant last_time{};
  thread_local std::string last_text = FormatInstant(Instant{});
  if (time != last_time) {
    last_text = FormatInstant(time);
    last_time = time;
  }
  out += last_text;  // RFC 3339 needs no escaping
  out += "\"}";
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
  // The parts are hashed in turn, so the payload is not copied (verify reads every entry).
  return Sha256Prefixed(0x00, Head(actor, kind), payload_canonical, Tail(seq, subject, time));
}

}  // namespace dl::ledger
