#!/usr/bin/env python3
"""Generate the fictional 攸县 case register used as sample data.

Run from the repository root:

    python3 tools/gen_samples.py

Writes into samples/:

    county-register.csv        UTF-8 with BOM, CRLF (Excel "CSV UTF-8")
    county-register-gbk.csv    the same rows in GBK, CRLF, no BOM
    county-register.xlsx       the UTF-8 CSV converted by LibreOffice (soffice)
    agencies/<机关>.csv|.xlsx   four agencies' rows without the 执法机关 column

Everything is FICTIONAL: the 31 agency names come from the county's published
list of enforcement agencies (攸纪发〔2021〕3号, 附件1), but every case number,
party, officer, case and date below is invented by this script.

Only the Python 3 standard library is used. The CSV outputs are byte-for-byte
deterministic: one random.Random(20240601) drives every choice, and nothing
depends on set/dict hash order. The XLSX files come from LibreOffice and embed
timestamps, so they differ byte-wise between runs while holding the same cells.
If soffice is not on PATH the CSVs are still written and the script says how
to make the XLSX files.
"""

import csv
import datetime as dt
import io
import os
import random
import shutil
import subprocess
import sys
import tempfile

SEED = 20240601
TOTAL_CASES = 4000
ZIPF_S = 1.1
MIN_CASES = 8
FIRST_DAY = dt.date(2023, 1, 1)
LAST_DAY = dt.date(2024, 12, 31)

HEADER = ["序号", "案号", "执法机关", "案件类型", "案件名称", "当事人",
          "立案日期", "办结日期", "承办人", "处理结果"]

# 案件类型 and its share of the register, and the character used in the 案号.
KINDS = [
    ("行政处罚（一般程序）", 0.55, "罚"),
    ("行政处罚（简易程序）", 0.15, "罚"),
    ("行政许可", 0.12, "许"),
    ("行政强制", 0.08, "强"),
    ("行政检查", 0.10, "检"),
]
KIND_CHAR = {name: ch for name, _, ch in KINDS}
GENERAL, SUMMARY, LICENCE, COERCION, INSPECTION = (k[0] for k in KINDS)

# Party name pieces (all fictional; trade names are anonymised the way
# published decisions do it: 鑫某, 某某).
SURNAMES = ("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董"
            "袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏付方白邹孟熊"
            "秦邱江尹薛段雷侯龙史陶黎贺顾毛郝龚邵万钱严欧阳易文颜晏凌尧")
TRADE_CHARS = "鑫丰兴盛华宏顺达恒富祥旺福安泰隆佳润源鸿金永昌瑞天新湘康乐嘉"
TOWNS = ["网岭镇", "皇图岭镇", "黄丰桥镇", "酒埠江镇", "鸾山镇", "宁家坪镇",
         "新市镇", "桃水镇", "菜花坪镇", "丫江桥镇", "莲塘坳镇", "渌田镇",
         "柏市镇", "大同桥镇", "江桥街道", "联星街道", "凉江街道"]

# Company suffixes by trade.
TRADES = {
    "retail": ["商贸有限公司", "超市", "便利店", "副食店", "百货商行", "食品店"],
    "food": ["餐饮店", "饭店", "农家乐", "餐饮管理有限公司", "食品有限公司", "米粉店"],
    "build": ["建设工程有限公司", "建筑工程有限公司", "房地产开发有限公司",
              "混凝土有限公司", "建材有限公司"],
    "industry": ["陶瓷有限公司", "矿业有限公司", "化工有限公司", "机械制造有限公司",
                 "新型建材有限公司", "石材加工厂"],
    "transport": ["运输有限公司", "物流有限公司", "客运有限公司", "驾驶培训有限公司"],
    "medical": ["诊所", "大药房", "医院", "口腔诊所", "中医诊所"],
    "leisure": ["网吧", "KTV", "歌厅", "游泳馆", "旅行社有限公司", "书店", "文化传媒有限公司"],
    "agri": ["农资店", "种养专业合作社", "养殖场", "农机专业合作社", "生猪养殖场"],
    "forest": ["木材加工厂", "林业专业合作社", "家具厂", "竹木制品有限公司"],
    "hotel": ["宾馆", "酒店", "旅馆"],
    "finance": ["融资担保有限公司", "小额贷款有限公司", "典当有限责任公司", "投资咨询有限公司"],
    "school": ["培训学校", "教育咨询有限公司", "幼儿园", "艺术培训中心"],
    "legal": ["律师事务所", "法律服务所"],
    "social": ["养老院", "协会", "殡葬服务有限公司", "社会工作服务中心"],
    "express": ["快递有限公司", "快递服务站", "速递有限公司"],
    "energy": ["加油站", "烟花爆竹有限公司", "燃气有限公司", "化工有限公司"],
    "general": ["商贸有限公司", "实业有限公司", "科技有限公司"],
}

# Agencies whose cases against a natural person are often about the shop the
# person runs (个体工商户), written as 张某经营的"鑫旺超市"….
SHOP_AGENCIES = ("市监", "烟草", "城管", "文旅", "卫健", "农", "税", "医保", "应急", "林")
NOT_A_SHOP = ("公司", "合作社", "协会", "中心", "学校", "所")

# One entry per agency of 附件1, in the document's order:
# (full name as the register writes it, 案号 abbreviation, share of cases whose
#  party is a natural person, trades of company parties, 处罚 violations,
#  许可 items (None: the agency grants none), 强制 measures (None: none),
#  检查 topics, typical fine range in yuan for 一般程序).
AGENCIES = [
    ("攸县民宗局", "民宗", 0.2, ["social"],
     ["擅自设立宗教活动场所", "擅自举行大型宗教活动", "宗教活动场所未按规定管理财务",
      "宗教活动场所未落实安全管理制度"],
     ["宗教临时活动地点审批", "举行大型宗教活动审批", "宗教活动场所设立初审"],
     ["扣押"], ["宗教活动场所安全检查", "宗教活动场所财务检查"], (1000, 30000)),
    ("攸县网络安全和信息化办公室", "网信", 0.3, ["general", "leisure"],
     ["未履行网络安全保护义务", "未落实网络实名制", "违规提供互联网新闻信息服务",
      "未按规定留存网络日志"],
     None, ["扣押"], ["网络安全检查", "网站平台信息内容检查"], (5000, 50000)),
    ("攸县发展和改革委员会", "发改", 0.05, ["build", "industry", "general"],
     ["未经节能审查擅自开工建设", "固定资产投资项目未按规定备案", "招标投标活动违规",
      "转供电环节违规加价"],
     ["企业投资项目核准", "固定资产投资项目节能审查"], ["查封"],
     ["招标投标活动检查", "节能审查落实情况检查"], (5000, 100000)),
    ("攸县教育局", "教", 0.2, ["school"],
     ["未取得办学许可证擅自举办校外培训", "民办学校违规招生", "校外培训机构超范围培训",
      "违规收取培训费用"],
     ["民办学校办学许可", "校外培训机构办学许可", "幼儿园设立审批"], ["查封"],
     ["校外培训机构检查", "幼儿园办园行为检查", "校园安全检查"], (2000, 50000)),
    ("攸县科工信局", "科工信", 0.15, ["industry", "general"],
     ["使用国家明令淘汰的用能设备", "擅自设置使用无线电台站", "违规使用无线电频率",
      "未按规定开展能源计量"],
     ["无线电台站设置使用初审", "民用爆炸物品销售许可初审"], ["扣押"],
     ["节能监察", "民爆行业安全检查", "无线电管理检查"], (2000, 50000)),
    ("攸县公安局", "公", 0.85, ["hotel", "leisure", "energy"],
     ["殴打他人", "驾驶机动车超速行驶", "饮酒后驾驶机动车", "无证驾驶机动车",
      "驾驶电动自行车未佩戴安全头盔", "参与赌博", "盗窃", "寻衅滋事", "扰乱单位秩序",
      "非法携带管制刀具", "未按规定登记住宿旅客信息", "违反危险物品管理规定"],
     ["大型群众性活动安全许可", "烟花爆竹道路运输许可", "旅馆业特种行业许可",
      "公章刻制业特种行业许可"],
     ["扣押"],
     ["旅馆业治安检查", "娱乐场所治安检查", "寄递物流安全检查", "危险物品安全检查"],
     (200, 5000)),
    ("攸县民政局", "民", 0.25, ["social"],
     ["社会组织未按规定报送年度工作报告", "乱埋乱葬", "养老机构未按规定备案",
      "社会组织超出章程规定的宗旨和业务范围开展活动"],
     ["社会团体成立登记", "民办非企业单位成立登记", "殡葬服务机构设立审批"], ["扣押"],
     ["养老机构服务质量检查", "殡葬服务检查", "社会组织抽查"], (1000, 30000)),
    ("攸县司法局", "司法", 0.4, ["legal"],
     ["律师事务所违规执业", "基层法律服务工作者超范围执业", "法律服务所违规收费",
      "以不正当手段承揽法律服务业务"],
     ["基层法律服务工作者执业核准", "律师执业许可初审"], None,
     ["律师事务所执业检查", "基层法律服务所检查"], (1000, 20000)),
    ("攸县财政局", "财", 0.05, ["general", "build", "retail"],
     ["会计资料不真实", "未取得代理记账资格从事代理记账", "政府采购活动违规",
      "未按规定设置会计账簿"],
     ["代理记账资格审批"], None,
     ["会计信息质量检查", "政府采购活动检查", "代理记账机构检查"], (3000, 50000)),
    ("攸县人力资源和社会保障局", "人社", 0.1, ["build", "industry", "retail", "general"],
     ["拖欠劳动者工资", "未依法与劳动者订立书面劳动合同", "违法使用童工",
      "延长劳动者工作时间超过法定标准", "未按规定缴纳社会保险费", "职业中介机构违规"],
     ["人力资源服务许可", "劳务派遣经营许可", "民办职业技能培训学校办学许可"], ["查封"],
     ["劳动保障监察检查", "根治欠薪专项检查"], (2000, 50000)),
    ("攸县自然资源局", "自然资", 0.6, ["build", "industry"],
     ["未经批准占用耕地建房", "非法占用土地", "非法采矿", "超越批准范围采矿",
      "未按建设工程规划许可证建设", "破坏永久基本农田"],
     ["建设工程规划许可", "乡村建设规划许可", "临时用地审批", "采矿许可证延续"],
     ["查封", "扣押"], ["违法用地巡查", "矿产资源开发专项检查", "耕地保护检查"],
     (5000, 200000)),
    ("市生态环境局攸县分局", "环", 0.1, ["industry", "build", "agri"],
     ["超标排放大气污染物", "未批先建", "未按规定贮存危险废物", "未验收即投入生产",
      "通过暗管排放水污染物", "未落实扬尘污染防治措施", "无排污许可证排放污染物"],
     ["建设项目环境影响报告表审批", "排污许可"], ["查封", "扣押"],
     ["重点排污单位执法检查", "扬尘污染专项检查", "危险废物规范化管理检查"],
     (10000, 300000)),
    ("攸县住房和城乡建设局", "住建", 0.1, ["build"],
     ["未取得施工许可证擅自施工", "未按规定办理竣工验收备案", "违法转包工程",
      "使用不合格建筑材料", "未落实施工扬尘防治措施"],
     ["建筑工程施工许可", "商品房预售许可", "燃气经营许可"], ["查封"],
     ["建筑施工安全检查", "燃气安全检查", "商品房销售检查"], (10000, 200000)),
    ("攸县交通运输局", "交", 0.6, ["transport"],
     ["货车超限运输", "未取得道路运输经营许可擅自从事道路运输", "客运车辆未按规定线路行驶",
      "擅自占用公路", "未取得网约车运输证从事网约车经营"],
     ["道路运输经营许可", "超限运输车辆行驶公路许可", "涉路施工许可"], ["扣押"],
     ["客运站安全检查", "危险货物运输企业检查", "驾培机构检查"], (1000, 30000)),
    ("攸县水利局", "水", 0.5, ["industry", "build"],
     ["在河道管理范围内非法采砂", "未经批准擅自取水", "在河道管理范围内倾倒弃渣",
      "未经许可建设涉河项目", "水土保持方案未经批准擅自开工"],
     ["取水许可", "河道采砂许可", "生产建设项目水土保持方案审批"], ["扣押", "查封"],
     ["河道采砂专项检查", "水库安全检查", "取水户检查"], (5000, 100000)),
    ("攸县农业农村局", "农", 0.5, ["agri"],
     ["销售假农药", "销售不合格肥料", "经营禁用农药", "在禁渔期捕捞",
      "使用禁用渔具捕捞", "销售未经检疫的动物产品"],
     ["农药经营许可", "兽药经营许可", "动物防疫条件合格证核发", "种子生产经营许可"],
     ["查封扣押", "扣押"], ["农资市场检查", "畜禽屠宰检查", "农产品质量安全检查"],
     (2000, 50000)),
    ("攸县商务粮食局", "商粮", 0.1, ["retail", "energy", "transport"],
     ["单用途商业预付卡未按规定备案", "成品油经营违规", "粮食收购未按规定备案",
      "报废机动车回收违规", "二手车交易未按规定备案"],
     ["成品油零售经营资格初审", "对外贸易经营者备案登记"], ["查封"],
     ["成品油市场检查", "商贸领域安全生产检查", "粮食库存检查"], (2000, 50000)),
    ("攸县文化旅游广电体育局", "文旅", 0.3, ["leisure"],
     ["网吧接纳未成年人", "娱乐场所超时营业", "擅自从事营业性演出", "旅行社未与旅游者签订旅游合同",
      "销售非法出版物", "擅自安装卫星地面接收设施"],
     ["娱乐场所经营许可", "营业性演出许可", "高危险性体育项目经营许可", "出版物零售许可"],
     ["扣押"], ["网吧检查", "娱乐场所检查", "旅行社检查", "游泳场所检查"], (2000, 30000)),
    ("攸县卫生健康局", "卫健", 0.3, ["medical", "hotel"],
     ["未取得医疗机构执业许可证擅自执业", "非医师行医", "公共场所未取得卫生许可证",
      "未按规定处置医疗废物", "超出登记的诊疗科目范围执业", "从业人员未取得健康合格证明"],
     ["医疗机构执业许可", "公共场所卫生许可", "放射诊疗许可", "饮用水供水单位卫生许可"],
     ["查封扣押"], ["医疗机构依法执业检查", "公共场所卫生检查", "学校卫生检查"],
     (2000, 50000)),
    ("攸县审计局", "审计", 0.05, ["general", "build"],
     ["拒绝提供审计资料", "违反国家规定的财政收支", "转移隐匿审计资料"],
     None, ["封存"], ["专项审计调查", "预算执行审计"], (5000, 50000)),
    ("攸县退役军人事务局", "退役", 0.3, ["general"],
     ["未按规定安置退役士兵", "侵占烈士纪念设施保护范围", "冒用优待证享受优待"],
     None, None, ["优抚政策落实检查", "烈士纪念设施保护检查"], (1000, 20000)),
    ("攸县应急管理局", "应急", 0.2, ["energy", "industry"],
     ["未按规定开展安全生产教育培训", "未如实记录安全隐患排查治理情况",
      "无证经营烟花爆竹", "特种作业人员未持证上岗",
      "未制定生产安全事故应急救援预案", "占用堵塞消防通道"],
     ["烟花爆竹经营（零售）许可", "危险化学品经营许可"], ["查封扣押", "查封"],
     ["安全生产执法检查", "烟花爆竹专项检查", "消防安全检查"], (10000, 100000)),
    ("攸县城市管理和综合执法局", "城管", 0.6, ["food", "retail", "build"],
     ["占道经营", "违法建设", "擅自设置户外广告", "随意倾倒建筑垃圾", "渣土车未密闭运输",
      "餐饮油烟超标排放", "擅自占用城市道路"],
     ["城市建筑垃圾处置核准", "临时占用城市道路许可", "户外广告设置许可", "城市道路挖掘许可"],
     ["扣押", "查封"], ["市容秩序检查", "渣土运输检查", "餐饮油烟治理检查"], (500, 20000)),
    ("攸县林业局", "林", 0.7, ["forest", "agri"],
     ["滥伐林木", "盗伐林木", "擅自改变林地用途", "非法收购野生动物", "非法运输木材",
      "未经批准占用林地", "非法猎捕野生动物", "野外违规用火"],
     ["林木采伐许可", "使用林地审核", "植物检疫证书核发"], ["扣押"],
     ["森林防火检查", "木材经营加工检查", "野生动物保护检查"], (1000, 50000)),
    ("攸县市场监督管理局", "市监", 0.25, ["retail", "food", "medical", "hotel"],
     ["销售过期食品", "经营超过保质期的食品", "未取得食品经营许可从事食品经营",
      "销售不合格产品", "虚假宣传", "未明码标价", "使用未经检定的计量器具",
      "销售侵犯注册商标专用权的商品", "经营无中文标签的预包装食品", "未建立进货查验记录"],
     ["食品经营许可", "食品生产许可", "药品经营许可", "特种设备使用登记"],
     ["查封扣押", "扣押"], ["食品安全日常监督检查", "特种设备安全检查", "计量器具检查", "价格检查"],
     (2000, 100000)),
    ("攸县统计局", "统计", 0.05, ["general", "industry"],
     ["拒绝提供统计资料", "迟报统计资料", "提供不真实统计资料", "未按规定设置原始记录"],
     None, None, ["统计执法检查", "统计数据质量检查"], (1000, 50000)),
    ("攸县人民政府金融工作办公室", "金融", 0.1, ["finance"],
     ["小额贷款公司违规经营", "融资担保公司违规开展业务", "违规发布融资广告",
      "典当行违规发放贷款"],
     ["融资担保公司设立初审", "小额贷款公司设立初审"], ["查封"],
     ["地方金融组织现场检查", "防范非法集资排查"], (10000, 100000)),
    ("攸县医疗保障局", "医保", 0.2, ["medical"],
     ["违规使用医保基金", "串换药品收费", "超标准收费", "虚构医药服务项目",
      "分解住院", "骗取医保基金"],
     None, ["查封扣押"], ["定点医疗机构医保基金使用检查", "定点零售药店检查"],
     (2000, 100000)),
    ("攸县税务局", "税", 0.3, ["general", "retail", "build"],
     ["未按期办理纳税申报", "未按规定开具发票", "丢失发票", "未按规定保管账簿",
      "少缴税款", "未按规定办理税务登记变更"],
     ["增值税专用发票最高开票限额审批"], ["扣押"],
     ["发票使用情况检查", "税收专项检查"], (200, 20000)),
    ("攸县烟草专卖局", "烟草", 0.7, ["retail"],
     ["无烟草专卖零售许可证经营烟草制品", "从非指定渠道购进卷烟", "销售假冒卷烟",
      "销售走私卷烟", "变更经营地址未办理变更手续"],
     ["烟草专卖零售许可证核发", "烟草专卖零售许可证延续"], ["扣押"],
     ["卷烟零售户检查", "卷烟市场检查"], (500, 20000)),
    ("攸县邮政管理局", "邮政", 0.1, ["express"],
     ["未按规定实名收寄", "未落实收寄验视制度", "快递末端网点未备案", "违规处理快件"],
     ["快递业务经营许可分支机构备案"], ["扣押"],
     ["寄递安全检查", "快递服务质量检查"], (1000, 30000)),
]

# An agency whose 许可 or 强制 entry above is None never registers that kind.


def zipf_sizes(rng, n_agencies):
    """Zipf-like case counts (s=ZIPF_S), rank order shuffled, sum TOTAL_CASES."""
    weights = [1.0 / (rank ** ZIPF_S) for rank in range(1, n_agencies + 1)]
    total_w = sum(weights)
    sizes = [max(MIN_CASES, round(TOTAL_CASES * w / total_w)) for w in weights]
    sizes[0] += TOTAL_CASES - sum(sizes)   # make the total exact
    rng.shuffle(sizes)
    return sizes


def weighted(rng, pairs):
    r = rng.random() * sum(w for _, w in pairs)
    for value, w in pairs:
        r -= w
        if r < 0:
            return value
    return pairs[-1][0]


def person(rng):
    return rng.choice(SURNAMES) + ("某" if rng.random() < 0.3 else "某某")


def company(rng, trades):
    suffix = rng.choice(TRADES[rng.choice(trades)])
    trade = rng.choice(TRADE_CHARS) + "某" if rng.random() < 0.6 else "某某"
    r = rng.random()
    if r < 0.1:
        return "湖南" + trade + suffix
    if r < 0.35:
        return "攸县" + rng.choice(TOWNS) + trade + suffix
    return "攸县" + trade + suffix


def workday(d):
    while d.weekday() >= 5:
        d += dt.timedelta(days=1)
    return d


def staff_pool(rng, n_cases):
    size = min(24, 4 + n_cases // 60)
    names = []
    for ch in rng.sample(SURNAMES, len(SURNAMES)):
        if len(names) == size:
            break
        names.append(ch + "某")
    return names


def fine(rng, lo, hi):
    amount = rng.uniform(lo, hi)
    step = 100 if amount < 10000 else 1000
    return max(step, int(round(amount / step)) * step)


def penalty_result(rng, name, kind, is_person, fine_range):
    if kind == SUMMARY:
        if rng.random() < 0.3:
            return "警告"
        cap = 200 if is_person else 3000
        step = 50 if is_person else 500
        return "罚款%d元" % (rng.randrange(1, cap // step + 1) * step)
    if name == "攸县公安局" and is_person and rng.random() < 0.35:
        days = rng.choice([3, 5, 7, 10, 15])
        if rng.random() < 0.5:
            return "行政拘留%d日" % days
        return "行政拘留%d日，罚款%d元" % (days, rng.choice([200, 300, 500, 1000]))
    r = rng.random()
    if r < 0.08:
        return "警告"
    if r < 0.12:
        return "不予行政处罚"
    lo, hi = fine_range
    if is_person:
        hi = max(lo + 100, hi // 4)
    if r < 0.25:
        return "没收违法所得%d元，罚款%d元" % (rng.randrange(3, 200) * 100, fine(rng, lo, hi))
    if r < 0.40:
        return "警告，罚款%d元" % fine(rng, lo, hi)
    return "罚款%d元" % fine(rng, lo, hi)


def make_case(rng, agency, kind):
    (name, _abbr, p_person, trades, violations, licences, measures, topics,
     fine_range) = agency
    # Inspections are of businesses; everything else may concern a person.
    is_person = kind != INSPECTION and rng.random() < p_person
    party = person(rng) if is_person else company(rng, trades)
    # ASCII double quotes (≈2% of rows): a person's shop written under its
    # trade name, or the "双随机、一公开" random-inspection campaign.
    shop = None
    if (is_person and _abbr in SHOP_AGENCIES and kind in (GENERAL, SUMMARY, COERCION)
            and rng.random() < 0.2):
        shops = [t for t in TRADES[rng.choice(trades)] if not t.endswith(NOT_A_SHOP)]
        shop = '"%s%s%s"' % (rng.choice(TRADE_CHARS), rng.choice(TRADE_CHARS),
                             rng.choice(shops or ["商行"]))
    who = party + ("经营的" + shop if shop else "")

    if kind in (GENERAL, SUMMARY, COERCION):
        what = rng.choice(violations)
        # ≈10% of all rows: two violations separated by an ASCII comma, as
        # typed by someone on a keyboard left in English punctuation.
        if rng.random() < 0.128:
            other = rng.choice([v for v in violations if v != what])
            what = what + "," + other
    if kind in (GENERAL, SUMMARY):
        title = who + what + "案"
        result = penalty_result(rng, name, kind, is_person, fine_range)
    elif kind == COERCION:
        measure = rng.choice(measures)
        title = who + "涉嫌" + what + measure + "案"
        result = measure if rng.random() < 0.85 else "解除" + measure
    elif kind == LICENCE:
        title = party + rng.choice(licences) + "申请"
        result = weighted(rng, [("准予许可", 0.9), ("不予许可", 0.06), ("申请人撤回申请", 0.04)])
    elif rng.random() < 0.12:
        title = party + '"双随机、一公开"抽查'
        result = weighted(rng, [("未发现问题", 0.6), ("责令改正", 0.4)])
    else:
        title = party + rng.choice(topics)
        result = weighted(rng, [("未发现问题", 0.5), ("责令改正", 0.35), ("责令限期整改", 0.15)])
    return party, title, result


def duration(rng, kind):
    if kind == SUMMARY:
        return 0
    if kind == GENERAL:
        return rng.randint(7, 85)
    if kind == LICENCE:
        return rng.randint(0, 20)
    if kind == COERCION:
        return rng.randint(1, 30)
    return rng.randint(0, 10)


def build_rows():
    rng = random.Random(SEED)
    sizes = zipf_sizes(rng, len(AGENCIES))
    span = (LAST_DAY - FIRST_DAY).days
    rows = []
    for agency, n in zip(AGENCIES, sizes):
        name, abbr = agency[0], agency[1]
        kinds = [(k, w) for k, w, _ in KINDS
                 if not (k == LICENCE and agency[5] is None)
                 and not (k == COERCION and agency[6] is None)]
        staff = staff_pool(rng, n)
        cases = []
        for _ in range(n):
            kind = weighted(rng, kinds)
            opened = FIRST_DAY + dt.timedelta(days=rng.randint(0, span))
            if kind != SUMMARY:          # on-the-spot cases happen any day
                opened = workday(opened)
                if opened > LAST_DAY:
                    opened = LAST_DAY
            closed = opened + dt.timedelta(days=duration(rng, kind))
            if kind != SUMMARY:
                closed = workday(closed)
            closed = min(closed, LAST_DAY)
            party, title, result = make_case(rng, agency, kind)
            a, b = rng.sample(staff, 2)
            cases.append([kind, opened, closed, party, title, a + "、" + b, result])
        # The register lists each agency's cases in filing order; 案号 are
        # numbered per agency, kind character and year in that order.
        cases.sort(key=lambda c: (c[1], c[2]))
        counters = {}
        for kind, opened, closed, party, title, officers, result in cases:
            key = (KIND_CHAR[kind], opened.year)
            counters[key] = counters.get(key, 0) + 1
            case_id = "攸%s%s〔%d〕%d号" % (abbr, key[0], key[1], counters[key])
            rows.append([case_id, name, kind, title, party, opened.isoformat(),
                         closed.isoformat(), officers, result])
    # Two 处罚 cells typed with Alt+Enter: a line break inside 案件名称.
    for note in ("（补录）", "（涉嫌犯罪，已移送县公安局）"):
        i = rng.randrange(len(rows))
        while rows[i][2] != GENERAL or "\n" in rows[i][3] or '"' in rows[i][3]:
            i = rng.randrange(len(rows))
        rows[i][3] = rows[i][3] + "\n" + note
    return [[str(i + 1)] + r for i, r in enumerate(rows)]


def csv_bytes(header, rows, encoding, bom=False):
    buf = io.StringIO(newline="")
    w = csv.writer(buf, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    w.writerow(header)
    w.writerows(rows)
    data = buf.getvalue().encode(encoding)   # raises if a character is not encodable
    return (b"\xef\xbb\xbf" + data) if bom else data


def write_bytes(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)


def find_soffice():
    for exe in ("soffice", "libreoffice"):
        path = shutil.which(exe)
        if path:
            return path
    return None


def csv_filter(n_columns, text_columns, charset=76):
    """LibreOffice CSV import options: comma, double quote, charset (76 =
    UTF-8), start at line 1, the given 1-based
    columns forced to Text (format 2), the rest Standard (1) so numbers stay
    numbers and ISO dates become date cells; language en-US, detect special
    numbers."""
    formats = "/".join("%d/%d" % (c, 2 if c in text_columns else 1)
                       for c in range(1, n_columns + 1))
    return "CSV:44,34,%d,1,%s,1033,false,true" % (charset, formats)


def soffice_convert(src_csv, out_xlsx, infilter):
    """Convert one UTF-8 CSV to XLSX with LibreOffice headless, using a
    throw-away profile so a running LibreOffice is never touched."""
    soffice = find_soffice()
    if soffice is None:
        return False
    with tempfile.TemporaryDirectory() as tmp:
        profile = os.path.join(tmp, "profile")
        outdir = os.path.join(tmp, "out")
        cmd = [soffice, "-env:UserInstallation=file://" + profile, "--headless",
               "--infilter=" + infilter, "--convert-to", "xlsx", "--outdir", outdir,
               src_csv]
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        produced = os.path.join(outdir, os.path.splitext(os.path.basename(src_csv))[0] + ".xlsx")
        if not os.path.exists(produced):
            raise RuntimeError("soffice did not produce " + produced)
        os.makedirs(os.path.dirname(out_xlsx), exist_ok=True)
        shutil.copyfile(produced, out_xlsx)
    return True


def convert_csv_text(header, rows, out_xlsx, text_columns, sheet):
    """Write rows as a UTF-8 CSV in a temp dir and let LibreOffice make out_xlsx.
    LibreOffice names the sheet after the CSV file, so the temp CSV is called
    <sheet>.csv."""
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, sheet + ".csv")
        write_bytes(src, csv_bytes(header, rows, "utf-8"))
        return soffice_convert(src, out_xlsx, csv_filter(len(header), text_columns))


def xlsx_cells(path, sheet=1):
    """{cell ref: (type attr, style index, value)} of sheet<N>.xml, plus the
    set of style indexes whose number format is a date, read with the stdlib
    only (enough to check what LibreOffice wrote)."""
    import re
    import zipfile
    with zipfile.ZipFile(path) as z:
        sheet = z.read("xl/worksheets/sheet%d.xml" % sheet).decode("utf-8")
        styles = z.read("xl/styles.xml").decode("utf-8")
    fmts = dict(re.findall(r'<numFmt numFmtId="(\d+)" formatCode="([^"]*)"', styles))
    xfs = re.search(r"<cellXfs[^>]*>(.*?)</cellXfs>", styles, re.S).group(1)
    date_styles = {i for i, fid in enumerate(re.findall(r'<xf numFmtId="(\d+)"', xfs))
                   if "yy" in fmts.get(fid, "") or fid in ("14", "15", "16", "17", "22")}
    cells = {}
    for ref, attrs, value in re.findall(r'<c r="([A-Z]+\d+)"([^>]*?)(?:/>|>(.*?)</c>)', sheet):
        t = re.search(r' t="(\w+)"', attrs)
        st = re.search(r' s="(\d+)"', attrs)
        v = re.search(r"<v>([^<]*)</v>", value or "")
        cells[ref] = (t.group(1) if t else "n", int(st.group(1)) if st else 0,
                      v.group(1) if v else None)
    return cells, date_styles


def check_xlsx(path, n_rows, text_letters, date_letters, sheet=1):
    """Fail loudly unless the id and other text columns are strings and the
    date columns are numeric cells with a date format in every data row."""
    cells, date_styles = xlsx_cells(path, sheet)
    for row in range(2, n_rows + 2):
        for col in text_letters:
            t = cells["%s%d" % (col, row)][0]
            if t not in ("s", "str", "inlineStr"):
                raise AssertionError("%s: %s%d is not text" % (path, col, row))
        for col in date_letters:
            t, st, _ = cells["%s%d" % (col, row)]
            if t != "n" or st not in date_styles:
                raise AssertionError("%s: %s%d is not a date cell" % (path, col, row))


# Per-agency files (rows without the 执法机关 column, 序号 restarted at 1).
AGENCY_FILES = [
    ("攸县林业局", "csv-utf8"),
    ("攸县卫生健康局", "csv-utf8"),
    ("攸县水利局", "csv-gbk"),
    ("攸县交通运输局", "xlsx"),
]


def readme(rows, counts):
    import hashlib
    n = len(rows)
    kind_lines = "\n".join(
        "| %s | %s | %d | %.1f%% |" % (k, ch, sum(r[3] == k for r in rows),
                                      100.0 * sum(r[3] == k for r in rows) / n)
        for k, _, ch in KINDS)
    agency_lines = "\n".join(
        "| %d | %s | `攸%s…` | %d |" % (i + 1, a[0], a[1], counts[a[0]])
        for i, a in enumerate(AGENCIES))
    comma = [r for r in rows if "," in r[4]]
    quote = [r for r in rows if '"' in r[4]]
    breaks = [r for r in rows if "\n" in r[4]]
    break_lines = "\n".join("| %s | `%s` | `%s` |" % (r[0], r[1], r[4].replace("\n", "⏎"))
                             for r in breaks)
    files = {}
    for name in ("county-register.csv", "county-register-gbk.csv"):
        with open(os.path.join("samples", name), "rb") as f:
            files[name] = hashlib.sha256(f.read()).hexdigest()
    agency_files = "\n".join(
        "| `agencies/%s.%s` | %s | %d |" % (
            name, "xlsx" if form == "xlsx" else "csv",
            {"csv-utf8": "UTF-8 with BOM, CRLF", "csv-gbk": "GBK, CRLF, no BOM",
             "xlsx": "XLSX (LibreOffice), sheet `%s`" % name}[form], counts[name])
        for name, form in AGENCY_FILES)
    return README_TEMPLATE.format(
        n=n, n_agencies=len(counts), kind_lines=kind_lines, agency_lines=agency_lines,
        n_comma=len(comma), n_quote=len(quote), n_break=len(breaks), break_lines=break_lines,
        sha_utf8=files["county-register.csv"], sha_gbk=files["county-register-gbk.csv"],
        agency_files=agency_files, largest=max(counts.values()),
        agency_files_header="| 文件 file | 格式 format | 件数 cases |\n| --- | --- | ---: |",
        smallest=min(counts.values()))


README_TEMPLATE = """# 样例数据 / Sample data

> **全部虚构。** 本目录中的案号、当事人、案件名称、承办人、日期和处理结果均由
> `tools/gen_samples.py` 随机生成，与任何真实单位、个人或案件无关。只有 31 个执法机关的名称
> 取自攸县公开文件《开展行政执法乱象专项整治工作方案》（攸纪发〔2021〕3号）附件1。
>
> **All of it is fictional.** Every case number, party, case title, officer, date and
> outcome here was invented by `tools/gen_samples.py`; none refers to a real person,
> business or case. Only the names of the 31 enforcement agencies come from a public
> document of 攸县 (Youxian county, Hunan): annex 1 of 攸纪发〔2021〕3号.

## 文件 / Files

| 文件 file | 内容 contents |
| --- | --- |
| `county-register.csv` | 全县案卷目录，{n} 件，{n_agencies} 个执法机关；UTF-8 带 BOM，CRLF 换行（即 Excel“CSV UTF-8”格式）。<br>The county register: {n} cases of {n_agencies} agencies; UTF-8 with BOM, CRLF line ends, as Excel's "CSV UTF-8" writes it. |
| `county-register-gbk.csv` | 同样的行，GBK 编码，CRLF，无 BOM（中文 Windows 下 Excel“CSV（逗号分隔）”的写法）。<br>The same rows in GBK, CRLF, no BOM (what Excel "CSV (Comma delimited)" writes on Chinese Windows). |
| `county-register.xlsx` | 由 LibreOffice Calc 从 `county-register.csv` 转换；工作表名 `案卷目录`；案号等为文本单元格，序号为数字，立案日期/办结日期为日期单元格（格式 `yyyy-mm-dd`）。<br>Converted from the UTF-8 CSV by LibreOffice Calc; one sheet `案卷目录`; 案号 and the other text columns are text cells, 序号 is a number, the two dates are real date cells. |
| `agencies/` | 4 个机关各自的目录，**没有“执法机关”列**，序号各自从 1 开始；用 `--agency-for 文件=机关名` 导入，例如 `--agency-for samples/agencies/攸县林业局.csv=攸县林业局`。<br>Four agencies' own registers **without the 执法机关 column** (序号 restarts at 1); import each with `--agency-for FILE=NAME`. The rows are the same cases as in the county register. |

{agency_files_header}
{agency_files}

## 列 / Columns

`序号,案号,执法机关,案件类型,案件名称,当事人,立案日期,办结日期,承办人,处理结果`

* 序号 — 1…{n}, running number. 案号 — unique, `攸<机关简称><类别字>〔<年>〕<流水号>号`,
  e.g. `攸市监罚〔2024〕123号`; the kind character is 罚 (both 处罚 kinds), 许, 强 or 检; the
  sequence number counts per agency + kind character + year in filing order.
* 立案日期 / 办结日期 — ISO `YYYY-MM-DD`, 2023-01-01 … 2024-12-31, 办结日期 ≥ 立案日期 in every row.
* 承办人 — two officers, `李某、王某`. 当事人 — a business (`攸县鑫某商贸有限公司`) or a person
  (`张某某`), anonymised the way published decisions are.
* Rows are grouped by agency (in the order of 附件1) and within an agency sorted by 立案日期.

案件类型 / case types:

| 案件类型 | 案号字 | 件数 cases | 占比 share |
| --- | --- | ---: | ---: |
{kind_lines}

执法机关 / agencies (Zipf-like sizes, s = 1.1, rank order shuffled; largest {largest}, smallest {smallest}):

| # | 执法机关 | 案号前缀 | 件数 cases |
| ---: | --- | --- | ---: |
{agency_lines}

## CSV 引号与换行 / Quoting in the CSV

* {n_comma} 个案件名称含半角逗号 `,`（CSV 中加引号）/ {n_comma} titles contain an ASCII comma and are quoted.
* {n_quote} 个案件名称含半角双引号 `"`（CSV 中写作 `""`）/ {n_quote} titles contain an ASCII double quote.
* {n_break} 个案件名称在单元格内换行（Alt+Enter，字段内为 LF，记录之间为 CRLF）/ {n_break} titles contain a
  line break (LF inside the quoted field; records end with CRLF), so those records span two lines:

| 序号 | 案号 | 案件名称 (⏎ = LF) |
| ---: | --- | --- |
{break_lines}

## 重新生成 / Regenerating

```
python3 tools/gen_samples.py
```

从仓库根目录运行，只用 Python 3 标准库；随机种子固定（`random.Random(20240601)`），两个 CSV 与
`agencies/` 下的 CSV 每次逐字节相同。XLSX 需要 LibreOffice（Debian：
`apt-get install -y --no-install-recommends libreoffice-calc`）；没有 `soffice` 时脚本照常写出 CSV，
并提示如何生成 XLSX。XLSX 内含时间戳，每次生成的字节不同，但单元格内容相同；脚本会检查案号为文本、
日期为日期单元格。

Run from the repository root; standard library only; fixed seed, so the CSV files are
byte-for-byte identical on every run (SHA-256 below). The XLSX files need LibreOffice
(`soffice` on PATH); without it the CSVs are still written and the script prints how
to make the XLSX files. LibreOffice embeds timestamps, so the XLSX bytes change on every
run while the cells stay the same; the script checks that 案号 came out as text and the
dates as date cells.

* `county-register.csv` SHA-256 `{sha_utf8}`
* `county-register-gbk.csv` SHA-256 `{sha_gbk}`
"""


def main():
    root = os.getcwd()
    if not os.path.isdir(os.path.join(root, "tools")):
        sys.exit("run from the repository root: python3 tools/gen_samples.py")
    out = os.path.join(root, "samples")
    rows = build_rows()

    write_bytes(os.path.join(out, "county-register.csv"), csv_bytes(HEADER, rows, "utf-8", bom=True))
    write_bytes(os.path.join(out, "county-register-gbk.csv"), csv_bytes(HEADER, rows, "gbk"))

    # Columns kept as text in the XLSX: everything except 序号 and the two dates.
    text_cols = {2, 3, 4, 5, 6, 9, 10}
    missing = []
    if not convert_csv_text(HEADER, rows, os.path.join(out, "county-register.xlsx"), text_cols,
                            "案卷目录"):
        missing.append("samples/county-register.xlsx")
    else:
        check_xlsx(os.path.join(out, "county-register.xlsx"), len(rows), "BCDEFIJ", "GH")

    sub_header = [h for h in HEADER if h != "执法机关"]
    sub_text_cols = {2, 3, 4, 5, 8, 9}
    agency_dir = os.path.join(out, "agencies")
    for name, form in AGENCY_FILES:
        sub = [r for r in rows if r[2] == name]
        sub = [[str(i + 1)] + r[1:2] + r[3:] for i, r in enumerate(sub)]
        if form == "csv-utf8":
            write_bytes(os.path.join(agency_dir, name + ".csv"),
                        csv_bytes(sub_header, sub, "utf-8", bom=True))
        elif form == "csv-gbk":
            write_bytes(os.path.join(agency_dir, name + ".csv"), csv_bytes(sub_header, sub, "gbk"))
        else:
            if not convert_csv_text(sub_header, sub, os.path.join(agency_dir, name + ".xlsx"),
                                    sub_text_cols, name):
                missing.append("samples/agencies/%s.xlsx" % name)
            else:
                check_xlsx(os.path.join(agency_dir, name + ".xlsx"), len(sub), "BCDEHI", "FG")

    counts = {}
    for r in rows:
        counts[r[2]] = counts.get(r[2], 0) + 1
    write_bytes(os.path.join(out, "README.md"), readme(rows, counts).encode("utf-8"))
    print("wrote %d cases for %d agencies into samples/" % (len(rows), len(counts)))
    if missing:
        print("soffice (LibreOffice) not found, so these were NOT regenerated:")
        for m in missing:
            print("  " + m)
        print("install it (Debian: apt-get install -y --no-install-recommends libreoffice-calc)"
              " and run python3 tools/gen_samples.py again.")


if __name__ == "__main__":
    main()
