import { expect, test, PASSWORD, hydrated, signIn } from "./fixtures";

test("a respondent signs in, sees only their network, and signs out", async ({ page }) => {
  await page.goto("/respondent");
  await expect(page).toHaveURL(/\/login$/);

  await signIn(page, "/login", "e2e-respondent", "not the password");
  await expect(page.getByRole("alert")).toHaveText("IDまたはパスワードが正しくありません。");

  await page.getByLabel("パスワード").fill(PASSWORD);
  await page.getByRole("button", { name: "ログイン" }).click();
  await expect(page).toHaveURL(/\/respondent$/);
  await expect(page.getByRole("cell", { name: "小樽後志地域医療連携システム" })).toBeVisible();
  await expect(page.getByRole("row")).toHaveCount(2);

  const cookie = (await page.context().cookies()).find((c) => c.name === "renkei_session");
  expect(cookie?.httpOnly).toBe(true);
  expect(cookie?.sameSite).toBe("Lax");

  // A respondent is not staff.
  await page.goto("/staff");
  await expect(page.getByRole("alert")).toContainText("このページを見る権限がありません。");

  await page.goto("/respondent");
  await hydrated(page);
  await page.getByRole("button", { name: "ログアウト" }).click();
  await expect(page).toHaveURL(/\/$/);
  await page.goto("/respondent");
  await expect(page).toHaveURL(/\/login$/);
});

test("staff sign in through their own door", async ({ page }) => {
  await page.goto("/staff");
  await expect(page).toHaveURL(/\/staff\/login$/);
  // A staff login is not a respondent login.
  await signIn(page, "/login", "e2e-staff", PASSWORD);
  await expect(page.getByRole("alert")).toHaveText("IDまたはパスワードが正しくありません。");
  await signIn(page, "/staff/login", "e2e-staff", PASSWORD);
  await expect(page).toHaveURL(/\/staff$/);
  await expect(page.getByTestId("staff-networks")).toHaveText("154");
});
