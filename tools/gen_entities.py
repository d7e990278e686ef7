#!/usr/bin/env python3
"""Write samples/entities/: a fictional county list of regulated entities (监管对象名录) as a
supervising office would send it for a 民主评议 draw, and the list of evaluated agencies.

Everything is invented (names, people, phone numbers, codes); the township and agency names are
攸县's, from the public documents the other samples use. Codes follow GB 32100-2015 (and the
organisation code inside them GB 11714), so every one passes anjuan's check.

    python3 tools/gen_entities.py          # needs openpyxl for the .xlsx
"""
import csv
import io
import random
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "samples" / "entities"
CS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
W = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
REGION = "430223"  # 攸县

TOWNS = ["联星街道", "江桥街道", "春联街道", "网岭镇", "鸾山镇", "新市镇", "桃水镇",
         "皇图岭镇", "黄丰桥镇", "丫江桥镇", "菜花坪镇", "宁家坪镇", "大同桥镇", "酒埠江镇"]
# 行业 → 监管部门
TRADES = [
    ("餐饮服务", "攸县市场监督管理局"),
    ("食品销售", "攸县市场监督管理局"),
    ("道路运输", "攸县交通运输局"),
    ("建筑施工", "攸县住房和城乡建设局"),
    ("矿山开采", "攸县应急管理局"),
    ("危险化学品经营", "攸县应急管理局"),
    ("医疗机构", "攸县卫生健康局"),
    ("校外培训", "攸县教育局"),
    ("娱乐场所", "攸县文化旅游广电体育局"),
    ("畜禽养殖", "攸县农业农村局"),
]
SURNAMES = "王李张刘陈杨黄赵周吴徐孙朱马胡郭林何高罗郑谭彭贺易"
GIVEN = "建国明华志强丽娟海军春梅小兵文杰秀英国平红霞德胜桂兰永刚"
WORDS = ["鑫源", "宏达", "兴旺", "富民", "丰泽", "恒昌", "顺通", "长青", "华康", "金穗",
         "瑞祥", "博远", "惠民", "新湘", "攸州", "洣水", "天成", "和美", "众诚", "东方"]
SUFFIX = {"餐饮服务": "餐饮", "食品销售": "食品商行", "道路运输": "运输", "建筑施工": "建筑工程",
          "矿山开采": "矿业", "危险化学品经营": "化工贸易", "医疗机构": "诊所", "校外培训": "培训学校",
          "娱乐场所": "文化娱乐", "畜禽养殖": "养殖"}


def org_code(r):
    body = "".join(r.choice("0123456789ABCDEFGHJKLMNPQRTUWXY") for _ in range(8))
    v = lambda c: int(c) if c.isdigit() else ord(c) - 55
    c = 11 - sum(v(ch) * w for ch, w in zip(body, [3, 7, 9, 10, 5, 8, 4, 2])) % 11
    return body + ("X" if c == 10 else "0" if c == 11 else str(c))


def uscc(r, prefix):
    b = prefix + REGION + org_code(r)
    return b + CS[(31 - sum(CS.index(x) * w for x, w in zip(b, W)) % 31) % 31]


def rows(r, n=300):
    seen, out = set(), []
    while len(out) < n:
        trade, dept = r.choice(TRADES)
        kind = r.choices(["企业", "个体工商户", "社会组织"], [6, 3, 1])[0]
        prefix = {"企业": "91", "个体工商户": "92", "社会组织": r.choice(["51", "52"])}[kind]
        code = uscc(r, prefix)
        if code in seen:
            continue
        seen.add(code)
        town = r.choice(TOWNS)
        word = r.choice(WORDS)
        if kind == "企业":
            name = f"攸县{word}{SUFFIX[trade]}有限公司"
        elif kind == "个体工商户":
            name = f"攸县{town.rstrip('镇街道')}{word}{SUFFIX[trade]}店"
        else:
            name = f"攸县{word}{trade}协会" if prefix == "51" else f"攸县{word}{SUFFIX[trade]}服务中心"
        boss = r.choice(SURNAMES) + "".join(r.sample(GIVEN, 2))
        contact = r.choice([boss, r.choice(SURNAMES) + "".join(r.sample(GIVEN, 2))])
        phone = "1" + r.choice("3589") + "".join(r.choice("0123456789") for _ in range(9))
        addr = f"攸县{town}{r.choice(WORDS)}路{r.randint(1, 300)}号"
        out.append([code, name, kind, trade, town, dept, boss, contact, phone, addr])
    out.sort(key=lambda x: (x[5], x[4], x[0]))
    return out


HEADER = ["序号", "统一社会信用代码", "名称", "主体类型", "行业", "乡镇（街道）", "监管部门",
          "法定代表人", "联系人", "联系电话", "地址"]
TITLE = "攸县2026年度民主评议监管对象名录"
FILED = "填报单位：攸县司法局（县政府行政执法协调监督局）　　填报日期：2026年11月20日"


def main():
    r = random.Random(20261204)
    data = rows(r)
    numbered = [[i + 1] + row for i, row in enumerate(data)]
    OUT.mkdir(parents=True, exist_ok=True)
    # GBK CSV with CRLF, as Excel writes "CSV (逗号分隔)" on Chinese Windows.
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow([TITLE] + [""] * (len(HEADER) - 1))
    w.writerow([FILED] + [""] * (len(HEADER) - 1))
    w.writerow(HEADER)
    w.writerows(numbered)
    w.writerow(["合计", "", f"共 {len(data)} 户"] + [""] * (len(HEADER) - 3))
    (OUT / "监管对象名录-gbk.csv").write_bytes(buf.getvalue().encode("gbk"))
    try:
        import openpyxl
        from openpyxl.styles import Alignment, Font
    except ImportError:
        print("openpyxl is not installed: the .xlsx was not written")
    else:
        wb = openpyxl.Workbook()
        ws = wb.active
        ws.title = "监管对象名录"
        ws.append([TITLE])
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(HEADER))
        ws["A1"].font = Font(bold=True, size=16)
        ws["A1"].alignment = Alignment(horizontal="center")
        ws.append([FILED])
        ws.append(HEADER)
        for row in numbered:
            ws.append(row)
        ws.append(["合计", None, f"共 {len(data)} 户"])
        for col, width in zip("ABCDEFGHIJK", [6, 22, 34, 12, 14, 14, 24, 10, 10, 14, 34]):
            ws.column_dimensions[col].width = width
        wb.save(OUT / "监管对象名录.xlsx")
    agencies = sorted({t[1] for t in TRADES}) + ["攸县公安局", "攸县自然资源局", "攸县城市管理和综合执法局"]
    text = "序号,被评议单位\r\n" + "".join(f"{i + 1},{a}\r\n" for i, a in enumerate(agencies))
    (OUT / "被评议单位.csv").write_text("\ufeff" + text, encoding="utf-8")


if __name__ == "__main__":
    main()
