#!/usr/bin/env python3
"""Check that a six-language description has the structure of its two-language source.

Usage: check_six_languages.py SOURCE.json ALL.json

Rules checked (exit 1 and a message per problem, 0 when all hold):
- both files are valid JSON;
- the two trees have the same keys and the same list lengths everywhere, where a
  localized field (an object whose keys are language codes) counts as one leaf;
- every localized field of ALL has exactly the six codes of its "languages" list,
  in that order, each a non-empty string;
- the zh and en entries of ALL are byte-identical to SOURCE;
- document symbols cited in the English text (XXX/…/N forms) occur unchanged in every
  version, and the ^[…] footnote count is the same in every version;
- French text has no ordinary space before ; : ! ? or inside « » (the seed uses U+202F).
"""
import json
import re
import sys

LANGS = {"ar", "zh", "en", "fr", "ru", "es"}
SYMBOL = re.compile(r"\b[A-Z]+(?:/[A-Za-z0-9.]+)+\b")


def is_localized(v):
    return isinstance(v, dict) and v and set(v) <= LANGS


def compare(src, all_, path, order, problems):
    if is_localized(src):
        if not is_localized(all_):
            problems.append(f"{path}: localized in source, not in the six-language file")
            return
        if list(all_) != order:
            problems.append(f"{path}: languages {list(all_)} instead of {order}")
        for lang, text in all_.items():
            if not isinstance(text, str) or not text.strip():
                problems.append(f"{path}.{lang}: empty or not a string")
        for lang in src:
            if all_.get(lang) != src[lang]:
                problems.append(f"{path}.{lang}: differs from the source")
        en = all_.get("en", "")
        for lang, text in all_.items():
            for sym in SYMBOL.findall(en):
                if sym not in text:
                    problems.append(f"{path}.{lang}: symbol {sym} missing")
            if text.count("^[") != en.count("^["):
                problems.append(f"{path}.{lang}: footnote count differs from en")
        fr = all_.get("fr", "")
        if re.search(r" [;:!?]|« | »", fr):
            problems.append(f"{path}.fr: ordinary space at French punctuation")
        return
    if isinstance(src, dict):
        if not isinstance(all_, dict) or set(src) != set(all_):
            problems.append(f"{path}: keys differ")
            return
        for k in src:
            compare(src[k], all_[k], f"{path}.{k}", order, problems)
    elif isinstance(src, list):
        if not isinstance(all_, list) or len(src) != len(all_):
            problems.append(f"{path}: list lengths differ")
            return
        for i, (a, b) in enumerate(zip(src, all_)):
            compare(a, b, f"{path}[{i}]", order, problems)


def main():
    if len(sys.argv) != 3:
        print(__doc__)
        return 2
    src = json.load(open(sys.argv[1], encoding="utf-8"))
    all_ = json.load(open(sys.argv[2], encoding="utf-8"))
    order = all_.get("languages", [])
    problems = []
    if set(order) != LANGS or len(order) != 6:
        problems.append(f"languages is {order}, not the six official languages")
    for key in ("languages", "job_numbers"):
        src.pop(key, None)
    jobs = all_.pop("job_numbers", {})
    all_.pop("languages", None)
    if set(jobs) != LANGS:
        problems.append(f"job_numbers has {sorted(jobs)}")
    compare(src, all_, "$", order, problems)
    for p in problems:
        print(p)
    print(f"{len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
