import { test, expect, hydrated } from "./fixtures";
import type { Page } from "@playwright/test";

// This file has its own server and database (see playwright.config.ts): opening the next
// edition changes what every page shows.
test.use({ baseURL: `http://127.0.0.1:${Number(process.env.E2E_PORT ?? 3917) + 1}` });
test.describe.configure({ mode: "serial" });

const PASSWORD = "e2e-password-12345";

async function signIn(page: Page, path: string, login: string) {
  await page.goto(path);
  await hydrated(page);
  await page.getByLabel("ID").fill(login);
  await page.getByLabel("パスワード").fill(PASSWORD);
  await page.getByRole("button", { name: "ログイン" }).click();
}

test("staff open 2013; a 2012 respondent confirms carried answers, answers 糖尿病, and the trend shows both years", async ({ page }) => {
  page.on("dialog", (d) => d.accept());
  await signIn(page, "/staff/login", "e2e-staff");
  await expect(page).toHaveURL(/\/staff$/);
  await page.goto("/staff/editions");
  await hydrated(page);
  const row2013 = page.getByTestId("edition-2013");
  await expect(row2013).toContainText("準備中");
  await row2013.getByRole("button", { name: "回答受付を開始" }).click();
  await expect(row2013).toContainText("回答受付中");
  await expect(page.getByTestId("edition-2012")).toContainText("終了");
  await expect(page.getByTestId("stopped")).toContainText("小樽後志地域医療連携システム");

  await page.context().clearCookies();
  await signIn(page, "/login", "e2e-respondent");
  await expect(page).toHaveURL(/\/respondent$/);
  await page.getByRole("link", { name: "小樽後志地域医療連携システム" }).click();
  await hydrated(page);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("2013");
  await expect(page.getByTestId("carried-banner")).toContainText("2012年度の回答を引き継いでいます");
  // 2012's published answers are filled in and marked; confirming the section clears the marks.
  const overview = page.locator("#section-overview");
  await expect(overview.locator(".carried-badge").first()).toHaveText("2012年度から");
  await overview.getByRole("button", { name: "このセクションの内容を確認しました" }).click();
  await expect(overview.locator(".carried-badge")).toHaveCount(0);
  await page.getByRole("button", { name: /【システムの概要について】.*を保存/ }).click();
  await expect(page.getByRole("status").filter({ hasText: "保存しました" })).toBeVisible();
  // 糖尿病 is new in 2013.
  const diabetes = page.getByRole("radiogroup", { name: "糖尿病" });
  await diabetes.getByRole("radio", { name: "実施中" }).focus();
  await page.keyboard.press("Space");
  await page.keyboard.press("ArrowRight");
  await expect(diabetes.getByRole("radio", { name: "実施予定あり" })).toBeChecked();
  await page.getByRole("button", { name: /【参加団体数について】.*を保存/ }).click();
  await expect(page.getByRole("status").filter({ hasText: "保存しました" }).last()).toBeVisible();

  await page.reload();
  await hydrated(page);
  await expect(page.getByRole("radiogroup", { name: "糖尿病" }).getByRole("radio", { name: "実施予定あり" })).toBeChecked();
  await expect(page.locator("#section-overview .carried-badge")).toHaveCount(0);
  await expect(page.getByLabel("システムの名称")).toHaveValue("小樽後志地域医療連携システム");

  // The public directory switches to 2013: the one network that answered it, linked to its 2013 page.
  await page.goto("/networks");
  await hydrated(page);
  await page.getByLabel("調査年度").selectOption("2013");
  await page.getByRole("button", { name: "絞り込む" }).click();
  await expect(page).toHaveURL(/edition=2013/);
  await expect(page.getByTestId("results-summary")).toHaveText("1件中 1–1件を表示");
  await page.getByRole("link", { name: "小樽後志地域医療連携システム" }).click();
  await expect(page).toHaveURL(/\/networks\/\d+\?edition=2013$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("小樽後志地域医療連携システム");

  // The public compares the figure across both editions.
  await page.goto("/charts");
  await hydrated(page);
  const figure = page.locator("#figure-chart-2-5-1");
  await figure.getByRole("button", { name: "年度で比較" }).click();
  const table = figure.locator("table.chart-data").last();
  await expect(table.getByRole("columnheader", { name: "2012 実施中" })).toBeAttached();
  await expect(table.getByRole("columnheader", { name: "2013 実施予定あり" })).toBeAttached();
  await expect(table.getByRole("rowheader", { name: "糖尿病" })).toBeAttached();
  await expect(page.locator("#chart-2-5-1-editions canvas").first()).toBeVisible();
});
