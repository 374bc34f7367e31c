import { test, expect, hydrated } from "./fixtures";

test("the charts page draws the live figures with their data", async ({ page }) => {
  await page.goto("/charts");
  await hydrated(page);
  await expect(page.locator("#chart-2-2-1 canvas").first()).toBeVisible();
  await expect(page.locator("#chart-2-2-2 canvas").first()).toBeVisible();
  const figure = page.locator("#figure-chart-2-2-1");
  await expect(figure).toContainText("n=154/154");
  await figure.getByText("データ（表）").click();
  await expect(figure.getByRole("row", { name: /^北海道/ }).getByRole("cell").first()).toHaveText("17");
});

test("a chart's CSV has the same numbers as its table", async ({ page, request }) => {
  await page.goto("/charts");
  const figure = page.locator("#figure-chart-2-2-2");
  await figure.getByText("データ（表）").click();
  const tableRows = await figure.locator("tbody tr").evaluateAll((rows) =>
    rows.map((r) => Array.from(r.querySelectorAll("th, td")).map((c) => c.textContent ?? "")),
  );
  const csv = await (await request.get("/charts/2.2-2.csv")).text();
  const csvRows = csv.replace(/^\uFEFF/, "").trim().split("\n").slice(1).map((l) => l.split(","));
  expect(csvRows).toEqual(tableRows);
});
