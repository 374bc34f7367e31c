import AxeBuilder from "@axe-core/playwright";
import { expect, test, PASSWORD, hydrated, signIn } from "./fixtures";

// axe-core in Chromium: the questionnaire and the submit step, as a respondent uses them,
// have no serious or critical accessibility problem.
test("the questionnaire and the submit step pass axe without serious or critical issues", async ({ page }) => {
  await signIn(page, "/login", "e2e-respondent");
  await expect(page).toHaveURL(/\/respondent$/);
  await page.getByRole("link", { name: "小樽後志地域医療連携システム" }).click();
  await hydrated(page);
  for (const where of ["form", "submit"]) {
    if (where === "submit") {
      await page.getByRole("link", { name: "回答を提出する" }).click();
      await hydrated(page);
    }
    const results = await new AxeBuilder({ page }).analyze();
    const serious = results.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => `${v.id}: ${v.help} (${v.nodes.length}) ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(" | ")}`);
    expect(serious, where).toEqual([]);
  }
});

test("a respondent changes their password, and back", async ({ page }) => {
  await signIn(page, "/login", "e2e-respondent");
  await expect(page).toHaveURL(/\/respondent$/);
  const change = async (from: string, to: string) => {
    await page.getByRole("link", { name: "パスワード変更" }).click();
    await hydrated(page);
    await page.getByLabel("現在のパスワード").fill(from);
    await page.getByLabel("新しいパスワード（12文字以上）").fill(to);
    await page.getByLabel("新しいパスワード（確認）").fill(to);
    await page.getByRole("button", { name: "変更する" }).click();
  };
  await change("wrong-password-000", "another-password-99");
  await expect(page.getByRole("alert")).toContainText("現在のパスワードが正しくありません");
  await page.goto("/respondent");
  await change(PASSWORD, "another-password-99");
  await expect(page.getByRole("status")).toContainText("パスワードを変更しました");
  await page.goto("/respondent");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await change("another-password-99", PASSWORD);
  await expect(page.getByRole("status")).toContainText("パスワードを変更しました");
});
