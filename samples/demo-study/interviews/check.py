#!/usr/bin/env python3
"""Check the fictional demo interviews (python3, standard library only).

Usage:
    python3 check.py [path/to/twoway-starter.qdc]

The codebook defaults to samples/codebooks/twoway-starter.qdc (two folders up from this file).
Checks, each failure printed as "file[:row]: message":
  * sources.csv has the documented columns; every listed transcript exists, is UTF-8 with LF line
    endings, and its first line is the fictional-interview disclaimer;
  * every transcript file in this folder is listed in sources.csv (and only once);
  * codings.csv has the documented columns; each row's file is in sources.csv; its quote occurs
    EXACTLY ONCE in that file (exact, case-sensitive substring match), within one line and after
    the two header lines; its code_path (code names
    joined with '/') names a codable code of the codebook; no coder codes the same span with the
    same code twice;
  * exactly two coders, and both code every transcript;
  * if ../operations.csv exists: every interview quotation in it occurs verbatim in the transcript
    of the firm and round it names.
Then prints counts and an informational inter-coder agreement summary (NVivo's character-level
Cohen's kappa per code and source). Exit code 0 if all checks pass, 1 otherwise.
"""
import csv
import os
import re
import sys
import xml.etree.ElementTree as ET
from collections import defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
DISCLAIMER = "FICTIONAL INTERVIEW written for the TwoWay demo."
SOURCE_COLUMNS = ["file", "firm_id", "round", "date", "language", "respondent_role", "respondent_pseudonym"]
CODING_COLUMNS = ["file", "coder", "code_path", "quote", "memo"]
SEPARATOR = "/"

errors = []


def fail(where, message):
    errors.append(f"{where}: {message}")


def read_csv(name, columns):
    path = os.path.join(HERE, name)
    with open(path, encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        if reader.fieldnames != columns:
            fail(name, f"columns are {reader.fieldnames}, expected {columns}")
            return []
        # Row numbers count the header as row 1, as a spreadsheet shows them.
        return [(i + 2, row) for i, row in enumerate(reader)]


def load_codebook(path):
    """Paths of codable codes: names from the root joined with '/'."""
    tree = ET.parse(path)
    codable, all_paths = set(), set()

    def walk(element, prefix):
        for child in element:
            if child.tag.split("}")[-1] != "Code":
                continue
            name = child.get("name")
            if SEPARATOR in name:
                fail(path, f"code name {name!r} contains the path separator")
            p = prefix + [name]
            text = SEPARATOR.join(p)
            all_paths.add(text)
            if child.get("isCodable", "true").lower() == "true":
                codable.add(text)
            walk(child, p)

    for codes in tree.getroot():
        if codes.tag.split("}")[-1] == "Codes":
            walk(codes, [])
    return codable, all_paths


def kappa(n, a_set, b_set):
    """NVivo's method: character-level Cohen's kappa for one code in one source.
    EF1 = A*B/N, EF2 = (N-A)(N-B)/N, P_e = (EF1+EF2)/N, kappa = (P_o - P_e)/(1 - P_e)."""
    a, b = len(a_set), len(b_set)
    both = len(a_set & b_set)
    agree = both + (n - len(a_set | b_set))
    po = agree / n
    pe = (a * b / n + (n - a) * (n - b) / n) / n
    return 1.0 if pe == 1 else (po - pe) / (1 - pe), po


def main():
    qdc = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "..", "..", "codebooks", "twoway-starter.qdc")
    if not os.path.exists(qdc):
        print(f"codebook not found: {qdc} (pass its path as the first argument)")
        return 1
    codable, all_paths = load_codebook(qdc)

    # Sources
    texts, firm_of = {}, {}
    for row_no, row in read_csv("sources.csv", SOURCE_COLUMNS):
        where = f"sources.csv:{row_no}"
        f = row["file"]
        if f in texts:
            fail(where, f"{f} is listed twice")
            continue
        m = re.fullmatch(r"([A-Z]{2}-\d{2})-r(\d+)\.txt", f)
        if not m:
            fail(where, f"file name {f!r} is not <firm_id>-r<round>.txt")
        elif (m.group(1), m.group(2)) != (row["firm_id"], row["round"]):
            fail(where, f"firm_id/round {row['firm_id']}/{row['round']} do not match the file name {f}")
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", row["date"]):
            fail(where, f"date {row['date']!r} is not ISO yyyy-mm-dd")
        if row["language"] != "en":
            fail(where, f"language {row['language']!r}: the demo transcripts are English (en)")
        if not row["respondent_role"] or not row["respondent_pseudonym"]:
            fail(where, "respondent_role and respondent_pseudonym are required")
        path = os.path.join(HERE, f)
        if not os.path.exists(path):
            fail(where, f"{f} does not exist")
            continue
        raw = open(path, "rb").read()
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as e:
            fail(f, f"not UTF-8 ({e})")
            continue
        if "\r" in text:
            fail(f, "contains CR characters; line endings must be LF")
        if text.startswith("\ufeff"):
            fail(f, "starts with a byte-order mark")
        if not text.split("\n", 1)[0].startswith(DISCLAIMER):
            fail(f, f"first line does not start with {DISCLAIMER!r}")
        texts[f] = text
        firm_of[f] = row["firm_id"]
    on_disk = {x for x in os.listdir(HERE) if re.fullmatch(r".+-r\d+\.txt", x)}
    for extra in sorted(on_disk - set(texts)):
        fail(extra, "transcript is not listed in sources.csv")

    # Codings
    coders = set()
    coded = defaultdict(set)  # file -> coders
    seen = set()
    spans = defaultdict(set)  # (file, coder, code) -> character positions
    per_coder = defaultdict(int)
    for row_no, row in read_csv("codings.csv", CODING_COLUMNS):
        where = f"codings.csv:{row_no}"
        f, coder, code, quote = row["file"], row["coder"], row["code_path"], row["quote"]
        if not coder:
            fail(where, "coder is empty")
            continue
        if code not in codable:
            fail(where, f"code_path {code!r} " + ("is not codable" if code in all_paths else "is not in the codebook"))
        if f not in texts:
            fail(where, f"file {f!r} is not a transcript listed in sources.csv")
            continue
        if not quote:
            fail(where, "quote is empty")
            continue
        if "\n" in quote:
            fail(where, "quote crosses a line break")
        n = texts[f].count(quote)
        if n != 1:
            fail(where, f"quote occurs {n} times in {f} (must be exactly once): {quote!r}")
            continue
        key = (f, coder, code, quote)
        if key in seen:
            fail(where, "duplicate coding (same file, coder, code and quote)")
        seen.add(key)
        coders.add(coder)
        coded[f].add(coder)
        per_coder[coder] += 1
        start = texts[f].index(quote)
        if start < len("\n".join(texts[f].split("\n", 2)[:2])):
            fail(where, "quote lies in the two header lines")
        spans[(f, coder, code)].update(range(start, start + len(quote)))
    if len(coders) != 2:
        fail("codings.csv", f"expected exactly two coders, found {sorted(coders)}")
    for f in texts:
        missing = coders - coded[f]
        if missing:
            fail("codings.csv", f"{f} is not coded by {sorted(missing)}")

    # Quotations in operations.csv appear verbatim in the transcript of their round.
    ops_path = os.path.join(HERE, "..", "operations.csv")
    n_quotations = 0
    if os.path.exists(ops_path):
        with open(ops_path, encoding="utf-8", newline="") as fh:
            for i, op in enumerate(csv.DictReader(fh)):
                if not op.get("interview_round") or not op.get("quotation"):
                    continue
                n_quotations += 1
                f = f"{op['firm_id']}-r{op['interview_round']}.txt"
                if f not in texts:
                    fail(f"operations.csv:{i + 2}", f"no transcript {f} for this quotation")
                elif texts[f].count(op["quotation"]) != 1:
                    fail(f"operations.csv:{i + 2}", f"quotation does not occur exactly once in {f}: {op['quotation']!r}")

    if errors:
        print("\n".join(errors))
        print(f"FAILED: {len(errors)} problem(s)")
        return 1

    words = sum(len(t.split()) for t in texts.values())
    print(f"OK: {len(texts)} transcripts, {words} words, "
          f"{n_quotations} operations.csv quotations found verbatim")
    for c in sorted(coders):
        print(f"  {c}: {per_coder[c]} codings ({per_coder[c] / len(texts):.1f} per transcript)")
    # Informational agreement, NVivo's method: one kappa per (source, code) where either coder used
    # the code; averaged over those pairs, and per source.
    a, b = sorted(coders)
    pairs = []
    for f, text in texts.items():
        for code in sorted({k[2] for k in spans if k[0] == f}):
            k, po = kappa(len(text), spans.get((f, a, code), set()), spans.get((f, b, code), set()))
            pairs.append((f, code, k, po))
    mean_k = sum(p[2] for p in pairs) / len(pairs)
    mean_po = sum(p[3] for p in pairs) / len(pairs)
    print(f"  agreement {a} vs {b}: mean kappa {mean_k:.3f}, mean agreement {100 * mean_po:.2f}% "
          f"over {len(pairs)} (source, code) pairs")
    # Pooled: every (source, code, character) as one unit, over all codes either coder used.
    n_all = a_all = b_all = both_all = union_all = 0
    for f, text in texts.items():
        for code in {k[2] for k in spans if k[0] == f}:
            sa, sb = spans.get((f, a, code), set()), spans.get((f, b, code), set())
            n_all += len(text)
            a_all += len(sa)
            b_all += len(sb)
            both_all += len(sa & sb)
            union_all += len(sa | sb)
    po = (both_all + n_all - union_all) / n_all
    pe = (a_all * b_all / n_all + (n_all - a_all) * (n_all - b_all) / n_all) / n_all
    print(f"  pooled kappa over all (source, code, character) units: {(po - pe) / (1 - pe):.3f}")
    by_source = defaultdict(list)
    for f, _, k, _ in pairs:
        by_source[f].append(k)
    worst = min(by_source, key=lambda f: sum(by_source[f]) / len(by_source[f]))
    best = max(by_source, key=lambda f: sum(by_source[f]) / len(by_source[f]))
    for label, f in (("lowest", worst), ("highest", best)):
        print(f"  {label} source mean kappa: {f} {sum(by_source[f]) / len(by_source[f]):.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
