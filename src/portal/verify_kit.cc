#include "portal/verify_kit.h"

namespace dl::portal {

std::string VerifyScript(const std::string& verifier, const std::string& spki_base64) {
  const std::string name = verifier.substr(0, verifier.find('+'));
  return R"SH(#!/bin/sh
# 阳光权力运行监督平台 · 留痕检查点独立验证脚本
#
# 检查点（checkpoint）是平台定期签发的一段文字：账本名称、条目总数、默克尔树根哈希，
# 以及平台用 Ed25519 私钥所做的签名（C2SP signed-note 格式）。签名验证通过，说明这段文字
# 确由持有该私钥的平台签发、一字未改；把不同时间取得的检查点与平台给出的一致性证明对照，
# 就能确认账本只增不改。
#
# 用法：
#   1. 从门户“留痕验证”页面复制或下载一个检查点，存为 checkpoint.txt（保留原样，含最后的签名行）；
#   2. 运行  sh daylight-verify-checkpoint.sh checkpoint.txt
#   3. 显示“验证通过”即签名有效；否则脚本以非零状态退出并说明原因。
# 只需要 openssl（1.1.1 及以上）和 base64 命令；脚本不联网。
#
# Verifies a Daylight checkpoint (C2SP signed note) against the public key below, offline.
# Needs openssl >= 1.1.1 and base64. Usage: sh daylight-verify-checkpoint.sh checkpoint.txt
#
# 平台公钥（signed-note 验证密钥）/ verifier key:
#   )SH" +
         verifier +
         R"SH(
set -eu
KEY_NAME=')SH" +
         name +
         R"SH('
KEY_SPKI=')SH" +
         spki_base64 +
         R"SH('
if [ $# -ne 1 ] || [ ! -f "$1" ]; then
  echo "用法: sh $0 checkpoint.txt" >&2
  exit 2
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# The signed text: every line before the first empty line, each with its line break.
awk 'length($0) == 0 { exit } { print }' "$1" > "$tmp/body"
# The signature line for this key: "— <name> <base64 of 4-byte key id and 64-byte signature>".
sig=$(awk -v name="$KEY_NAME" '$1 == "\342\200\224" && $2 == name { print $3; exit }' "$1")
if [ -z "$sig" ]; then
  echo "验证失败：检查点中没有 $KEY_NAME 的签名行" >&2
  exit 1
fi
printf '%s' "$sig" | base64 -d > "$tmp/sig.raw" 2>/dev/null || {
  echo "验证失败：签名不是有效的 base64" >&2
  exit 1
}
if [ "$(wc -c < "$tmp/sig.raw")" -ne 68 ]; then
  echo "验证失败：签名长度不对" >&2
  exit 1
fi
tail -c 64 "$tmp/sig.raw" > "$tmp/sig"
printf -- '-----BEGIN PUBLIC KEY-----\n%s\n-----END PUBLIC KEY-----\n' "$KEY_SPKI" > "$tmp/key.pem"
if openssl pkeyutl -verify -pubin -inkey "$tmp/key.pem" -rawin -in "$tmp/body" \
     -sigfile "$tmp/sig" > /dev/null 2>&1; then
  echo "验证通过：该检查点由 $KEY_NAME 签发，内容未被改动"
  sed -n '1,3p' "$tmp/body" | sed '1s/^/  账本: /;2s/^/  条目数: /;3s/^/  根哈希: /'
  exit 0
fi
echo "验证失败：签名与内容不符（检查点被改动过，或不是这把密钥签发的）" >&2
exit 1
)SH";
}

}  // namespace dl::portal
