// Measures pages in Chromium against a running server: transfer size of a cold load
// of the questionnaire, directory and charts pages (every response as served, compressed),
// the whole questionnaire's validation in wasm, a keystroke to the updated validation
// message, and the save click to the confirmation.
// Usage: node scripts/measure-form.mjs <base-url> <login> <password>
import { chromium } from "playwright-core";

const [base, login, password] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update"],
});
const page = await browser.newPage();
// The page's scripts are running: Leptos' module and its islands, and the form's own module
// (the same test as end2end/tests/fixtures.ts, `hydrated`).
const interactive = () =>
  (document.querySelector('link[rel="modulepreload"][href$="/renkei.js"]') === null ||
    (window.__renkei_hydrated === true && (window.__renkei_islands ?? 0) >= document.querySelectorAll("leptos-island").length)) &&
  (document.getElementById("questionnaire-start") === null || window.__renkei_form_ready === true);
const median = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];

await page.goto(`${base}/login`);
await page.waitForFunction(interactive);
await page.getByLabel("ID").fill(login);
await page.getByLabel("パスワード").fill(password);
await page.getByRole("button", { name: "ログイン" }).click();
await page.waitForURL(/respondent$/);
const href = await page.locator("table a").first().getAttribute("href");

// A cold load (empty cache) of a page: every response's transferred body, until hydrated.
// Chromium asks for brotli; the gzip context asks for gzip only (the issues' goals are in gzip).
const context = await browser.newContext();
await context.addCookies(await page.context().cookies());
const gzipContext = await browser.newContext({ extraHTTPHeaders: { "Accept-Encoding": "gzip" } });
await gzipContext.addCookies(await page.context().cookies());
async function coldLoad(path, leaveOut = () => false, within = context) {
  const tab = await within.newPage();
  await tab.route("**/*", (route) => route.continue()); // no cache between loads
  const sizes = [];
  tab.on("requestfinished", async (r) => sizes.push({ url: r.url(), ...(await r.sizes()) }));
  await tab.goto(`${base}${path}`);
  await tab.waitForFunction(interactive);
  await tab.waitForTimeout(500);
  const counted = sizes.filter((s) => !leaveOut(new URL(s.url).pathname));
  const total = counted.reduce((n, s) => n + s.responseBodySize, 0);
  const encoding = within === gzipContext ? "gzip" : "brotli";
  console.log(`${path} transfer (compressed as served, ${encoding}): ${total} bytes in ${counted.length} responses`);
  for (const s of counted) console.log(`  ${String(s.responseBodySize).padStart(8)}  ${new URL(s.url).pathname}`);
  return tab;
}
await (await coldLoad("/networks")).close();
await (await coldLoad("/charts", (p) => p.endsWith("echarts.min.js"))).close();
await (await coldLoad("/charts", (p) => p.endsWith("echarts.min.js"), gzipContext)).close();
await (await coldLoad(href, () => false, gzipContext)).close();
const cold = await coldLoad(href);

// Keystroke → validation message: the whole questionnaire is re-validated in wasm.
const count = cold.locator('[data-key="facilities.hospital.count"] input');
await cold.getByRole("radiogroup", { name: "病院", exact: true }).getByRole("radio", { name: "実施中" }).check();
const keystroke = [];
for (let i = 0; i < 21; i++) {
  keystroke.push(
    await count.evaluate(async (input, value) => {
      const start = performance.now();
      input.value = value;
      input.dispatchEvent(new Event("input", { bubbles: true }));
      await new Promise((r) => setTimeout(r, 0));
      return performance.now() - start;
    }, i % 2 ? "0" : "12"),
  );
}
console.log(`keystroke → re-validated and re-rendered (wasm): median ${median(keystroke).toFixed(2)} ms over ${keystroke.length}`);
// The validation alone, as the form records it (User Timing; Chromium's clock has 0.1 ms steps).
const validations = await cold.evaluate(() => performance.getEntriesByName("renkei:validate").map((e) => e.duration));
console.log(`whole questionnaire validated in wasm: median ${median(validations).toFixed(2)} ms, max ${Math.max(...validations).toFixed(2)} ms over ${validations.length}`);

// Save click → confirmation on loopback.
const save = cold.getByRole("button", { name: /【参加団体数について】.*を保存/ });
const saves = [];
for (let i = 0; i < 10; i++) {
  await count.fill(String(10 + i));
  const start = Date.now();
  await save.click();
  await cold.getByRole("status").filter({ hasText: /保存しました|Saved/ }).waitFor();
  saves.push(Date.now() - start);
  await cold.evaluate(() => new Promise((r) => setTimeout(r, 50)));
}
console.log(`save click → confirmation: median ${median(saves)} ms over ${saves.length}`);
await browser.close();
