#!/usr/bin/env python3
"""Independent counterparts for DixianTabular's readers (Tests/DixianTabularTests/IndependentReaderTests.swift).

  tabular-oracle.py xlsx SEED FOLDER   writes FOLDER/book.xlsx with openpyxl (random sheets: text with Chinese,
                                       quotes, commas and line breaks; numbers; dates and date-times; booleans;
                                       gaps and blank rows) and prints JSON: for each sheet what openpyxl was told
                                       to write and what python-calamine reads back, both as [kind, text] cells in
                                       the form DixianTabular reports them.
  tabular-oracle.py inspect 0 FILE     reads a workbook dixian wrote, with openpyxl and python-calamine, and prints
                                       JSON per sheet: openpyxl's values (text as text, numbers as repr), merged
                                       ranges, column widths, frozen pane, page orientation and paper size, and
                                       calamine's values.
  tabular-oracle.py edit 0 FILE        edits a workbook as an office would in Excel: FILE.edits.json gives "cells"
                                       ({"F4": "整改完成"}, on the first sheet) and "add_rows" (each written where the
                                       填表说明 footnote was, the footnote moved below and merged again); saves FILE
                                       with openpyxl (shared strings, its own styles) and prints {"rows": N}.
  tabular-oracle.py csv SEED FOLDER    writes the same random table with Python's csv module as FOLDER/utf8.csv
                                       (with BOM) and FOLDER/gb18030.csv, and prints JSON with both paths and the
                                       records Python's csv reader finds, each with the line it starts on.
"""
import csv
import datetime
import io
import json
import os
import random
import sys

ALPHABET = ["a", "Z", "7", " ", ",", '"', "\n", "张", "三", "、", "；", "😀", "𠀀", "€", "'", "-", "_", "x", "　", "0"]


def text(rng, allow_newline=True):
    chars = [rng.choice(ALPHABET) for _ in range(rng.randint(1, 8))]
    value = "".join(c for c in chars if allow_newline or c != "\n")
    # openpyxl reads a leading '=' as a formula; '_xHHHH_' would be an OOXML escape. Neither is text here.
    return value.replace("_x", "x_")


def date_text(value):
    if isinstance(value, datetime.datetime):
        if value.time() == datetime.time(0):
            return value.date().isoformat()
        return value.strftime("%Y-%m-%d %H:%M:%S")
    return value.isoformat()


def canonical(value):
    """A cell as DixianTabular reports it: [kind, text]; numbers as a float's repr to compare by value."""
    if value is None or value == "":
        return ["text", ""]
    if isinstance(value, bool):
        return ["boolean", "TRUE" if value else "FALSE"]
    if isinstance(value, (int, float)):
        return ["number", repr(float(value))]
    if isinstance(value, (datetime.date, datetime.datetime)):
        return ["date", date_text(value)]
    return ["text", str(value)]


def random_cell(rng):
    kind = rng.random()
    if kind < 0.15:
        return None
    if kind < 0.5:
        return text(rng)
    if kind < 0.62:
        return rng.randint(-10**6, 10**9)
    if kind < 0.72:
        return round(rng.uniform(-1e6, 1e6), rng.randint(0, 4))
    if kind < 0.82:
        # Includes the early days around Excel's phantom 1900-02-29.
        if rng.random() < 0.2:
            return datetime.date(1900, 1, 1) + datetime.timedelta(days=rng.randint(0, 120))
        return datetime.date(1950, 1, 1) + datetime.timedelta(days=rng.randint(0, 40000))
    if kind < 0.9:
        return datetime.datetime(2026, 1, 1) + datetime.timedelta(seconds=rng.randint(0, 10**8))
    return rng.random() < 0.5


def normalised_numbers(rows):
    for cells in rows.values():
        for cell in cells:
            if cell[0] == "number":
                cell[1] = repr(float(cell[1]))
    return rows


def xlsx(seed, folder):
    import openpyxl
    import python_calamine

    rng = random.Random(seed)
    book = openpyxl.Workbook()
    sheets = []
    for index in range(rng.randint(1, 3)):
        sheet = book.active if index == 0 else book.create_sheet()
        sheet.title = ["户籍", "明细", "Sheet 3"][index]
        width = rng.randint(1, 9)
        written = {"header": [["text", f"列{c}"] for c in range(width)]}
        header_row = rng.randint(1, 3)
        for column in range(width):
            sheet.cell(row=header_row, column=column + 1, value=f"列{column}")
        row = header_row
        for _ in range(rng.randint(5, 60)):
            row += rng.randint(1, 3)  # gaps of blank rows
            cells = [random_cell(rng) for _ in range(width + rng.randint(0, 2))]
            for column, value in enumerate(cells):
                if value is not None:
                    sheet.cell(row=row, column=column + 1, value=value)
            canonical_cells = [canonical(v) for v in cells]
            if any(c[1].strip() for c in canonical_cells):
                written[str(row)] = canonical_cells
        sheets.append({"name": sheet.title, "written": written})
    path = os.path.join(folder, "book.xlsx")
    book.save(path)

    calamine = python_calamine.CalamineWorkbook.from_path(path)
    for entry in sheets:
        rows = calamine.get_sheet_by_name(entry["name"]).to_python(skip_empty_area=False)
        read = {}
        header_seen = False
        for number, cells in enumerate(rows, start=1):
            canonical_cells = [canonical(v) for v in cells]
            if not any(c[1].strip() for c in canonical_cells):
                continue
            if not header_seen:
                header_seen = True
                read["header"] = [["text", c[1].strip()] for c in canonical_cells]
                continue
            read[str(number)] = canonical_cells
        entry["calamine"] = read
        entry["written"] = normalised_numbers(entry["written"])
    print(json.dumps({"path": path, "sheets": sheets}, ensure_ascii=False))


def csv_files(seed, folder):
    rng = random.Random(seed)
    width = rng.randint(2, 8)
    rows = [[f"列{c}" for c in range(width)]]
    for _ in range(rng.randint(60, 150)):
        rows.append([text(rng) if rng.random() < 0.9 else "" for _ in range(width)])
        if rng.random() < 0.05:
            rows.append([""] * width)
    buffer = io.StringIO(newline="")
    csv.writer(buffer).writerows(rows)  # RFC 4180 quoting, CRLF line ends
    content = buffer.getvalue()
    paths = {"utf8": os.path.join(folder, "utf8.csv"), "gb18030": os.path.join(folder, "gb18030.csv")}
    with open(paths["utf8"], "w", encoding="utf-8-sig", newline="") as out:
        out.write(content)
    with open(paths["gb18030"], "w", encoding="gb18030", newline="") as out:
        out.write(content)
    records = []
    with open(paths["gb18030"], encoding="gb18030", newline="") as source:
        reader = csv.reader(source)
        last_line = 0
        for record in reader:
            start = last_line + 1
            last_line = reader.line_num
            if record and any(cell.strip() for cell in record):
                records.append({"line": start, "cells": record})
    print(json.dumps({**paths, "records": records}, ensure_ascii=False))


def inspect(_seed, path):
    import openpyxl
    from python_calamine import CalamineWorkbook

    def plain(value):
        if value is None:
            return ""
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return repr(float(value))
        return str(value)

    book = openpyxl.load_workbook(path)
    calamine = CalamineWorkbook.from_path(path)
    sheets = []
    for sheet in book.worksheets:
        widths = {key: dim.width for key, dim in sheet.column_dimensions.items() if dim.customWidth}
        sheets.append({
            "name": sheet.title,
            "values": [[plain(cell.value) for cell in row] for row in sheet.iter_rows()],
            "types": [[cell.data_type for cell in row] for row in sheet.iter_rows()],
            "merged": sorted(str(r) for r in sheet.merged_cells.ranges),
            "widths": widths,
            "frozen": sheet.freeze_panes,
            "orientation": sheet.page_setup.orientation,
            "paper": sheet.page_setup.paperSize,
            "calamine": [[plain(v) for v in row] for row in calamine.get_sheet_by_name(sheet.title).to_python()],
        })
    print(json.dumps({"sheets": sheets}, ensure_ascii=False))


def edit(_seed, path):
    import openpyxl

    with open(path + ".edits.json", encoding="utf-8") as f:
        edits = json.load(f)
    book = openpyxl.load_workbook(path)
    sheet = book.worksheets[0]
    for coordinate, value in edits.get("cells", {}).items():
        sheet[coordinate] = value
    for values in edits.get("add_rows", []):
        footnote_row = next(row[0].row for row in sheet.iter_rows() if str(row[0].value or "").startswith("填表说明"))
        footnote = sheet.cell(row=footnote_row, column=1).value
        sheet.unmerge_cells(start_row=footnote_row, start_column=1, end_row=footnote_row, end_column=10)
        for column, value in enumerate(values, start=1):
            sheet.cell(row=footnote_row, column=column, value=value)
        sheet.cell(row=footnote_row + 1, column=1, value=footnote)
        sheet.merge_cells(start_row=footnote_row + 1, start_column=1, end_row=footnote_row + 1, end_column=10)
    book.save(path)
    print(json.dumps({"rows": sheet.max_row}))


def main():
    command, seed, folder = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    {"xlsx": xlsx, "csv": csv_files, "inspect": inspect, "edit": edit}[command](seed, folder)


if __name__ == "__main__":
    main()
