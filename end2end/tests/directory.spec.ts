import { test, expect, hydrated } from "./fixtures";

test("filter the directory by region; the filter lives in the URL", async ({ page }) => {
  await page.goto("/networks");
  await expect(page.getByTestId("results-summary")).toHaveText("154件中 1–50件を表示");
  await hydrated(page);
  await page.getByLabel("地方区分").selectOption({ label: "九州" });
  await page.getByRole("button", { name: "絞り込む" }).click();
  await expect(page).toHaveURL(/region=kyushu/);
  await expect(page.getByTestId("results-summary")).toHaveText("19件中 1–19件を表示");
  const regions = page.locator("table.directory tbody tr td:nth-child(6)");
  await expect(regions).toHaveCount(19);
  for (const text of await regions.allTextContents()) expect(text).toBe("九州");
  await page.reload();
  await expect(page.getByTestId("results-summary")).toHaveText("19件中 1–19件を表示");
});

test("search ＩＤ－ＬＩＮＫ in full width and find the ID-Link networks", async ({ page }) => {
  await page.goto("/networks");
  await hydrated(page);
  await page.getByLabel("名称・略称で検索").fill("ＩＤ－ＬＩＮＫ");
  await page.getByRole("button", { name: "絞り込む" }).click();
  await expect(page).toHaveURL(/q=/);
  const names = page.locator("table.directory tbody tr td:nth-child(3)");
  await expect(names.filter({ hasText: "小樽後志地域医療連携システム" })).toHaveCount(1);
  await expect(names.filter({ hasText: /^ID-Link$/ })).toHaveCount(1);
  await expect(names.filter({ hasText: /^ID-LINK$/ })).toHaveCount(1);
  await expect(page.locator("mark").first()).toBeVisible();
});

test("a detail page shows published sections and hides private ones", async ({ page }) => {
  await page.goto("/networks?q=ID-Link");
  await page.getByRole("link", { name: "ID-Link", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("ID-Link");
  await expect(page.getByText("情報更新日")).toBeVisible();
  const services = page.locator('[data-section="services"]');
  await expect(services).toHaveAttribute("data-published", "true");
  await expect(services.locator("span.tri").first()).toBeVisible();
  // 別添2 never tells whether the representative organisation was published: kept private.
  const organisation = page.locator('[data-section="org1"]');
  await expect(organisation).toHaveAttribute("data-published", "false");
  await expect(organisation).toContainText("この項目は公開されていません。");
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the directory filters and pages on the server", async ({ page }) => {
    await page.goto("/networks");
    await page.getByLabel("地方区分").selectOption({ label: "中部" });
    await page.getByRole("button", { name: "絞り込む" }).click();
    await expect(page.getByTestId("results-summary")).toHaveText("30件中 1–30件を表示");
    await page.goto("/networks?page=4");
    await expect(page.getByTestId("results-summary")).toHaveText("154件中 151–154件を表示");
    // Only the page shown is the current one; every other page is a link.
    const pager = page.getByRole("navigation", { name: "ページ送り" });
    await expect(pager.locator('[aria-current="page"]')).toHaveCount(1);
    await expect(pager.locator('[aria-current="page"]')).toHaveText("4");
    await expect(pager.getByRole("link", { name: "1", exact: true })).not.toHaveAttribute("aria-current", /.*/);
  });
});

test("English pages name prefectures in English; filters still work by them", async ({ page }) => {
  await page.goto("/networks");
  await hydrated(page);
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await page.getByLabel("Prefecture").selectOption({ label: "Hokkaido" });
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/pref=/);
  const prefectures = page.locator("table.directory tbody tr td:nth-child(2)");
  await expect(prefectures.first()).toHaveText("Hokkaido");
  for (const text of await prefectures.allTextContents()) expect(text).toBe("Hokkaido");
  await page.getByRole("link", { name: /./ }).and(page.locator("table.directory tbody a")).first().click();
  await expect(page.locator("main")).toContainText("Hokkaido");
});
