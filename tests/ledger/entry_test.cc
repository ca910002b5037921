#include "ledger/entry.h"

#include <gtest/gtest.h>

namespace dl::ledger {
namespace {

// The spliced canonical bytes must equal the canonical JSON of the whole entry object, for
// every kind of text a field can hold.
TEST(EntryTest, SplicedCanonicalBytesEqualTheCanonicalObject) {
  const std::string texts[] = {"",
                               "plain",
                               "引号\"与反斜杠\\",
                               "控制\n\t\x01字符",
                               "emoji 😀",
                               "</script>",
                               "a\x7f"
                               "b"};
  for (const auto& t : texts) {
    Entry e;
    e.seq = 1234567890123ULL;
    e.kind = "audit." + t;
    e.subject = "case:" + t;
    e.actor = t;
    e.time = *ParseInstant("2026-11-23T08:00:00.123Z");
    e.payload = {{"b", t}, {"a", {1, 2.5, nullptr, true}}, {"中文", {{"z", 1}, {"y", t}}}};
    Json whole = {{"actor", e.actor}, {"kind", e.kind},       {"payload", e.payload},
                  {"seq", e.seq},     {"subject", e.subject}, {"time", FormatInstant(e.time)}};
    EXPECT_EQ(e.CanonicalBytes(), CanonicalJson(whole)) << t;
    EXPECT_EQ(e.LeafHashWith(CanonicalJson(e.payload)), e.ComputeLeafHash());
    EXPECT_EQ(e.ComputeLeafHash(), Sha256Prefixed(0x00, CanonicalJson(whole)));
    // Finished from a prefix hashed elsewhere (the submitter's thread), twice from copies.
    EntryPrefix prefix = EntryPrefix::Of(e.actor, e.kind, CanonicalJson(e.payload));
    EntryPrefix copy = prefix;
    EXPECT_EQ(e.LeafHashFrom(std::move(prefix)), e.ComputeLeafHash());
    e.seq += 1;
    EXPECT_EQ(e.LeafHashFrom(std::move(copy)), e.ComputeLeafHash());
  }
}

}  // namespace
}  // namespace dl::ledger
