#!/usr/bin/env bash
# Builds Daylight and its web UI, creates the demo county (示范县) with a year of cases in an
# embedded SQLite file, and serves it: the address and the demo logins are printed.
# Usage: scripts/demo.sh [database file] (default: var/demo.db; made afresh each run)
# Environment: DAYLIGHT_LISTEN (default 127.0.0.1:8080), DAYLIGHT_SEED (default 1).
set -euo pipefail
cd "$(dirname "$0")/.."
db="${1:-var/demo.db}"
listen="${DAYLIGHT_LISTEN:-127.0.0.1:8080}"
bash scripts/build.sh default
bash scripts/build-web.sh
mkdir -p "$(dirname "$db")"
rm -f "$db" "$db-wal" "$db-shm" "$db.key"
bin=build/default/src/cli/daylight
"$bin" demo --db "$db" --seed "${DAYLIGHT_SEED:-1}"
echo
echo "命令行也可以查看 / The CLI works on the same file:"
echo "  $bin warnings --db $db --level 红牌 --limit 20"
echo "  $bin summary  --db $db"
echo
echo "网页：打开下面的地址是公众门户；“工作人员登录”用上面的演示账号"
echo "Web UI: the address below opens the public portal; 工作人员登录 takes the demo logins above"
exec "$bin" serve --db "$db" --listen "$listen" --web web/dist
