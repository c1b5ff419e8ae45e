#!/usr/bin/env python3
"""The rule language's independent oracle: evaluates CEL expressions with PyPI's cel-python (celpy).

Reads one JSON document on stdin:
  {"params": {NAME: VALUE}, "rows": [{COLUMN: VALUE}], "expressions": ["…", …]}
where VALUE is {"int": "12"}, {"double": "2.5"}, {"string": "…"}, {"bool": true} or {"list": [VALUE, …]},
and a column that is missing from a row (NULL) is simply absent: CEL then sees an undeclared reference, an
error, which `&&` and `||` absorb as SQL's three-valued logic absorbs NULL.

Writes a JSON array with one array per expression and one entry per row: true, false, or null for an error.
A line of the form "PARSE <index> <message>" on stderr reports an expression celpy cannot parse.
"""
import json
import sys

import celpy
from celpy import celtypes


def to_cel(value):
    (kind, raw), = value.items()
    if kind == "int":
        return celtypes.IntType(int(raw))
    if kind == "double":
        return celtypes.DoubleType(float(raw))
    if kind == "string":
        return celtypes.StringType(raw)
    if kind == "bool":
        return celtypes.BoolType(raw)
    if kind == "list":
        return celtypes.ListType([to_cel(item) for item in raw])
    raise ValueError(f"unknown value kind {kind}")


def contains(text, part):
    """CEL's string `contains`. celpy 0.5's own calls a method that a concatenation's result lacks
    (`('a' + 'b').contains('a')` fails with "'str' object has no attribute 'contains'"), so the oracle binds
    the standard definition itself: substring by code points, the empty string always contained."""
    if not isinstance(text, str) or not isinstance(part, str):
        raise TypeError("no such overload")
    return celtypes.BoolType(part in text)


def main():
    document = json.load(sys.stdin)
    params = celtypes.MapType({celtypes.StringType(k): to_cel(v) for k, v in document["params"].items()})
    rows = [{name: to_cel(value) for name, value in row.items()} for row in document["rows"]]
    environment = celpy.Environment()
    results = []
    for index, text in enumerate(document["expressions"]):
        try:
            program = environment.program(environment.compile(text), functions={"contains": contains})
        except Exception as error:  # celpy.CELParseError
            print(f"PARSE {index} {str(error).splitlines()[0]}", file=sys.stderr)
            results.append(None)
            continue
        answers = []
        for row in rows:
            activation = dict(row)
            activation["params"] = params
            try:
                answer = program.evaluate(activation)
            except Exception:  # an evaluation error is CEL's error value
                answer = None
            if isinstance(answer, celpy.CELEvalError):
                answer = None
            answers.append(bool(answer) if isinstance(answer, celtypes.BoolType) else None)
        results.append(answers)
    json.dump(results, sys.stdout)


if __name__ == "__main__":
    main()
