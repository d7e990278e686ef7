#!/usr/bin/env python3
"""Split the fictional county register into the files the agencies would send back.

Run from the repository root:

    pip install openpyxl          # once
    python3 tools/gen_collection.py

Reads samples/county-register.csv (made by tools/gen_samples.py) and writes
samples/collection/: the same 4000 cases, split by agency into the shapes a
county office really receives in a collection round (a merged title, a 填报单位
line, the header, the cases, a 合计 row, signature and 备注 lines; old .xls; a
GBK CSV; a UTF-16 "Unicode 文本" export; a two-row header; one workbook holding
three agencies, one sheet each, without the 执法机关 column), plus
执法机关名单.csv, the office's list of the agencies that must report (the 31,
and 攸县气象局, which sends a zero report and no register).

Everything is FICTIONAL (see samples/README.md). No case is lost or added: at
the end every file is read back (openpyxl for .xlsx, .xls converted back to
.xlsx by LibreOffice, the csv module for text files) and the set of
(案号, 执法机关) with each case's fields is compared with the county register.

Deterministic as far as the tools allow: the .xlsx files are written by
openpyxl with fixed document times and rewritten with fixed zip entry times, so
they are byte-for-byte the same on every run; the CSV and TXT files too. The
three .xls files come from LibreOffice, which embeds the time of conversion.
"""

import csv
import datetime as dt
import io
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile

try:
    import openpyxl
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter
except ImportError:  # pragma: no cover
    sys.exit("openpyxl is needed: pip install openpyxl")

SOURCE = os.path.join("samples", "county-register.csv")
OUT = os.path.join("samples", "collection")
HEADER = ["序号", "案号", "执法机关", "案件类型", "案件名称", "当事人",
          "立案日期", "办结日期", "承办人", "处理结果"]
DATES = ("立案日期", "办结日期")
FIXED_TIME = dt.datetime(2025, 1, 10, 9, 0, 0)
ZIP_TIME = (2025, 1, 10, 9, 0, 0)
SUMMARY_BOOK = "攸县综合行政执法汇总.xlsx"
ROLL = "执法机关名单.csv"
# Beside the folder, not in it, so that samples/collection/* is exactly the registers.
ROLL_PATH = os.path.join("samples", ROLL)
ZERO_REPORT = "攸县气象局"
FONT = "宋体"

# Column orders used by some agencies.
NO_OFFICER_RESULT = [h for h in HEADER if h not in ("承办人", "处理结果")]
NO_RESULT = [h for h in HEADER if h != "处理结果"]
NO_OFFICER = [h for h in HEADER if h != "承办人"]
ORDER_A = ["序号", "执法机关", "案号", "案件名称", "案件类型", "当事人",
           "立案日期", "办结日期", "承办人", "处理结果"]
ORDER_B = ["序号", "案号", "案件名称", "当事人", "案件类型", "执法机关",
           "办结日期", "立案日期", "处理结果"]
SUMMARY_COLUMNS = [h for h in HEADER if h != "执法机关"]

SIGN = "填报人：{a}　　审核人：{b}　　联系电话：0733-72{n:05d}"
NOTE_TEXTS = [
    "备注：本表所列案件均已办结，简易程序案件按季度汇总录入。",
    "备注：2023年度案件已于2024年3月报送，本次一并重新报送。",
    "备注：涉嫌犯罪移送公安机关的案件已在案件名称中注明。",
]

# Per agency: the file's shape and options. Agencies not named here are "xlsx" with the
# defaults. Shapes: xlsx, xls (LibreOffice from such an xlsx), gbk-csv, utf16-txt,
# two-row (xlsx with a two-row header), summary (a sheet of SUMMARY_BOOK).
# Options: columns, date (cell number format, or "text-cn" 2024年3月5日 / "text-dot"
# 2024.03.05 text cells), sign (填报人 row), note (备注 row), hide (data row number, 1-based
# among the cases, to hide).
PLAN = {
    "攸县民宗局": {"shape": "summary"},
    "攸县网络安全和信息化办公室": {"shape": "summary"},
    "攸县科工信局": {"shape": "summary"},
    "攸县发展和改革委员会": {"columns": NO_OFFICER_RESULT},
    "攸县教育局": {"date": "text-cn", "sign": True},
    "攸县公安局": {"columns": ORDER_A, "note": 2},
    "攸县民政局": {"sign": True},
    "攸县司法局": {"shape": "xls", "sign": True},
    "攸县财政局": {"shape": "xls", "note": 0},
    "攸县人力资源和社会保障局": {"sign": True, "note": 0, "hide": 17},
    "攸县自然资源局": {"note": 1},
    "市生态环境局攸县分局": {"date": "text-dot"},
    "攸县住房和城乡建设局": {"columns": ORDER_B, "sign": True},
    "攸县交通运输局": {"sign": True, "date": "yyyy/m/d"},
    "攸县农业农村局": {"shape": "two-row", "sign": True},
    "攸县商务粮食局": {"date": "yyyy/m/d"},
    "攸县文化旅游广电体育局": {"columns": NO_OFFICER_RESULT, "note": 0},
    "攸县审计局": {"shape": "xls", "columns": NO_RESULT},
    "攸县应急管理局": {"note": 2},
    "攸县林业局": {"date": 'yyyy"年"m"月"d"日"', "sign": True},
    "攸县市场监督管理局": {"columns": NO_RESULT},
    "攸县统计局": {"sign": True},
    "攸县医疗保障局": {"columns": NO_OFFICER},
    "攸县税务局": {"shape": "utf16-txt"},
    "攸县烟草专卖局": {"shape": "gbk-csv"},
    "攸县邮政管理局": {"sign": True, "note": 1},
}

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"


def read_register():
    with open(SOURCE, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    agencies = []
    for r in rows:
        if r["执法机关"] not in agencies:
            agencies.append(r["执法机关"])
    return rows, agencies


def iso(text):
    return dt.date.fromisoformat(text)


def title_of(agency):
    return f"{agency}2023—2024年度行政执法案卷目录"


def report_day(i):
    """填报日期 of the i-th agency: the working days around 10 January 2025."""
    return dt.date(2025, 1, 6) + dt.timedelta(days=(i * 3) % 8)


def cn_date(d):
    return f"{d.year}年{d.month}月{d.day}日"


def signer(i):
    a = SURNAMES[i % len(SURNAMES)] + "某"
    b = SURNAMES[(i * 7 + 3) % len(SURNAMES)] + "某某"
    return SIGN.format(a=a, b=b, n=(i * 7919) % 100000)


def cell_value(case, header, n, date_mode):
    if header == "序号":
        return n
    v = case[header]
    if header in DATES:
        d = iso(v)
        if date_mode == "text-cn":
            return cn_date(d)
        if date_mode == "text-dot":
            return f"{d.year}.{d.month:02d}.{d.day:02d}"
        return d
    return v


THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WIDTHS = {"序号": 6, "案号": 24, "执法机关": 22, "案件类型": 18, "案件名称": 40,
          "当事人": 24, "立案日期": 12, "办结日期": 12, "承办人": 12, "处理结果": 22}


def style_sheet(ws, columns, header_rows, first_data, last_data):
    for i, h in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(i)].width = WIDTHS[h]
    for row in ws.iter_rows(min_row=header_rows[0], max_row=last_data,
                            max_col=len(columns)):
        for c in row:
            c.border = BOX
            c.font = Font(name=FONT, size=10, bold=c.row in header_rows)
            if c.row in header_rows:
                c.alignment = Alignment(horizontal="center", vertical="center",
                                        wrap_text=True)
    ws.freeze_panes = ws.cell(row=first_data, column=1)
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.print_title_rows = f"{header_rows[0]}:{header_rows[-1]}"


def merged_line(ws, row, text, first_col, last_col, font=None, align="left"):
    ws.cell(row=row, column=first_col, value=text)
    if last_col > first_col:
        ws.merge_cells(start_row=row, start_column=first_col, end_row=row,
                       end_column=last_col)
    c = ws.cell(row=row, column=first_col)
    c.font = font or Font(name=FONT, size=10)
    c.alignment = Alignment(horizontal=align, vertical="center")


def fill_register_sheet(ws, agency, index, cases, opts, with_report_line=True):
    """The usual shape. Returns a description of the rows for the README."""
    columns = opts.get("columns", HEADER)
    date_mode = opts.get("date", "yyyy-mm-dd")
    width = len(columns)
    layout = {}
    row = 1
    merged_line(ws, row, title_of(agency), 1, width,
                Font(name=FONT, size=16, bold=True), "center")
    ws.row_dimensions[row].height = 30
    layout["title"] = [row]
    row += 1
    if with_report_line:
        split = max(2, width // 2)
        merged_line(ws, row, f"填报单位（盖章）：{agency}", 1, split)
        merged_line(ws, row, f"填报日期：{cn_date(report_day(index))}", split + 1, width,
                    align="right")
        layout["report"] = [row]
        row += 1
    two_row = opts.get("shape") == "two-row"
    if two_row:
        top, bottom = row, row + 1
        for i, h in enumerate(columns, start=1):
            if h in DATES:
                ws.cell(row=bottom, column=i, value=h)
            else:
                ws.cell(row=top, column=i, value=h)
                ws.merge_cells(start_row=top, start_column=i, end_row=bottom, end_column=i)
        first = columns.index(DATES[0]) + 1
        ws.cell(row=top, column=first, value="办理期限")
        ws.merge_cells(start_row=top, start_column=first, end_row=top, end_column=first + 1)
        header_rows = [top, bottom]
        row += 2
    else:
        for i, h in enumerate(columns, start=1):
            ws.cell(row=row, column=i, value=h)
        header_rows = [row]
        row += 1
    layout["header"] = header_rows
    first_data = row
    for n, case in enumerate(cases, start=1):
        for i, h in enumerate(columns, start=1):
            c = ws.cell(row=row, column=i, value=cell_value(case, h, n, date_mode))
            if h in DATES and not date_mode.startswith("text"):
                c.number_format = date_mode
            elif h == "案号":
                c.number_format = "@"
            if h == "案件名称" and "\n" in case[h]:
                c.alignment = Alignment(wrap_text=True)
        row += 1
    last_data = row - 1
    layout["data"] = (first_data, last_data)
    if opts.get("hide"):
        hidden = first_data + opts["hide"] - 1
        ws.row_dimensions[hidden].hidden = True
        layout["hidden"] = [hidden]
    merged_line(ws, row, f"合计：{len(cases)}件", 1, min(3, width),
                Font(name=FONT, size=10, bold=True))
    for i in range(1, width + 1):
        ws.cell(row=row, column=i).border = BOX
    layout["total"] = [row]
    row += 1
    style_sheet(ws, columns, header_rows, first_data, last_data)
    if opts.get("sign"):
        merged_line(ws, row, signer(index), 1, width)
        layout["sign"] = [row]
        row += 1
    if "note" in opts:
        merged_line(ws, row, NOTE_TEXTS[opts["note"]], 1, width)
        layout["note"] = [row]
        row += 1
    return layout


def fix_times(wb):
    wb.properties.created = FIXED_TIME
    wb.properties.modified = FIXED_TIME
    wb.properties.creator = "攸县司法局"
    wb.properties.lastModifiedBy = None


def save_deterministic(wb, path):
    """Save through openpyxl, then rewrite the zip with fixed entry times."""
    fix_times(wb)
    buf = io.BytesIO()
    wb.save(buf)
    # openpyxl stamps core.xml's modified time with the current time; put the fixed one back.
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(buf.getvalue())) as src, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = fixed_core(data)
            entry = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o600 << 16
            dst.writestr(entry, data)
    with open(path, "wb") as f:
        f.write(out.getvalue())


def fixed_core(data):
    text = data.decode("utf-8")
    stamp = FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ")
    for tag in ("dcterms:created", "dcterms:modified"):
        start = text.find(f"<{tag}")
        if start < 0:
            continue
        open_end = text.find(">", start) + 1
        close = text.find(f"</{tag}>", open_end)
        text = text[:open_end] + stamp + text[close:]
    return text.encode("utf-8")


def find_soffice():
    for exe in ("soffice", "libreoffice"):
        path = shutil.which(exe)
        if path:
            return path
    return None


def soffice_convert(src, out_dir, target, profile):
    soffice = find_soffice()
    if soffice is None:
        raise SystemExit("LibreOffice (soffice) is needed for the .xls files")
    cmd = [soffice, "-env:UserInstallation=file://" + profile, "--headless",
           "--convert-to", target, "--outdir", out_dir, src]
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    stem = os.path.splitext(os.path.basename(src))[0]
    ext = target.split(":")[0]
    produced = os.path.join(out_dir, stem + "." + ext)
    if not os.path.exists(produced):
        raise RuntimeError("soffice did not produce " + produced)
    return produced


def text_rows(agency, cases, date_format):
    """Rows as Excel writes a sheet of the usual shape to text: merged cells as the value
    and empty fields, dates as displayed."""
    width = len(HEADER)
    rows = [[title_of(agency)] + [""] * (width - 1), list(HEADER)]
    for n, case in enumerate(cases, start=1):
        row = []
        for h in HEADER:
            v = cell_value(case, h, n, "date")
            if isinstance(v, dt.date):
                v = date_format(v)
            row.append(str(v))
        rows.append(row)
    rows.append([f"合计：{len(cases)}件"] + [""] * (width - 1))
    return rows


def write_text(path, rows, encoding, delimiter, bom=b""):
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=delimiter, lineterminator="\r\n")
    w.writerows(rows)
    with open(path, "wb") as f:
        f.write(bom + buf.getvalue().encode(encoding))


def main():
    if not os.path.exists(SOURCE):
        sys.exit(f"run from the repository root ({SOURCE} not found)")
    rows, agencies = read_register()
    by_agency = {a: [r for r in rows if r["执法机关"] == a] for a in agencies}
    if os.path.isdir(OUT):
        shutil.rmtree(OUT)
    os.makedirs(OUT)
    files = []  # (file name, shape, agency or agencies, layout)
    tmp = tempfile.mkdtemp(prefix="gen_collection-")
    profile = os.path.join(tmp, "lo-profile")
    try:
        summary = openpyxl.Workbook()
        summary.remove(summary.active)
        summary_layouts = []
        for index, agency in enumerate(agencies):
            opts = dict(PLAN.get(agency, {}))
            shape = opts.get("shape", "xlsx")
            cases = by_agency[agency]
            if shape in ("xlsx", "two-row", "xls"):
                wb = openpyxl.Workbook()
                ws = wb.active
                ws.title = "案卷目录"
                layout = fill_register_sheet(ws, agency, index, cases, opts)
                if shape == "xls":
                    staged = os.path.join(tmp, agency + ".xlsx")
                    save_deterministic(wb, staged)
                    produced = soffice_convert(staged, tmp, "xls:MS Excel 97", profile)
                    name = agency + ".xls"
                    shutil.move(produced, os.path.join(OUT, name))
                else:
                    name = agency + ".xlsx"
                    save_deterministic(wb, os.path.join(OUT, name))
                files.append((name, shape, agency, layout, opts))
            elif shape == "summary":
                ws = summary.create_sheet(agency)
                o = dict(opts, columns=SUMMARY_COLUMNS)
                layout = fill_register_sheet(ws, agency, index, cases, o,
                                             with_report_line=False)
                summary_layouts.append((agency, layout))
            elif shape == "gbk-csv":
                name = agency + ".csv"
                write_text(os.path.join(OUT, name),
                           text_rows(agency, cases, lambda d: f"{d.year}/{d.month}/{d.day}"),
                           "gbk", ",")
                files.append((name, shape, agency, None, opts))
            elif shape == "utf16-txt":
                name = agency + ".txt"
                write_text(os.path.join(OUT, name),
                           text_rows(agency, cases, lambda d: d.isoformat()),
                           "utf-16-le", "\t", bom=b"\xff\xfe")
                files.append((name, shape, agency, None, opts))
            else:
                raise ValueError(shape)
        save_deterministic(summary, os.path.join(OUT, SUMMARY_BOOK))
        files.append((SUMMARY_BOOK, "summary", [a for a, _ in summary_layouts],
                      summary_layouts, {}))
        roll = agencies + [ZERO_REPORT]
        write_text(ROLL_PATH, [["执法机关"]] + [[a] for a in roll],
                   "utf-8", ",", bom=b"\xef\xbb\xbf")
        check(rows, agencies, files, tmp, profile)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    report(files, by_agency)
    write_readme_section(files, by_agency)


# ---------------------------------------------------------------------------------------
# Reading everything back


def parse_date(v):
    if isinstance(v, dt.datetime):
        return v.date()
    if isinstance(v, dt.date):
        return v
    t = str(v).strip()
    for sep in ("-", "/", "."):
        parts = t.split(sep)
        if len(parts) == 3 and all(p.isdigit() for p in parts):
            return dt.date(int(parts[0]), int(parts[1]), int(parts[2]))
    if t.endswith("日") and "年" in t and "月" in t:
        y, rest = t[:-1].split("年")
        m, d = rest.split("月")
        return dt.date(int(y), int(m), int(d))
    raise ValueError(f"not a date: {v!r}")


SKIP_PREFIXES = ("合计", "填报人", "备注")


def records_from_grid(grid, header_rows, agency=None):
    """Cases from a sheet's rows (lists of values), given the header row numbers (1-based)."""
    last_header = header_rows[-1]
    header = [str(v) if v is not None else "" for v in grid[last_header - 1]]
    if len(header_rows) == 2:
        top = [str(v) if v is not None else "" for v in grid[header_rows[0] - 1]]
        header = [b or t for t, b in zip(top, header)]
    out = []
    for values in grid[last_header:]:
        first = "" if not values or values[0] is None else str(values[0])
        joined = "".join("" if v is None else str(v) for v in values)
        if not joined.strip() or first.startswith(SKIP_PREFIXES):
            continue
        rec = {h: v for h, v in zip(header, values) if h}
        if agency is not None:
            rec["执法机关"] = agency
        out.append(rec)
    return out


def xlsx_grid(ws):
    return [list(r) for r in ws.iter_rows(values_only=True)]


def text_grid(path, encoding, delimiter):
    with open(path, "rb") as f:
        data = f.read()
    text = data.decode(encoding)
    return [row for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]


def check(rows, agencies, files, tmp, profile):
    expected = {(r["案号"], r["执法机关"]): r for r in rows}
    assert len(expected) == len(rows) == 4000, "the register has 4000 distinct cases"
    got = {}
    seen_agencies = []

    def take(recs, name):
        for rec in recs:
            key = (str(rec["案号"]), rec["执法机关"])
            assert key not in got, f"{name}: {key} twice"
            want = expected.get(key)
            assert want is not None, f"{name}: {key} is not in the county register"
            for h, v in rec.items():
                if h == "序号":
                    continue
                if h in DATES:
                    assert parse_date(v) == iso(want[h]), f"{name}: {key} {h} {v!r}"
                else:
                    assert str(v) == want[h], f"{name}: {key} {h} {v!r} != {want[h]!r}"
            got[key] = name

    for name, shape, agency, layout, opts in files:
        path = os.path.join(OUT, name)
        if shape in ("xlsx", "two-row"):
            wb = openpyxl.load_workbook(path)
            ws = wb.worksheets[0]
            assert ws.merged_cells.ranges, f"{name}: merged title"
            take(records_from_grid(xlsx_grid(ws), layout["header"]), name)
            if "hidden" in layout:
                assert ws.row_dimensions[layout["hidden"][0]].hidden, f"{name}: hidden row"
            seen_agencies.append(agency)
        elif shape == "xls":
            with open(path, "rb") as f:
                assert f.read(8) == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", f"{name}: OLE2 file"
            back_dir = os.path.join(tmp, "back")
            os.makedirs(back_dir, exist_ok=True)
            back = soffice_convert(path, back_dir, "xlsx", profile)
            wb = openpyxl.load_workbook(back)
            ws = wb.worksheets[0]
            merges = {str(r) for r in ws.merged_cells.ranges}
            width = len(opts.get("columns", HEADER))
            assert f"A1:{get_column_letter(width)}1" in merges, f"{name}: title merge kept"
            take(records_from_grid(xlsx_grid(ws), layout["header"]), name)
            seen_agencies.append(agency)
        elif shape == "gbk-csv":
            grid = text_grid(path, "gbk", ",")
            assert grid[0][0] == title_of(agency) and set(grid[0][1:]) == {""}
            take(records_from_grid(grid, [2]), name)
            seen_agencies.append(agency)
        elif shape == "utf16-txt":
            with open(path, "rb") as f:
                data = f.read()
            assert data.startswith(b"\xff\xfe") and b"\r\x00\n\x00" in data
            grid = text_grid(path, "utf-16", "\t")
            take(records_from_grid(grid, [2]), name)
            seen_agencies.append(agency)
        elif shape == "summary":
            wb = openpyxl.load_workbook(path)
            assert wb.sheetnames == agency, f"{name}: sheets {wb.sheetnames}"
            for (sheet_agency, sheet_layout), ws in zip(layout, wb.worksheets):
                assert "执法机关" not in [c.value for c in ws[sheet_layout["header"][0]]]
                take(records_from_grid(xlsx_grid(ws), sheet_layout["header"], sheet_agency),
                     f"{name}/{sheet_agency}")
            seen_agencies.extend(agency)
    missing = set(expected) - set(got)
    assert not missing, f"{len(missing)} cases in no file, e.g. {sorted(missing)[:3]}"
    assert sorted(seen_agencies) == sorted(agencies), "every agency in exactly one file"
    with open(ROLL_PATH, encoding="utf-8-sig", newline="") as f:
        roll = [r[0] for r in csv.reader(f)]
    assert roll == ["执法机关"] + agencies + [ZERO_REPORT]
    print(f"checked: {len(got)} cases of {len(agencies)} agencies in {len(files)} files, "
          f"each once, every field as in {SOURCE}")


def report(files, by_agency):
    for name, shape, agency, layout, opts in sorted(files):
        if shape == "summary":
            n = sum(len(by_agency[a]) for a in agency)
        else:
            n = len(by_agency[agency])
        print(f"{name}\t{shape}\t{n}\t{layout_text(layout, shape)}")


def layout_text(layout, shape):
    if shape in ("gbk-csv", "utf16-txt"):
        return "title 1, header 2, total last"
    if shape == "summary":
        return "; ".join(f"{a}: {layout_text(l, 'xlsx')}" for a, l in layout)
    parts = []
    for key in ("title", "report", "header", "total", "sign", "note", "hidden"):
        if key in layout:
            parts.append(f"{key} {','.join(map(str, layout[key]))}")
    a, b = layout["data"]
    parts.insert(3 if "report" in layout else 2, f"cases {a}-{b}")
    return ", ".join(parts)


# ---------------------------------------------------------------------------------------
# samples/README.md: the collection section, between markers, so that running
# tools/gen_samples.py (which rewrites the README) and then this script restores it.

README = os.path.join("samples", "README.md")
BEGIN = "<!-- collection: written by tools/gen_collection.py -->"
END = "<!-- /collection -->"

SHAPE_TEXT = {
    "xlsx": ("XLSX", "XLSX"),
    "two-row": ("XLSX，两行表头：“办理期限”合并在“立案日期｜办结日期”之上，其余表头单元格上下合并",
                "XLSX, two-row header: 办理期限 merged over 立案日期 / 办结日期, the other header cells merged vertically"),
    "xls": ("XLS（Excel 97–2003），由 LibreOffice 从同样形态的 XLSX 转换，合并单元格保留",
            "XLS (Excel 97–2003), converted by LibreOffice from such an XLSX, merges kept"),
    "gbk-csv": ("CSV，GBK，CRLF，无 BOM（中文 Windows 下 Excel“CSV（逗号分隔）”），日期写作 2024/3/5",
                "CSV in GBK, CRLF, no BOM (Excel on Chinese Windows), dates as 2024/3/5"),
    "utf16-txt": ("“Unicode 文本”：UTF-16LE 带 BOM，制表符分隔，CRLF，日期写作 2024-03-05",
                  "\"Unicode text\": UTF-16LE with BOM, tab-separated, CRLF, dates as 2024-03-05"),
}


def variant_text(opts):
    zh, en = [], []
    cols = opts.get("columns", HEADER)
    if cols == NO_OFFICER_RESULT:
        zh.append("无承办人、处理结果列"); en.append("no 承办人, 处理结果 columns")
    elif cols == NO_RESULT:
        zh.append("无处理结果列"); en.append("no 处理结果 column")
    elif cols == NO_OFFICER:
        zh.append("无承办人列"); en.append("no 承办人 column")
    elif cols != HEADER:
        zh.append("列序：" + "、".join(cols)); en.append("column order: " + ", ".join(cols))
    date = opts.get("date")
    if date == "text-cn":
        zh.append("日期为文本“2024年3月5日”"); en.append("dates as text 2024年3月5日")
    elif date == "text-dot":
        zh.append("日期为文本“2024.03.05”"); en.append("dates as text 2024.03.05")
    elif date:
        zh.append(f"日期单元格，格式 `{date}`"); en.append(f"date cells formatted `{date}`")
    return zh, en


def rows_text(layout, shape, n):
    if shape in ("gbk-csv", "utf16-txt"):
        return (f"标题 1 / 表头 2 / 案件 3–{n + 2} / 合计 {n + 3}",
                f"title 1, header 2, cases 3–{n + 2}, 合计 {n + 3}")
    zh = [f"标题 {layout['title'][0]}"]
    en = [f"title {layout['title'][0]}"]
    if "report" in layout:
        zh.append(f"填报单位/日期 {layout['report'][0]}")
        en.append(f"填报单位/日期 {layout['report'][0]}")
    h = "–".join(map(str, layout["header"]))
    zh.append(f"表头 {h}")
    en.append(f"header {h}")
    a, b = layout["data"]
    zh.append(f"案件 {a}–{b}")
    en.append(f"cases {a}–{b}")
    zh.append(f"合计 {layout['total'][0]}")
    en.append(f"合计 {layout['total'][0]}")
    for key, label in (("sign", "填报人…联系电话"), ("note", "备注")):
        if key in layout:
            zh.append(f"{label} {layout[key][0]}")
            en.append(f"{label} {layout[key][0]}")
    if "hidden" in layout:
        zh.append(f"**第 {layout['hidden'][0]} 行隐藏（仍是案件）**")
        en.append(f"**row {layout['hidden'][0]} hidden (still a case)**")
    return " / ".join(zh), ", ".join(en)


def write_readme_section(files, by_agency):
    lines = [
        BEGIN,
        "## 收集轮次样例 / A collection round: `collection/`",
        "",
        "`collection/` 是**同样的 4000 件案件**，按执法机关拆成各机关在一次报送中真实会交来的文件：",
        "合并的标题行、“填报单位（盖章）…填报日期…”行、表头、案件、“合计：N件”行（合并前几列），",
        "有的还有“填报人…审核人…联系电话…”行或“备注：…”行；有的缺列、列序不同、日期写成文字；",
        "还有旧版 .xls、GBK CSV、UTF-16“Unicode 文本”、两行表头和一个一机关一工作表的汇总工作簿。",
        "由 `tools/gen_collection.py` 从 `county-register.csv` 生成，脚本最后逐个读回全部文件，核对",
        "（案号, 执法机关）的集合及每件的各字段与 `county-register.csv` 完全一致，不多不少。",
        "",
        "The **same 4000 cases**, split by agency into the files the 31 agencies would really send",
        "in a collection round: a merged title, a 填报单位/填报日期 line, the header, the cases, a",
        "`合计：N件` row merged over the first columns, in some files a 填报人/审核人/联系电话 line or a",
        "备注 line; some files lack columns, order them differently or write dates as text; plus old",
        ".xls, a GBK CSV, a UTF-16 \"Unicode text\" export, a two-row header and a workbook of one",
        "sheet per agency. Made by `tools/gen_collection.py` from `county-register.csv`; at the end it",
        "reads every file back and checks that the set of (案号, 执法机关), and every field of every",
        "case, is exactly the county register's: no case lost, none added.",
        "",
        "行号按电子表格显示（第 1 行起）；CSV 与 TXT 中没有单元格内换行，行号即文本行号。",
        "Row numbers as the spreadsheet shows them (from 1); the CSV and TXT files have no line",
        "break inside a field, so their row numbers are line numbers.",
        "",
        "| 文件 file | 形态 shape | 件数 cases | 行 rows |",
        "| --- | --- | ---: | --- |",
    ]
    for name, shape, agency, layout, opts in sorted(files):
        if shape == "summary":
            parts_zh, parts_en = [], []
            for a, l in layout:
                z, e = rows_text(l, "xlsx", len(by_agency[a]))
                parts_zh.append(f"`{a}`：{z}")
                parts_en.append(f"{a}: {e}")
            n = sum(len(by_agency[a]) for a in agency)
            counts = "、".join(f"{a} {len(by_agency[a])}" for a in agency)
            lines.append(
                f"| `{name}` | XLSX，3 个工作表，一机关一表，表名即机关名，**没有执法机关列**（{counts}）"
                f"<br>XLSX, 3 sheets named exactly after their agencies, **no 执法机关 column** "
                f"| {n} | {'<br>'.join(parts_zh)}<br>{'<br>'.join(parts_en)} |")
            continue
        n = len(by_agency[agency])
        zh, en = SHAPE_TEXT[shape]
        vz, ve = variant_text(opts)
        if vz:
            zh += "；" + "；".join(vz)
            en += "; " + "; ".join(ve)
        rz, re_ = rows_text(layout, shape, n)
        lines.append(f"| `{name}` | {zh}<br>{en} | {n} | {rz}<br>{re_} |")
    lines.append(
        f"| `../{ROLL}` | 应报送机关名单：UTF-8 带 BOM，CRLF，一列“执法机关”，31 个机关加 `{ZERO_REPORT}`"
        f"<br>The office's list of agencies that must report: UTF-8 with BOM, CRLF, one column "
        f"执法机关, the 31 agencies plus `{ZERO_REPORT}` | — | 表头 1 / 机关 2–33<br>header 1, agencies 2–33 |")
    lines += [
        "",
        f"`{ZERO_REPORT}`不在 31 个机关之列，是为本样例的**零报告**加入的：它在名单上，但本期没有案件，",
        "只报送零报告，没有案卷目录文件。",
        "",
        f"`{ZERO_REPORT}` is not one of the 31 agencies of 附件1: it is added for the sample's **zero",
        "report** — on the list of agencies that must report, but with no cases this round, so it",
        "sends a zero report and no register file.",
        "",
        "重新生成（先 `gen_samples.py`，它会重写本文件；再 `gen_collection.py`，它写回本节）：",
        "Regenerate (first `gen_samples.py`, which rewrites this file; then `gen_collection.py`,",
        "which writes this section back):",
        "",
        "```",
        "pip install openpyxl",
        "python3 tools/gen_collection.py",
        "```",
        "",
        "XLSX、CSV、TXT 每次逐字节相同（固定的文档时间与 zip 条目时间）；三个 .xls 由 LibreOffice 转换。",
        "The XLSX, CSV and TXT files are byte-for-byte the same on every run (fixed document and zip",
        "entry times); the three .xls files come from LibreOffice (`soffice` on PATH).",
        END,
    ]
    section = "\n".join(lines) + "\n"
    with open(README, encoding="utf-8") as f:
        text = f.read()
    if BEGIN in text and END in text:
        head = text[:text.index(BEGIN)]
        tail = text[text.index(END) + len(END):].lstrip("\n")
        text = head + section + ("\n" + tail if tail else "")
    else:
        text = text.rstrip("\n") + "\n\n" + section
    with open(README, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


if __name__ == "__main__":
    main()
