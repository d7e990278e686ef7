// What the public page checks, in the visitor's browser, with DrawV1 (draw_v1.js): the ledger's
// chain, each record's digest against the ledger, the population digest, the seed and its
// digest, every commitment's allocation, every draw's allocation, sample, alternates and ticket.
// No DOM here (tests/publish_js.rs runs it under Node on real and altered data): it returns a
// list of checks, each {key, ok, code, args}; page.js words them in Chinese or English.
"use strict";

const PageVerify = (() => {
  const D = typeof DrawV1 !== "undefined" ? DrawV1 : require("./draw_v1.js");

  // How a stratum is shown, and how it is named in check keys and maps: by its fields joined
  // with a tab, which no field may hold (spec §5), so two strata never share a name.
  function label(key) {
    return key.join(" / ");
  }
  function sid(key) {
    return key.join("\t");
  }

  function parseJson(text) {
    try {
      return { value: JSON.parse(text) };
    } catch (e) {
      return { error: String(e.message || e) };
    }
  }

  function sameAllocation(a, b) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x, i) => {
      const y = b[i];
      return D.cmpKey(x.stratum, y.stratum) === 0 && x.stratum.length === y.stratum.length &&
        Number(x.size) === Number(y.size) && Number(x.allocated) === Number(y.allocated) &&
        Number(x.alternates) === Number(y.alternates);
    });
  }

  // progress(phase, done, total) is awaited between steps so the page can redraw.
  async function run(data, progress) {
    const checks = [];
    const add = (key, ok, code, args) => checks.push({ key, ok, code, args: args || {} });
    const step = async (phase, done, total) => {
      if (progress) await progress(phase, done, total);
    };

    // 1. The ledger: every line's prev is the SHA-256 of the line before.
    const ledgerLines = data.ledger.split("\n").filter((l, i, all) => l !== "" || i < all.length - 1);
    const ledger = [];
    let prev = "0".repeat(64);
    for (let i = 0; i < ledgerLines.length; i++) {
      const line = ledgerLines[i];
      const parsed = parseJson(line);
      const n = i + 1;
      if (parsed.error) {
        add("ledger:" + n, false, "ledger-unreadable", { line: n });
      } else {
        const e = parsed.value;
        ledger.push(e);
        add("ledger:" + n, e.prev === prev && e.seq === n, e.prev === prev ? (e.seq === n ? "ledger-ok" : "ledger-seq") : "ledger-prev",
          { line: n, seq: e.seq, file: e.file });
      }
      prev = await D.sha256Text(line);
    }
    const ledgerEntry = (file) => {
      let found = null;
      ledger.forEach((e, i) => { if (e.file === file) found = { entry: e, line: i + 1 }; });
      return found;
    };

    // 2. Records: their digests against the ledger.
    const records = async (list, kind) => {
      const out = [];
      for (const r of list) {
        const sha = await D.sha256Text(r.text);
        const parsed = parseJson(r.text);
        const entry = ledgerEntry(r.file);
        const key = kind + ":" + r.file;
        if (parsed.error) {
          add(key + ":digest", false, "record-unreadable", { file: r.file });
          continue;
        }
        if (!entry) add(key + ":digest", false, "record-not-in-ledger", { file: r.file, sha });
        else add(key + ":digest", entry.entry.sha256 === sha, entry.entry.sha256 === sha ? "record-ok" : "record-digest",
          { file: r.file, sha, ledger: entry.entry.sha256, line: entry.line });
        out.push({ file: r.file, sha, record: parsed.value, line: entry ? entry.line : null });
      }
      return out;
    };
    const commitments = await records(data.commitments, "commitment");
    const draws = await records(data.draws, "draw");
    await step("records", 1, 1);

    // 3. The population: its lines, their order, its digest, the strata sizes.
    const pop = D.parsePopulation(data.population);
    for (const p of pop.problems.slice(0, 20)) add("population:line:" + p.line, false, "population-line", p);
    const built = D.populationText(pop.ids, pop.stratumOf, data.population.strata);
    if (built.unsorted) {
      add("population:order", false, "population-order", { line: built.unsorted, id: pop.ids[built.unsorted - 1] });
    }
    const popSha = await D.sha256Text(built.text);
    add("population:digest", popSha === data.population.sha256, popSha === data.population.sha256 ? "population-ok" : "population-digest",
      { sha: popSha, recorded: data.population.sha256, size: pop.ids.length });
    add("population:size", pop.ids.length === Number(data.population.size), pop.ids.length === Number(data.population.size) ? "size-ok" : "size-differs",
      { size: pop.ids.length, recorded: data.population.size });
    const sizes = new Array(data.population.strata.length).fill(0);
    for (const k of pop.stratumOf) sizes[k]++;
    const strata = data.population.strata.map((key, k) => ({ key, size: sizes[k] }));
    await step("population", 1, 1);

    // 4. Commitments: the population they name, the registers, the allocation recomputed.
    const registerDigests = data.registers.map((r) => r.sha256);
    for (const c of commitments) {
      const r = c.record;
      const key = "commitment:" + c.file;
      add(key + ":population", r.population_sha256 === popSha && Number(r.population_size) === pop.ids.length,
        r.population_sha256 === popSha ? "commitment-population-ok" : "commitment-population",
        { file: c.file, recorded: r.population_sha256, sha: popSha });
      const sameSources = JSON.stringify(r.source_sha256 || []) === JSON.stringify(registerDigests);
      add(key + ":sources", sameSources, sameSources ? "sources-ok" : "sources-differ", { file: c.file });
      const alloc = D.allocate(strata, r.method, r.alternates);
      if (alloc.error) {
        add(key + ":allocation", false, "allocation-error", { file: c.file, error: alloc.error });
        continue;
      }
      c.table = alloc.table;
      const recorded = r.allocation || [];
      alloc.table.forEach((row, i) => {
        const got = recorded[i];
        const ok = !!got && sameAllocation([row], [got]);
        add(key + ":allocation:" + sid(row.stratum), ok, ok ? "allocation-row-ok" : "allocation-row",
          { file: c.file, stratum: label(row.stratum), size: row.size, allocated: row.allocated, alternates: row.alternates,
            recorded: got ? got.allocated : null, recordedAlternates: got ? got.alternates : null });
      });
      if (recorded.length !== alloc.table.length) {
        add(key + ":allocation", false, "allocation-length", { file: c.file, recorded: recorded.length, computed: alloc.table.length });
      }
    }

    // 5. Draws: commitment, seed, order in the ledger, supersession, then the selection.
    const byNumber = new Map(draws.map((d) => [Number(d.record.number), d]));
    for (const d of draws) {
      const r = d.record;
      const key = "draw:" + d.file;
      const c = commitments.find((x) => x.file === (r.commitment && r.commitment.file));
      const cOk = !!c && c.sha === r.commitment.sha256;
      add(key + ":commitment", cOk, cOk ? "draw-commitment-ok" : "draw-commitment",
        { file: d.file, commitment: r.commitment ? r.commitment.file : "", sha: r.commitment ? r.commitment.sha256 : "" });
      if (c && c.line && d.line) {
        add(key + ":before", c.line < d.line, c.line < d.line ? "draw-after-commitment" : "draw-before-commitment",
          { file: d.file, commitment: c.file, at: c.record.created_at, drawn: r.drawn_at });
      }
      add(key + ":population", r.population_sha256 === popSha, r.population_sha256 === popSha ? "draw-population-ok" : "draw-population",
        { file: d.file, recorded: r.population_sha256, sha: popSha });
      const joined = (r.seed_parts || []).map((p) => p.digits).join("");
      const partsOk = joined === r.seed;
      add(key + ":seed-parts", partsOk, partsOk ? "seed-parts-ok" : "seed-parts", { file: d.file, joined, seed: r.seed });
      const seedProblem = D.seedProblem(String(r.seed));
      if (seedProblem) add(key + ":seed-form", false, "seed-" + seedProblem, { file: d.file, seed: r.seed });
      const seedSha = await D.sha256Text(String(r.seed));
      add(key + ":seed", seedSha === r.seed_sha256, seedSha === r.seed_sha256 ? "seed-ok" : "seed-digest",
        { file: d.file, sha: seedSha, recorded: r.seed_sha256 });
      if (r.supersedes) {
        const old = byNumber.get(Number(r.supersedes.number));
        const ok = !!old && old.sha === r.supersedes.sha256;
        add(key + ":supersedes", ok, ok ? "supersedes-ok" : "supersedes", { file: d.file, number: r.supersedes.number });
      }
      if (!c || !c.table) continue;
      const allocOk = sameAllocation(r.allocation, c.table);
      add(key + ":allocation", allocOk, allocOk ? "draw-allocation-ok" : "draw-allocation", { file: d.file });

      // Every case's ticket, then each stratum in ticket order.
      const digests = await D.ticketDigests(seedSha, pop.ids, (done) => step("tickets:" + d.file, done, pop.ids.length));
      const chosen = D.select(pop.ids, pop.stratumOf, digests, c.table, data.population.strata);
      // Every drawn and alternate case's ticket once more with the browser's own SHA-256.
      const drawnIndices = [];
      for (const list of chosen.values()) for (const x of list) drawnIndices.push(x.index);
      const differ = await D.confirm(seedSha, pop.ids, drawnIndices, digests);
      if (differ === null) add(key + ":webcrypto", true, "webcrypto-absent", { file: d.file });
      else add(key + ":webcrypto", differ.length === 0, differ.length === 0 ? "webcrypto-ok" : "webcrypto-differs",
        { file: d.file, n: drawnIndices.length, differ: differ.length, id: differ.length ? pop.ids[differ[0]] : null });
      const recordedBy = new Map();
      const targetedRows = (r.selected || []).filter((s) => s.role === "targeted");
      for (const s of (r.selected || []).filter((x) => x.role !== "targeted")) {
        const l = sid(s.stratum);
        if (!recordedBy.has(l)) recordedBy.set(l, []);
        recordedBy.get(l).push(s);
      }
      const stratumIndex = new Map(data.population.strata.map((s, k) => [sid(s), k]));
      for (const row of c.table) {
        const l = sid(row.stratum);
        const shown = label(row.stratum);
        const mine = chosen.get(stratumIndex.get(l)) || [];
        const theirs = (recordedBy.get(l) || []).slice().sort((a, b) => Number(a.rank) - Number(b.rank));
        recordedBy.delete(l);
        const n = Math.max(mine.length, theirs.length);
        for (let i = 0; i < n; i++) {
          const rank = i + 1;
          const want = mine[i];
          const got = theirs[i];
          const role = rank <= row.allocated ? "sample" : "alternate";
          const wantId = want ? pop.ids[want.index] : null;
          const args = { file: d.file, stratum: shown, rank, role, id: got ? got.case_id : wantId, computedId: wantId,
            ticket: want ? want.ticket : null, recorded: got ? got.ticket : null };
          let code = "row-ok";
          if (!got) code = "row-missing";
          else if (!want) code = "row-extra";
          else if (got.case_id !== wantId) code = "row-id";
          else if (got.ticket !== want.ticket) code = "row-ticket";
          else if (got.role !== role || Number(got.rank) !== rank) code = "row-role";
          add(key + ":row:" + l + ":" + rank, code === "row-ok", code, args);
        }
      }
      for (const [l, rest] of recordedBy) {
        for (const s of rest) {
          add(key + ":row:" + l + ":" + s.rank, false, "row-stratum", { file: d.file, stratum: label(s.stratum), rank: s.rank, id: s.case_id });
        }
      }

      // 6. The targeted files (重点抽查): the commitment's candidates, less the random sample, in
      // ticket order, the first `max`. Each keeps its own stratum.
      const t = c.record.targeted;
      if (!t && targetedRows.length) {
        add(key + ":targeted", false, "targeted-uncommitted", { file: d.file, n: targetedRows.length });
      }
      if (t) {
        const candSha = await D.sha256Text(t.candidates.map((x) => x + "\n").join(""));
        add(key + ":targeted:digest", candSha === t.candidates_sha256, candSha === t.candidates_sha256 ? "targeted-digest-ok" : "targeted-digest",
          { file: d.file, commitment: c.file, n: t.candidates.length, sha: candSha, recorded: t.candidates_sha256 });
        const sampled = new Set();
        for (const row of c.table) {
          const mine = chosen.get(stratumIndex.get(sid(row.stratum))) || [];
          for (const x of mine.slice(0, row.allocated)) sampled.add(x.index);
        }
        const want = D.selectTargeted(pop.ids, digests, t.candidates, sampled, t.max === undefined ? null : t.max);
        for (const id of want.unknown) add(key + ":targeted:unknown:" + id, false, "targeted-unknown", { file: d.file, id });
        const theirs = targetedRows.slice().sort((a, b) => Number(a.rank) - Number(b.rank));
        const n = Math.max(want.list.length, theirs.length);
        for (let i = 0; i < n; i++) {
          const rank = i + 1;
          const w = want.list[i];
          const got = theirs[i];
          const wantId = w ? pop.ids[w.index] : null;
          const where = w ? label(data.population.strata[pop.stratumOf[w.index]]) : (got ? label(got.stratum) : "");
          const args = { file: d.file, stratum: "重点抽查 targeted · " + where,
            rank, role: "targeted", id: got ? got.case_id : wantId, computedId: wantId, ticket: w ? w.ticket : null, recorded: got ? got.ticket : null };
          let code = "row-ok";
          if (!got) code = "row-missing";
          else if (!w) code = "row-extra";
          else if (got.case_id !== wantId) code = "row-id";
          else if (got.ticket !== w.ticket) code = "row-ticket";
          else if (Number(got.rank) !== rank || sid(got.stratum) !== sid(data.population.strata[pop.stratumOf[w.index]])) code = "row-role";
          add(key + ":targeted:" + rank, code === "row-ok", code, args);
        }
      }
    }
    const failed = checks.filter((c) => !c.ok);
    return { checks, failed, engine: D.engine(), population: { sha: popSha, size: pop.ids.length } };
  }

  return { run, sid };
})();

if (typeof module !== "undefined") module.exports = PageVerify;
