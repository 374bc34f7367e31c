import * as fs from "node:fs";
import * as path from "node:path";
import { expect, test, PASSWORD, hydrated, signIn } from "./fixtures";

// A request list as Excel saves it: BOM, Japanese headers, CRLF.
const LIST =
  "\uFEFF組織名,都道府県,連携名称,住所,メールアドレス\r\n" +
  "E2E病院,秋田県,E2Eあきたネット,秋田市1-1,akita@example.jp\r\n" +
  "E2E医師会,高知県,E2Eこうちネット,高知市2-2,kochi@example.jp\r\n";

// 「組織名,…\r\nE2E日本病院,福井県,E2Eふくいネット,福井市6-6,fukui@example.jp\r\n」 in CP932.
const SJIS_LIST =
  "9167904496bc2c937393b9957b8ca72c98418c6796bc8fcc2c8f5a8f8a2c8381815b838b83418368838c83580d0a" +
  "45324593fa967b956189402c959f88e48ca72c45324582d382ad82a2836c836283672c959f88e48e73362d362c66" +
  "756b7569406578616d706c652e6a700d0a";

test("an Excel list is read, previewed row by row without issuing anything, then imported", async ({ page }) => {
  await signIn(page, "/staff/login", "e2e-staff");
  await expect(page).toHaveURL(/\/staff$/);
  await page.goto("/staff/requests");
  await hydrated(page);

  // The workbook's first sheet lands in the text box as CSV, for staff to see and correct.
  const workbook = fs.readFileSync(path.join(__dirname, "../fixtures/request-list.xlsx"));
  await page.getByLabel("ファイルを選択（CSV・Excel）").setInputFiles({
    name: "依頼先.xlsx",
    mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    buffer: workbook,
  });
  await expect(page.getByLabel(/CSVの内容/)).toHaveValue(/^組織名,都道府県,連携名称,住所,メールアドレス\r?\nE2E県立病院,岩手県,E2Eいわてネット,/);

  // The preview says what each row would do; nothing is issued yet.
  await page.getByRole("button", { name: "内容を確認する（まだ発行しません）" }).click();
  const preview = page.getByTestId("import-preview");
  await expect(preview.getByRole("status")).toHaveText("2件を新規に発行し、0件は依頼済みのため変更しません。");
  await expect(preview.getByRole("row").filter({ hasText: "E2Eみやぎネット" })).toContainText("新規：IDを発行");
  await expect(page.getByTestId("credentials")).toHaveCount(0);

  await page.getByRole("button", { name: "取り込んでIDを発行する" }).click();
  await expect(page.getByTestId("credentials").getByRole("row")).toHaveCount(3);
  // The same list again: both are asked already, and an import would leave them.
  await page.getByRole("button", { name: "内容を確認する（まだ発行しません）" }).click();
  await expect(preview.getByRole("status")).toHaveText("0件を新規に発行し、2件は依頼済みのため変更しません。");
  await expect(preview.getByRole("row").filter({ hasText: "E2Eいわてネット" })).toContainText("依頼済み：変更しません");

  // A file that only looks like a workbook gets a message next to the file input.
  await page.getByLabel("ファイルを選択（CSV・Excel）").setInputFiles({ name: "broken.xlsx", mimeType: "application/octet-stream", buffer: Buffer.from("not a workbook") });
  await expect(page.getByRole("alert").filter({ hasText: "Excelファイル（.xlsx）として読み取れません" })).toBeVisible();
});

test("staff import two organisations, download their credentials, and one respondent signs in", async ({ page, browser }) => {
  await page.goto("/staff/login");
  await hydrated(page);
  await page.getByLabel("ID").fill("e2e-staff");
  await page.getByLabel("パスワード").fill(PASSWORD);
  await page.getByRole("button", { name: "ログイン" }).click();
  await expect(page).toHaveURL(/\/staff$/);

  await page.getByRole("link", { name: "調査依頼・ID発行" }).click();
  await expect(page).toHaveURL(/\/staff\/requests$/);
  await hydrated(page);

  // A bad list is refused whole, naming the line and the field.
  await page.getByLabel(/CSVの内容/).fill("組織名,都道府県\nX病院,火星\n");
  await page.getByRole("button", { name: "取り込んでIDを発行する" }).click();
  await expect(page.getByRole("alert")).toContainText("2行目「都道府県」");

  // A list saved by Excel in Japan is Shift_JIS (CP932): it reads as the same Japanese.
  await page.getByLabel("ファイルを選択（CSV・Excel）").setInputFiles({ name: "sjis.csv", mimeType: "text/csv", buffer: Buffer.from(SJIS_LIST, "hex") });
  await expect(page.getByLabel(/CSVの内容/)).toHaveValue(/^組織名,都道府県,連携名称,住所,メールアドレス\r?\nE2E日本病院,福井県,E2Eふくいネット,/);

  await page.getByLabel("ファイルを選択（CSV・Excel）").setInputFiles({ name: "list.csv", mimeType: "text/csv", buffer: Buffer.from(LIST, "utf-8") });
  await expect(page.getByLabel(/CSVの内容/)).toHaveValue(/E2Eこうちネット/);
  await page.getByRole("button", { name: "取り込んでIDを発行する" }).click();

  const table = page.getByTestId("credentials");
  await expect(table.getByRole("row")).toHaveCount(3);
  const row = table.getByRole("row").filter({ hasText: "E2Eあきたネット" });
  const login = (await row.locator("code.login").textContent())!.trim();
  let password = (await row.locator("code.password").textContent())!.trim();
  expect(login).toMatch(/^r2012-/);
  expect(password).toHaveLength(16);

  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "差し込み印刷用CSVをダウンロード" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe("credentials.csv");
  const csv = fs.readFileSync((await download.path())!, "utf-8");
  expect(csv.charCodeAt(0)).toBe(0xfeff);
  expect(csv).toContain(`${login},${password}`);
  expect(csv).toContain("E2Eこうちネット");

  // The tracking page lists both as not yet replied.
  await page.getByRole("link", { name: "回答状況の管理" }).click();
  await expect(page.getByTestId("not-replied")).toContainText("E2Eあきたネット");
  await expect(page.getByTestId("not-replied")).toContainText("E2Eこうちネット");
  await hydrated(page);

  // Resetting a password asks first, saying what it does, and shows the new one in its row.
  const akita = page.getByTestId("tracking").getByRole("row").filter({ hasText: "E2Eあきたネット" }).first();
  const dialog = akita.getByRole("alertdialog", { name: "回答者IDの操作の確認" });
  await akita.getByRole("button", { name: "パスワード再発行" }).click();
  await expect(dialog).toContainText(`「E2Eあきたネット」の回答者ID ${login} のパスワードを再発行します。今のパスワードは使えなくなり`);
  await dialog.getByRole("button", { name: "やめる" }).click();
  await expect(dialog).toHaveCount(0);
  await akita.getByRole("button", { name: "パスワード再発行" }).click();
  await dialog.getByRole("button", { name: "再発行する" }).click();
  await expect(dialog).toHaveCount(0);
  const fresh = page.getByTestId("tracking").locator("tr.new-password");
  await expect(fresh).toContainText("新しいパスワード（一度だけ表示）");
  const reissued = (await fresh.locator("code.password").textContent())!.trim();
  expect(reissued).toHaveLength(16);
  expect(reissued).not.toBe(password);
  password = reissued;

  // A refusal needs a reason, and lands on the refusal list.
  const kochi = page.getByTestId("tracking").getByRole("row").filter({ hasText: "E2Eこうちネット" });
  await kochi.getByLabel("状況").selectOption("refused");
  await kochi.getByRole("button", { name: "変更" }).click();
  await expect(page.getByRole("alert")).toContainText("理由を入力してください");
  await kochi.getByLabel("状況").selectOption("refused");
  await kochi.getByLabel("理由").fill("E2E：回答できない");
  await kochi.getByRole("button", { name: "変更" }).click();
  await expect(page.getByTestId("refusals")).toContainText("E2E：回答できない");
  await expect(page.getByTestId("not-replied")).not.toContainText("E2Eこうちネット");

  // Every step is in the audit log.
  await page.getByRole("link", { name: "操作履歴" }).click();
  await hydrated(page);
  await page.getByLabel("操作", { exact: true }).selectOption("set_request_stage");
  await page.getByRole("button", { name: "絞り込む" }).click();
  await expect(page).toHaveURL(/action=set_request_stage/);
  // One entry (its own before/after table nests further rows).
  await expect(page.getByTestId("audit").locator(":scope > tbody > tr")).toHaveCount(1);
  await expect(page.getByTestId("audit")).toContainText("E2E：回答できない");

  // The respondent signs in with the reissued password, in a browser of their own.
  const context = await browser.newContext();
  const respondent = await context.newPage();
  await respondent.goto("/login");
  await hydrated(respondent);
  await respondent.getByLabel("ID").fill(login);
  await respondent.getByLabel("パスワード").fill(password);
  await respondent.getByRole("button", { name: "ログイン" }).click();
  await expect(respondent).toHaveURL(/\/respondent$/);
  await expect(respondent.getByRole("cell", { name: "E2Eあきたネット" })).toBeVisible();
  await context.close();
});
