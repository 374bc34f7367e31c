import { expect, test, hydrated, signIn } from "./fixtures";

// A hostile note: markup, quotes and a second line must come back as the words typed.
const NOTE = `10/3 電話：金曜までに回答と約束 <script>alert("x")</script>\n二行目 'ZQNOTE'`;

test("staff read what the 2012 import could not keep, log a call, and nobody else sees it", async ({ page, browser }) => {
  await signIn(page, "/staff/login", "e2e-staff");
  await expect(page).toHaveURL(/\/staff$/);

  // Network 8 gave a newspaper article instead of a URL: it is a note, not its 公開URL.
  await page.goto("/staff/networks/8/edit");
  await hydrated(page);
  const notes = page.getByTestId("network-notes");
  await expect(notes.getByRole("heading", { name: "事務局メモ・連絡記録" })).toBeVisible();
  const imported = notes.getByRole("row").filter({ hasText: "日経記事" });
  await expect(imported).toContainText("取り込み");
  await expect(imported).toContainText("URLではないため公開URLには入れていません");
  await expect(page.getByLabel("公開URL")).toHaveValue("");

  // A call on network 4, logged with its channel; the box empties for the next one.
  await page.goto("/staff/networks/4/edit");
  await hydrated(page);
  await expect(notes.getByText("記録はまだありません。")).toBeVisible();
  await notes.getByLabel("方法").selectOption({ label: "電話" });
  await notes.getByLabel("内容").fill(NOTE);
  await notes.getByRole("button", { name: "記録する" }).click();
  const logged = notes.getByRole("row").filter({ hasText: "ZQNOTE" });
  await expect(logged).toContainText("電話");
  await expect(logged).toContainText("e2e-staff");
  await expect(logged.getByRole("cell").nth(3)).toHaveText(NOTE);
  await expect(notes.getByLabel("内容")).toHaveValue("");

  // Kept: it is there after a reload.
  await page.reload();
  await expect(page.getByTestId("network-notes").getByRole("row").filter({ hasText: "ZQNOTE" })).toHaveCount(1);

  // The network's respondent and the public never see it.
  const other = await browser.newContext({ locale: "ja-JP" });
  const respondent = await other.newPage();
  await signIn(respondent, "/login", "e2e-respondent");
  await expect(respondent).toHaveURL(/\/respondent$/);
  for (const path of ["/respondent/networks/4", "/staff/networks/4/edit", "/networks/4"]) {
    const response = await respondent.goto(path);
    expect(await response!.text(), path).not.toContain("ZQNOTE");
    await expect(respondent.getByTestId("network-notes")).toHaveCount(0);
  }
  await other.close();
});
