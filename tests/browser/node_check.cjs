// Runs the public page's own scripts (src/publication/page/*.js) under Node, for the tests in
// tests/publish_js.rs that need no browser. Commands:
//   node node_check.cjs fixture FILE.json   → tickets and per-stratum order of an interop fixture
//   node node_check.cjs verify DATA.json [--corrupt-own-sha]
//                                           → PageVerify.run on a page's data block (with the
//                                             page's own ticket SHA-256 made wrong in one byte)
//   node node_check.cjs sha256 TEXT…        → the page's own SHA-256 and Web Crypto's, per text,
//                                             and of a 64-character prefix ‖ text (tickets)
//   node node_check.cjs allocate CASES.json → DrawV1.allocate on each [{strata, method, alternates}]
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const page = path.join(__dirname, "..", "..", "src", "publication", "page");
globalThis.Sha256Js = require(path.join(page, "sha256.js"));
globalThis.DrawV1 = require(path.join(page, "draw_v1.js"));
const PageVerify = require(path.join(page, "verify.js"));
const D = globalThis.DrawV1;

async function main() {
  const [cmd, ...rest] = process.argv.slice(2);
  const out = {};
  if (cmd === "fixture") {
    const f = JSON.parse(fs.readFileSync(rest[0], "utf8"));
    const ids = f.population.map((c) => c.id);
    const seedHash = await D.sha256Text(f.seed);
    const digests = await D.ticketDigests(seedHash, ids);
    out.tickets = {};
    ids.forEach((id, i) => { out.tickets[id] = D.uniform(digests.subarray(i * 32, i * 32 + 32)); });
    // The ordering shortcut is the ticket's first nine digits.
    out.prefix_mismatches = ids.filter((id, i) => D.prefix9(digests, i * 32) !== Number(out.tickets[id].slice(2, 11)));
    const strata = [];
    const index = new Map();
    const stratumOf = f.population.map((c) => {
      const l = c.stratum.join("\t");
      if (!index.has(l)) { index.set(l, strata.length); strata.push(c.stratum); }
      return index.get(l);
    });
    const table = strata.map((key) => {
      const size = stratumOf.filter((k) => k === index.get(key.join("\t"))).length;
      return { stratum: key, size, allocated: size, alternates: 0 };
    });
    const chosen = D.select(ids, stratumOf, digests, table, strata);
    out.strata = {};
    for (const [k, list] of chosen) out.strata[strata[k].join("\t")] = list.map((c) => ids[c.index]);
    out.short = {};
    for (const id of ids) out.short[id] = D.shortTicket(out.tickets[id]);
  } else if (cmd === "verify") {
    const data = JSON.parse(fs.readFileSync(rest[0], "utf8"));
    if (rest.includes("--corrupt-own-sha")) {
      const real = globalThis.Sha256Js.prefixed;
      globalThis.Sha256Js.prefixed = (prefix) => {
        const into = real(prefix);
        return (b, len, o, at) => { into(b, len, o, at); o[at + 31] ^= 1; };
      };
    }
    const r = await PageVerify.run(data);
    out.checks = r.checks.length;
    out.failed = r.failed.map((c) => ({ key: c.key, code: c.code, args: c.args }));
    out.engine = r.engine;
  } else if (cmd === "sha256") {
    const enc = new TextEncoder();
    out.own = rest.map((t) => D.hex(globalThis.Sha256Js.digest(enc.encode(t))));
    out.webcrypto = await Promise.all(rest.map((t) => D.sha256Text(t)));
    const prefix = "d23f87b5801cc23d64ca7e118fbd3c46554d139db14b7b29c7e984000fe120dc";
    const into = globalThis.Sha256Js.prefixed(enc.encode(prefix));
    out.prefixed = rest.map((t) => {
      const o = new Uint8Array(32);
      const b = enc.encode(t);
      into(b, b.length, o, 0);
      return D.hex(o);
    });
    out.prefixed_webcrypto = await Promise.all(rest.map((t) => D.sha256Text(prefix + t)));
  } else if (cmd === "allocate") {
    const cases = JSON.parse(fs.readFileSync(rest[0], "utf8"));
    out.results = cases.map((c) => D.allocate(c.strata, c.method, c.alternates));
  } else {
    throw new Error("unknown command " + cmd);
  }
  process.stdout.write(JSON.stringify(out));
}
main().catch((e) => { console.error(e); process.exit(1); });
