// Opens anjuan's public page in headless Chromium (Debian's, driven by playwright-core) from a
// file:// URL with the network off, waits until the page has checked itself, and prints what
// it found as one JSON object: the body's data-verified, the summary line, the differences it
// named, the marks, every request the page made, console errors, and (with --upload FILE) the
// result of the register-file check. Used by tests/publish_browser.rs and bench/publish.sh.
//
//   node check_page.mjs PAGE.html [--upload FILE] [--timeout MS] [--lang-toggle]
// Environment: ANJUAN_PLAYWRIGHT (a node_modules folder holding playwright-core),
// ANJUAN_CHROMIUM (default /usr/bin/chromium).
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";

const args = process.argv.slice(2);
const page_path = path.resolve(args[0]);
const opt = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : null;
};
const timeout = Number(opt("--timeout") || 120000);
const upload = opt("--upload");
const toggle = args.includes("--lang-toggle");

const modules = process.env.ANJUAN_PLAYWRIGHT;
if (!modules) {
  console.error("ANJUAN_PLAYWRIGHT is not set (a node_modules folder with playwright-core)");
  process.exit(3);
}
const require = createRequire(path.join(path.resolve(modules), "anjuan.js"));
const { chromium } = require("playwright-core");

const browser = await chromium.launch({
  executablePath: process.env.ANJUAN_CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
const out = { requests: [], console_errors: [] };
try {
  const context = await browser.newContext({ offline: true });
  context.on("request", (r) => out.requests.push(r.url()));
  const page = await context.newPage();
  page.on("console", (m) => { if (m.type() === "error") out.console_errors.push(m.text()); });
  page.on("pageerror", (e) => out.console_errors.push(String(e)));
  const started = Date.now();
  await page.goto(pathToFileURL(page_path).href, { waitUntil: "load", timeout });
  await page.waitForFunction(() => document.body.dataset.verified !== "pending", null, { timeout, polling: 100 });
  out.verify_ms = Date.now() - started;
  const read = () => page.evaluate(() => ({
    verified: document.body.dataset.verified,
    summary: document.getElementById("summary").innerText,
    differences: [...document.querySelectorAll("#differences li")].map((li) => ({ key: li.dataset.key || null, text: li.innerText })),
    marks_ok: document.querySelectorAll('[data-check="ok"]').length,
    marks_bad: document.querySelectorAll('[data-check="bad"]').length,
    bad_rows: [...document.querySelectorAll("tr.bad[data-row]")].map((tr) => tr.dataset.row),
    text: document.body.innerText,
    html_lang: document.documentElement.lang,
    // Chromium's own figure for the page's JavaScript heap (not the whole process).
    js_heap_bytes: performance.memory ? performance.memory.usedJSHeapSize : null,
  }));
  Object.assign(out, await read());
  if (toggle) {
    await page.click("#lang-toggle");
    out.toggled = await read();
  }
  if (upload) {
    await page.setInputFiles("#register-file", path.resolve(upload));
    await page.waitForSelector("#file-check", { timeout });
    out.file_check = await page.evaluate(() => {
      const box = document.getElementById("file-check");
      const pop = box.querySelector("[data-population]");
      return { same: box.dataset.same, population: pop ? pop.dataset.population : null, text: box.innerText };
    });
  }
} finally {
  await browser.close();
}
console.log(JSON.stringify(out));
