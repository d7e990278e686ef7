#!/usr/bin/env python3
"""Synthetic administrative-enforcement case register (UTF-8 CSV).

usage: gen_register.py N OUT.csv [--seed S] [--encoding utf-8|gb18030]

- 30 agencies (5 counties x 6 agency kinds), Zipf-like sizes (s = 1.2),
  rank order shuffled so the biggest agency is not always the same kind
- 6 case types, skewed
- case_id like 攸市监罚〔2024〕123号, unique within the file
- dates 2020-01-01 .. 2024-12-31; ~10% of summaries contain an ASCII comma
  and ~2% an ASCII double quote, so CSV quoting is exercised
- rows are ~150-200 bytes in UTF-8
Deterministic for a given (N, seed).

--risk adds the columns of the risk scan (issue 17), drawn from a second generator so the
base columns stay byte-identical: 违法行为, 处罚依据, 罚款金额 (the same amount, written as
15000 / 15,000 / 1.5万 / 15000.00), 程序类型 (普通程序, 简易程序, or 行政检查 for ~10% of rows),
违法行为发生日期, 立案日期, 决定日期 (some beyond 90 days, some violations beyond two years),
统一社会信用代码 for firms (a few hundred firms, so repeat inspections occur). Fines follow a
base amount per violation (1x or 1.5x; 2% at the top, 2x; 0.5% at 5x), and --benchmarks-out
FILE writes the matching 裁量基准 table (base to 2x base).
"""
import argparse
import csv
import datetime as dt
import random

COUNTIES = [("攸县", "攸"), ("茶陵县", "茶"), ("炎陵县", "炎"), ("醴陵市", "醴"), ("渌口区", "渌")]
KINDS = [("市场监督管理局", "市监"), ("公安局", "公"), ("生态环境分局", "环"),
         ("自然资源局", "自然资"), ("交通运输局", "交"), ("应急管理局", "应急")]
CASE_TYPES = ["罚款", "警告", "没收违法所得", "责令停产停业", "暂扣或吊销许可证", "行政拘留"]
CASE_TYPE_W = [50, 20, 12, 8, 6, 4]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
FIRMS = ["商贸", "建材", "餐饮", "运输", "食品", "五金", "药房", "农资", "物流", "砂石", "化工", "电子", "汽修", "超市"]
FORMS = ["有限公司", "有限责任公司", "经营部", "个体工商户", "合作社", "门市部"]
ACTS = ["销售过期食品", "未按规定明码标价", "无证经营", "超限超载运输", "违规排放污水",
        "非法占用耕地", "未落实安全生产主体责任", "扰乱公共秩序", "销售不合格产品",
        "虚假宣传", "未取得排污许可证排放污染物", "未按规定设置警示标志"]
LAWS = ["《食品安全法》", "《价格法》", "《无证无照经营查处办法》",
        "《道路交通安全法》", "《水污染防治法》",
        "《土地管理法》", "《安全生产法》",
        "《治安管理处罚法》", "《产品质量法》",
        "《广告法》"]
NUMS = "一二三四五六七八九"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("n", type=int)
    ap.add_argument("out")
    ap.add_argument("--seed", type=int, default=20240601)
    ap.add_argument("--encoding", default="utf-8")
    ap.add_argument("--risk", action="store_true")
    ap.add_argument("--benchmarks-out", help="also write the 裁量基准 table the --risk fines follow")
    a = ap.parse_args()
    if a.benchmarks_out:
        with open(a.benchmarks_out, "w", encoding="utf-8", newline="") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(["违法行为", "依据", "情节", "最低罚款", "最高罚款"])
            for act, base in ACT_BASE.items():
                w.writerow([act, "", "", base, 2 * base])
    rnd = random.Random(a.seed)
    rr = random.Random(a.seed + 1)
    codes = [credit_code(rr) for _ in range(400)]

    agencies = [(c + k, ca + ka, c) for c, ca in COUNTIES for k, ka in KINDS]
    rnd.shuffle(agencies)                     # rank -> agency
    s = 1.2
    weights = [1.0 / (r ** s) for r in range(1, len(agencies) + 1)]

    day0 = dt.date(2020, 1, 1).toordinal()
    ndays = dt.date(2024, 12, 31).toordinal() - day0 + 1
    seq = {}
    cols = ["case_id", "agency", "case_type", "closed_date", "penalty_yuan", "party", "summary"]
    if a.risk:
        cols += ["违法行为", "处罚依据", "罚款金额", "程序类型", "违法行为发生日期", "立案日期", "决定日期", "统一社会信用代码"]
    with open(a.out, "w", encoding=a.encoding, newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(cols)
        B = 100_000
        done = 0
        while done < a.n:
            b = min(B, a.n - done)
            ags = rnd.choices(range(len(agencies)), weights=weights, k=b)
            cts = rnd.choices(CASE_TYPES, weights=CASE_TYPE_W, k=b)
            rows = []
            for ai, ct in zip(ags, cts):
                name, abbr, county = agencies[ai]
                d = dt.date.fromordinal(day0 + rnd.randrange(ndays))
                y = d.year
                key = (ai, y)
                q = seq.get(key, 0) + 1
                seq[key] = q
                cid = f"{abbr}罚〔{y}〕{q}号"
                if rnd.random() < 0.55:
                    party = county + rnd.choice(SURNAMES) + rnd.choice(SURNAMES) + rnd.choice(FIRMS) + rnd.choice(FORMS)
                else:
                    party = rnd.choice(SURNAMES) + "某" + ("某" if rnd.random() < 0.5 else "")
                act = rnd.choice(ACTS)
                law = rnd.choice(LAWS)
                art = "第" + rnd.choice(NUMS) + "十" + rnd.choice(NUMS) + "条"
                summ = f"{act}，违反{law}{art}"
                u = rnd.random()
                if u < 0.10:
                    summ += ", 已责令改正"
                elif u < 0.12:
                    summ += "，当事人称\"不知情\""
                amt = 0 if ct in ("警告", "行政拘留") else rnd.choice((200, 500, 1000, 2000, 5000, 10000, 20000, 50000)) * rnd.randint(1, 3)
                row = (cid, name, ct, d.isoformat(), amt, party, summ)
                if a.risk:
                    row += risk_fields(rr, d, amt, act, law + art, party, codes)
                rows.append(row)
            w.writerows(rows)
            done += b


CODE_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CODE_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]


def credit_code(r):
    """A 统一社会信用代码 with a valid GB 32100 check character (not of a real entity)."""
    body = "91" + "430223" + "".join(r.choice(CODE_ALPHABET) for _ in range(9))
    total = sum(CODE_ALPHABET.index(c) * w for c, w in zip(body, CODE_WEIGHTS))
    return body + CODE_ALPHABET[(31 - total % 31) % 31]


def written(amt, r):
    u = r.random()
    if amt == 0:
        return ""
    if u < 0.25 and amt % 1000 == 0:
        wan = amt / 10000
        return (f"{wan:g}万")
    if u < 0.5:
        return f"{amt:,}"
    if u < 0.6:
        return f"{amt}.00"
    return str(amt)


# The fine of each violation: a base amount, times 1, 1.5 or 2 (so like cases stay within the
# default spread of 3), except ~0.5% of cases fined 5 times the base and ~2% at the top (4x).
ACT_BASE = {act: 500 * (i + 1) for i, act in enumerate(ACTS)}


def risk_fields(r, closed, amt, act, basis, party, codes):
    proc = "行政检查" if r.random() < 0.10 else ("简易程序" if r.random() < 0.2 else "普通程序")
    filed = closed - dt.timedelta(days=r.randint(5, 130))
    decided = filed + dt.timedelta(days=r.randint(1, 93))
    violation = filed - dt.timedelta(days=r.randint(1, 740))
    if amt:
        u = r.random()
        amt = ACT_BASE[act] * (10 if u < 0.005 else 4 if u < 0.025 else r.choice((2, 3))) // 2
    code = r.choice(codes) if "公司" in party or proc == "行政检查" else ""
    if proc == "行政检查":
        return ("", "", "", proc, "", "", closed.isoformat(), code)
    return (act, basis, written(amt, r), proc, violation.isoformat(), filed.isoformat(),
            decided.isoformat(), code)


if __name__ == "__main__":
    main()
