#!/usr/bin/env python3
"""Scores `sohoa export --format jsonl` against a ground-truth file (corpus-real/truth.jsonl).

For each field the truth states (non-null), prints how many documents agree:
  exact  — equal after NFC and whitespace collapse (the export contract's form);
  loose  — equal after also removing diacritics, case and punctuation spacing, which
           separates OCR tone slips and old/new tone placement (UỶ/ỦY) from real misses.
A truth type outside the contract's codes ("other") agrees with any type that is not one
of the 17 required classes.

usage: score-corpus.py EXPORT.jsonl TRUTH.jsonl [--misses]
"""
import json
import re
import sys
import unicodedata

FIELDS = ["doc_type", "legal_form", "number", "issued_date", "agency", "subject", "signer", "pages"]
REQUIRED = {"nghi_quyet", "quyet_dinh", "chi_thi", "quy_che", "quy_dinh", "thong_cao", "thong_bao",
            "huong_dan", "chuong_trinh", "ke_hoach", "phuong_an", "de_an", "du_an", "bao_cao",
            "to_trinh", "cong_van", "van_ban_qppl"}


def exact(value):
    if value is None:
        return None
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", str(value))).strip()


def loose(value):
    if value is None:
        return None
    text = unicodedata.normalize("NFD", exact(value)).replace("đ", "d").replace("Đ", "D")
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return re.sub(r"\s*([/\-,.:;])\s*", r"\1", text)


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    show_misses = "--misses" in sys.argv
    export = {}
    for line in open(args[0], encoding="utf-8"):
        row = json.loads(line)
        export[row["source"].split("/")[-1]] = row
    truth = [json.loads(line) for line in open(args[1], encoding="utf-8")]
    print(f"{'field':<12} {'stated':>6} {'exact':>6} {'loose':>6}  exact%  loose%")
    misses = []
    for field in FIELDS:
        stated = agree_exact = agree_loose = 0
        for t in truth:
            want = t.get(field)
            if want is None:
                continue
            stated += 1
            got_row = export.get(t["file"].split("/")[-1])
            got = got_row.get(field) if got_row else None
            if field == "doc_type" and want == "other":
                ok_exact = ok_loose = got is not None and got not in REQUIRED
            else:
                ok_exact = exact(got) == exact(want)
                ok_loose = loose(got) == loose(want)
            agree_exact += ok_exact
            agree_loose += ok_loose
            if not ok_exact:
                misses.append((t["file"], field, want, got))
        pct = lambda n: f"{100 * n / stated:5.1f}%" if stated else "    -"
        print(f"{field:<12} {stated:>6} {agree_exact:>6} {agree_loose:>6}  {pct(agree_exact)}  {pct(agree_loose)}")
    missing = [t["file"] for t in truth if t["file"].split("/")[-1] not in export]
    statuses = {}
    for row in export.values():
        statuses[row["status"]] = statuses.get(row["status"], 0) + 1
    print(f"inputs in export: {len(export)} {statuses}; truth files missing from export: {len(missing)}")
    if show_misses:
        for file, field, want, got in misses:
            print(f"  {file}  {field}: want {want!r} got {got!r}")


if __name__ == "__main__":
    main()
