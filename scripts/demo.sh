#!/usr/bin/env bash
# Builds Daylight, creates the demo county (示范县) in an embedded SQLite file and shows
# what it holds. Usage: scripts/demo.sh [database file] (default: var/demo.db)
set -euo pipefail
cd "$(dirname "$0")/.."
db="${1:-var/demo.db}"
bash scripts/build.sh default
mkdir -p "$(dirname "$db")"
bin=build/default/src/cli/daylight
"$bin" demo --db "$db" --seed "${DAYLIGHT_SEED:-1}"
code=$("$bin" export --db "$db" catalog | python3 -c 'import json,sys; print(next(p["code"] for p in json.load(sys.stdin)["powers"] if p["category"]=="三重一大"))' 2>/dev/null || true)
echo
echo "数据库: $db"
echo "试试 / Try:"
echo "  $bin summary  --db $db"
echo "  $bin export   --db $db catalog --format xlsx -o var/四单.xlsx"
echo "  $bin import   --db $db catalog var/四单.xlsx --dry-run"
[ -n "$code" ] && echo "  $bin render   --db $db flow $code -o var/$code.svg"
echo "  $bin report   --db $db changes --by quarter"
echo "  $bin validate --db $db"
