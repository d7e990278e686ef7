#!/usr/bin/env python3
"""Generate the small register fixtures in tests/fixtures/registers/.

Run from the repository root:

    python3 tools/gen_fixtures.py

Every CSV is written byte for byte from the literals below (no randomness), so
re-running the script reproduces identical files. The XLSX fixtures are made
by LibreOffice (soffice) from a CSV or a flat ODS written here; they embed
timestamps and so differ byte-wise between runs while holding the same cells.
Without soffice the CSVs and README are still written and the script says
which XLSX files were left alone.

The script also writes tests/fixtures/registers/README.md, filling in every
byte offset and size from the bytes it has just written, so the README cannot
drift from the files. All names, parties and cases are fictional.

Python 3 standard library only (plus LibreOffice for the XLSX files).
"""

import csv
import io
import os
import re
import subprocess
import sys
import tempfile
from xml.sax.saxutils import escape

sys.dont_write_bytecode = True   # no tools/__pycache__ in the work tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gen_samples import check_xlsx, find_soffice, soffice_convert, xlsx_cells  # noqa: E402

OUT = os.path.join("tests", "fixtures", "registers")

HEADER = ["序号", "案号", "执法机关", "案件类型", "案件名称", "当事人",
          "立案日期", "办结日期", "承办人", "处理结果"]
COLS = "ABCDEFGHIJKLMNOP"

# The 12 good rows: 3 agencies (5 + 4 + 3 rows). Row 5 (spreadsheet numbering)
# has an ASCII comma inside 案件名称 and is therefore quoted in every CSV.
GOOD = [
    ["1", "攸市监罚〔2024〕12号", "攸县市场监督管理局", "行政处罚（一般程序）",
     "攸县鑫某商贸有限公司销售过期食品案", "攸县鑫某商贸有限公司",
     "2024-03-04", "2024-04-15", "李某、王某", "罚款5000元"],
    ["2", "攸市监罚〔2024〕13号", "攸县市场监督管理局", "行政处罚（简易程序）",
     "张某某经营的副食店未明码标价案", "张某某",
     "2024-03-06", "2024-03-06", "李某、陈某", "警告"],
    ["3", "攸市监许〔2024〕7号", "攸县市场监督管理局", "行政许可",
     "攸县丰某餐饮店食品经营许可申请", "攸县丰某餐饮店",
     "2024-03-11", "2024-03-15", "王某、陈某", "准予许可"],
    ["4", "攸市监强〔2024〕3号", "攸县市场监督管理局", "行政强制",
     "攸县某某超市涉嫌销售过期食品,未建立进货查验记录查封扣押案", "攸县某某超市",
     "2024-04-02", "2024-04-20", "李某、王某", "查封扣押"],
    ["5", "攸市监检〔2024〕21号", "攸县市场监督管理局", "行政检查",
     "攸县华某大药房药品经营检查", "攸县华某大药房",
     "2024-05-08", "2024-05-08", "陈某、王某", "责令改正"],
    ["6", "攸林罚〔2023〕45号", "攸县林业局", "行政处罚（一般程序）",
     "刘某某滥伐林木案", "刘某某",
     "2023-11-02", "2023-12-20", "谭某、易某", "罚款3200元"],
    ["7", "攸林许〔2024〕8号", "攸县林业局", "行政许可",
     "罗某林木采伐许可申请", "罗某",
     "2024-01-09", "2024-01-16", "谭某、彭某", "准予许可"],
    ["8", "攸林强〔2024〕2号", "攸县林业局", "行政强制",
     "周某某涉嫌非法运输木材扣押案", "周某某",
     "2024-02-19", "2024-03-05", "易某、彭某", "扣押"],
    ["9", "攸林检〔2024〕5号", "攸县林业局", "行政检查",
     "攸县某某木材加工厂木材经营加工检查", "攸县某某木材加工厂",
     "2024-06-12", "2024-06-14", "谭某、易某", "未发现问题"],
    ["10", "攸公罚〔2024〕101号", "攸县公安局", "行政处罚（一般程序）",
     "黄某某殴打他人案", "黄某某",
     "2024-07-01", "2024-07-10", "刘某、邓某", "行政拘留5日，罚款200元"],
    ["11", "攸公罚〔2024〕102号", "攸县公安局", "行政处罚（简易程序）",
     "陈某驾驶电动自行车未佩戴安全头盔案", "陈某",
     "2024-07-03", "2024-07-03", "刘某、曾某", "罚款50元"],
    ["12", "攸公许〔2024〕4号", "攸县公安局", "行政许可",
     "攸县某某文化传媒有限公司大型群众性活动安全许可申请", "攸县某某文化传媒有限公司",
     "2024-08-05", "2024-08-12", "邓某、曾某", "准予许可"],
]

# A surname written with U+20BB7 𠮷 (a variant of 吉), which GB18030 encodes in
# four bytes (95 34 B2 35) and GBK cannot encode at all.
JI = "\U00020BB7"


def csv_text(header, rows, eol):
    buf = io.StringIO(newline="")
    w = csv.writer(buf, lineterminator=eol, quoting=csv.QUOTE_MINIMAL)
    if header is not None:
        w.writerow(header)
    w.writerows(rows)
    return buf.getvalue()


def write(name, data):
    path = os.path.join(OUT, name)
    with open(path, "wb") as f:
        f.write(data)
    return data


def cell_offset(data, row, col, eol, encoding, inner=0):
    """0-based byte offset of a cell's first byte (+ inner bytes) in data,
    for files without quoted fields before that cell and without embedded
    line breaks. row is spreadsheet numbering (header = 1); col 0-based."""
    lines = data.split(eol.encode("ascii"))
    off = sum(len(l) + len(eol) for l in lines[:row - 1])
    fields = lines[row - 1].split(b",")
    off += sum(len(f) + 1 for f in fields[:col])
    return off + inner


def fods(sheets):
    """A flat OpenDocument spreadsheet; sheets = [(name, rows)], each cell a
    str, or ("date", "YYYY-MM-DD"), or ("float", "12")."""
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<office:document'
           ' xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
           ' xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"'
           ' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
           ' xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"'
           ' xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0"'
           ' office:version="1.2"'
           ' office:mimetype="application/vnd.oasis.opendocument.spreadsheet">',
           '<office:automatic-styles>',
           '<number:date-style style:name="N1"><number:year number:style="long"/>'
           '<number:text>-</number:text><number:month number:style="long"/>'
           '<number:text>-</number:text><number:day number:style="long"/></number:date-style>',
           '<style:style style:name="ce1" style:family="table-cell"'
           ' style:data-style-name="N1"/>',
           '</office:automatic-styles>',
           '<office:body><office:spreadsheet>']
    for name, rows in sheets:
        out.append('<table:table table:name="%s">' % escape(name, {'"': "&quot;"}))
        for row in rows:
            out.append("<table:table-row>")
            for v in row:
                if isinstance(v, tuple) and v[0] == "date":
                    out.append('<table:table-cell table:style-name="ce1" office:value-type="date"'
                               ' office:date-value="%s"><text:p>%s</text:p></table:table-cell>'
                               % (v[1], v[1]))
                elif isinstance(v, tuple) and v[0] == "float":
                    out.append('<table:table-cell office:value-type="float" office:value="%s">'
                               '<text:p>%s</text:p></table:table-cell>' % (v[1], v[1]))
                else:
                    out.append('<table:table-cell office:value-type="string"><text:p>%s</text:p>'
                               '</table:table-cell>' % escape(v))
            out.append("</table:table-row>")
        out.append("</table:table>")
    out.append("</office:spreadsheet></office:body></office:document>")
    return "\n".join(out) + "\n"


def soffice_any(src, out_xlsx, infilter=None):
    """Convert src (CSV or FODS) to XLSX with LibreOffice."""
    if infilter is not None:
        return soffice_convert(src, out_xlsx, infilter)
    soffice = find_soffice()
    if soffice is None:
        return False
    with tempfile.TemporaryDirectory() as tmp:
        outdir = os.path.join(tmp, "out")
        subprocess.run([soffice, "-env:UserInstallation=file://" + os.path.join(tmp, "profile"),
                        "--headless", "--convert-to", "xlsx", "--outdir", outdir, src],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        produced = os.path.join(outdir, os.path.splitext(os.path.basename(src))[0] + ".xlsx")
        with open(produced, "rb") as f, open(out_xlsx, "wb") as g:
            g.write(f.read())
    return True


def main():
    if not os.path.isdir("tools"):
        sys.exit("run from the repository root: python3 tools/gen_fixtures.py")
    os.makedirs(OUT, exist_ok=True)
    facts = {}

    # ---- good files -------------------------------------------------------
    good_lf = csv_text(HEADER, GOOD, "\n")
    good_crlf = csv_text(HEADER, GOOD, "\r\n")
    write("good-utf8.csv", good_lf.encode("utf-8"))
    write("good-utf8-bom.csv", b"\xef\xbb\xbf" + good_crlf.encode("utf-8"))
    write("good-gbk.csv", good_crlf.encode("gbk"))

    gb_rows = [list(r) for r in GOOD]
    gb_rows[5][4] = JI + "某某滥伐林木案"      # spreadsheet row 7, column E
    gb_rows[5][5] = JI + "某某"                # spreadsheet row 7, column F
    gb = write("good-gb18030.csv", csv_text(HEADER, gb_rows, "\r\n").encode("gb18030"))
    four = JI.encode("gb18030")
    assert four == b"\x95\x34\xb2\x35"
    facts["gb_e7"] = gb.index(four)
    facts["gb_f7"] = gb.index(four, facts["gb_e7"] + 1)
    assert gb.count(four) == 2
    assert facts["gb_f7"] == cell_offset(gb, 7, 5, "\r\n", "gb18030")
    try:
        gb.decode("gbk")
        raise AssertionError("good-gb18030.csv must not decode as GBK")
    except UnicodeDecodeError as e:
        facts["gb_gbk_err"] = e.start
    assert gb.decode("gb18030") == csv_text(HEADER, gb_rows, "\r\n")

    english = [[r[1], r[2], r[3], r[7], r[4], r[5]] for r in GOOD]
    write("english-headers.csv", csv_text(
        ["case_id", "agency", "case_type", "closed_date", "title", "party"], english, "\n"
    ).encode("utf-8"))

    forestry = [[str(i + 1)] + r[1:2] + r[3:] for i, r in enumerate(
        [r for r in GOOD if r[2] == "攸县林业局"] + [
            ["", "攸林罚〔2024〕17号", "攸县林业局", "行政处罚（简易程序）",
             "彭某野外违规用火案", "彭某", "2024-03-18", "2024-03-18", "谭某、易某", "警告"]])]
    assert len(forestry) == 5
    write("agency-only-forestry.csv", csv_text(
        [h for h in HEADER if h != "执法机关"], forestry, "\n").encode("utf-8"))

    # ---- bad-mixed.csv ------------------------------------------------------
    bel = "\u0007"
    mixed = [
        ["1", "攸林罚〔2024〕1号", "攸县林业局", "行政处罚（一般程序）", "刘某某滥伐林木案", "刘某某",
         "2024-01-08", "2024-02-26", "谭某、易某", "罚款3200元"],                          # row 2
        ["2", "攸林许〔2024〕1号", "攸县林业局", "行政许可", "罗某林木采伐许可申请", "罗某",
         "2024-01-09", "2024-01-16", "谭某、彭某", "准予许可"],                            # row 3
        ["3", "", "攸县林业局", "行政强制", "周某某涉嫌非法运输木材扣押案", "周某某",
         "2024-02-19", "2024-03-05", "易某、彭某", "扣押"],                                # row 4: B4 empty
        ["4", "攸林检〔2024〕1号", "攸县林业局", "行政检查", "攸县某某木材加工厂木材经营加工检查",
         "攸县某某木材加工厂", "2024-06-12", "2024-06-14", "谭某、易某", "未发现问题"],     # row 5
        ["5", "攸市监罚〔2024〕12号", "攸县市场监督管理局", "行政处罚（一般程序）",
         "攸县鑫某商贸有限公司销售过期食品案", "攸县鑫某商贸有限公司",
         "2024-03-04", "2024-04-15", "李某、王某", "罚款5000元"],                          # row 6: dup id
        ["6", "攸市监罚〔2024〕13号", "", "行政处罚（简易程序）", "张某某经营的副食店未明码标价案",
         "张某某", "2024-03-06", "2024-03-06", "李某、陈某", "警告"],                      # row 7: C7 empty
        ["7", "攸市监许〔2024〕7号", "攸县市场监督管理局", "行政许可", "攸县丰某餐饮店食品经营许可申请",
         "攸县丰某餐饮店", "2024-03-11", "2024-03-15", "王某、陈某", "准予许可"],           # row 8
        ["8", "攸市监罚〔2024〕12号", "攸县市场监督管理局", "行政处罚（一般程序）",
         "攸县旺某食品店经营超过保质期的食品案", "攸县旺某食品店",
         "2024-05-20", "2024-07-01", "陈某、王某", "罚款8000元"],                          # row 9: dup id
        ["9", "攸市监检〔2024〕21号", "攸县市场监督管理局", "行政检查", "攸县华某大药房药品经营检查",
         "攸县华某大药房", "2024-05-08", "2024-05-08", "陈某、王某", "责令改正",
         "补充材料见附件"],                                                                 # row 10: 11 fields
        ["10", "攸公罚〔2024〕101号", "攸县公安局", "行政处罚（一般程序）", "黄某某殴打他人案", "黄某某",
         "2024-07-01", "2024-13-45", "刘某、邓某", "行政拘留5日，罚款200元"],             # row 11: H11 bad date
        ["11", "攸公罚〔2024〕1" + bel + "02号", "攸县公安局", "行政处罚（简易程序）",
         "陈某驾驶电动自行车未佩戴安全头盔案", "陈某", "2024-07-03", "2024-07-03",
         "刘某、曾某", "罚款50元"],                                                         # row 12: BEL in B12
        ["12", "攸公许〔2024〕4号", "攸县公安局", "行政许可",
         "攸县某某文化传媒有限公司大型群众性活动安全许可申请", "攸县某某文化传媒有限公司",
         "2024-08-05", "2024-08-12", "邓某、曾某", "准予许可"],                            # row 13
        ["13", "攸公检〔2024〕9号", "攸县公安局", "行政检查", "攸县某某宾馆旅馆业治安检查",
         "攸县某某宾馆", "2024-09-10", "2024-09-10", "刘某、邓某", "未发现问题"],           # row 14
    ]
    bm = write("bad-mixed.csv", csv_text(HEADER, mixed, "\n").encode("utf-8"))
    facts["bel"] = bm.index(b"\x07")
    facts["bel_line_start"] = cell_offset(bm, 12, 0, "\n", "utf-8")
    assert facts["bel"] == cell_offset(bm, 12, 1, "\n", "utf-8", len("攸公罚〔2024〕1".encode()))
    assert b'"' not in bm and bm.count(b"\n") == 14

    # ---- bad-bytes-utf8.csv: 0xFF inside F6 (5th data row) -------------------
    text = csv_text(HEADER, GOOD, "\n").encode("utf-8")
    assert GOOD[4][5] == "攸县华某大药房"
    f6 = cell_offset(text, 6, 5, "\n", "utf-8")
    assert text[f6:f6 + len("攸县华某大药房".encode())] == "攸县华某大药房".encode()
    pos = f6 + len("攸县".encode())          # after 攸县, before 华
    bu = write("bad-bytes-utf8.csv", text[:pos] + b"\xff" + text[pos:])
    try:
        bu.decode("utf-8")
        raise AssertionError
    except UnicodeDecodeError as e:
        assert e.start == pos and e.end == pos + 1
    assert bu.count(b"\xff") == 1
    facts.update(bu_off=pos, bu_cell=f6, bu_line=cell_offset(bu, 6, 0, "\n", "utf-8"),
                 bu_len=len(bu))

    # ---- bad-bytes-gbk.csv: lone 0xFF inside F3 (2nd data row) ---------------
    text = csv_text(HEADER, GOOD, "\r\n").encode("gbk")
    f3 = cell_offset(text, 3, 5, "\r\n", "gbk")
    assert text[f3:f3 + 6] == "张某某".encode("gbk")
    pos = f3 + 2                               # after 张, before 某某
    bg = write("bad-bytes-gbk.csv", text[:pos] + b"\xff" + text[pos:])
    for enc in ("gb18030", "gbk"):
        try:
            bg.decode(enc)
            raise AssertionError
        except UnicodeDecodeError as e:
            assert e.start == pos, (enc, e.start, pos)
    assert bg.count(b"\xff") == 1
    try:
        bg.decode("utf-8")
        raise AssertionError
    except UnicodeDecodeError as e:
        facts["bg_utf8_err"] = e.start
    facts.update(bg_off=pos, bg_cell=f3, bg_line=cell_offset(bg, 3, 0, "\r\n", "gbk"),
                 bg_len=len(bg))

    # ---- degenerate files ----------------------------------------------------
    write("header-only.csv", csv_text(HEADER, [], "\n").encode("utf-8"))
    write("empty.csv", b"")
    no_id_header = [h for h in HEADER if h not in ("序号", "案号")]
    no_id_rows = [[c for i, c in enumerate(r) if i not in (0, 1)] for r in GOOD[:3]]
    write("no-id-column.csv", csv_text(no_id_header, no_id_rows, "\n").encode("utf-8"))

    # ---- XLSX via LibreOffice --------------------------------------------------
    numeric_header = ["案号", "执法机关", "案件类型", "办结日期"]
    numeric_rows = [
        ["00123", "攸县林业局", "行政处罚（一般程序）", "2024-03-01"],
        ["000456", "攸县林业局", "行政许可", "2024-03-05"],
        ["12345678901234567", "攸县水利局", "行政处罚（一般程序）", "2024-04-10"],
        ["2024001", "攸县水利局", "行政检查", "2024-05-06"],
    ]
    write("numeric-ids.source.csv", csv_text(numeric_header, numeric_rows, "\n").encode("utf-8"))
    missing = []
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, "numeric-ids.csv")
        with open(src, "wb") as f:
            f.write(csv_text(numeric_header, numeric_rows, "\n").encode("utf-8"))
        # Standard column types on purpose: LibreOffice turns the ids into numbers.
        out_numeric = os.path.join(OUT, "numeric-ids.xlsx")
        if not soffice_any(src, out_numeric, "CSV:44,34,76,1"):
            missing.append("numeric-ids.xlsx")
        else:
            # The point of this fixture: the ids became numbers and lost digits.
            cells, _ = xlsx_cells(out_numeric)
            got = [cells["A%d" % r][::2] for r in range(2, 6)]
            want = [("n", "123"), ("n", "456"), ("n", "12345678901234600"), ("n", "2024001")]
            assert got == want, got
            check_xlsx(out_numeric, 4, "BC", "D")

        notes = [["攸县行政执法案卷目录（测试数据，全部虚构）"],
                 ["本工作簿第二个工作表“案卷目录”为案卷清单，共12件。"],
                 ["填报单位：攸县司法局（示例）"],
                 ["说明：立案日期、办结日期为日期格式。"]]
        data = [HEADER] + [[("float", r[0])] + r[1:6] + [("date", r[6]), ("date", r[7])] + r[8:]
                           for r in GOOD]
        src = os.path.join(tmp, "good.fods")
        with open(src, "w", encoding="utf-8") as f:
            f.write(fods([("说明", notes), ("案卷目录", data)]))
        out_good = os.path.join(OUT, "good.xlsx")
        if not soffice_any(src, out_good):
            missing.append("good.xlsx")
        else:
            import zipfile
            with zipfile.ZipFile(out_good) as z:
                wb = z.read("xl/workbook.xml").decode("utf-8")
            names = re.findall(r'<sheet name="([^"]*)"', wb)
            assert names == ["说明", "案卷目录"], names
            check_xlsx(out_good, 12, "BCDEFIJ", "GH", sheet=2)
            cells, _ = xlsx_cells(out_good, sheet=2)
            assert cells["A13"] == ("n", 0, "12"), cells["A13"]

    write("README.md", readme(facts).encode("utf-8"))
    print("wrote fixtures into " + OUT.replace(os.sep, "/"))
    if missing:
        print("soffice (LibreOffice) not found; NOT regenerated: " + ", ".join(missing))
        print("install it (Debian: apt-get install -y --no-install-recommends libreoffice-calc)"
              " and run python3 tools/gen_fixtures.py again.")


def size(name):
    return os.path.getsize(os.path.join(OUT, name))


def readme(f):
    s = {n: size(n) for n in (
        "good-utf8.csv", "good-utf8-bom.csv", "good-gbk.csv", "good-gb18030.csv",
        "english-headers.csv", "bad-mixed.csv", "bad-bytes-utf8.csv", "bad-bytes-gbk.csv",
        "header-only.csv", "empty.csv", "no-id-column.csv", "agency-only-forestry.csv",
        "numeric-ids.source.csv")}
    return README.format(s=s, f=f)


README = """# Register fixtures / 案卷目录测试文件

Small hand-made registers for the import and validation tests. **All names,
parties and cases are fictional** (本目录中除执法机关名称外，所有名称、当事人、案件均为虚构).

Generated by `python3 tools/gen_fixtures.py` (run from the repository root),
which also writes this README and fills in every byte offset and size below
from the bytes it wrote. The CSV files are byte-for-byte reproducible; the two
XLSX files are written by LibreOffice and differ byte-wise between runs
(embedded timestamps) while holding the same cells.

Conventions used below:

* **Row** numbers are spreadsheet numbers: the header is row 1, the first data
  row is row 2. No fixture has a line break inside a field, so in every CSV row
  *n* is also text line *n*.
* **Columns** are spreadsheet letters: with the standard header
  `序号,案号,执法机关,案件类型,案件名称,当事人,立案日期,办结日期,承办人,处理结果`
  that is A 序号, B 案号, C 执法机关, D 案件类型, E 案件名称, F 当事人,
  G 立案日期, H 办结日期, I 承办人, J 处理结果.
* **Byte offsets** are 0-based from the first byte of the file (a BOM counts).
* Dates are ISO `YYYY-MM-DD`; 办结日期 ≥ 立案日期 in every readable row.
* Unless a file says otherwise: no BOM, no quoted fields except row 5 column E
  of the "good" files (it contains an ASCII comma, so it is written
  `"攸县某某超市涉嫌销售过期食品,未建立进货查验记录查封扣押案"`), and the file ends with a
  line terminator.

## The 12 good rows

Three agencies: 攸县市场监督管理局 (rows 2–6, 5 cases), 攸县林业局 (rows 7–10,
4 cases), 攸县公安局 (rows 11–13, 3 cases). Case ids (column B), rows 2–13:
`攸市监罚〔2024〕12号`, `攸市监罚〔2024〕13号`, `攸市监许〔2024〕7号`,
`攸市监强〔2024〕3号`, `攸市监检〔2024〕21号`, `攸林罚〔2023〕45号`,
`攸林许〔2024〕8号`, `攸林强〔2024〕2号`, `攸林检〔2024〕5号`,
`攸公罚〔2024〕101号`, `攸公罚〔2024〕102号`, `攸公许〔2024〕4号`.
Case types (column D): 行政处罚（一般程序） × 3 (rows 2, 7, 11), 行政处罚（简易程序） × 2
(rows 3, 12), 行政许可 × 3 (rows 4, 8, 13), 行政强制 × 2 (rows 5, 9), 行政检查 × 2
(rows 6, 10).

## Files

| file | bytes | encoding | BOM | line end | contents |
| --- | ---: | --- | --- | --- | --- |
| `good-utf8.csv` | {s[good-utf8.csv]} | UTF-8 | no | LF | header + the 12 good rows |
| `good-utf8-bom.csv` | {s[good-utf8-bom.csv]} | UTF-8 | yes (EF BB BF) | CRLF | same rows as `good-utf8.csv` |
| `good-gbk.csv` | {s[good-gbk.csv]} | GBK | no | CRLF | same rows as `good-utf8.csv` (these bytes are also valid GB18030 and decode identically) |
| `good-gb18030.csv` | {s[good-gb18030.csv]} | GB18030 | no | CRLF | the 12 good rows, except row 7: E7 = `𠮷某某滥伐林木案`, F7 = `𠮷某某` (instead of 刘某某…) |
| `english-headers.csv` | {s[english-headers.csv]} | UTF-8 | no | LF | header `case_id,agency,case_type,closed_date,title,party`; the 12 good rows' 案号, 执法机关, 案件类型, 办结日期, 案件名称, 当事人 in that order (the comma title is E5 there too) |
| `agency-only-forestry.csv` | {s[agency-only-forestry.csv]} | UTF-8 | no | LF | header `序号,案号,案件类型,案件名称,当事人,立案日期,办结日期,承办人,处理结果` (no 执法机关); 5 rows of 攸县林业局: the 4 林业局 good rows + `攸林罚〔2024〕17号`; 序号 1–5. Import with `--agency-for agency-only-forestry.csv=攸县林业局` |
| `bad-mixed.csv` | {s[bad-mixed.csv]} | UTF-8 | no | LF | 13 data rows (rows 2–14) with exactly the problems listed below |
| `bad-bytes-utf8.csv` | {s[bad-bytes-utf8.csv]} | UTF-8 except one byte | no | LF | the 12 good rows with one 0xFF byte, see below |
| `bad-bytes-gbk.csv` | {s[bad-bytes-gbk.csv]} | GBK except one byte | no | CRLF | the 12 good rows with one 0xFF byte, see below |
| `header-only.csv` | {s[header-only.csv]} | UTF-8 | no | LF | the standard header line and nothing else (0 data rows) |
| `empty.csv` | {s[empty.csv]} | — | no | — | 0 bytes |
| `no-id-column.csv` | {s[no-id-column.csv]} | UTF-8 | no | LF | header `执法机关,案件类型,案件名称,当事人,立案日期,办结日期,承办人,处理结果` — no case-id column at all (neither 案号 nor 序号) — and the first 3 good rows without their 序号 and 案号 |
| `numeric-ids.source.csv` | {s[numeric-ids.source.csv]} | UTF-8 | no | LF | the CSV `numeric-ids.xlsx` was made from (header `案号,执法机关,案件类型,办结日期`; ids `00123`, `000456`, `12345678901234567`, `2024001` as text) |
| `numeric-ids.xlsx` | — | XLSX (LibreOffice) | | | see below |
| `good.xlsx` | — | XLSX (LibreOffice) | | | see below |

### `good-gb18030.csv`

`𠮷` is U+20BB7, encoded in GB18030 as the 4 bytes `95 34 B2 35`. It occurs
twice: in E7 at byte offset **{f[gb_e7]}** and in F7 at byte offset
**{f[gb_f7]}**. The file is not GBK: Python's `gbk` codec stops at byte
{f[gb_gbk_err]} (the first 4-byte sequence: 0x34 is not a GBK trail byte).
Note that `encoding_rs::GBK` is the WHATWG "gbk" decoder, which *is* a GB18030
decoder and decodes this file without error; `encoding_rs::GB18030` decodes it
too. The file is not valid UTF-8.

### `bad-mixed.csv` — exactly these problems and nothing else

| row | column | problem |
| ---: | --- | --- |
| 4 | B | empty 案号 (the line is `3,,攸县林业局,…`) |
| 6 and 9 | B | duplicate 案号 `攸市监罚〔2024〕12号` (rows 6 and 9 are otherwise different cases) |
| 7 | C | empty 执法机关 |
| 10 | K | ragged row: 11 fields instead of 10; the extra field K10 is `补充材料见附件` (A10–J10 are a normal, valid case `攸市监检〔2024〕21号`) |
| 11 | H | unreadable 办结日期 `2024-13-45` (G11 立案日期 `2024-07-01` is fine) |
| 12 | B | 案号 `攸公罚〔2024〕1␇02号` contains U+0007 (BEL) between `1` and `02`; the BEL byte 0x07 is at byte offset **{f[bel]}** (row 12 starts at offset {f[bel_line_start]}) |

Rows 2, 3, 5, 8, 13, 14 are clean. All other cells are filled; all other ids
are unique; every other date is valid. The file has no quoted fields. Agencies:
攸县林业局 rows 2–5, 攸县市场监督管理局 rows 6–10 (C7 empty), 攸县公安局 rows 11–14.
If rows with errors are dropped (rows 4, 6, 7, 9, 10, 11, 12) the clean rows are
2, 3, 5, 8, 13, 14 (whether the first of a duplicate pair, row 6, is kept is
the importer's policy).

### `bad-bytes-utf8.csv`

The good rows as in `good-utf8.csv` (UTF-8, LF, no BOM) with one byte 0xFF
inserted into **F6** (当事人 of the 5th data row, case `攸市监检〔2024〕21号`),
between `攸县` and `华某大药房`:

* 0xFF at byte offset **{f[bu_off]}** (0-based; the only 0xFF in the file);
* row 6 (line 6) starts at offset {f[bu_line]}; cell F6 starts at offset {f[bu_cell]},
  so the bad byte sits at offset {f[bu_off]} − {f[bu_cell]} = 6 within the cell, right after the six bytes of `攸县`;
* a UTF-8 validator reports `valid_up_to` = {f[bu_off]} with an error length of 1 byte;
  all bytes before and after it are valid UTF-8.
* file length {f[bu_len]} bytes (= `good-utf8.csv` + 1).

### `bad-bytes-gbk.csv`

The good rows as in `good-gbk.csv` (GBK, CRLF, no BOM) with one lone byte 0xFF
inserted into **F3** (当事人 of the 2nd data row, case `攸市监罚〔2024〕13号`),
between `张` and `某某`:

* 0xFF at byte offset **{f[bg_off]}** (0-based; the only 0xFF in the file);
* row 3 (line 3) starts at offset {f[bg_line]}; cell F3 starts at offset {f[bg_cell]};
* 0xFF is never valid in GBK or GB18030 (not a lead byte), so a GB18030/GBK
  decoder reports exactly one malformed byte there (Python's `gb18030` and `gbk`
  codecs: error start = {f[bg_off]}); `encoding_rs::GB18030` resumes in step right
  after it (the next bytes are `某某` = C4 B3 C4 B3);
* as UTF-8 the file is invalid from byte {f[bg_utf8_err]} (the header is GBK);
* file length {f[bg_len]} bytes (= `good-gbk.csv` + 1).

### `numeric-ids.xlsx`

Converted by LibreOffice Calc from `numeric-ids.source.csv` with its default
(Standard) column types, as a user who double-clicks a CSV would get. One sheet
named `numeric-ids`, header row 1 `案号,执法机关,案件类型,办结日期`. What
LibreOffice stored (checked by reading `xl/worksheets/sheet1.xml`):

| cell | source text | stored as |
| --- | --- | --- |
| A2 | `00123` | number, `<v>123</v>` (leading zeros lost) |
| A3 | `000456` | number, `<v>456</v>` (leading zeros lost) |
| A4 | `12345678901234567` | number, `<v>12345678901234600</v>` (only 15 significant digits kept; as an IEEE double this is 12345678901234600) |
| A5 | `2024001` | number, `<v>2024001</v>` |
| B2–B5 | `攸县林业局`, `攸县林业局`, `攸县水利局`, `攸县水利局` | shared strings (text) |
| C2–C5 | case types | shared strings (text) |
| D2–D5 | `2024-03-01`, `2024-03-05`, `2024-04-10`, `2024-05-06` | date cells: serials `<v>45352</v>`, `45356`, `45392`, `45418`, format `yyyy\\-mm\\-dd` |

### `good.xlsx`

Converted by LibreOffice Calc from a flat ODS written by the script. Two sheets:

1. `说明` — notes only, 4 rows in column A, no header and no cases:
   A1 `攸县行政执法案卷目录（测试数据，全部虚构）`, A2–A4 further notes.
2. `案卷目录` — the standard header in row 1 and the 12 good rows in rows 2–13:
   A (序号) numbers 1–12, G and H (立案日期, 办结日期) real date cells
   (format `yyyy\\-mm\\-dd`), all other columns text. Values are identical to
   `good-utf8.csv`.

An importer that reads only the first sheet finds no register there.
"""


if __name__ == "__main__":
    main()
