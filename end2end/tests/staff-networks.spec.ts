import { expect, test, PASSWORD, hydrated, signIn } from "./fixtures";
import type { Page } from "@playwright/test";

// The respondent registers a duplicate of its own network (report no 4), so merging it moves
// no respondent to another network and the other specs see the same accounts.

const KEPT = "小樽後志地域医療連携システム";
// The same name with half-width katakana and a suffix: one name contains the other.
const DUPLICATE = "小樽後志地域医療連携ｼｽﾃﾑ E2E";

test("a registered duplicate is flagged for staff, who merge it; its page is gone from the directory", async ({ page, browser }) => {
  // The respondent registers a network named like one of the same prefecture.
  await signIn(page, "/login", "e2e-respondent");
  await expect(page).toHaveURL(/\/respondent$/);
  await hydrated(page);
  await page.getByLabel("システムの名称").fill(DUPLICATE);
  await page.getByLabel("都道府県").selectOption("北海道");
  await page.getByRole("button", { name: "登録して回答を始める" }).click();
  await expect(page).toHaveURL(/\/respondent\/networks\/\d+$/);
  const duplicateId = page.url().match(/(\d+)$/)![1];

  // Staff find it in the queue with the network it likely duplicates.
  const staffContext = await browser.newContext({ locale: "ja-JP" });
  const staff = await staffContext.newPage();
  await signIn(staff, "/staff/login", "e2e-staff");
  await expect(staff).toHaveURL(/\/staff$/);
  await staff.getByRole("link", { name: "連携の管理" }).click();
  await expect(staff).toHaveURL(/\/staff\/networks$/);
  await hydrated(staff);
  const row = staff.getByTestId("network-queue").getByRole("row").filter({ hasText: DUPLICATE });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("北海道");
  await expect(row).toContainText("e2e-respondent");
  const duplicates = row.getByTestId("duplicates");
  await expect(duplicates.getByRole("link", { name: KEPT })).toHaveAttribute("href", /^\/networks\/\d+$/);
  await expect(duplicates).toContainText("一方の名称を含む");

  // Merging asks first; cancelling leaves everything as it was.
  await duplicates.getByRole("button", { name: "この連携に統合…" }).click();
  const confirm = staff.getByTestId("confirm");
  await expect(confirm).toContainText(DUPLICATE);
  await expect(confirm).toContainText(KEPT);
  await confirm.getByRole("button", { name: "やめる" }).click();
  await expect(confirm).toBeHidden();
  await expect(row).toHaveCount(1);

  await duplicates.getByRole("button", { name: "この連携に統合…" }).click();
  await staff.getByTestId("confirm").getByRole("button", { name: "統合する" }).click();
  await expect(staff.getByTestId("care-done")).toContainText(`統合しました：「${DUPLICATE}」→「${KEPT}」`);
  await expect(staff.getByTestId("confirm")).toBeHidden();
  await expect(staff.getByTestId("network-queue").getByRole("row").filter({ hasText: DUPLICATE })).toHaveCount(0);

  // The search shows it merged, naming the network kept; no ids on screen.
  const search = staff.locator("form.filters");
  await search.getByLabel("名称・略称で検索").fill("E2E");
  await search.getByLabel("都道府県").selectOption("北海道");
  await search.getByRole("button", { name: "絞り込む" }).click();
  await expect(staff).toHaveURL(/q=E2E/);
  const found = staff.getByTestId("network-search").getByRole("row").filter({ hasText: DUPLICATE });
  await expect(found).toContainText(`統合済み：統合先 ${KEPT}`);
  await staffContext.close();

  // The public directory lists the network kept only, and the duplicate's page is gone.
  await page.goto(`/networks?q=${encodeURIComponent("小樽後志")}`);
  const names = page.locator("table.directory tbody tr td:nth-child(3)");
  await expect(names).toHaveCount(1);
  await expect(names).toContainText(KEPT);
  await expect(page.locator("table.directory")).not.toContainText("E2E");
  const gone = await page.goto(`/networks/${duplicateId}`);
  expect(gone!.status()).toBe(410);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("この地域医療連携は削除されました");
  await page.getByRole("link", { name: KEPT }).click();
  await expect(page).toHaveURL(/\/networks\/\d+$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(KEPT);
  // The respondent's list no longer has it.
  await page.goto("/respondent");
  await expect(page.getByRole("link", { name: DUPLICATE })).toHaveCount(0);
  await expect(page.getByRole("link", { name: KEPT })).toHaveCount(1);
});
