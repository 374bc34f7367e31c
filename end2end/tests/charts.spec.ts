import { test, expect, hydrated } from "./fixtures";

/** The rows of a figure's data table, as text cells. */
async function tableRows(figure: import("@playwright/test").Locator) {
  return figure.locator("tbody tr").evaluateAll((rows) =>
    rows.map((r) => Array.from(r.querySelectorAll("th, td")).map((c) => c.textContent ?? "")),
  );
}

function csvRows(csv: string) {
  return csv.replace(/^\uFEFF/, "").trim().split("\n").slice(1).map((l) => l.split(","));
}

test("the charts page draws the figures in view and the others as they scroll in", async ({ page }) => {
  await page.goto("/charts");
  await hydrated(page);
  await expect(page.locator("#chart-2-1-1 canvas").first()).toBeVisible();
  const figure = page.locator("#figure-chart-2-2-1");
  await expect(figure).toContainText("n=154/154");
  await figure.getByText("データ（表）").click();
  await expect(figure.getByRole("row", { name: /^北海道/ }).getByRole("cell").first()).toHaveText("17");
  // A figure far down the page is not drawn until it comes into view.
  const last = page.locator("#chart-2-10-3");
  await expect(last.locator("canvas")).toHaveCount(0);
  await last.scrollIntoViewIfNeeded();
  await expect(last.locator("canvas").first()).toBeVisible();
  expect(await page.locator(".chart-figure").count()).toBeGreaterThanOrEqual(45);
});

test("the region filter re-aggregates on the server and redraws", async ({ page }) => {
  await page.goto("/charts");
  await hydrated(page);
  const services = page.locator("#figure-chart-2-5-2");
  await services.getByText("データ（表）").click();
  const before = await tableRows(services);
  await page.getByLabel("地方区分", { exact: true }).selectOption({ label: "九州" });
  await page.getByRole("button", { name: "絞り込む" }).click();
  await expect(page).toHaveURL(/region=kyushu/);
  await expect(page.locator("#figure-chart-2-2-1")).toContainText("n=19/19");
  // Drawn as it comes into view.
  await page.locator("#chart-2-2-1").scrollIntoViewIfNeeded();
  await expect(page.locator("#chart-2-2-1 canvas").first()).toBeVisible();
  const after = page.locator("#figure-chart-2-5-2");
  await after.getByText("データ（表）").click();
  await expect.poll(() => tableRows(after)).not.toEqual(before);
  // The permalink keeps the filter.
  await expect(after.locator("a.permalink")).toHaveAttribute("href", /\/charts\?(edition=2012&)?region=kyushu#figure-chart-2-5-2$/);
});

test("a chart's CSV has the same numbers as its table, filters included", async ({ page, request }) => {
  for (const path of ["/charts", "/charts?operator=hospital"]) {
    await page.goto(path);
    const figure = page.locator("#figure-chart-2-5-2");
    await figure.getByText("データ（表）").click();
    const href = await figure.getByRole("link", { name: "CSVをダウンロード" }).getAttribute("href");
    expect(href).toContain("/charts/2.5-2.csv");
    const csv = await (await request.get(href!)).text();
    expect(csvRows(csv)).toEqual(await tableRows(figure));
  }
});

test("asking for two filter dimensions at once is refused with a message", async ({ page }) => {
  await page.goto("/charts?region=kyushu&operator=hospital");
  await expect(page.getByText("地方区分と運営主体は同時に指定できません")).toBeVisible();
});

test("a figure nobody answered says so instead of drawing zeros", async ({ page }) => {
  await page.goto("/charts");
  await hydrated(page);
  const figures = page.locator(".chart-figure");
  let empty = 0;
  for (const figure of await figures.all()) {
    const n = (await figure.locator("figcaption .n").textContent()) ?? "";
    if (n.startsWith("n=0/")) {
      empty += 1;
      await expect(figure.getByTestId("no-answers")).toHaveText(/^回答なし/);
      await expect(figure.locator(".chart")).toHaveCount(0);
    } else {
      await expect(figure.getByTestId("no-answers")).toHaveCount(0);
    }
  }
  // The 2012 data holds only each network's overview, services and diseases (issue #21).
  expect(empty).toBeGreaterThan(0);
});

/** Opens the charts page and scrolls to a figure until ECharts has drawn it. */
async function drawnChart(page: import("@playwright/test").Page, id: string) {
  await page.goto("/charts");
  await hydrated(page);
  const chart = page.locator(`#chart-${id}`);
  await chart.scrollIntoViewIfNeeded();
  const canvas = chart.locator("canvas").first();
  await expect(canvas).toBeVisible();
  return { chart, canvas };
}

test("a chart's tooltip shows the value under the pointer, without a policy error", async ({ page }) => {
  const { chart, canvas } = await drawnChart(page, "2-2-1");
  const box = (await canvas.boundingBox())!;
  // The second of eight categories (東北, 13 networks) is under 30 % of the width.
  await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.6);
  await page.mouse.move(box.x + box.width * 0.3, box.y + box.height * 0.6);
  const tooltip = chart.locator(":scope > div").filter({ hasText: "東北" });
  await expect(tooltip).toBeVisible();
  await expect(tooltip).toContainText("13");
  // The consoleErrors fixture fails the test on any Content-Security-Policy report.
});

test("charts follow their container when the window narrows", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  const { chart, canvas } = await drawnChart(page, "2-2-1");
  const wide = (await canvas.boundingBox())!.width;
  await page.setViewportSize({ width: 480, height: 900 });
  await expect
    .poll(async () => (await canvas.boundingBox())!.width)
    .toBeLessThanOrEqual(await chart.evaluate((e) => e.clientWidth));
  expect((await canvas.boundingBox())!.width).toBeLessThan(wide);
  // Eight regions on a narrow chart: every label shown, turned so they do not overlap.
  const labels = () =>
    chart.evaluate((e) => (window as any).echarts.getInstanceByDom(e).getOption().xAxis[0].axisLabel);
  await expect.poll(async () => (await labels()).rotate).toBe(45);
  expect((await labels()).interval).toBe(0);
  // No horizontal scrolling on the narrow screen.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(480);
  // Wide again: the labels lie flat.
  await page.setViewportSize({ width: 1280, height: 900 });
  await expect.poll(async () => (await labels()).rotate ?? 0).toBe(0);
});

test("a chart of many categories labels every one of them on a desktop", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  const { chart } = await drawnChart(page, "2-5-2");
  const axis = () =>
    chart.evaluate((e) => (window as any).echarts.getInstanceByDom(e).getOption().xAxis[0]);
  // Left to itself ECharts labelled 4 of the 18 services: now each one, turned to fit.
  await expect.poll(async () => (await axis()).axisLabel.interval).toBe(0);
  expect((await axis()).axisLabel.rotate).toBe(45);
  expect((await axis()).data).toHaveLength(18);
});

test("a contents list by chapter leads to each figure: beside them on a desktop, folded on a phone", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto("/charts");
  await hydrated(page);
  const contents = page.getByRole("navigation", { name: "目次" });
  await expect(contents).toContainText("2.9 システム構築・運用費用の状況");
  const link = contents.getByRole("link", { name: /^図2\.9-1 / });
  await expect(link).toBeVisible();
  await link.click();
  await expect(page).toHaveURL(/#figure-chart-2-9-1$/);
  await expect(page.locator("#figure-chart-2-9-1")).toBeInViewport();
  // Sticky: still in view far down the page.
  await expect(contents).toBeInViewport();

  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/charts");
  await hydrated(page);
  const folded = page.getByRole("navigation", { name: "目次" });
  await expect(folded.getByRole("link", { name: /^図2\.9-1 / })).toBeHidden();
  await folded.getByText("目次", { exact: true }).click();
  await expect(folded.getByRole("link", { name: /^図2\.9-1 / })).toBeVisible();
});
