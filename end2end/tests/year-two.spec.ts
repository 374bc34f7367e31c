import { expect, test, PASSWORD, hydrated, signIn } from "./fixtures";
import type { Browser, Page } from "@playwright/test";

// The second survey year, start to finish, on a server of its own (once on SQLite, once on
// PostgreSQL: see playwright.config.ts): staff open 2013 from 2012, ask two networks, two
// respondents answer (one also registers a new network), staff return one, it is corrected,
// staff approve both, and only valid answers reach the public; 2013 closes, 2012 stays.
test.describe.configure({ mode: "serial" });

const OTARU = "小樽後志地域医療連携システム";
const ASKED = "E2E年次ネット";
const SILENT = "E2E未回答ネット";
const NOTE = "糖尿病の連携状況をご確認ください。";
const DUPLICATE = "小樽後志地域医療連携ｼｽﾃﾑ";
const LIST =
  "\uFEFF組織名,都道府県,連携名称,住所,メールアドレス\r\n" +
  `E2E年次病院,秋田県,${ASKED},秋田市3-3,nenji@example.jp\r\n` +
  `E2E未回答医師会,高知県,${SILENT},高知市4-4,silent@example.jp\r\n`;

async function newPage(browser: Browser) {
  return (await browser.newContext({ locale: "ja-JP" })).newPage();
}

/** Opens a network's form from the respondent's list. */
async function openForm(page: Page, network: string) {
  await page.goto("/respondent");
  await hydrated(page);
  await page.getByRole("link", { name: network }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(network);
  await hydrated(page);
}

/** The 提出 step, from the form: what each section makes public, then submit. */
async function submit(page: Page) {
  await page.getByRole("link", { name: "回答を提出する" }).click();
  await hydrated(page);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("回答の提出");
  await page.getByRole("button", { name: "提出する" }).click();
  await expect(page.getByRole("status").filter({ hasText: "提出しました" })).toBeVisible();
  await expect(page.getByTestId("response-status")).toHaveText("提出済み（確認待ち）");
}

async function saveFacilities(page: Page) {
  await page.getByRole("button", { name: /【参加団体数について】.*を保存/ }).click();
  await expect(page.getByRole("status").filter({ hasText: "保存しました" }).last()).toBeVisible();
}

/** Opens one submission of the edition being collected from the review queue. */
async function openSubmission(staff: Page, network: string) {
  await staff.goto("/staff/review");
  await hydrated(staff);
  await expect(staff.getByRole("heading", { level: 1 })).toContainText("2013");
  await staff.getByRole("link", { name: network }).click();
  await expect(staff.getByRole("heading", { level: 1 })).toHaveText(network);
  await expect(staff.getByTestId("review-edition")).toHaveText("2013");
  await hydrated(staff);
}

test("year two: open, ask, answer, return, correct, approve, publish, close", async ({ page, browser }) => {
  // Staff open 2013; the confirmation says 2012 closes.
  await signIn(page, "/staff/login", "e2e-staff");
  await expect(page).toHaveURL(/\/staff$/);
  await page.goto("/staff/editions");
  await hydrated(page);
  const row2013 = page.getByTestId("edition-2013");
  await expect(row2013).toContainText("準備中");
  await row2013.getByRole("button", { name: "回答受付を開始" }).click();
  await expect(row2013.getByRole("alertdialog")).toContainText("2013年度の回答受付を開始し、2012年度の受付を終了します。");
  await row2013.getByRole("alertdialog").getByRole("button", { name: "回答受付を開始" }).click();
  await expect(row2013).toContainText("回答受付中");
  await expect(page.getByTestId("edition-2012")).toContainText("終了");

  // The request list goes to 2013, the edition being collected, without choosing it.
  await page.getByRole("link", { name: "調査依頼・ID発行" }).click();
  await hydrated(page);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("2013");
  await expect(page.getByLabel("対象の調査年度")).toHaveValue("2013");
  await page.getByLabel(/CSVの内容/).fill(LIST);
  await page.getByRole("button", { name: "取り込んでIDを発行する" }).click();
  const credentials = page.getByTestId("credentials").getByRole("row").filter({ hasText: ASKED });
  const login = (await credentials.locator("code.login").textContent())!.trim();
  const password = (await credentials.locator("code.password").textContent())!.trim();
  expect(login).toMatch(/^r2013-/);

  // Respondent 1 (network 4, answered 2012): carried answers, 糖尿病 new in 2013.
  const first = await newPage(browser);
  await signIn(first, "/login", "e2e-respondent");
  await expect(first).toHaveURL(/\/respondent$/);
  await openForm(first, OTARU);
  await expect(first.getByRole("heading", { level: 1 })).toContainText("2013");
  await expect(first.getByTestId("carried-banner")).toContainText("2012年度の回答を引き継いでいます");
  const overview = first.locator("#section-overview");
  await overview.getByRole("button", { name: "このセクションの内容を確認しました" }).click();
  await first.getByRole("button", { name: /【システムの概要について】.*を保存/ }).click();
  await expect(first.getByRole("status").filter({ hasText: "保存しました" })).toBeVisible();
  const diabetes = first.getByRole("radiogroup", { name: "糖尿病" });
  await diabetes.getByRole("radio", { name: "実施中" }).focus();
  await first.keyboard.press("Space");
  await first.keyboard.press("ArrowRight");
  await expect(diabetes.getByRole("radio", { name: "実施予定あり" })).toBeChecked();
  await saveFacilities(first);
  // Saved is not submitted: staff's queue is empty until the respondent submits.
  await page.goto("/staff/review");
  await expect(page.getByTestId("review-empty")).toBeVisible();
  await submit(first);

  // Respondent 2 signs in with the issued credentials and answers the asked network.
  const second = await newPage(browser);
  await signIn(second, "/login", login, password);
  await expect(second).toHaveURL(/\/respondent$/);
  await openForm(second, ASKED);
  await second.getByRole("radiogroup", { name: "介護施設", exact: true }).getByRole("radio", { name: "実施中" }).check();
  await second.getByRole("textbox", { name: "介護施設 参加数" }).fill("3");
  await saveFacilities(second);
  await submit(second);

  // Respondent 2 also registers a network named like network 4: staff see it flagged.
  await second.goto("/respondent");
  await hydrated(second);
  await second.getByLabel("システムの名称").fill(DUPLICATE);
  await second.getByLabel("都道府県").selectOption("北海道");
  await second.getByRole("button", { name: "登録して回答を始める" }).click();
  await expect(second).toHaveURL(/\/respondent\/networks\/\d+$/);
  await page.goto("/staff/networks");
  await hydrated(page);
  const flagged = page.getByTestId("network-queue").getByRole("row").filter({ hasText: DUPLICATE });
  await expect(flagged.getByTestId("duplicates").getByRole("link", { name: OTARU })).toBeVisible();

  // Nothing is public before staff approve it.
  await page.goto("/networks?edition=2013");
  await expect(page.getByTestId("results-summary")).toHaveText("条件に合う地域医療連携はありません。");

  // Staff return network 4 with a note; the respondent sees it, corrects and resubmits.
  await openSubmission(page, OTARU);
  await page.getByLabel("差し戻す理由（回答者の画面の上部に表示されます）").fill(NOTE);
  await page.getByRole("button", { name: "差し戻す" }).click();
  await expect(page.getByTestId("review-status")).toHaveText("差し戻し");
  await first.getByRole("link", { name: "回答画面に戻る" }).click();
  await hydrated(first);
  await expect(first.getByRole("note").filter({ hasText: "事務局からのお知らせ" })).toContainText(NOTE);
  await first.getByRole("radiogroup", { name: "糖尿病" }).getByRole("radio", { name: "実施中" }).check();
  await saveFacilities(first);
  await submit(first);

  // Staff approve both; tracking shows 有効回答 for each.
  for (const network of [OTARU, ASKED]) {
    await openSubmission(page, network);
    await page.getByRole("button", { name: "承認する" }).click();
    await expect(page.getByTestId("review-status")).toHaveText("承認済み");
  }
  await page.goto("/staff/tracking");
  await hydrated(page);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("2013");
  const tracking = page.getByTestId("tracking");
  for (const network of [OTARU, ASKED]) {
    await expect(tracking.getByRole("row").filter({ hasText: network }).locator("td.stage")).toHaveText("有効回答");
  }
  await expect(page.getByTestId("not-replied")).toContainText(SILENT);

  // The public sees 2013's valid answers only, and compares 2012 with 2013.
  await page.goto("/networks?edition=2013");
  await expect(page.getByTestId("results-summary")).toHaveText("2件中 1–2件を表示");
  await expect(page.getByRole("link", { name: OTARU })).toBeVisible();
  await expect(page.getByRole("link", { name: ASKED })).toBeVisible();
  await page.goto("/charts?edition=2013");
  await hydrated(page);
  await expect(page.getByTestId("valid-answers")).toContainText("有効回答は事務局が承認した回答です（2013年度）");
  const figure = page.locator("#figure-chart-2-5-1");
  await figure.getByRole("button", { name: "年度で比較" }).click();
  const table = figure.locator("table.chart-data").last();
  await expect(table.getByRole("columnheader", { name: "2012 実施中" })).toBeAttached();
  await expect(table.getByRole("columnheader", { name: "2013 実施中" })).toBeAttached();
  await expect(table.getByRole("rowheader", { name: "糖尿病" })).toBeAttached();
  await expect(page.locator("#chart-2-5-1-editions canvas").first()).toBeVisible();

  // Staff close 2013; the confirmation counts who answered and who did not.
  await page.goto("/staff/editions");
  await hydrated(page);
  await row2013.getByRole("button", { name: "回答受付を終了" }).click();
  await expect(row2013.getByRole("alertdialog")).toContainText("回答あり 3件（うち有効回答 2件）、依頼済みで未回答 1件");
  await row2013.getByRole("alertdialog").getByRole("button", { name: "回答受付を終了" }).click();
  await expect(row2013).toContainText("終了");

  // The respondent's form is now their answers, read-only, with the closing date.
  await openForm(first, OTARU);
  await expect(first.getByTestId("closed-notice")).toHaveText(
    /^2013年度の調査は終了しました（終了日：\d{4}-\d{2}-\d{2}）。回答内容は以下のとおりです。$/,
  );
  const closedDiabetes = first.getByRole("radiogroup", { name: "糖尿病" });
  // As corrected after the return: in progress.
  await expect(closedDiabetes.getByRole("radio", { name: "実施中" })).toBeChecked();
  await expect(closedDiabetes.getByRole("radio", { name: "実施中" })).toBeDisabled();
  await expect(first.getByRole("button", { name: /を保存/ })).toHaveCount(0);

  // A closed survey: 2012 is still browsable beside 2013.
  await page.goto("/networks?edition=2012");
  await expect(page.getByTestId("results-summary")).toContainText("154件中");
  await page.goto("/networks?edition=2013");
  await expect(page.getByTestId("results-summary")).toHaveText("2件中 1–2件を表示");
});
