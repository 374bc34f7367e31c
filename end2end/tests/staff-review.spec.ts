import { expect, test, PASSWORD, hydrated, signIn } from "./fixtures";
import type { Page } from "@playwright/test";

// Uses facility items no other spec touches (care, other), so specs stay independent of order.

const NETWORK = "小樽後志地域医療連携システム";
const NOTE = "その他の施設の参加状況をご確認ください。";

async function openForm(page: Page) {
  await page.goto(`/respondent`);
  await hydrated(page);
  await page.getByRole("link", { name: NETWORK }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(NETWORK);
  await hydrated(page);
}

/** Answers one facility, saves its group and submits (提出) the response. */
async function answer(page: Page, facility: string, choice: string) {
  await page.getByRole("radiogroup", { name: facility, exact: true }).getByRole("radio", { name: choice }).check();
  await page.getByRole("button", { name: /【参加団体数について】.*を保存/ }).click();
  await expect(page.getByRole("status").filter({ hasText: "保存しました" })).toBeVisible();
  await page.getByRole("link", { name: "回答を提出する" }).click();
  await hydrated(page);
  await page.getByRole("button", { name: "提出する" }).click();
  await expect(page.getByRole("status").filter({ hasText: "提出しました" })).toBeVisible();
  await page.getByRole("link", { name: "回答画面に戻る" }).click();
  await hydrated(page);
}

async function openSubmission(staff: Page) {
  await staff.goto("/staff");
  await hydrated(staff);
  await staff.getByRole("navigation", { name: "職員メニュー" }).getByRole("link", { name: "回答の確認" }).click();
  await expect(staff).toHaveURL(/\/staff\/review$/);
  await staff.getByRole("link", { name: NETWORK }).click();
  await expect(staff.getByRole("heading", { level: 1 })).toHaveText(NETWORK);
  await hydrated(staff);
}

test("staff return a submission with a note, the respondent fixes it, staff approve", async ({ page, browser }) => {
  page.on("dialog", (d) => d.accept());
  const staffContext = await browser.newContext({ locale: "ja-JP" });
  const staff = await staffContext.newPage();
  await signIn(staff, "/staff/login", "e2e-staff");
  await expect(staff).toHaveURL(/\/staff$/);

  // The respondent saves a section: it is in the review queue, with what changed.
  await signIn(page, "/login", "e2e-respondent");
  await expect(page).toHaveURL(/\/respondent$/);
  await openForm(page);
  await answer(page, "介護施設", "実施なし・予定なし");
  await openSubmission(staff);
  const changes = staff.getByTestId("review-changes");
  await expect(changes.getByRole("row", { name: /介護施設/ }).first()).toContainText("実施なし・予定なし");

  // Returning needs a note; with one, the submission is returned.
  await staff.getByRole("button", { name: "差し戻す" }).click();
  await expect(staff.getByRole("alert")).toContainText("差し戻す理由");
  await staff.getByLabel("差し戻す理由（回答者の画面の上部に表示されます）").fill(NOTE);
  await staff.getByRole("button", { name: "差し戻す" }).click();
  await expect(staff.getByTestId("review-status")).toHaveText("差し戻し");

  // The respondent sees the note at the top of the form, fixes and saves.
  await page.reload();
  await hydrated(page);
  await expect(page.getByRole("note")).toContainText(NOTE);
  await answer(page, "その他の施設", "実施なし・予定なし");

  // Back in the queue, showing only the fix; staff approve and the queue empties of it.
  await openSubmission(staff);
  await expect(changes.getByRole("row", { name: /その他の施設/ }).first()).toContainText("実施なし・予定なし");
  await expect(changes.getByRole("row", { name: /介護施設/ })).toHaveCount(0);
  await staff.getByRole("button", { name: "承認する" }).click();
  await expect(staff.getByTestId("review-status")).toHaveText("承認済み");
  await staff.goto("/staff/review");
  await hydrated(staff);
  await expect(staff.getByRole("heading", { level: 1 })).toContainText("回答の確認");
  await expect(staff.getByRole("link", { name: NETWORK })).toHaveCount(0);
  await staffContext.close();
});
