#!/usr/bin/env python3
"""Summarises a `swift test` log for the end of scripts/test: `test-log-summary.py LOG`.

A full run prints thousands of lines and CI keeps only the tail, where a failure or a hang is easy to miss.
This prints, in a few lines:
- every test that recorded an issue, with its first message (`✘ … recorded an issue at File.swift:N`);
- every test that started and never finished, which is what a hung run leaves behind (only for a run that did
  not complete).

It reads Swift Testing's console output. Parameterised cases (`Test case passing …`) are counted with their
test, not on their own. Exit status: 0 when nothing failed and nothing is left running, 1 otherwise.
"""
import re
import sys
from collections import Counter

STARTED = re.compile(r'^◇ Test (?!case )(.+?) started\.$')
ENDED = re.compile(r'^[✔✘] Test (?!case )(.+?)(?: with \d+ test cases?)? (?:passed|failed) after [0-9.]+ seconds')
SKIPPED = re.compile(r'^[➜↷] Test (?!case )(.+?) skipped')
COMPLETED = re.compile(r'^[✔✘] Test run with \d+ tests? .*(?:passed|failed) after')
ISSUE = re.compile(r'^✘ Test (?!case )(.+?) recorded an issue (?:with .+? )?at (\S+?):(?: (.*))?$')


def summarise(lines):
    """Returns (failures, unfinished): failures as (test, place, message), unfinished test names."""
    running = Counter()
    failures = []
    completed = False
    for index, raw in enumerate(lines):
        line = raw.rstrip('\n')
        if COMPLETED.match(line):
            completed = True
        elif (match := STARTED.match(line)) and match.group(1) != 'run':  # the whole run: '◇ Test run started.'
            running[match.group(1)] += 1
        elif match := ENDED.match(line) or SKIPPED.match(line):
            if running[match.group(1)] > 0:
                running[match.group(1)] -= 1
        elif match := ISSUE.match(line):
            message = match.group(3) or ''
            following = lines[index + 1].rstrip('\n') if index + 1 < len(lines) else ''
            if following.startswith('↳'):
                message += ' ' + following
            failures.append((match.group(1), match.group(2), message))
    # A run that completed left nothing running: the console output of a parallel run sometimes lacks a test's
    # closing line, which would otherwise read as a hang.
    unfinished = [] if completed else sorted(name for name, count in running.items() for _ in range(count))
    return failures, unfinished


def main():
    if len(sys.argv) != 2:
        print('usage: test-log-summary.py LOG', file=sys.stderr)
        return 2
    with open(sys.argv[1], encoding='utf-8', errors='replace') as log:
        failures, unfinished = summarise(log.readlines())
    if failures:
        print(f'== {len(failures)} issue(s) recorded:')
        for test, place, message in failures:
            print(f'  ✘ {test} at {place}: {message[:300]}')
    if unfinished:
        print(f'== {len(unfinished)} test(s) started and never finished:')
        for name in unfinished:
            print(f'  … {name}')
    return 1 if failures or unfinished else 0


if __name__ == '__main__':
    sys.exit(main())
