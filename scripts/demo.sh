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
echo
echo "数据库: $db"
echo "试试 / Try:"
echo "  $bin warnings --db $db --level 红牌 --limit 20"
example_case=$("$bin" --json warnings --db "$db" --level 红牌 --limit 1 |
  sed -n 's/^ *"case": "\(.*\)",$/\1/p' | head -n 1 || true)
[ -n "$example_case" ] && echo "  $bin case     --db $db show $example_case"
echo "  $bin summary  --db $db"
echo "  $bin export   --db $db catalog --format xlsx -o var/四单.xlsx"
echo "  $bin import   --db $db catalog var/四单.xlsx --dry-run"
echo "  $bin report   --db $db changes --by quarter"
echo "  $bin validate --db $db"
