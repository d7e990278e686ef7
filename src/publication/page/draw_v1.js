// anjuan-draw-v1 in the browser (docs/draw-v1.md), written from the specification alone: the
// page recomputes a published draw with it. No DOM here, so the same file also runs under Node
// (tests/publish_js.rs). Every comparison of texts is by Unicode code point, which is the
// order of UTF-8 bytes the specification uses; every number that decides anything is an exact
// integer (BigInt where it could exceed 2^53); no float ever orders a ticket.
"use strict";

const DrawV1 = (() => {
  const encoder = new TextEncoder();
  const subtle = (globalThis.crypto && globalThis.crypto.subtle) || null;

  const HEX = [];
  for (let i = 0; i < 256; i++) HEX.push((i < 16 ? "0" : "") + i.toString(16));

  function hex(bytes) {
    let s = "";
    for (let i = 0; i < bytes.length; i++) s += HEX[bytes[i]];
    return s;
  }

  // SHA-256 of bytes: the browser's own (Web Crypto) when the page has it; pages opened from a
  // plain-HTTP address (no TLS) have no Web Crypto, and use the page's own implementation in
  // sha256.js (Sha256Js), which the page then says.
  async function digest(bytes) {
    if (subtle) return new Uint8Array(await subtle.digest("SHA-256", bytes));
    return Sha256Js.digest(bytes);
  }

  function engine() {
    return subtle ? "Web Crypto" : "JavaScript";
  }

  async function sha256Hex(bytes) {
    return hex(await digest(bytes));
  }

  async function sha256Text(text) {
    return sha256Hex(encoder.encode(text));
  }

  // Code point order (= UTF-8 byte order). UTF-16 code unit order differs only between a
  // surrogate (U+D800–DFFF, part of a character above U+FFFF) and U+E000–FFFF: shifting both
  // ranges puts them in code point order.
  function unitRank(c) {
    if (c >= 0xd800 && c <= 0xdfff) return c + 0x2000;
    if (c >= 0xe000) return c - 0x800;
    return c;
  }

  function cmpText(a, b) {
    const n = Math.min(a.length, b.length);
    for (let i = 0; i < n; i++) {
      const x = a.charCodeAt(i);
      const y = b.charCodeAt(i);
      if (x !== y) return unitRank(x) - unitRank(y);
    }
    return a.length - b.length;
  }

  function cmpKey(a, b) {
    const n = Math.min(a.length, b.length);
    for (let i = 0; i < n; i++) {
      const c = cmpText(a[i], b[i]);
      if (c !== 0) return c;
    }
    return a.length - b.length;
  }

  // Spec §2 U: the digest as a big-endian integer, in decimal, left-padded to 64 digits,
  // reversed, after "0.".
  function uniform(digestBytes) {
    const decimal = BigInt("0x" + hex(digestBytes)).toString(10).padStart(64, "0");
    let reversed = "";
    for (let i = decimal.length - 1; i >= 0; i--) reversed += decimal[i];
    return "0." + reversed;
  }

  // The first nine digits of the ticket as a number: the digest (32 bytes of `d` from `at`)
  // as an integer modulo 10^9, two bytes at a time (every intermediate stays below 2^46, exact
  // in doubles), its nine digits reversed. Equal prefixes fall back to the full ticket text.
  function prefix9(d, at) {
    const from = at || 0;
    let r = 0;
    for (let i = from; i < from + 32; i += 2) r = (r * 65536 + d[i] * 256 + d[i + 1]) % 1000000000;
    let out = 0;
    for (let k = 0; k < 9; k++) {
      out = out * 10 + (r % 10);
      r = Math.floor(r / 10);
    }
    return out;
  }

  // Spec §2: the displayed ticket, truncated after the leading 9s plus 18 digits.
  function shortTicket(t) {
    if (!t.startsWith("0.")) return t;
    let i = 2;
    while (i < t.length && t[i] === "9") i++;
    return t.slice(0, Math.min(t.length, i + 18));
  }

  // Spec §1: a seed is at least 20 ASCII digits.
  function seedProblem(seed) {
    if (!/^[0-9]*$/.test(seed)) return "not-digits";
    if (seed.length < 20) return "too-short";
    return null;
  }

  // Spec §3. strata: [{key: [..], size}] in any order; the table comes back in key order.
  function allocate(strata, method, alternates) {
    const sorted = strata.slice().sort((a, b) => cmpKey(a.key, b.key));
    const total = sorted.reduce((s, x) => s + BigInt(x.size), 0n);
    if (total === 0n) return { error: "empty" };
    let counts;
    if (method.method === "proportional") {
      const n = BigInt(method.n);
      const min = BigInt(method.min_per_stratum);
      if (n > total) return { error: "n-above-population" };
      const a = sorted.map((s) => (min < BigInt(s.size) ? min : BigInt(s.size)));
      let given = a.reduce((s, x) => s + x, 0n);
      if (given > n) return { error: "minimums-above-n" };
      while (given < n) {
        let best = -1;
        let bestDeficit = 0n;
        for (let i = 0; i < sorted.length; i++) {
          const size = BigInt(sorted[i].size);
          if (a[i] >= size) continue;
          const deficit = n * size - a[i] * total;
          // Larger deficit, then larger stratum, then the smaller key (earlier index).
          if (best < 0 || deficit > bestDeficit ||
              (deficit === bestDeficit && size > BigInt(sorted[best].size))) {
            best = i;
            bestDeficit = deficit;
          }
        }
        if (best < 0) break;
        a[best] += 1n;
        given += 1n;
      }
      counts = a;
    } else if (method.method === "equal") {
      const k = BigInt(method.per_stratum);
      counts = sorted.map((s) => (k < BigInt(s.size) ? k : BigInt(s.size)));
    } else if (method.method === "fixed") {
      const quotas = method.quotas || {};
      const labels = new Set(sorted.map((s) => s.key.join("\t")));
      for (const name of Object.keys(quotas)) {
        if (!labels.has(name)) return { error: "unknown-stratum", stratum: name };
      }
      counts = [];
      for (const s of sorted) {
        const c = BigInt(quotas[s.key.join("\t")] || 0);
        if (c > BigInt(s.size)) return { error: "quota-above-size", stratum: s.key.join("\t") };
        counts.push(c);
      }
    } else {
      return { error: "unknown-method", method: String(method.method) };
    }
    const r = BigInt(alternates);
    return {
      table: sorted.map((s, i) => {
        const left = BigInt(s.size) - counts[i];
        return {
          stratum: s.key,
          size: s.size,
          allocated: Number(counts[i]),
          alternates: Number(r < left ? r : left),
        };
      }),
    };
  }

  // The published population: {strata: [[..]], cases: "id\tk\n…"} → ids and stratum indexes.
  function parsePopulation(pop) {
    const ids = [];
    const stratumOf = [];
    const problems = [];
    const text = pop.cases;
    let start = 0;
    let line = 0;
    while (start < text.length) {
      let end = text.indexOf("\n", start);
      if (end < 0) end = text.length;
      line++;
      const row = text.slice(start, end);
      const tab = row.lastIndexOf("\t");
      const k = tab < 0 ? NaN : Number(row.slice(tab + 1));
      if (tab < 0 || !Number.isInteger(k) || k < 0 || k >= pop.strata.length) {
        problems.push({ line, text: row });
      } else {
        ids.push(row.slice(0, tab));
        stratumOf.push(k);
      }
      start = end + 1;
    }
    return { ids, stratumOf, problems };
  }

  // Spec §5: the population text (one line per case: id, TAB, stratum fields, LF), in the
  // order given; `unsorted` is the first line (1-based) out of id order or repeating an id.
  function populationText(ids, stratumOf, strata) {
    const joined = strata.map((s) => s.join("\t"));
    const parts = new Array(ids.length);
    let unsorted = 0;
    for (let i = 0; i < ids.length; i++) {
      if (!unsorted && i > 0 && cmpText(ids[i - 1], ids[i]) >= 0) unsorted = i + 1;
      parts[i] = ids[i] + "\t" + joined[stratumOf[i]] + "\n";
    }
    return { text: parts.join(""), unsorted };
  }

  // The ticket digest of every case, with the page's own SHA-256 (sha256.js, one compression
  // per case after the seed-hash block); progress(done) is awaited now and then so the page
  // stays responsive. `confirm` then recomputes the ones that matter with Web Crypto.
  async function ticketDigests(seedHash, ids, progress) {
    const out = new Uint8Array(ids.length * 32);
    const into = Sha256Js.prefixed(encoder.encode(seedHash));
    const batch = 16384;
    let buf = new Uint8Array(1024);
    for (let from = 0; from < ids.length; from += batch) {
      const to = Math.min(ids.length, from + batch);
      for (let i = from; i < to; i++) {
        const id = ids[i];
        // At most 3 bytes per UTF-16 unit.
        if (id.length * 3 > buf.length) buf = new Uint8Array(id.length * 3);
        const { written } = encoder.encodeInto(id, buf);
        into(buf, written, out, i * 32);
      }
      if (progress) await progress(to);
    }
    return out;
  }

  // The cases at `indices` whose ticket digest Web Crypto computes differently from `digests`
  // (none expected); null when the browser has no Web Crypto.
  async function confirm(seedHash, ids, indices, digests) {
    if (!subtle) return null;
    const differ = [];
    const batch = 1024;
    for (let from = 0; from < indices.length; from += batch) {
      const part = indices.slice(from, from + batch);
      const got = await Promise.all(part.map((i) => subtle.digest("SHA-256", encoder.encode(seedHash + ids[i]))));
      part.forEach((i, k) => {
        const a = new Uint8Array(got[k]);
        for (let j = 0; j < 32; j++) {
          if (a[j] !== digests[i * 32 + j]) {
            differ.push(i);
            break;
          }
        }
      });
    }
    return differ;
  }

  // Ticket order over case indices (spec §2: by ticket, ties by id), and each index's full
  // ticket, computed once.
  function ticketOrder(ids, digests) {
    const keys = new Float64Array(ids.length);
    for (let i = 0; i < ids.length; i++) keys[i] = prefix9(digests, i * 32);
    const full = new Map();
    const ticket = (i) => {
      let t = full.get(i);
      if (t === undefined) full.set(i, (t = uniform(digests.subarray(i * 32, i * 32 + 32))));
      return t;
    };
    const order = (a, b) => {
      if (keys[a] !== keys[b]) return keys[a] - keys[b];
      const ta = ticket(a);
      const tb = ticket(b);
      if (ta !== tb) return ta < tb ? -1 : 1;
      return cmpText(ids[a], ids[b]);
    };
    return { order, ticket };
  }

  // The targeted files (重点抽查): the commitment's candidates less the random sample (`sampled`,
  // a Set of case indices), in ticket order over the whole set, the first `max` (all when null).
  // Returns { list: [{index, ticket}], unknown: [ids not in the population] }.
  function selectTargeted(ids, digests, candidates, sampled, max) {
    const wanted = new Set(candidates);
    const found = [];
    for (let i = 0; i < ids.length; i++) {
      if (wanted.has(ids[i])) {
        wanted.delete(ids[i]);
        if (!sampled.has(i)) found.push(i);
      }
    }
    const { order, ticket } = ticketOrder(ids, digests);
    found.sort(order);
    const take = max === null || max === undefined ? found.length : Math.min(Number(max), found.length);
    return { list: found.slice(0, take).map((i) => ({ index: i, ticket: ticket(i) })), unknown: [...wanted] };
  }

  // Spec §4: for every stratum, its cases ordered by ticket (ties by id), cut to what the
  // allocation needs. Returns Map stratum index → [{index, ticket}] of length allocated +
  // alternates.
  function select(ids, stratumOf, digests, table, strata) {
    const want = new Map();
    const byLabel = new Map(strata.map((s, k) => [s.join("\t"), k]));
    for (const row of table) {
      const k = byLabel.get(row.stratum.join("\t"));
      if (k !== undefined) want.set(k, row.allocated + row.alternates);
    }
    const members = new Map();
    for (let i = 0; i < ids.length; i++) {
      const k = stratumOf[i];
      if (!want.has(k)) continue;
      let list = members.get(k);
      if (!list) members.set(k, (list = []));
      list.push(i);
    }
    const { order, ticket } = ticketOrder(ids, digests);
    // The `count` first of each stratum: a bounded max-heap (the worst kept case on top), so
    // a stratum of a million cases is read once rather than sorted.
    const out = new Map();
    for (const [k, count] of want) {
      const all = members.get(k) || [];
      const heap = [];
      const up = (j) => {
        while (j > 0) {
          const p = (j - 1) >> 1;
          if (order(heap[p], heap[j]) >= 0) break;
          [heap[p], heap[j]] = [heap[j], heap[p]];
          j = p;
        }
      };
      const down = (j) => {
        for (;;) {
          const l = 2 * j + 1;
          const r = l + 1;
          let m = j;
          if (l < heap.length && order(heap[l], heap[m]) > 0) m = l;
          if (r < heap.length && order(heap[r], heap[m]) > 0) m = r;
          if (m === j) break;
          [heap[m], heap[j]] = [heap[j], heap[m]];
          j = m;
        }
      };
      if (count > 0) {
        for (const i of all) {
          if (heap.length < count) {
            heap.push(i);
            up(heap.length - 1);
          } else if (order(i, heap[0]) < 0) {
            heap[0] = i;
            down(0);
          }
        }
      }
      heap.sort(order);
      out.set(k, heap.map((i) => ({ index: i, ticket: ticket(i) })));
    }
    return out;
  }

  return {
    allocate,
    cmpKey,
    confirm,
    cmpText,
    digest,
    engine,
    hex,
    parsePopulation,
    populationText,
    prefix9,
    seedProblem,
    select,
    selectTargeted,
    sha256Hex,
    sha256Text,
    shortTicket,
    ticketDigests,
    uniform,
  };
})();

if (typeof module !== "undefined") module.exports = DrawV1;
