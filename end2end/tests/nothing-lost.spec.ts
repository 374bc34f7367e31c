import { expect, test, PASSWORD, hydrated, signIn } from "./fixtures";
import type { Page } from "@playwright/test";

// Nothing a respondent types is lost, replayed under someone else or published (issue #18):
// the failures not covered by survey.spec.ts, each as a person meets it.

const OTARU = "小樽後志地域医療連携システム";
const draftTexts = (page: Page) =>
  page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("renkei-draft")).map((k) => localStorage.getItem(k) ?? ""));

async function openOtaru(page: Page, login = "e2e-respondent") {
  await signIn(page, "/login", login);
  await expect(page).toHaveURL(/\/respondent$/);
  await page.getByRole("link", { name: OTARU }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(OTARU);
  await hydrated(page);
}

test("back to the form after a save shows what was saved, with no false conflict", async ({ page }) => {
  page.on("dialog", (d) => d.accept());
  await openOtaru(page);
  const care = page.getByRole("radiogroup", { name: "参加施設すべての情報連携に一括同意" });
  await care.getByRole("radio", { name: "実施なし・予定なし" }).check();
  await page.getByRole("button", { name: /【参加団体数について】.*を保存/ }).click();
  await expect(page.getByRole("status").filter({ hasText: "保存しました" })).toBeVisible();

  await page.getByRole("link", { name: "回答を提出する" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("回答の提出");
  await page.goBack();
  await hydrated(page);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(OTARU);
  await expect(care.getByRole("radio", { name: "実施なし・予定なし" })).toBeChecked();
  await expect(page.locator("#draft-conflict")).toBeHidden();
  await expect(page.getByText("この端末に保存されていない入力内容が残っています。")).toBeHidden();
  expect(await draftTexts(page)).toEqual([]);
});

test("on a shared computer, a refused save is never replayed nor offered under the next sign-in", async ({ page }) => {
  page.on("dialog", (d) => d.accept());
  const secret = "共有端末に残った下書き";
  await openOtaru(page);
  const nickname = page.getByLabel("システムの略称・愛称(ある場合)");
  const before = await nickname.inputValue();
  await nickname.fill(secret);
  // The session ends (a shared computer left signed out): the save is refused and kept.
  await page.context().clearCookies();
  await page.getByRole("button", { name: /【システムの概要について】.*を保存/ }).click();
  const expired = page.getByRole("alert").filter({ hasText: "ログインの有効期限が切れたため保存できませんでした" });
  await expect(expired).toBeVisible();
  expect((await draftTexts(page)).some((d) => d.includes(secret))).toBe(true);

  // The next person signs in on the same page, with another account of the same network.
  const form = page.url();
  await expired.getByRole("link", { name: "ログイン" }).click();
  await hydrated(page);
  await page.getByLabel("ID").fill("e2e-respondent-2");
  await page.getByLabel("パスワード").fill(PASSWORD);
  await page.getByRole("button", { name: "ログイン" }).click();
  await expect(page).toHaveURL(form);
  await hydrated(page);
  await expect(nickname).toHaveValue(before);
  await expect(page.getByText("この端末に保存されていない入力内容が残っています。")).toBeHidden();
  await expect(page.locator("#draft-conflict")).toBeHidden();
  await expect(page.getByRole("status").filter({ hasText: "保存しました" })).toHaveCount(0);
  expect((await draftTexts(page)).some((d) => d.includes(secret))).toBe(false);
  // Nor did the server receive it.
  await page.reload();
  await hydrated(page);
  await expect(nickname).toHaveValue(before);
});

test("a network from the request list opens with its name and without errors", async ({ page }) => {
  await signIn(page, "/staff/login", "e2e-staff");
  await expect(page).toHaveURL(/\/staff$/);
  await page.goto("/staff/requests");
  await hydrated(page);
  const list = "\uFEFF組織名,都道府県,連携名称,住所,メールアドレス\r\nE2E名前病院,岩手県,E2E名前のあるネット,盛岡市5-5,namae@example.jp\r\n";
  await page.getByLabel(/CSVの内容/).fill(list);
  await page.getByRole("button", { name: "取り込んでIDを発行する" }).click();
  const row = page.getByTestId("credentials").getByRole("row").filter({ hasText: "E2E名前のあるネット" });
  const login = (await row.locator("code.login").textContent())!.trim();
  const password = (await row.locator("code.password").textContent())!.trim();

  const respondent = await (await page.context().browser()!.newContext({ locale: "ja-JP" })).newPage();
  await signIn(respondent, "/login", login, password);
  await respondent.getByRole("link", { name: "E2E名前のあるネット" }).click();
  await hydrated(respondent);
  await expect(respondent.getByLabel("システムの名称")).toHaveValue("E2E名前のあるネット");
  await expect(respondent.locator(".field-error")).toHaveCount(0);
  await expect(respondent.locator('[data-section="overview"] .state')).not.toHaveText("要修正");
  await respondent.context().close();
});

test("an imported answer that fails today's rules is shown once and blocks nothing", async ({ page }) => {
  page.on("dialog", (d) => d.accept());
  await signIn(page, "/staff/login", "e2e-staff");
  await expect(page).toHaveURL(/\/staff$/);
  // Network 9 (新ひだか町) was imported with 未定 beside other bearers, as 別添2 prints it:
  // today's form refuses that combination.
  await page.goto("/staff/networks/9/edit");
  await hydrated(page);
  const planned = page.locator('[data-key="bearers.planned.construction"]');
  await expect(planned.getByLabel("未定")).toBeChecked();
  await expect(planned.getByLabel("自治体の負担")).toBeChecked();
  await expect(planned.locator(".field-error")).toHaveCount(1);
  await expect(page.locator(".field-error")).toHaveCount(1);
  const operation = page.locator('[data-key="bearers.current.operation"]');
  const ticked = await operation.getByLabel("患者さんの利用料・会費等で負担").isChecked();
  await operation.getByLabel("患者さんの利用料・会費等で負担").setChecked(!ticked);
  await page.getByRole("button", { name: /【費用の負担について】.*を保存|【費用の負担について】を保存/ }).click();
  await expect(page.getByRole("status").filter({ hasText: "保存しました" })).toBeVisible();
  await page.reload();
  await hydrated(page);
  await expect(operation.getByLabel("患者さんの利用料・会費等で負担")).toBeChecked({ checked: !ticked });
  await expect(planned.getByLabel("未定")).toBeChecked();
  await expect(planned.getByLabel("自治体の負担")).toBeChecked();
});

test("the person answering is asked for staff alone: never on a public page or file", async ({ page, request }) => {
  page.on("dialog", (d) => d.accept());
  await openOtaru(page);
  const block = page.locator("#section-respondent");
  await expect(block.getByRole("heading", { level: 2 })).toHaveText("回答者情報");
  await expect(block.getByTestId("disclosure-respondent")).toContainText("この欄は公開されず");
  await expect(block.getByRole("checkbox")).toHaveCount(0);
  await block.getByLabel("回答者名").fill("回答　花子");
  await block.getByLabel("回答者Eメール").fill("hanako@example.jp");
  await block.getByLabel("回答者電話番号").fill("0134-00-0000");
  await page.getByRole("button", { name: /【回答者情報】.*を保存/ }).click();
  await expect(page.getByRole("status").filter({ hasText: "保存しました" })).toBeVisible();
  await page.reload();
  await hydrated(page);
  await expect(block.getByLabel("回答者名")).toHaveValue("回答　花子");

  // The submit step says it is for staff only.
  await page.getByRole("link", { name: "回答を提出する" }).click();
  await expect(page.getByRole("row", { name: /回答者情報/ })).toContainText("この欄は公開されず");

  // Not on the public page, nor in the open data.
  const network = await page.evaluate(() => location.pathname.split("/")[3]);
  for (const path of [`/networks/${network}`, "/networks.csv", "/networks.json"]) {
    const body = await (await request.get(path)).text();
    expect(body, path).not.toContain("花子");
    expect(body, path).not.toContain("hanako@example.jp");
  }
  await page.goto(`/networks/${network}`);
  await expect(page.getByText("回答者情報")).toHaveCount(0);
});
