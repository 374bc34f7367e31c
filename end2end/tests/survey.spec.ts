import { expect, test, PASSWORD, hydrated, signIn } from "./fixtures";
import type { Page } from "@playwright/test";

async function openForm(page: Page) {
  await page.goto("/login");
  await hydrated(page);
  await page.getByLabel("ID").fill("e2e-respondent");
  await page.getByLabel("パスワード").fill(PASSWORD);
  await page.getByRole("button", { name: "ログイン" }).click();
  await expect(page).toHaveURL(/\/respondent$/);
  await page.getByRole("link", { name: "小樽後志地域医療連携システム" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("小樽後志地域医療連携システム");
  await hydrated(page);
}

test("a respondent answers with the keyboard, is checked as they type, saves and finds it again", async ({ page }) => {
  page.on("dialog", (d) => d.accept());
  await openForm(page);

  // A tri-state item is a radiogroup named by its label, operable by keyboard.
  const hospital = page.getByRole("radiogroup", { name: "病院", exact: true });
  await hospital.getByRole("radio", { name: "実施中" }).focus();
  await page.keyboard.press("Space");
  await expect(hospital.getByRole("radio", { name: "実施中" })).toBeChecked();
  await page.keyboard.press("ArrowRight");
  await expect(hospital.getByRole("radio", { name: "実施予定あり" })).toBeChecked();

  // Planned needs a count; full-width digits are accepted and normalised.
  const count = page.locator('[data-key="facilities.hospital.count"]');
  await expect(count.locator(".field-error")).toContainText("参加数（1以上）を入力してください");
  await count.getByRole("textbox").fill("１２");
  await expect(count.locator(".field-error")).toHaveCount(0);
  await count.getByRole("textbox").blur();
  await expect(count.getByRole("textbox")).toHaveValue("12");

  // 有料 without an amount is an error at once; fixing it clears the error.
  const fee = page.getByRole("radiogroup", { name: "病院 実施中のサービス" });
  await fee.getByRole("radio", { name: "有料" }).check();
  const monthly = page.locator('[data-key="fees.hospital_current.monthly"]');
  await expect(monthly.locator(".field-error")).toHaveText("有料の場合は月額を入力してください。");
  await expect(page.locator('[data-section="fees"] .state')).toHaveText("要修正");
  await monthly.getByRole("textbox").fill("３，０００");
  await expect(monthly.locator(".field-error")).toHaveCount(0);

  await page.getByRole("button", { name: /【参加団体数について】.*を保存/ }).click();
  await expect(page.getByRole("status").filter({ hasText: "保存しました" })).toBeVisible();
  await page.getByRole("button", { name: /【サービス利用・参加料金について】.*を保存/ }).click();
  await expect(page.getByRole("status").filter({ hasText: "保存しました" }).last()).toBeVisible();

  await page.reload();
  await hydrated(page);
  await expect(page.getByRole("radiogroup", { name: "病院", exact: true }).getByRole("radio", { name: "実施予定あり" })).toBeChecked();
  await expect(count.getByRole("textbox")).toHaveValue("12");
  await expect(monthly.getByRole("textbox")).toHaveValue("3000");
  await expect(fee.getByRole("radio", { name: "有料" })).toBeChecked();
});

test("typing without saving survives a reload as a draft", async ({ page }) => {
  page.on("dialog", (d) => d.accept());
  await openForm(page);
  const other = page.getByLabel("その他のサービス");
  await other.fill("下書きのテスト");
  await page.reload();
  await hydrated(page);
  await expect(page.getByText("この端末に保存されていない入力内容が残っています。")).toBeVisible();
  await expect(page.getByLabel("その他のサービス")).toHaveValue("");
  await page.getByRole("button", { name: "復元する" }).click();
  await expect(page.getByLabel("その他のサービス")).toHaveValue("下書きのテスト");
});

test("hiding a section says what the public will see", async ({ page }) => {
  await openForm(page);
  const disclosure = page.getByTestId("disclosure-facilities");
  await disclosure.getByLabel("このセクションのすべての情報を公開しない").uncheck();
  await expect(disclosure).toContainText("公開ページには、このセクションの回答がすべて表示されます。");
  await disclosure.getByLabel("このセクションのすべての情報を公開しない").check();
  await expect(disclosure).toContainText("このセクションは公開されません");
  const org = page.getByTestId("disclosure-org1");
  await org.getByLabel("このセクションのすべての情報を公開しない").uncheck();
  await org.getByLabel("このセクションの「担当者氏名」及び「Eメールアドレス」は公開しない").check();
  await expect(org).toContainText("担当者氏名とEメールアドレスを除く回答が表示されます");
});

test("a save refused by an expired session goes through after signing in again", async ({ page }) => {
  page.on("dialog", (d) => d.accept());
  await openForm(page);
  const pharmacy = page.getByRole("radiogroup", { name: "薬局", exact: true });
  await pharmacy.getByRole("radio", { name: "実施なし・予定なし" }).check();
  await page.context().clearCookies();
  await page.getByRole("button", { name: /【参加団体数について】.*を保存/ }).click();
  const expired = page.getByRole("alert").filter({ hasText: "ログインの有効期限が切れたため保存できませんでした" });
  await expect(expired).toBeVisible();

  // The alert's sign-in link comes back to this form, in this tab, and the save completes.
  const form = page.url();
  await expired.getByRole("link", { name: "ログイン" }).click();
  await hydrated(page);
  await page.getByLabel("ID").fill("e2e-respondent");
  await page.getByLabel("パスワード").fill(PASSWORD);
  await page.getByRole("button", { name: "ログイン" }).click();
  await expect(page).toHaveURL(form);
  await hydrated(page);
  await expect(page.getByRole("status").filter({ hasText: "保存しました" })).toBeVisible();
  await page.reload();
  await hydrated(page);
  await expect(page.getByRole("radiogroup", { name: "薬局", exact: true }).getByRole("radio", { name: "実施なし・予定なし" })).toBeChecked();
  await expect(page.getByText("この端末に保存されていない入力内容が残っています。")).toBeHidden();
  expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("renkei-draft")))).toEqual([]);
});

test("a respondent registers another network and lands on its form", async ({ page }) => {
  await openForm(page);
  await page.goto("/respondent");
  await hydrated(page);
  await page.getByLabel("システムの名称").fill("テスト連携ネット");
  await page.getByLabel("都道府県").selectOption("千葉県");
  await page.getByRole("button", { name: "登録して回答を始める" }).click();
  await expect(page).toHaveURL(/\/respondent\/networks\/\d+$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("テスト連携ネット");
});

test("before the session ends the form warns, and staying signed in keeps it", async ({ page }) => {
  await page.clock.install();
  await openForm(page);
  const warning = page.locator("#session-warning");
  await expect(warning).toBeHidden();
  await page.clock.fastForward("01:55:30");
  await expect(warning).toBeVisible();
  await expect(warning).toContainText("まもなく");
  await warning.getByRole("button", { name: "ログインを続ける" }).click();
  await expect(warning).toBeHidden();
});

test("signing out clears unsaved drafts from the browser", async ({ page }) => {
  page.on("dialog", (d) => d.accept());
  await openForm(page);
  await page.getByRole("radiogroup", { name: "診療所", exact: true }).getByRole("radio", { name: "実施中" }).check();
  const drafts = () => page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("renkei-draft")));
  expect(await drafts()).toHaveLength(1);
  await page.goto("/respondent");
  await page.getByRole("button", { name: "ログアウト" }).click();
  await expect(page).toHaveURL(/\/$/);
  expect(await drafts()).toEqual([]);
});

test("saving one group keeps the unsaved edits of another", async ({ page }) => {
  page.on("dialog", (d) => d.accept());
  await openForm(page);
  await page.getByLabel("システムの略称・愛称(ある場合)").fill("別グループの下書き");
  await page.getByRole("radiogroup", { name: "薬局", exact: true }).getByRole("radio", { name: "実施なし・予定なし" }).check();
  await page.getByRole("button", { name: /【参加団体数について】.*を保存/ }).click();
  await expect(page.getByRole("status").filter({ hasText: "保存しました" })).toBeVisible();
  await page.reload();
  await hydrated(page);
  await expect(page.getByRole("radiogroup", { name: "薬局", exact: true }).getByRole("radio", { name: "実施なし・予定なし" })).toBeChecked();
  await expect(page.getByText("この端末に保存されていない入力内容が残っています。")).toBeVisible();
  await page.getByRole("button", { name: "復元する" }).click();
  await expect(page.getByLabel("システムの略称・愛称(ある場合)")).toHaveValue("別グループの下書き");
});

test("two tabs: a draft older than a save in the other tab shows what differs and is never applied silently", async ({ page, context }) => {
  page.on("dialog", (d) => d.accept());
  await openForm(page);
  await page.getByLabel("その他のサービス").fill("タブ1の入力");

  // Another tab of the same person saves a different answer first.
  const other = await context.newPage();
  other.on("dialog", (d) => d.accept());
  await other.goto(page.url());
  await hydrated(other);
  await other.getByLabel("その他のサービス").fill("タブ2の入力");
  await other.getByRole("button", { name: /【参加団体数について】.*を保存/ }).click();
  await expect(other.getByRole("status").filter({ hasText: "保存しました" })).toBeVisible();
  await other.close();

  // The first tab, reloaded: the saved answer shows, and the difference is listed.
  await page.reload();
  await hydrated(page);
  await expect(page.getByLabel("その他のサービス")).toHaveValue("タブ2の入力");
  const conflict = page.locator("#draft-conflict");
  await expect(conflict).toBeVisible();
  const row = conflict.getByRole("row", { name: /その他のサービス/ });
  await expect(row).toContainText("タブ1の入力");
  await expect(row).toContainText("タブ2の入力");
  await conflict.getByRole("button", { name: "この端末の入力を使う" }).click();
  await expect(conflict).toBeHidden();
  await expect(page.getByLabel("その他のサービス")).toHaveValue("タブ1の入力");
  await page.getByRole("button", { name: /【参加団体数について】.*を保存/ }).click();
  await expect(page.getByRole("status").filter({ hasText: "保存しました" })).toBeVisible();
  expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("renkei-draft")))).toEqual([]);
});

test("what is typed before the form is interactive is kept when it wakes", async ({ page }) => {
  page.on("dialog", (d) => d.accept());
  await page.goto("/login");
  await hydrated(page);
  await page.getByLabel("ID").fill("e2e-respondent");
  await page.getByLabel("パスワード").fill(PASSWORD);
  await page.getByRole("button", { name: "ログイン" }).click();
  await expect(page).toHaveURL(/\/respondent$/);
  // A slow phone: the wasm waits until the person has typed.
  let release: () => void = () => {};
  const typed = new Promise<void>((resolve) => (release = resolve));
  await page.route("**/*.wasm", async (route) => {
    await typed;
    await route.continue();
  });
  await page.getByRole("link", { name: "小樽後志地域医療連携システム" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("小樽後志地域医療連携システム");
  await page.getByLabel("その他のサービス").fill("起動前の入力");
  release();
  await hydrated(page);
  await expect(page.getByLabel("その他のサービス")).toHaveValue("起動前の入力");
  await page.getByRole("button", { name: /【参加団体数について】.*を保存/ }).click();
  await expect(page.getByRole("status").filter({ hasText: "保存しました" })).toBeVisible();
  await page.reload();
  await hydrated(page);
  await expect(page.getByLabel("その他のサービス")).toHaveValue("起動前の入力");
});

test("on a phone the section index and the group's save button stay in reach, and sign-out is on the form", async ({ page }) => {
  page.on("dialog", (d) => d.accept());
  await page.setViewportSize({ width: 390, height: 844 });
  await openForm(page);
  await page.getByRole("radiogroup", { name: "薬局", exact: true }).scrollIntoViewIfNeeded();
  await expect(page.locator("nav.section-index")).toBeInViewport();
  await expect(page.getByRole("button", { name: /【参加団体数について】.*を保存/ })).toBeInViewport();
  // One save action per group: the other groups' buttons are not on screen here.
  await expect(page.getByRole("button", { name: /【システムの概要について】.*を保存/ })).not.toBeInViewport();
  await page.getByRole("button", { name: "ログアウト" }).click();
  await expect(page).toHaveURL(/\/$/);
});

test("a page whose form its module cannot read says to reload, instead of silently checking and saving nothing", async ({ page }) => {
  // As when the browser kept a module older than the page: the form's data has a field the
  // module does not know in place of one it needs.
  await page.route(/\/respondent\/networks\/\d+$/, async (route) => {
    const response = await route.fetch();
    const body = (await response.text()).replace('"version":', '"revision":');
    await route.fulfill({ response, body });
  });
  await openForm(page);
  await expect(page.getByRole("alert").filter({ hasText: "このページの表示が古くなっています。ページを再読み込みしてから入力してください" })).toBeVisible();
});

