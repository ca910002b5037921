#include "ledger/checkpoint.h"

#include <gtest/gtest.h>

#include "testing/temp_dir.h"

namespace dl::ledger {
namespace {

Checkpoint Sample() {
  Checkpoint c;
  c.origin = "daylight.example/云溪县";
  c.size = 1629;
  c.root = Sha256("root");
  return c;
}

TEST(CheckpointTest, BodyRoundTrips) {
  Checkpoint c = Sample();
  auto back = Checkpoint::ParseBody(c.Body());
  ASSERT_TRUE(back) << back.error().message;
  EXPECT_EQ(*back, c);
  EXPECT_EQ(c.Body().substr(0, c.origin.size() + 6), c.origin + "\n1629\n");
}

TEST(CheckpointTest, MalformedBodiesAreRefused) {
  EXPECT_FALSE(Checkpoint::ParseBody("origin\n12\n"));
  EXPECT_FALSE(Checkpoint::ParseBody("origin\nx12\nAAAA\n"));
  EXPECT_FALSE(Checkpoint::ParseBody("origin\n012\n" + Base64(Sample().root.data(), 32) + "\n"));
  EXPECT_FALSE(Checkpoint::ParseBody("origin\n12\nAAAA\n"));  // not 32 bytes
}

TEST(SignedNoteTest, SignsAndVerifies) {
  auto key = SigningKey::Generate("daylight-test");
  ASSERT_TRUE(key);
  std::string note = key->SignNote(Sample().Body());
  EXPECT_NE(note.find("\n\n\u2014 daylight-test "), std::string::npos);
  auto body = VerifyNote(note, key->VerifierKey());
  ASSERT_TRUE(body) << body.error().message;
  EXPECT_EQ(*body, Sample().Body());
}

TEST(SignedNoteTest, AnyChangeToTheBodyBreaksTheSignature) {
  auto key = SigningKey::Generate("daylight-test");
  ASSERT_TRUE(key);
  std::string note = key->SignNote(Sample().Body());
  std::string forged = note;
  forged.replace(forged.find("1629"), 4, "1630");
  auto r = VerifyNote(forged, key->VerifierKey());
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("签名无效"), std::string::npos);
}

TEST(SignedNoteTest, AnotherKeysSignatureDoesNotCount) {
  auto key = SigningKey::Generate("daylight-test");
  auto other = SigningKey::Generate("daylight-test");
  ASSERT_TRUE(key && other);
  auto r = VerifyNote(other->SignNote(Sample().Body()), key->VerifierKey());
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("没有密钥"), std::string::npos);
  EXPECT_FALSE(VerifyNote("no blank line", key->VerifierKey()));
  EXPECT_FALSE(VerifyNote(key->SignNote("x\n"), "garbage"));
}

TEST(SignedNoteTest, VerifierKeyFormat) {
  auto key = SigningKey::Generate("log1");
  ASSERT_TRUE(key);
  std::string vkey = key->VerifierKey();
  // name + 8 hex digits + base64 of 33 bytes (44 characters).
  ASSERT_EQ(vkey.size(), 4 + 1 + 8 + 1 + 44u) << vkey;
  EXPECT_EQ(vkey.substr(0, 5), "log1+");
  EXPECT_FALSE(SigningKey::Generate("has space"));
  EXPECT_FALSE(SigningKey::Generate("a+b"));
}

TEST(SigningKeyTest, SaveAndLoadKeepTheKey) {
  testing::TempDir dir;
  auto key = SigningKey::Generate("daylight-test");
  ASSERT_TRUE(key);
  ASSERT_TRUE(key->Save(dir.File("log.key")));
  auto loaded = SigningKey::Load(dir.File("log.key"));
  ASSERT_TRUE(loaded) << loaded.error().message;
  EXPECT_EQ(loaded->VerifierKey(), key->VerifierKey());
  EXPECT_TRUE(VerifyNote(loaded->SignNote("a\n"), key->VerifierKey()));
  EXPECT_EQ(SigningKey::Load(dir.File("none.key")).error().code, ErrorCode::kNotFound);
}

}  // namespace
}  // namespace dl::ledger
