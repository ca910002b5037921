#include "ledger/entry.h"

namespace dl::ledger {
namespace {

void AppendQuoted(std::string& out, const std::string& s) { out += CanonicalJson(Json(s)); }

}  // namespace

std::string Entry::CanonicalBytesWith(std::string_view payload_canonical) const {
  // The canonical JSON of {"actor","kind","payload","seq","subject","time"}, spliced: the
  // keys are already in byte order, so this equals CanonicalJson of the whole object
  // (tests/ledger/entry_test.cc holds the two to each other).
  std::string out;
  out.reserve(payload_canonical.size() + actor.size() + kind.size() + subject.size() + 96);
  out += "{\"actor\":";
  AppendQuoted(out, actor);
  out += ",\"kind\":";
  AppendQuoted(out, kind);
  out += ",\"payload\":";
  out += payload_canonical;
  out += ",\"seq\":";
  out += std::to_string(seq);
  out += ",\"subject\":";
  AppendQuoted(out, subject);
  out += ",\"time\":\"";
  out += FormatInstant(time);  // RFC 3339 needs no escaping
  out += "\"}";
  return out;
}

std::string Entry::CanonicalBytes() const { return CanonicalBytesWith(CanonicalJson(payload)); }

Hash Entry::ComputeLeafHash() const { return Sha256Prefixed(0x00, CanonicalBytes()); }

Hash Entry::LeafHashWith(std::string_view payload_canonical) const {
  return Sha256Prefixed(0x00, CanonicalBytesWith(payload_canonical));
}

}  // namespace dl::ledger
