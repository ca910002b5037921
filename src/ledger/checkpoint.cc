#include "ledger/checkpoint.h"

#include <sodium.h>
#include <sys/stat.h>

#include <charconv>
#include <fstream>
#include <sstream>
#include <vector>

namespace dl::ledger {
namespace {

constexpr uint8_t kEd25519Alg = 0x01;
constexpr std::string_view kSigPrefix = "\u2014 ";  // "— "

bool InitSodium() {
  static const bool ok = sodium_init() >= 0;
  return ok;
}

std::array<uint8_t, 4> KeyId(const std::string& name, const std::array<uint8_t, 32>& pk) {
  std::string data = name + "\n";
  data.push_back(static_cast<char>(kEd25519Alg));
  data.append(reinterpret_cast<const char*>(pk.data()), pk.size());
  Hash h = Sha256(data);
  return {h[0], h[1], h[2], h[3]};
}

bool ValidKeyName(const std::string& name) {
  if (name.empty()) return false;
  for (char c : name) {
    if (c == ' ' || c == '+' || c == '\n' || c == '\t') return false;
  }
  return true;
}

std::string Hex(const uint8_t* p, size_t n) {
  static const char* digits = "0123456789abcdef";
  std::string s;
  for (size_t i = 0; i < n; ++i) {
    s.push_back(digits[p[i] >> 4]);
    s.push_back(digits[p[i] & 15]);
  }
  return s;
}

}  // namespace

std::optional<std::vector<uint8_t>> FromBase64(std::string_view text) {
  if (!InitSodium()) return std::nullopt;
  std::vector<uint8_t> out(text.size());
  size_t len = 0;
  if (sodium_base642bin(out.data(), out.size(), text.data(), text.size(), nullptr, &len, nullptr,
                        sodium_base64_VARIANT_ORIGINAL) != 0) {
    return std::nullopt;
  }
  out.resize(len);
  return out;
}

std::string Base64(const uint8_t* data, size_t size) {
  std::string out(sodium_base64_ENCODED_LEN(size, sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), data, size, sodium_base64_VARIANT_ORIGINAL);
  out.resize(out.size() - 1);  // drop the terminating NUL
  return out;
}

std::string Checkpoint::Body() const {
  return origin + "\n" + std::to_string(size) + "\n" + Base64(root.data(), root.size()) + "\n";
}

Result<Checkpoint> Checkpoint::ParseBody(const std::string& body) {
  auto bad = [](const std::string& why) {
    return Err(ErrorCode::kInvalidArgument, "检查点格式错误：" + why);
  };
  std::vector<std::string> lines;
  std::stringstream in(body);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  if (lines.size() < 3 || body.empty() || body.back() != '\n')
    return bad("应至少有三行并以换行结束");
  Checkpoint c;
  c.origin = lines[0];
  if (c.origin.empty()) return bad("缺少日志名称");
  auto [end, ec] = std::from_chars(lines[1].data(), lines[1].data() + lines[1].size(), c.size);
  if (ec != std::errc() || end != lines[1].data() + lines[1].size() ||
      (lines[1].size() > 1 && lines[1][0] == '0')) {
    return bad("树大小应为十进制整数");
  }
  auto root = FromBase64(lines[2]);
  if (!root || root->size() != 32) return bad("根哈希应为 32 字节的 base64");
  std::copy(root->begin(), root->end(), c.root.begin());
  return c;
}

Result<SigningKey> SigningKey::Generate(const std::string& name) {
  if (!InitSodium()) return Err(ErrorCode::kInternal, "libsodium 初始化失败");
  if (!ValidKeyName(name))
    return Err(ErrorCode::kInvalidArgument, "密钥名称不能为空，也不能含空格或 +");
  SigningKey k;
  k.name_ = name;
  crypto_sign_keypair(k.pk_.data(), k.sk_.data());
  return k;
}

std::string SigningKey::VerifierKey() const {
  auto id = KeyId(name_, pk_);
  std::vector<uint8_t> key{kEd25519Alg};
  key.insert(key.end(), pk_.begin(), pk_.end());
  return name_ + "+" + Hex(id.data(), id.size()) + "+" + Base64(key.data(), key.size());
}

std::string SigningKey::SignNote(const std::string& body) const {
  std::array<uint8_t, 4 + crypto_sign_BYTES> sig{};
  auto id = KeyId(name_, pk_);
  std::copy(id.begin(), id.end(), sig.begin());
  crypto_sign_detached(sig.data() + 4, nullptr, reinterpret_cast<const uint8_t*>(body.data()),
                       body.size(), sk_.data());
  return body + "\n" + std::string(kSigPrefix) + name_ + " " + Base64(sig.data(), sig.size()) +
         "\n";
}

Status SigningKey::Save(const std::string& path) const {
  std::array<uint8_t, 32> seed{};
  crypto_sign_ed25519_sk_to_seed(seed.data(), sk_.data());
  {
    std::ofstream out(path, std::ios::trunc);
    if (!out) return Err(ErrorCode::kIo, "无法写入签名密钥文件 " + path);
    chmod(path.c_str(), 0600);
    out << name_ << " " << Base64(seed.data(), seed.size()) << "\n";
    if (!out) return Err(ErrorCode::kIo, "写入签名密钥文件失败 " + path);
  }
  sodium_memzero(seed.data(), seed.size());
  return Ok();
}

Result<SigningKey> SigningKey::Load(const std::string& path) {
  if (!InitSodium()) return Err(ErrorCode::kInternal, "libsodium 初始化失败");
  std::ifstream in(path);
  if (!in) return Err(ErrorCode::kNotFound, "签名密钥文件不存在或无法读取：" + path);
  std::string name, seed_text;
  in >> name >> seed_text;
  auto seed = FromBase64(seed_text);
  if (!ValidKeyName(name) || !seed || seed->size() != crypto_sign_SEEDBYTES) {
    return Err(ErrorCode::kCorrupt, "签名密钥文件格式错误：" + path);
  }
  SigningKey k;
  k.name_ = name;
  crypto_sign_seed_keypair(k.pk_.data(), k.sk_.data(), seed->data());
  sodium_memzero(seed->data(), seed->size());
  return k;
}

Result<std::string> VerifyNote(const std::string& note, const std::string& verifier_key) {
  if (!InitSodium()) return Err(ErrorCode::kInternal, "libsodium 初始化失败");
  auto bad = [](const std::string& why) { return Err(ErrorCode::kInvalidArgument, why); };
  // Verifier key: name+hexid+base64(alg ‖ key).
  size_t p1 = verifier_key.find('+'), p2 = verifier_key.find('+', p1 + 1);
  if (p1 == std::string::npos || p2 == std::string::npos) return bad("验证公钥格式错误");
  std::string name = verifier_key.substr(0, p1);
  auto key = FromBase64(verifier_key.substr(p2 + 1));
  if (!key || key->size() != 33 || (*key)[0] != kEd25519Alg)
    return bad("验证公钥不是 Ed25519 公钥");
  std::array<uint8_t, 32> pk{};
  std::copy(key->begin() + 1, key->end(), pk.begin());
  auto id = KeyId(name, pk);
  if (Hex(id.data(), id.size()) != verifier_key.substr(p1 + 1, p2 - p1 - 1)) {
    return bad("验证公钥的密钥标识与公钥不符");
  }
  size_t split = note.find("\n\n");
  if (split == std::string::npos) return bad("签名文本缺少正文与签名之间的空行");
  std::string body = note.substr(0, split + 1);
  std::stringstream sigs(note.substr(split + 2));
  for (std::string line; std::getline(sigs, line);) {
    if (!line.starts_with(kSigPrefix)) return bad("签名行格式错误");
    std::string rest = line.substr(kSigPrefix.size());
    size_t sp = rest.find(' ');
    if (sp == std::string::npos || rest.substr(0, sp) != name) continue;
    auto sig = FromBase64(rest.substr(sp + 1));
    if (!sig || sig->size() != 4 + crypto_sign_BYTES ||
        !std::equal(id.begin(), id.end(), sig->begin())) {
      continue;
    }
    if (crypto_sign_verify_detached(sig->data() + 4, reinterpret_cast<const uint8_t*>(body.data()),
                                    body.size(), pk.data()) != 0) {
      return bad("签名无效：正文在签名后被改动，或签名不是此密钥所签");
    }
    return body;
  }
  return bad("没有密钥“" + name + "”的签名");
}

}  // namespace dl::ledger
