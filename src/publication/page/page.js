// The public page itself: it shows the campaign's record from the embedded data, runs
// PageVerify (verify.js) on it, marks every row as recomputed or not, says in one line whether
// everything agrees, and sets <body data-verified="true|false"> when it is done. Chinese by
// default, English with the toggle. Everything is built with textContent: no text from the
// data is ever parsed as markup. Charts are SVG drawn here; nothing is fetched.
"use strict";

(() => {
  const DATA = JSON.parse(document.getElementById("anjuan-data").textContent);
  const app = document.getElementById("app");
  let lang = DATA.lang === "en" ? "en" : "zh";
  const state = { result: null, progress: null, fileCheck: null, failedToRun: null };

  const S = {
    title: ["行政执法案卷评查随机抽取公开记录", "Public record of the random draw of case files"],
    toggle: ["English", "中文"],
    pending: ["正在您的浏览器中复核……", "Recomputing in your browser…"],
    progressTickets: ["正在计算签号：{done} / {total}", "Computing tickets: {done} / {total}"],
    allOk: ["全部复核一致", "Everything recomputed agrees"],
    allOkDetail: ["本页所载的抽样总体、承诺、种子、分配、样本、备选和每个签号，已由您的浏览器按 anjuan-draw-v1 重新计算，共 {n} 项，全部一致。{engine}",
      "The population, commitments, seed, allocation, sample, alternates and every ticket on this page were recomputed by your browser following anjuan-draw-v1: {n} checks, all agree. {engine}"],
    engineWebCrypto: ["摘要用浏览器自带的 SHA-256（Web Crypto）计算；全部案卷的签号排序用本页的 SHA-256 实现计算，抽中和备选案卷的签号再用 Web Crypto 逐一核对。", "Digests were computed with the browser's own SHA-256 (Web Crypto); all cases' tickets were ordered with the page's own SHA-256, and every drawn and alternate ticket was checked again with Web Crypto."],
    engineJs: ["浏览器未提供 Web Crypto（页面不是经 HTTPS 或本地文件打开），全部摘要用本页的 SHA-256 实现计算。", "The browser offers no Web Crypto (the page was not opened over HTTPS or from a file): all digests were computed with the page's own SHA-256."],
    someBad: ["发现 {n} 处不一致", "{n} differences found"],
    someBadDetail: ["以下各项与重新计算的结果不符（表中以 ✗ 标出）：", "These do not agree with the recomputation (marked ✗ in the tables):"],
    more: ["……另有 {n} 处", "… and {n} more"],
    runFailed: ["复核未能完成：{error}", "The check could not finish: {error}"],
    ok: ["✓ 已重算一致", "✓ recomputed, agrees"],
    bad: ["✗ 不一致", "✗ differs"],
    wait: ["… 复核中", "… checking"],
    notChecked: ["— 未重算", "— not recomputed"],
    explainTitle: ["本页能证明什么，不能证明什么", "What this page proves, and what it cannot"],
    explain1: ["本页包含冻结的抽样总体（每件案卷的案号和所属分层，没有其他内容）以及抽取的全部记录。打开本页时，您的浏览器会自行重新计算：总体的摘要、种子的摘要、每件案卷的签号、按承诺参数计算的分配，以及每一层的样本和备选。计算方法公开（anjuan-draw-v1，基于 Rivest 的一致抽样），任何人都可以用其他软件独立复算。",
      "This page carries the frozen population (each case's id and stratum, nothing else) and the whole record of the draw. On opening, your browser recomputes by itself the population digest, the seed digest, every case's ticket, the allocation from the committed parameters, and the sample and alternates of every stratum. The method is published (anjuan-draw-v1, Rivest's consistent sampling): anyone can recompute it with other software."],
    explain2: ["能证明：只要本页显示的摘要与抽取现场宣读并写在见证记录上的摘要相同，样本就是由这份总体和现场掷出的种子按公开方法唯一确定的，没有被挑选；作废的抽取也都在记录中，“抽到满意为止”会被看见。",
      "It proves: as long as the digests shown here are the ones read out at the ceremony and written on the witness sheet, the sample follows from this population and the seed rolled there by the published method alone; nobody chose it. Superseded draws stay in the record, so drawing until one likes the result shows."],
    explain3: ["不能证明：总体是否包含了全部应当报送的案卷（请用下方的“核对登记表”比对您拿到的文件）；承诺和抽取是否真的在现场宣读时作出（请比对见证记录上的摘要和时间）；以及案卷评查本身是否公正。",
      "It cannot prove: that the population holds every case it should (check the register file you were given below); that the commitment and the draw were made when read out (compare the digests and times on the witness sheet); or that the review itself was fair."],
    campaign: ["评查活动", "Campaign"],
    campaignName: ["名称", "Name"],
    frozenAt: ["冻结时间", "Frozen at"],
    campaignDigest: ["campaign.json 的 SHA-256（承诺中引用）", "SHA-256 of campaign.json (named by the commitments)"],
    unnamed: ["（未命名）", "(no name)"],
    registers: ["冻结的案卷目录", "Frozen registers"],
    regFile: ["文件", "File"],
    regAgency: ["执法机关", "Agency"],
    regRows: ["行数", "Rows"],
    regKept: ["收录案卷", "Cases kept"],
    regBytes: ["字节", "Bytes"],
    population: ["抽样总体", "Population"],
    popSize: ["案卷数", "Cases"],
    popDigest: ["总体 SHA-256", "Population SHA-256"],
    popFields: ["分层字段", "Stratum fields"],
    stratum: ["层", "Stratum"],
    strataChart: ["各层案卷数与抽取数", "Cases and files drawn per stratum"],
    inStratum: ["总体", "population"],
    drawnInStratum: ["抽取", "drawn"],
    commitments: ["抽样承诺（在种子产生之前作出）", "Commitments (made before the seed existed)"],
    commitment: ["第 {n} 号承诺", "Commitment no. {n}"],
    createdAt: ["作出时间", "Made at"],
    recordDigest: ["记录 SHA-256", "Record SHA-256"],
    method: ["方法", "Method"],
    proportional: ["按比例分配，共 {n} 件，每层至少 {min} 件", "proportional, {n} files, at least {min} per stratum"],
    equal: ["每层 {k} 件", "{k} per stratum"],
    fixed: ["固定配额", "fixed quotas"],
    alternatesEach: ["每层备选 {r} 件", "{r} alternates per stratum"],
    allocation: ["分配表", "Allocation"],
    size: ["层内案卷", "Size"],
    allocated: ["抽取", "Drawn"],
    alternates: ["备选", "Alternates"],
    check: ["复核", "Check"],
    draws: ["抽取", "Draws"],
    draw: ["第 {n} 次抽取", "Draw no. {n}"],
    currentDraw: ["有效抽取", "the draw in force"],
    supersededBy: ["已作废：第 {n} 次抽取取代了它，理由：{reason}", "Superseded by draw no. {n}, reason: {reason}"],
    supersedes: ["取代第 {n} 次抽取，理由：{reason}", "Supersedes draw no. {n}, reason: {reason}"],
    drawnAt: ["抽取时间", "Drawn at"],
    place: ["地点", "Place"],
    organiser: ["组织者", "Organiser"],
    basedOn: ["依据的承诺", "Commitment"],
    witnesses: ["见证人", "Witnesses"],
    seedParts: ["种子（按输入顺序）", "Seed (in the order entered)"],
    part: ["序", "No."],
    who: ["输入人", "Entered by"],
    digits: ["数字", "Digits"],
    at: ["时间", "At"],
    seed: ["种子", "Seed"],
    seedDigest: ["种子 SHA-256", "Seed SHA-256"],
    sampleTitle: ["样本与备选（按层）", "Sample and alternates by stratum"],
    role: ["类别", "Role"],
    rank: ["位次", "Rank"],
    caseId: ["案号", "Case id"],
    ticket: ["签号", "Ticket"],
    sample: ["样本", "sample"],
    alternate: ["备选", "alternate"],
    targeted: ["重点抽查", "targeted"],
    score: ["得分", "Score"],
    grade: ["等级", "Grade"],
    caseTitle: ["案件名称", "Case"],
    party: ["当事人", "Party"],
    findings: ["发现的问题", "Findings"],
    results: ["评查结果", "Review results"],
    resultsNote: ["以下为已定稿案卷的评查结果（评查日志头 {head}），由评查机关选择公开；这些数字不由本页重算。",
      "Results of the finalized files (review journal head {head}), published by the office's choice; this page does not recompute them."],
    gradeChart: ["各单位评查等级分布", "Grades per agency"],
    averageChart: ["各单位平均分", "Average score per agency"],
    categoryChart: ["发现问题按类别", "Problems found by category"],
    fileCheckTitle: ["核对您拿到的登记表", "Check the register file you were given"],
    fileCheckHelp: ["选择一份登记表文件（CSV 或制表符分隔的文本，UTF-8 或 GBK；表格文件只比对文件摘要）。文件不会离开您的电脑：浏览器计算它的 SHA-256，与冻结的案卷目录逐一比对；再按其中的案号和分层列计算抽样总体摘要，与冻结的总体摘要比对。",
      "Choose a register file (CSV or tab-separated text, UTF-8 or GBK; a workbook is compared by its file digest only). It never leaves your computer: the browser computes its SHA-256 and compares it with the frozen registers, then computes the population digest from its id and stratum columns and compares that with the frozen population digest."],
    fileSame: ["✓ 与冻结的案卷目录“{name}”逐字节相同（SHA-256 {sha}）", "✓ byte for byte the frozen register “{name}” (SHA-256 {sha})"],
    fileNotSame: ["该文件的 SHA-256 为 {sha}，与任何一份冻结的案卷目录都不同", "The file's SHA-256 is {sha}: it is none of the frozen registers"],
    filePopOk: ["✓ 按该文件的 {n} 件案卷计算的总体摘要与冻结的总体摘要一致：抽样总体正是这些案卷", "✓ The population digest of its {n} cases is the frozen one: the population is exactly these cases"],
    filePopBad: ["按该文件的 {n} 件案卷计算的总体摘要为 {sha}，与冻结的 {frozen} 不同。", "The population digest of its {n} cases is {sha}, not the frozen {frozen}."],
    filePopWhy: ["如果冻结时合并了多个文件、经过筛选（{filtered}），或执法机关来自工作表名，这是正常的；否则总体与该文件不一致。",
      "That is expected when several files were frozen together, filters were applied ({filtered}), or the agency came from a sheet name; otherwise the population differs from this file."],
    filtered: ["本次冻结经过筛选", "this campaign was filtered"],
    notFiltered: ["本次冻结未经筛选", "this campaign was not filtered"],
    fileNoColumns: ["在前 30 行中没有找到案号列和分层列（{fields}）的表头，无法计算总体摘要", "No header with the id column and the stratum columns ({fields}) in the first 30 rows: the population digest cannot be computed"],
    fileWorkbook: ["这是表格文件（XLSX/XLS），只能按文件摘要核对；要核对总体摘要，请另存为 CSV 后再选择", "This is a workbook (XLSX/XLS): only its file digest is compared; to check the population digest, save it as CSV and choose that"],
    fileSkipped: ["另有 {n} 行没有案号，不作为案卷（如合计、填报人行）", "{n} rows without an id were left out (totals, signature rows)"],
    fileProblem: ["第 {row} 行：{what}", "row {row}: {what}"],
    fileDuplicate: ["案号重复：{id}", "duplicate id: {id}"],
    fileControl: ["案号含控制字符", "the id contains a control character"],
    ledger: ["账本（每条记录的摘要，按时间串成链）", "Ledger (each record's digest, chained in order)"],
    ledgerSeq: ["序号", "No."],
    ledgerEvent: ["事件", "Event"],
    ledgerFile: ["文件", "File"],
    download: ["下载公开的抽样总体（population.tsv，其 SHA-256 即总体摘要）", "Download the published population (population.tsv; its SHA-256 is the population digest)"],
    footer: ["数据格式 {format} · 抽取方法 {algorithm} · anjuan {version} · 本页不连接任何网络，可离线打开或原样上传到任何网站", "Data format {format} · method {algorithm} · anjuan {version} · this page connects to nothing; open it offline or upload it as it is"],
  };

  const M = {
    "ledger-ok": ["账本第 {line} 行：与前一行链接正确", "ledger line {line}: chained to the line before"],
    "ledger-prev": ["账本第 {line} 行（{file}）：前一行的摘要不符，账本被改动过", "ledger line {line} ({file}): the previous line's digest differs; the ledger was altered"],
    "ledger-seq": ["账本第 {line} 行：序号为 {seq}", "ledger line {line}: numbered {seq}"],
    "ledger-unreadable": ["账本第 {line} 行无法读取", "ledger line {line} cannot be read"],
    "record-ok": ["{file}：SHA-256 与账本一致", "{file}: SHA-256 as in the ledger"],
    "record-digest": ["{file}：SHA-256 为 {sha}，账本第 {line} 行记为 {ledger}，记录被改动过", "{file}: SHA-256 {sha}, but ledger line {line} says {ledger}; the record was altered"],
    "record-not-in-ledger": ["{file}：不在账本中", "{file}: not in the ledger"],
    "record-unreadable": ["{file}：无法读取", "{file}: cannot be read"],
    "population-line": ["抽样总体第 {line} 行无法读取", "population line {line} cannot be read"],
    "population-order": ["抽样总体第 {line} 行（{id}）没有按案号排序，或案号重复", "population line {line} ({id}) is out of id order or repeats an id"],
    "population-ok": ["抽样总体 {size} 件：SHA-256 重算一致", "population of {size} cases: SHA-256 agrees"],
    "population-digest": ["抽样总体重算的 SHA-256 为 {sha}，与冻结的 {recorded} 不符：总体中的案号或分层被改动过", "the population's SHA-256 is {sha}, not the frozen {recorded}: an id or stratum was altered"],
    "size-ok": ["总体案卷数 {size}", "population size {size}"],
    "size-differs": ["总体有 {size} 件，记录为 {recorded} 件", "the population has {size} cases; the record says {recorded}"],
    "commitment-population-ok": ["{file}：所承诺的总体摘要一致", "{file}: commits to this population"],
    "commitment-population": ["{file}：承诺的总体摘要 {recorded} 与本页总体的 {sha} 不同", "{file}: commits to population {recorded}, not this page's {sha}"],
    "sources-ok": ["{file}：所列案卷目录摘要一致", "{file}: names these registers"],
    "sources-differ": ["{file}：所列案卷目录摘要与本页不同", "{file}: names other registers than this page"],
    "allocation-error": ["{file}：按承诺参数无法分配（{error}）", "{file}: the committed parameters give no allocation ({error})"],
    "allocation-row-ok": ["{file}：{stratum} 抽取 {allocated} 件、备选 {alternates} 件，重算一致", "{file}: {stratum} {allocated} drawn, {alternates} alternates, agrees"],
    "allocation-row": ["{file}：{stratum} 重算应抽取 {allocated} 件、备选 {alternates} 件，记录为 {recorded} 件、{recordedAlternates} 件", "{file}: {stratum} recomputes to {allocated} drawn and {alternates} alternates; the record says {recorded} and {recordedAlternates}"],
    "allocation-length": ["{file}：分配表有 {recorded} 行，重算为 {computed} 行", "{file}: the allocation has {recorded} rows; recomputed {computed}"],
    "draw-commitment-ok": ["{file}：依据的承诺 {commitment} 摘要一致", "{file}: based on {commitment}, digest agrees"],
    "draw-commitment": ["{file}：依据的承诺 {commitment}（{sha}）不在本页或摘要不同", "{file}: its commitment {commitment} ({sha}) is not on this page or differs"],
    "draw-after-commitment": ["{file}：抽取（{drawn}）记在承诺（{at}）之后", "{file}: the draw ({drawn}) is recorded after the commitment ({at})"],
    "draw-before-commitment": ["{file}：抽取记在承诺之前", "{file}: the draw is recorded before its commitment"],
    "draw-population-ok": ["{file}：抽取所用总体摘要一致", "{file}: drawn from this population"],
    "draw-population": ["{file}：抽取所用总体摘要 {recorded} 与本页的 {sha} 不同", "{file}: drawn from population {recorded}, not this page's {sha}"],
    "seed-parts-ok": ["{file}：各段种子依次连接即为种子", "{file}: the seed parts join to the seed"],
    "seed-parts": ["{file}：各段种子连接为 {joined}，记录的种子为 {seed}", "{file}: the parts join to {joined}, the seed recorded is {seed}"],
    "seed-not-digits": ["{file}：种子含数字以外的字符", "{file}: the seed has characters other than digits"],
    "seed-too-short": ["{file}：种子不足 20 位", "{file}: the seed has fewer than 20 digits"],
    "seed-ok": ["{file}：种子 SHA-256 重算一致", "{file}: seed SHA-256 agrees"],
    "seed-digest": ["{file}：种子的 SHA-256 为 {sha}，记录为 {recorded}", "{file}: the seed's SHA-256 is {sha}; the record says {recorded}"],
    "supersedes-ok": ["{file}：所取代的第 {number} 次抽取摘要一致", "{file}: the draw no. {number} it supersedes agrees"],
    "supersedes": ["{file}：所取代的第 {number} 次抽取不在本页或摘要不同", "{file}: the draw no. {number} it supersedes is missing or differs"],
    "draw-allocation-ok": ["{file}：分配表与承诺一致", "{file}: allocation as committed"],
    "draw-allocation": ["{file}：分配表与承诺的不同", "{file}: allocation differs from the commitment"],
    "webcrypto-ok": ["{file}：{n} 件抽中和备选案卷的签号另用浏览器的 Web Crypto 重算，一致", "{file}: the tickets of the {n} drawn and alternate files recomputed again with the browser's Web Crypto agree"],
    "webcrypto-differs": ["{file}：本页的 SHA-256 与浏览器的 Web Crypto 在 {differ} 个签号上不同（如 {id}）：请换一个浏览器打开", "{file}: the page's SHA-256 and the browser's Web Crypto differ on {differ} tickets (e.g. {id}): open the page in another browser"],
    "webcrypto-absent": ["{file}：浏览器未提供 Web Crypto（页面不是经 HTTPS 或本地文件打开），签号只用本页的 SHA-256 计算", "{file}: the browser offers no Web Crypto (the page was not opened over HTTPS or from a file); tickets were computed with the page's own SHA-256 only"],
    "row-ok": ["{stratum} 第 {rank} 位 {id}：签号重算一致", "{stratum} rank {rank} {id}: ticket agrees"],
    "row-missing": ["{file}：{stratum} 第 {rank} 位应为 {computedId}，记录中没有", "{file}: {stratum} rank {rank} should be {computedId}; the record has none"],
    "row-extra": ["{file}：{stratum} 第 {rank} 位 {id} 不应在样本或备选中", "{file}: {stratum} rank {rank} {id} should not be drawn"],
    "row-id": ["{file}：{stratum} 第 {rank} 位记录为 {id}，重算为 {computedId}", "{file}: {stratum} rank {rank} is {id} in the record, {computedId} recomputed"],
    "row-ticket": ["{file}：{stratum} 第 {rank} 位 {id} 的签号记录为 {recorded}，重算为 {ticket}", "{file}: {stratum} rank {rank} {id} has ticket {recorded} in the record, {ticket} recomputed"],
    "row-role": ["{file}：{stratum} 第 {rank} 位 {id} 的类别或位次不符", "{file}: {stratum} rank {rank} {id} has the wrong role or rank"],
    "targeted-digest-ok": ["{file}：承诺 {commitment} 的重点抽查候选名单 {n} 件，摘要重算一致（名单取自风险筛查，由 anjuan verify 复核）", "{file}: the targeted candidate list of commitment {commitment} ({n} cases) agrees with its digest (the list comes from the risk scan, which anjuan verify re-runs)"],
    "targeted-digest": ["{file}：承诺 {commitment} 的重点抽查候选名单摘要为 {sha}，记录为 {recorded}", "{file}: the targeted candidate list of commitment {commitment} hashes to {sha}; the record says {recorded}"],
    "targeted-unknown": ["{file}：重点抽查候选 {id} 不在总体中", "{file}: targeted candidate {id} is not in the population"],
    "targeted-uncommitted": ["{file}：记录中有 {n} 件重点抽查案卷，但承诺中没有重点抽查名单", "{file}: the record has {n} targeted files but the commitment fixes no targeted set"],
    "row-stratum": ["{file}：{id}（{stratum} 第 {rank} 位）所在的层不在分配表中", "{file}: {id} ({stratum} rank {rank}) is in no stratum of the allocation"],
  };

  function fill(text, args) {
    return text.replace(/\{(\w+)\}/g, (m, k) => (args && args[k] !== undefined && args[k] !== null ? String(args[k]) : m));
  }
  function t(key, args) {
    const pair = S[key];
    return fill(pair ? pair[lang === "en" ? 1 : 0] : key, args);
  }
  function message(check) {
    const pair = M[check.code];
    const args = Object.assign({}, check.args);
    if (args.ticket) args.ticket = DrawV1.shortTicket(args.ticket);
    if (args.recorded && String(args.recorded).startsWith("0.")) args.recorded = DrawV1.shortTicket(args.recorded);
    return pair ? fill(pair[lang === "en" ? 1 : 0], args) : check.code;
  }

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === "class") node.className = v;
      else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
      else node.setAttribute(k, v);
    }
    for (const c of children.flat()) {
      if (c === null || c === undefined || c === false) continue;
      node.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return node;
  }

  const parse = (text) => { try { return JSON.parse(text); } catch (e) { return null; } };
  const commitments = DATA.commitments.map((r) => ({ file: r.file, record: parse(r.text) || {} }));
  const draws = DATA.draws.map((r) => ({ file: r.file, record: parse(r.text) || {} }));
  const keyLabel = (key) => key.join(" / ");
  const sid = PageVerify.sid;

  // The checks by key, once the verification has run.
  let checkIndex = new Map();
  function checksUnder(prefix) {
    if (!state.result) return null;
    const out = [];
    for (const c of state.result.checks) if (c.key === prefix || c.key.startsWith(prefix + ":")) out.push(c);
    return out;
  }
  function mark(keys) {
    if (!state.result) return el("span", { class: "mark wait" }, t("wait"));
    const list = (Array.isArray(keys) ? keys : [keys]).map((k) => checkIndex.get(k)).filter(Boolean);
    if (list.length === 0) return el("span", { class: "mark wait" }, t("notChecked"));
    const bad = list.filter((c) => !c.ok);
    if (bad.length === 0) return el("span", { class: "mark ok", "data-check": "ok" }, t("ok"));
    return el("span", { class: "mark bad", "data-check": "bad", title: bad.map(message).join("\n") }, t("bad") + "：" + bad.map(message).join("；"));
  }
  function rowClass(keys) {
    if (!state.result) return null;
    const list = (Array.isArray(keys) ? keys : [keys]).map((k) => checkIndex.get(k)).filter(Boolean);
    return list.some((c) => !c.ok) ? "bad" : null;
  }

  function table(headers, rows, numeric) {
    return el("table", {},
      el("thead", {}, el("tr", {}, headers.map((h, i) => el("th", { class: numeric && numeric.includes(i) ? "num" : null }, h)))),
      el("tbody", {}, rows));
  }
  function cell(v, num) { return el("td", { class: num ? "num" : null }, v); }
  function info(rows) {
    return el("table", { class: "info" }, el("tbody", {}, rows.map(([k, v]) => el("tr", {}, el("th", {}, k), el("td", {}, v)))));
  }
  const digest = (s) => el("span", { class: "digest" }, s);

  function banner() {
    if (state.failedToRun) return el("div", { class: "banner bad", id: "summary" }, el("strong", {}, t("runFailed", { error: state.failedToRun })));
    if (!state.result) {
      const p = state.progress;
      return el("div", { class: "banner", id: "summary" }, el("strong", {}, t("pending")),
        p && p.phase.startsWith("tickets") ? el("div", {}, t("progressTickets", { done: p.done, total: p.total })) : null);
    }
    const failed = state.result.failed;
    if (failed.length === 0) {
      return el("div", { class: "banner ok", id: "summary" }, el("strong", {}, t("allOk")),
        el("div", {}, t("allOkDetail", { engine: t(state.result.engine === "Web Crypto" ? "engineWebCrypto" : "engineJs"), n: state.result.checks.length })));
    }
    const shown = failed.slice(0, 30);
    return el("div", { class: "banner bad", id: "summary" }, el("strong", {}, t("someBad", { n: failed.length })),
      el("div", {}, t("someBadDetail")),
      el("ul", { id: "differences" }, shown.map((c) => el("li", { "data-key": c.key }, message(c))),
        failed.length > shown.length ? el("li", {}, t("more", { n: failed.length - shown.length })) : null));
  }

  function methodText(m, alternates) {
    let s = m.method;
    if (m.method === "proportional") s = t("proportional", { n: m.n, min: m.min_per_stratum });
    else if (m.method === "equal") s = t("equal", { k: m.per_stratum });
    else if (m.method === "fixed") s = t("fixed") + "（" + Object.entries(m.quotas || {}).map(([k, v]) => k.replace(/\t/g, " / ") + " " + v).join("，") + "）";
    return s + "；" + t("alternatesEach", { r: alternates });
  }

  // Horizontal bar charts in SVG: rows of [label, [values…]] stacked, with a legend.
  const PALETTE = ["#1a7f37", "#0969da", "#bf8700", "#c62828", "#8250df", "#57606a"];
  function barChart(title, rows, series, opts) {
    // The SVG namespace is a name, not an address: nothing is fetched from it. It is spelled in
    // two parts so that a search of the page for web addresses finds none.
    const ns = ["http:", "//www.w3.org/2000/svg"].join("");
    const labelWidth = 220, barWidth = 560, rowHeight = 20, top = 4;
    const height = top + rows.length * rowHeight + 8;
    const max = Math.max(1, ...rows.map((r) => r[1].reduce((a, b) => a + b, 0)), (opts && opts.max) || 0);
    const svg = document.createElementNS(ns, "svg");
    svg.setAttribute("viewBox", `0 0 ${labelWidth + barWidth + 70} ${height}`);
    svg.setAttribute("width", String(labelWidth + barWidth + 70));
    svg.setAttribute("role", "img");
    svg.setAttribute("aria-label", title);
    const text = (x, y, s, anchor) => {
      const n = document.createElementNS(ns, "text");
      n.setAttribute("x", x); n.setAttribute("y", y); n.setAttribute("font-size", "12");
      if (anchor) n.setAttribute("text-anchor", anchor);
      n.textContent = s;
      svg.append(n);
    };
    rows.forEach((r, i) => {
      const y = top + i * rowHeight;
      const name = r[0].length > 18 ? r[0].slice(0, 17) + "…" : r[0];
      text(labelWidth - 6, y + 14, name, "end");
      let x = labelWidth;
      r[1].forEach((v, k) => {
        const w = (v / max) * barWidth;
        const rect = document.createElementNS(ns, "rect");
        rect.setAttribute("x", x); rect.setAttribute("y", y + 3);
        rect.setAttribute("width", Math.max(0, w)); rect.setAttribute("height", rowHeight - 6);
        rect.setAttribute("fill", PALETTE[k % PALETTE.length]);
        const tip = document.createElementNS(ns, "title");
        tip.textContent = `${r[0]} · ${series[k]}: ${v}`;
        rect.append(tip);
        svg.append(rect);
        x += w;
      });
      text(x + 4, y + 14, r[2] !== undefined ? r[2] : String(r[1].reduce((a, b) => a + b, 0)));
    });
    return el("figure", { class: "chart" }, el("figcaption", {}, el("strong", {}, title)),
      series.length > 1 ? el("div", { class: "legend" }, series.map((s, k) => el("span", {}, el("i", { style: `background:${PALETTE[k % PALETTE.length]}` }), s))) : null,
      svg);
  }

  function registersSection() {
    return [el("h2", {}, t("registers")),
      table([t("regFile"), t("regAgency"), t("regRows"), t("regKept"), t("regBytes"), "SHA-256"],
        DATA.registers.map((r) => el("tr", {}, cell(r.name), cell(r.agency || ""), cell(r.rows, true), cell(r.kept, true), cell(r.bytes, true), el("td", {}, digest(r.sha256)))),
        [2, 3, 4])];
  }

  function populationSection() {
    const current = draws.length ? draws[draws.length - 1] : null;
    const table0 = current && current.record.allocation ? current.record.allocation
      : (commitments.length ? commitments[commitments.length - 1].record.allocation || [] : []);
    const strataRows = DATA.population.strata.slice().sort(DrawV1.cmpKey).map((key) => {
      const a = table0.find((x) => sid(x.stratum) === sid(key));
      return [keyLabel(key), a ? [a.allocated, a.size - a.allocated] : [0, 0], a ? `${a.allocated} / ${a.size}` : ""];
    });
    return [el("h2", {}, t("population")),
      info([[t("popDigest"), el("span", {}, digest(DATA.population.sha256), " ", mark(["population:digest", "population:order", "population:size"]))],
        [t("popSize"), String(DATA.population.size)],
        [t("popFields"), DATA.population.stratum_fields.join(" / ")]]),
      strataRows.length ? barChart(t("strataChart"), strataRows, [t("drawnInStratum"), t("inStratum")]) : null];
  }

  function commitmentSection() {
    return [el("h2", {}, t("commitments")), commitments.map((c) => {
      const r = c.record;
      const key = "commitment:" + c.file;
      return el("section", { class: "commitment", "data-file": c.file },
        el("h3", {}, t("commitment", { n: r.number }), " ", el("span", { class: "sub" }, c.file)),
        info([[t("createdAt"), r.created_at || ""],
          [t("recordDigest"), el("span", {}, digest(state.result ? (checkIndex.get(key + ":digest") || {}).args?.sha || "" : ""), " ", mark(key + ":digest"))],
          [t("popDigest"), el("span", {}, digest(r.population_sha256 || ""), " ", mark([key + ":population", key + ":sources"]))],
          [t("method"), r.method ? methodText(r.method, r.alternates) : ""]]),
        table([t("stratum"), t("size"), t("allocated"), t("alternates"), t("check")],
          (r.allocation || []).map((a) => {
            const k = key + ":allocation:" + sid(a.stratum);
            return el("tr", { class: rowClass(k) }, cell(keyLabel(a.stratum)), cell(a.size, true), cell(a.allocated, true), cell(a.alternates, true), el("td", {}, mark(k)));
          }), [1, 2, 3]));
    })];
  }

  function drawSection() {
    if (!draws.length) return [];
    const supersededBy = new Map();
    for (const d of draws) if (d.record.supersedes) supersededBy.set(Number(d.record.supersedes.number), d.record);
    const results = new Map(((DATA.results && DATA.results.files) || []).map((f) => [f.case_id, f]));
    const titles = new Map((DATA.titles || []).map((f) => [f.case_id, f]));
    return [el("h2", {}, t("draws")), draws.map((d, i) => {
      const r = d.record;
      const key = "draw:" + d.file;
      const later = supersededBy.get(Number(r.number));
      const isCurrent = i === draws.length - 1;
      const headers = [t("stratum"), t("role"), t("rank"), t("caseId"), t("ticket")];
      if (DATA.results) headers.push(t("score"), t("grade"));
      if (DATA.titles) headers.push(t("caseTitle"), t("party"));
      if (DATA.titles && DATA.results) headers.push(t("findings"));
      headers.push(t("check"));
      // The random sample and alternates by stratum, then the targeted files (重点抽查) by rank.
      const isTargeted = (s) => s.role === "targeted";
      const selected = (r.selected || []).slice().sort((a, b) => {
        if (isTargeted(a) !== isTargeted(b)) return isTargeted(a) ? 1 : -1;
        if (isTargeted(a)) return Number(a.rank) - Number(b.rank);
        const c = DrawV1.cmpKey(a.stratum, b.stratum);
        return c !== 0 ? c : Number(a.rank) - Number(b.rank);
      });
      const rows = selected.map((s) => {
        const k = isTargeted(s) ? key + ":targeted:" + s.rank : key + ":row:" + sid(s.stratum) + ":" + s.rank;
        const role = s.role === "sample" ? "sample" : s.role === "targeted" ? "targeted" : "alternate";
        const cells = [cell(keyLabel(s.stratum)), cell(t(role)), cell(s.rank, true),
          el("td", { class: "mono" }, s.case_id), el("td", { class: "mono", title: s.ticket }, DrawV1.shortTicket(String(s.ticket)))];
        if (DATA.results) {
          const f = isCurrent ? results.get(s.case_id) : null;
          cells.push(cell(f ? f.score : "", true), cell(f ? f.grade : ""));
        }
        if (DATA.titles) {
          const f = isCurrent ? titles.get(s.case_id) : null;
          cells.push(cell(f ? f.title : ""), cell(f ? f.party : ""));
          if (DATA.results) cells.push(cell(f && f.findings ? f.findings.join("；") : ""));
        }
        cells.push(el("td", {}, mark(k)));
        return el("tr", { class: rowClass(k), "data-row": k }, cells);
      });
      return el("section", { class: isCurrent && !later ? "current" : "superseded", "data-file": d.file },
        el("h3", {}, t("draw", { n: r.number }), " ", el("span", { class: "sub" }, d.file, " · ", later ? t("supersededBy", { n: later.number, reason: later.supersedes.reason }) : t("currentDraw"))),
        r.supersedes ? el("p", {}, t("supersedes", { n: r.supersedes.number, reason: r.supersedes.reason }), " ", mark(key + ":supersedes")) : null,
        info([[t("drawnAt"), r.drawn_at || ""],
          [t("place"), r.place || ""],
          [t("organiser"), r.organiser || ""],
          [t("basedOn"), el("span", {}, r.commitment ? `${r.commitment.file} ` : "", digest(r.commitment ? r.commitment.sha256 : ""), " ", mark([key + ":commitment", key + ":before", key + ":allocation", key + ":population"]))],
          [t("recordDigest"), el("span", {}, digest(state.result ? (checkIndex.get(key + ":digest") || {}).args?.sha || "" : ""), " ", mark(key + ":digest"))],
          [t("witnesses"), (r.witnesses || []).map((w) => w.unit ? `${w.name}（${w.unit}）` : w.name).join("，")],
          [t("seed"), el("span", {}, el("span", { class: "mono" }, r.seed || ""), " ", mark([key + ":seed-parts", key + ":seed-form"]))],
          [t("seedDigest"), el("span", {}, digest(r.seed_sha256 || ""), " ", mark(key + ":seed"))]]),
        el("h3", {}, t("seedParts")),
        table([t("part"), t("who"), t("digits"), t("at")], (r.seed_parts || []).map((p, j) => el("tr", {}, cell(j + 1, true), cell(p.who), el("td", { class: "mono" }, p.digits), cell(p.entered_at))), [0]),
        el("h3", {}, t("sampleTitle")),
        table(headers, rows, [2]));
    })];
  }

  function resultsSection() {
    const R = DATA.results;
    if (!R) return [];
    const ranked = R.agencies.filter((a) => a.finalized > 0);
    return [el("h2", {}, t("results")), el("p", {}, t("resultsNote", { head: R.journal_head })),
      ranked.length ? barChart(t("gradeChart"), ranked.map((a) => [a.agency, a.grades]), R.grades) : null,
      ranked.length ? barChart(t("averageChart"), ranked.map((a) => [a.agency, [Number(a.average)], a.average]), [t("score")], { max: 100 }) : null,
      R.categories.length ? barChart(t("categoryChart"), R.categories.map(([c, n]) => [c, [n]]), [t("findings")]) : null];
  }

  // ---- The visitor's register file ----
  const WHITE = "\t\n\u000b\f\r \u0085\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000";
  function trimWhite(s) {
    let a = 0, b = s.length;
    while (a < b && WHITE.includes(s[a])) a++;
    while (b > a && WHITE.includes(s[b - 1])) b--;
    return s.slice(a, b);
  }
  function normalise(h) {
    let s = h.replace(/^[\s\ufeff]+|[\s\ufeff]+$/g, "");
    s = s.replace(/[ _\-\u3000]/g, "");
    return s.replace(/[A-Z]/g, (c) => c.toLowerCase());
  }
  function decode(bytes) {
    if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder("utf-16le").decode(bytes.subarray(2));
    if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder("utf-16be").decode(bytes.subarray(2));
    try {
      return new TextDecoder("utf-8", { fatal: true }).decode(bytes).replace(/^\ufeff/, "");
    } catch (e) {
      return new TextDecoder("gb18030").decode(bytes);
    }
  }
  function parseDelimited(text) {
    const first = text.split(/\r?\n/).slice(0, 30).join("\n");
    const count = (c) => first.split(c).length - 1;
    const delim = [",", "\t", ";"].sort((a, b) => count(b) - count(a))[0];
    const rows = [];
    let row = [], field = "", quoted = false;
    for (let i = 0; i < text.length; i++) {
      const c = text[i];
      if (quoted) {
        if (c === '"') {
          if (text[i + 1] === '"') { field += '"'; i++; } else quoted = false;
        } else field += c;
      } else if (c === '"' && field === "") quoted = true;
      else if (c === delim) { row.push(field); field = ""; }
      else if (c === "\n" || c === "\r") {
        if (c === "\r" && text[i + 1] === "\n") i++;
        row.push(field); rows.push(row); row = []; field = "";
      } else field += c;
    }
    if (field !== "" || row.length) { row.push(field); rows.push(row); }
    return rows;
  }
  async function checkFile(file) {
    const bytes = new Uint8Array(await file.arrayBuffer());
    const sha = await DrawV1.sha256Hex(bytes);
    const same = DATA.registers.find((r) => r.sha256 === sha);
    const out = { name: file.name, sha, same: same ? same.name : null, pop: null };
    // A workbook (zip or the old compound file) is compared by its bytes only.
    const zip = bytes[0] === 0x50 && bytes[1] === 0x4b;
    const ole = bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0;
    if (zip || ole) {
      out.pop = { problem: t("fileWorkbook") };
      return out;
    }
    const rows = parseDelimited(decode(bytes));
    const idNames = DATA.columns.id.map(normalise);
    const fieldNames = DATA.columns.stratum.map((l) => l.map(normalise));
    let header = -1, idCol = -1, fieldCols = [];
    for (let r = 0; r < Math.min(30, rows.length) && header < 0; r++) {
      const cells = rows[r].map(normalise);
      const i = cells.findIndex((c) => idNames.includes(c));
      const f = fieldNames.map((names) => cells.findIndex((c) => names.includes(c)));
      if (i >= 0 && f.every((x) => x >= 0)) { header = r; idCol = i; fieldCols = f; }
    }
    if (header < 0) {
      out.pop = { problem: t("fileNoColumns", { fields: DATA.population.stratum_fields.join(" / ") }) };
      return out;
    }
    const lines = [];
    const seen = new Set();
    const problems = [];
    let skipped = 0;
    for (let r = header + 1; r < rows.length; r++) {
      const id = trimWhite(rows[r][idCol] || "");
      if (id === "") { skipped++; continue; }
      if (/[\u0000-\u001f\u007f]/.test(id)) { problems.push(t("fileProblem", { row: r + 1, what: t("fileControl") })); continue; }
      if (seen.has(id)) { problems.push(t("fileProblem", { row: r + 1, what: t("fileDuplicate", { id }) })); continue; }
      seen.add(id);
      lines.push([id, fieldCols.map((c) => trimWhite(rows[r][c] || ""))]);
    }
    lines.sort((a, b) => DrawV1.cmpText(a[0], b[0]));
    const text = lines.map(([id, f]) => id + "\t" + f.join("\t") + "\n").join("");
    const popSha = await DrawV1.sha256Text(text);
    out.pop = { sha: popSha, n: lines.length, ok: popSha === DATA.population.sha256, skipped, problems };
    return out;
  }
  function fileSection() {
    const c = state.fileCheck;
    let result = null;
    if (c) {
      const lines = [el("div", {}, c.same ? t("fileSame", { name: c.same, sha: c.sha }) : t("fileNotSame", { sha: c.sha }))];
      if (c.pop && c.pop.problem) lines.push(el("div", {}, c.pop.problem));
      else if (c.pop) {
        lines.push(el("div", { "data-population": c.pop.ok ? "same" : "different" }, c.pop.ok ? t("filePopOk", { n: c.pop.n })
          : t("filePopBad", { n: c.pop.n, sha: c.pop.sha, frozen: DATA.population.sha256 }) + t("filePopWhy", { filtered: t(DATA.campaign.filtered ? "filtered" : "notFiltered") })));
        if (c.pop.skipped) lines.push(el("div", { class: "sub" }, t("fileSkipped", { n: c.pop.skipped })));
        for (const p of c.pop.problems.slice(0, 10)) lines.push(el("div", { class: "sub" }, p));
      }
      result = el("div", { id: "file-check", "data-same": c.same ? "true" : "false" }, lines);
    }
    return [el("h2", {}, t("fileCheckTitle")), el("div", { class: "filecheck" }, el("p", {}, t("fileCheckHelp")),
      el("input", { type: "file", id: "register-file", accept: ".csv,.txt,.tsv,.xlsx,.xls,.et,.ods,text/csv,text/plain", onchange: async (e) => {
        const f = e.target.files && e.target.files[0];
        if (!f) return;
        state.fileCheck = await checkFile(f);
        render();
      } }), result)];
  }

  function ledgerSection() {
    const lines = DATA.ledger.split("\n").filter((l) => l !== "");
    return [el("h2", {}, t("ledger")), table([t("ledgerSeq"), t("at"), t("ledgerEvent"), t("ledgerFile"), "SHA-256", t("check")],
      lines.map((line, i) => {
        const e = parse(line) || {};
        const k = "ledger:" + (i + 1);
        return el("tr", { class: rowClass(k) }, cell(e.seq, true), cell(e.at || ""), cell(e.event || ""), cell(e.file || ""), el("td", {}, digest(e.sha256 || "")), el("td", {}, mark(k)));
      }), [0])];
  }

  function downloadPopulation() {
    const pop = DrawV1.parsePopulation(DATA.population);
    const text = DrawV1.populationText(pop.ids, pop.stratumOf, DATA.population.strata).text;
    const url = URL.createObjectURL(new Blob([text], { type: "text/tab-separated-values" }));
    const a = el("a", { href: url, download: "population.tsv" });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  }

  function render() {
    const scrollY = window.scrollY;
    checkIndex = new Map(state.result ? state.result.checks.map((c) => [c.key, c]) : []);
    const name = DATA.campaign.name || t("unnamed");
    const parts = [
      el("header", { class: "top" },
        el("div", {}, el("h1", {}, t("title")), el("div", { class: "sub" }, name)),
        el("button", { id: "lang-toggle", type: "button", onclick: () => { lang = lang === "en" ? "zh" : "en"; document.documentElement.lang = lang === "en" ? "en" : "zh-CN"; render(); } }, t("toggle"))),
      banner(),
      el("section", { class: "explain" }, el("h3", {}, t("explainTitle")), el("ul", {}, el("li", {}, t("explain1")), el("li", {}, t("explain2")), el("li", {}, t("explain3")))),
      el("h2", {}, t("campaign")),
      info([[t("campaignName"), name], [t("frozenAt"), DATA.campaign.created_at], [t("campaignDigest"), digest(DATA.campaign.sha256)]]),
      registersSection(),
      populationSection(),
      commitmentSection(),
      drawSection(),
      resultsSection(),
      fileSection(),
      ledgerSection(),
      el("footer", {}, el("p", {}, el("button", { type: "button", id: "download-population", onclick: downloadPopulation }, t("download"))),
        el("p", {}, t("footer", { format: DATA.format, algorithm: DATA.algorithm, version: DATA.tool_version })))];
    app.replaceChildren(...parts.flat(Infinity).filter((x) => x !== null && x !== undefined && x !== false));
    window.scrollTo(0, scrollY);
  }

  async function main() {
    render();
    let last = 0;
    try {
      state.result = await PageVerify.run(DATA, async (phase, done, total) => {
        const now = Date.now();
        if (now - last < 250) return;
        last = now;
        state.progress = { phase, done, total };
        const b = document.getElementById("summary");
        if (b) b.replaceWith(banner());
        await new Promise((r) => setTimeout(r, 0));
      });
    } catch (e) {
      state.failedToRun = String((e && e.message) || e);
    }
    render();
    document.body.dataset.verified = state.result && state.result.failed.length === 0 ? "true" : "false";
  }

  main();
})();
