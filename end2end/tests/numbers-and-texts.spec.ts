import { expect, test, PASSWORD, hydrated, signIn } from "./fixtures";
import type { Page } from "@playwright/test";

// Issue 18, "Nothing a respondent types is ever lost": amounts pasted with their units,
// one message per field, text limits with a counter, and long unbroken text that wraps.
// Uses items no other spec touches (budget, clinic fees, the summary), so specs stay
// independent of order.

const NETWORK = "小樽後志地域医療連携システム";

async function openForm(page: Page) {
  await signIn(page, "/login", "e2e-respondent");
  await expect(page).toHaveURL(/\/respondent$/);
  await page.getByRole("link", { name: NETWORK }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(NETWORK);
  await hydrated(page);
}

/** The ids of message slots that show more than one message. */
async function crowdedSlots(page: Page) {
  return page.$$eval(".item .messages", (slots) => slots.filter((s) => s.children.length > 1).map((s) => s.id));
}

/** Whether the page is no wider than the window (long text wrapped, nothing sticks out). */
async function fitsTheWindow(page: Page) {
  return page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
}

test("an amount pasted in yen is read into the field's unit, said once, saved and kept", async ({ page, context }, testInfo) => {
  page.on("dialog", (d) => d.accept());
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await openForm(page);

  const construction = page.locator('[data-key="budget.current.construction"]');
  const box = construction.getByRole("textbox");
  await expect(box).toHaveAttribute("aria-describedby", "q-budget-current-construction-messages");

  // Not whole in thousands of yen: said when the person leaves the field, once, at the field.
  await box.fill("1,500円");
  await expect(construction.locator(".field-error")).toHaveCount(0);
  await box.blur();
  await expect(construction.locator(".field-error")).toHaveText(
    "1.5千円になり、千円単位の整数になりません。千円単位の整数で入力してください。",
  );
  await expect(box).toHaveAttribute("aria-invalid", "true");
  await expect(construction.locator(".messages > *")).toHaveCount(1);

  // Pasted as a spreadsheet cell is copied: the text and its line break.
  await page.evaluate(() => navigator.clipboard.writeText("3,000円\r\n"));
  await box.fill("");
  await box.focus();
  await page.keyboard.press("Control+V");
  await expect(box).toHaveValue("3,000円");
  await expect(construction.locator(".field-error")).toHaveCount(0);
  await expect(construction.locator(".field-note")).toHaveText("3 千円として保存します。");
  await expect(construction.locator(".messages > *")).toHaveCount(1);
  await expect(box).toHaveAttribute("aria-invalid", "false");
  await construction.screenshot({ path: testInfo.outputPath("understood.png") });
  // Leaving the field shows the number stored; the conversion stays told.
  await box.blur();
  await expect(box).toHaveValue("3");
  await expect(construction.locator(".field-note")).toHaveText("3 千円として保存します。");

  // Paid with an amount that cannot be read: one message, why it cannot be read — not also
  // "enter the monthly amount".
  await page.getByRole("radiogroup", { name: "診療所 実施中のサービス" }).getByRole("radio", { name: "有料" }).check();
  const monthly = page.locator('[data-key="fees.clinic_current.monthly"]');
  await monthly.getByRole("textbox").fill("5千円?");
  await monthly.getByRole("textbox").blur();
  await expect(monthly.locator(".field-error")).toHaveText("金額を数字で入力してください（例: 3,000 や 3,000円）。");
  await expect(monthly.locator(".messages > *")).toHaveCount(1);
  expect(await crowdedSlots(page)).toEqual([]);
  // Fixed in full width: the message goes at once, and what will be saved is said.
  await monthly.getByRole("textbox").fill("５千円");
  await expect(monthly.locator(".field-error")).toHaveCount(0);
  await expect(monthly.locator(".field-note")).toHaveText("5,000 円として保存します。");
  expect(await crowdedSlots(page)).toEqual([]);

  await page.getByRole("button", { name: /【サービス利用・参加料金について】.*を保存/ }).click();
  await expect(page.getByRole("status").filter({ hasText: "保存しました" })).toBeVisible();

  await page.reload();
  await hydrated(page);
  await expect(box).toHaveValue("3");
  await expect(monthly.getByRole("textbox")).toHaveValue("5000");
  await expect(page.getByRole("radiogroup", { name: "診療所 実施中のサービス" }).getByRole("radio", { name: "有料" })).toBeChecked();
  expect(await crowdedSlots(page)).toEqual([]);
});

test("a text shows its length against its limit, and the limit holds", async ({ page }, testInfo) => {
  page.on("dialog", (d) => d.accept());
  await openForm(page);
  const item = page.locator('[data-key="overview.main.summary"]');
  const summary = item.getByRole("textbox");
  const counter = item.locator(".char-count");
  const live = page.locator("#q-overview-main-summary-count-live");
  await expect(summary).toHaveAttribute("maxlength", "2000");
  await expect(summary).toHaveAttribute(
    "aria-describedby",
    "q-overview-main-summary-messages q-overview-main-summary-count",
  );
  await expect(live).toHaveAttribute("aria-live", "polite");

  await summary.fill("地域連携");
  await expect(counter).toHaveText("4／2000文字");
  // Far from the limit nothing is announced.
  await expect(live).toHaveText("");
  await summary.fill("あ".repeat(1850));
  await expect(counter).toHaveText("1850／2000文字");
  await expect(live).toHaveText("残り150文字です。");
  // Not every keystroke: still the same announcement a few characters on.
  await page.keyboard.type("いうえ");
  await expect(counter).toHaveText("1853／2000文字");
  await expect(live).toHaveText("残り150文字です。");

  // Typing past the limit: the field stops at it and the counter says so.
  await summary.fill("あ".repeat(1999));
  await page.keyboard.type("いうえお");
  await expect(counter).toHaveText("2000／2000文字");
  expect((await summary.inputValue()).length).toBe(2000);
  await expect(live).toHaveText("文字数の上限に達しました。");
  await expect(item.locator(".field-error")).toHaveCount(0);
  await summary.fill("地域の病院と診療所を結ぶ連携システムです。");
  await item.screenshot({ path: testInfo.outputPath("counter.png") });
});

test("a 300-character unbroken text wraps on the form, the review page and the public page", async ({ page, browser }, testInfo) => {
  page.on("dialog", (d) => d.accept());
  await openForm(page);
  const id = page.url().match(/networks\/(\d+)/)![1];
  const wide = "W".repeat(300);

  await page.locator('[data-key="overview.main.summary"]').getByRole("textbox").fill(wide);
  await page.getByRole("button", { name: /【システムの概要について】.*を保存/ }).click();
  await expect(page.getByRole("status").filter({ hasText: "保存しました" })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath("form.png"), fullPage: true });
  expect(await fitsTheWindow(page)).toBe(true);
  // Submitted (提出), it reaches the staff's review queue.
  await page.getByRole("link", { name: "回答を提出する" }).click();
  await hydrated(page);
  await page.getByRole("button", { name: "提出する" }).click();
  await expect(page.getByRole("status").filter({ hasText: "提出しました" })).toBeVisible();

  // Staff see it on the review page, and approve it so that it is public.
  const staffContext = await browser.newContext({ locale: "ja-JP" });
  const staff = await staffContext.newPage();
  await signIn(staff, "/staff/login", "e2e-staff");
  await expect(staff).toHaveURL(/\/staff$/);
  await staff.goto("/staff/review");
  await hydrated(staff);
  await staff.getByRole("link", { name: NETWORK }).click();
  await expect(staff.getByRole("heading", { level: 1 })).toHaveText(NETWORK);
  await hydrated(staff);
  await expect(staff.getByText(wide).first()).toBeVisible();
  await staff.screenshot({ path: testInfo.outputPath("review.png"), fullPage: true });
  expect(await fitsTheWindow(staff)).toBe(true);
  await staff.getByRole("button", { name: "承認する" }).click();
  await expect(staff.getByTestId("review-status")).toHaveText("承認済み");
  await staffContext.close();

  await page.goto(`/networks/${id}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(NETWORK);
  await expect(page.getByText(wide)).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath("detail.png"), fullPage: true });
  expect(await fitsTheWindow(page)).toBe(true);
  // And on a phone's width.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: testInfo.outputPath("detail-narrow.png"), fullPage: true });
  const text = page.getByText(wide);
  const box = await text.boundingBox();
  expect(box!.width).toBeLessThanOrEqual(390);
});
