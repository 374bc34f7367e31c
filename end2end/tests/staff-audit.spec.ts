import { test, expect, hydrated, signIn } from "./fixtures";
import * as fs from "node:fs";

const NOTE = "ZQAUDIT 電話で回答をお願いした";

// Staff read the audit log as words: who by login, the network by name, the action in
// Japanese and the note's channel and text; a filter by person is a link; the CSV button
// downloads the same words. (Network 5: the notes test expects network 4 without notes.)
test("staff read the audit log in words, filter it by person and download it", async ({ page }) => {
  await signIn(page, "/staff/login", "e2e-staff");
  await expect(page).toHaveURL(/\/staff$/);

  await page.goto("/staff/networks/5/edit");
  await hydrated(page);
  const name = (await page.getByRole("heading", { level: 1 }).innerText()).split(" — ")[0].trim();
  expect(name.length).toBeGreaterThan(0);
  const notes = page.getByTestId("network-notes");
  await notes.getByLabel("方法").selectOption({ label: "電話" });
  await notes.getByLabel("内容").fill(NOTE);
  await notes.getByRole("button", { name: "記録する" }).click();
  await expect(notes.getByRole("row").filter({ hasText: "ZQAUDIT" })).toHaveCount(1);

  await page.goto("/staff/audit");
  const log = page.getByTestId("audit");
  const entry = log.locator(":scope > tbody > tr").filter({ hasText: "ZQAUDIT" });
  await expect(entry).toHaveCount(1);
  await expect(entry).toContainText("e2e-staff（職員）");
  await expect(entry).toContainText("事務局メモを記録");
  await expect(entry).toContainText(name);
  await expect(entry).toContainText("方法");
  await expect(entry).toContainText("電話");
  // The accounts the command line made are there, by login, and nothing reads as a stored id.
  await expect(log).toContainText("コマンドライン");
  await expect(log).toContainText("e2e-respondent（回答者）");
  for (const raw of ["staff:", "network:", "respondent:", '{"', "add_network_note"]) {
    await expect(log).not.toContainText(raw);
  }

  // By person: the menu lists logins; the filtered view is a link.
  await page.getByLabel("操作者").selectOption({ label: "e2e-staff（職員）" });
  await page.getByRole("button", { name: "絞り込む" }).click();
  await expect(page).toHaveURL(/[?&]actor=/);
  await expect(log.locator(":scope > tbody > tr").filter({ hasText: "ZQAUDIT" })).toHaveCount(1);
  await expect(log).not.toContainText("コマンドライン");
  const rows = log.locator(":scope > tbody > tr");
  for (let i = 0; i < (await rows.count()); i++) {
    await expect(rows.nth(i).locator("td").nth(1)).toHaveText("e2e-staff（職員）");
  }

  // The CSV of this view: Japanese headers, the same words.
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "この条件の操作履歴をCSVで出力" }).click(),
  ]);
  expect(download.suggestedFilename()).toBe("renkei-audit-log.csv");
  const text = fs.readFileSync((await download.path())!, "utf8");
  expect(text.startsWith("\ufeff日時,操作者,操作,対象,内容")).toBe(true);
  expect(text).toContain("事務局メモを記録");
  expect(text).toContain(name);
  expect(text).toContain(NOTE);
  expect(text).not.toContain("コマンドライン");
});
