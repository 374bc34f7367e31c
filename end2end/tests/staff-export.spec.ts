import { test, expect, hydrated } from "./fixtures";
import * as fs from "node:fs";

// Staff download every answer from their page: a button posts to this site (a link on
// another site cannot start the export), and the file is a CSV Excel opens.
test("staff download the full data from their page", async ({ page }) => {
  await page.goto("/staff/login");
  await hydrated(page);
  await page.getByLabel("ID").fill("e2e-staff");
  await page.getByLabel("パスワード").fill("e2e-password-12345");
  await page.getByRole("button", { name: "ログイン" }).click();
  await expect(page).toHaveURL(/\/staff$/);
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "CSV（日本語見出し）" }).click(),
  ]);
  expect(download.suggestedFilename()).toBe("renkei-responses-2012-ja.csv");
  const text = fs.readFileSync((await download.path())!, "utf8");
  expect(text.startsWith("\ufeff番号,ID,都道府県")).toBe(true);
  expect(text).toContain("小樽後志地域医療連携システム");
});
