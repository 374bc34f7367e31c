#!/bin/sh
# Makes server/data/2012/report-2012.txt, the 2012 report's text that the import reads 別添2
# (the detail pages) from, out of the text in ../shared/seed: the same text without personal
# data. The contact lines of each detail page keep their labels only (postal code, address,
# phone, fax, the contact's department, name and e-mail), and any other e-mail address becomes
# "[email address removed]", as in the published dataset.
#
#   scripts/redact-report-2012.sh [path/to/seed.txt]
set -eu
cd "$(dirname "$0")/.."
seed=${1:-../shared/seed/000_d23f27b52e35a040.txt}
out=server/data/2012/report-2012.txt
LC_ALL=C.UTF-8 sed -E \
    -e 's/^郵便番号 .*$/郵便番号 住所/' \
    -e 's/^電話 .*$/電話 FAX 担当者所属/' \
    -e 's/^担当者氏名 .*$/担当者氏名 Eメール/' \
    -e 's/[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]+/[email address removed]/g' \
    "$seed" >"$out"
echo "wrote $out"
