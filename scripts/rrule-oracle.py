#!/usr/bin/env python3
"""The oracle for dixian's recurrence engine: expands RRULEs with python-dateutil.

Usage: rrule-oracle.py IN.json OUT.json

IN is a JSON list of {"rule": "FREQ=...", "dtstart": "YYYY-MM-DDTHH:MM:SS", "limit": N, "cap": "..."}.
OUT gets, for each rule in order, {"occurrences": ["YYYY-MM-DDTHH:MM:SS", ...]} with at most `limit`
occurrences no later than `cap`, or {"error": "..."} when dateutil rejects the rule.

`cap` bounds the search: a rule that never matches would otherwise make dateutil walk day by day to
the year 9999. It is applied as an extra UNTIL (inclusive), so it means exactly what the Swift side's
`prefix(while: { $0 <= cap })` means. UNTIL alone is not enough: dateutil checks it only against
candidates, and a rule whose BYSETPOS never selects one (FREQ=DAILY;BYDAY=MO;BYSETPOS=2) has none. So
the search also ends after the cap's year, by lowering `datetime.MAXYEAR`, the bound dateutil's loop
reads at run time; nothing at or before the cap changes. Times are naive (wall clock), as in dixian's
core.

Exit status 3 with a message on stderr when python-dateutil is not installed.
"""
import datetime as datetime_module
import itertools
import json
import sys
from datetime import datetime

try:
    from dateutil.rrule import rrulestr
except ImportError:
    sys.stderr.write(
        "python-dateutil is not installed: run `python3 -m pip install python-dateutil` "
        "(scripts/test does this)\n")
    sys.exit(3)


def expand(case):
    dtstart = datetime.fromisoformat(case["dtstart"])
    cap = datetime.fromisoformat(case["cap"])
    rule = rrulestr(case["rule"], dtstart=dtstart)
    until = rule._until
    # replace() keeps every other part; COUNT and UNTIL together are allowed there (a warning only).
    rule = rule.replace(until=min(until, cap) if until else cap)
    maximum = datetime_module.MAXYEAR
    datetime_module.MAXYEAR = min(maximum, cap.year)
    try:
        return [d.isoformat() for d in itertools.islice(rule, case["limit"])]
    finally:
        datetime_module.MAXYEAR = maximum


def main():
    if len(sys.argv) != 3:
        sys.stderr.write(__doc__)
        sys.exit(2)
    with open(sys.argv[1], encoding="utf-8") as f:
        cases = json.load(f)
    results = []
    for case in cases:
        try:
            results.append({"occurrences": expand(case)})
        except Exception as error:  # report per rule; the Swift test shows it beside the rule
            results.append({"error": f"{type(error).__name__}: {error}"})
    with open(sys.argv[2], "w", encoding="utf-8") as f:
        json.dump(results, f)


if __name__ == "__main__":
    import warnings
    warnings.simplefilter("ignore", DeprecationWarning)
    main()
