import { expect, test, PASSWORD, hydrated, signIn } from "./fixtures";

// Staff preview the 2013 draft's questionnaire from the editions page: the form as
// respondents will see it, every input disabled, nothing to save. Read-only: it changes
// nothing on the shared server. (A closed survey's read-only answers are covered by the
// server test server/tests/readonly.rs only: closing 2012 here would change what every
// other spec on this server sees.)

test("staff preview the 2013 draft as respondents will see it", async ({ page }) => {
  await page.goto("/staff/login");
  await hydrated(page);
  await page.getByLabel("ID").fill("e2e-staff");
  await page.getByLabel("パスワード").fill(PASSWORD);
  await page.getByRole("button", { name: "ログイン" }).click();
  await expect(page).toHaveURL(/\/staff$/);

  await page.goto("/staff/editions");
  await hydrated(page);
  const row2013 = page.getByTestId("edition-2013");
  await expect(row2013).toContainText("準備中");
  await row2013.getByRole("link", { name: "プレビュー" }).click();
  await expect(page).toHaveURL(/\/staff\/editions\/2013\/preview$/);
  await hydrated(page);

  await expect(page.getByTestId("preview-banner")).toContainText("2013年度（準備中）の調査票のプレビューです。");
  // The item 2013 adds, with its choices, each disabled.
  const diabetes = page.locator('.item[data-key="services.diseases.diabetes"]');
  await expect(diabetes).toContainText("糖尿病");
  const radios = diabetes.getByRole("radio");
  expect(await radios.count()).toBeGreaterThan(1);
  for (const radio of await radios.all()) {
    await expect(radio).toBeDisabled();
  }
  await radios.first().click({ force: true });
  await expect(radios.first()).not.toBeChecked();
  // Every other control too, and there is nothing to save.
  const controls = page.locator("#questionnaire-readonly").locator("input, select, textarea, button");
  expect(await controls.count()).toBeGreaterThan(100);
  for (const control of (await controls.all()).slice(0, 20)) {
    await expect(control).toBeDisabled();
  }
  await expect(page.locator("#questionnaire-readonly").locator("input:enabled, select:enabled, textarea:enabled, button:enabled")).toHaveCount(0);
  await expect(page.getByRole("button", { name: /を保存/ })).toHaveCount(0);

  await page.getByRole("link", { name: "調査年度の管理に戻る" }).click();
  await expect(page).toHaveURL(/\/staff\/editions$/);
});
