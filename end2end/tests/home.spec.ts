import { test, expect, hydrated } from "./fixtures";

test("the home page shows the live 2012 figures", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("ITを利用した全国地域医療連携の概況");
  await expect(page.getByTestId("network-count")).toHaveText("154");
  const row = (region: string) => page.getByRole("row", { name: new RegExp(`^${region}`) });
  await expect(row("北海道").getByRole("cell")).toHaveText("17");
  await expect(row("中部").getByRole("cell")).toHaveText("30");
  await expect(row("九州").getByRole("cell")).toHaveText("19");
});

test("a map of Japan shows every prefecture's networks, in Japanese and English", async ({ page }) => {
  await page.goto("/");
  const map = page.getByTestId("prefecture-map");
  const tiles = map.getByRole("listitem");
  await expect(tiles).toHaveCount(47);
  await expect(tiles.first()).toHaveText("北海道17");
  await expect(map.getByRole("listitem").filter({ hasText: /^東京/ })).toHaveAttribute("title", /^東京都 \d+$/);
  // Every tile's count adds up to the networks counted above.
  const counts = await map.locator(".tile-count").allTextContents();
  expect(counts.map(Number).reduce((a, b) => a + b, 0)).toBe(154);
  // On a phone the 13 columns still fit.
  await page.setViewportSize({ width: 390, height: 844 });
  const box = await map.locator(".tiles").boundingBox();
  expect(box!.x + box!.width).toBeLessThanOrEqual(390);
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.getByTestId("prefecture-map").getByRole("listitem").first()).toHaveText("Hokkaido17");
  await page.getByRole("button", { name: "日本語" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "ja");
});

test("the language switch stays on the page and persists", async ({ page }) => {
  await page.goto("/networks?region=kyushu");
  await page.getByRole("button", { name: "English" }).click();
  await expect(page).toHaveURL(/\/networks\?region=kyushu$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Regional healthcare networks in Japan");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");

  // The choice survives a reload (the server renders English).
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("IT-based regional healthcare networks in Japan");
  await page.getByRole("button", { name: "日本語" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("ITを利用した全国地域医療連携の概況");
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });
  test("the language switch works", async ({ page }) => {
    await page.goto("/charts");
    await page.getByRole("button", { name: "English" }).click();
    await expect(page).toHaveURL(/\/charts$/);
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
  });
});

test("on a phone no page is wider than the screen, in Japanese or English", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const pages = ["/", "/networks", "/charts", "/login", "/staff/login", "/networks/4"];
  for (const lang of ["日本語", "English"]) {
    for (const path of pages) {
      await page.goto(path);
      // As a person would, each page is let finish loading before the next is asked for.
      await hydrated(page);
      const widths = await page.evaluate(() => ({
        page: document.documentElement.scrollWidth,
        header: document.querySelector(".site-header")!.scrollWidth,
        screen: window.innerWidth,
      }));
      expect(widths.header, `${lang} ${path}: header`).toBeLessThanOrEqual(widths.screen);
      expect(widths.page, `${lang} ${path}: page`).toBeLessThanOrEqual(widths.screen);
    }
    if (lang === "日本語") {
      await page.getByRole("button", { name: "English" }).click();
      await expect(page.locator("html")).toHaveAttribute("lang", "en");
      await hydrated(page);
    }
  }
  await page.getByRole("button", { name: "日本語" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "ja");
  await hydrated(page);
});

test("an unknown address gets a 404 page", async ({ page }) => {
  const response = await page.goto("/no/such/page");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("ページが見つかりません");
  await page.getByRole("link", { name: "ホームへ戻る" }).click();
  await expect(page.getByTestId("network-count")).toHaveText("154");
});

test("pages carry the security headers", async ({ page }) => {
  const response = await page.goto("/");
  const headers = response!.headers();
  expect(headers["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[^']+'/);
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(headers["x-content-type-options"]).toBe("nosniff");
});

test("a cross-site POST to a server function is refused", async ({ request, baseURL }) => {
  const response = await request.post("/api/home_figures", {
    headers: { Origin: "https://evil.example" },
  });
  expect(response.status()).toBe(403);
  const same = await request.post("/api/home_figures", {
    headers: { Origin: baseURL! },
  });
  expect(same.status()).toBe(200);
  expect((await same.json()).networks).toBe(154);
});

test("liveness and readiness checks answer", async ({ request }) => {
  const live = await request.get("/healthz");
  expect(live.status()).toBe(200);
  expect(await live.text()).toBe("ok");
  const ready = await request.get("/readyz");
  expect(ready.status()).toBe(200);
  expect(await ready.text()).toBe("ready");
});

test("ECharts is served from the site's own files", async ({ request }) => {
  const response = await request.get("/vendor/echarts.min.js");
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toContain("javascript");
  expect((await response.body()).length).toBeGreaterThan(500_000);
});
