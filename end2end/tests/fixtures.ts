import { test as base, expect } from "@playwright/test";

// Every page must load without a console error, an uncaught exception or a
// failed sub-request (this catches CSP violations, failed hydration, missing files).
export const test = base.extend<{ consoleErrors: string[] }>({
  consoleErrors: [
    async ({ page, javaScriptEnabled }, use) => {
      const errors: string[] = [];
      page.on("console", (m) => {
        // Failed loads are judged below, by request, so a page that is meant to be a 404 passes.
        // Prefixed with the page it came from (a policy error names no document).
        if (m.type() === "error" && !m.text().startsWith("Failed to load resource")) errors.push(`${page.url()}: ${m.text()}`);
      });
      page.on("response", (r) => {
        // Server-function errors are answers the page shows; the tests check those on screen.
        if (r.status() >= 400 && !r.request().isNavigationRequest() && !new URL(r.url()).pathname.startsWith("/api/")) errors.push(`${r.status()} ${r.url()}`);
      });
      page.on("requestfailed", (r) => {
        // With JavaScript off the browser refuses the scripts themselves.
        if (!javaScriptEnabled && r.resourceType() === "script") return;
        // A load cut short by the test navigating on is not a fault; a missing file is a 404 above.
        if (r.failure()?.errorText === "net::ERR_ABORTED") return;
        errors.push(`failed ${r.url()}`);
      });
      page.on("pageerror", (e) => errors.push(String(e)));
      await use(errors);
      expect(errors, "console errors").toEqual([]);
    },
    { auto: true },
  ],
});
export { expect };

/**
 * Resolves once the page's scripts are interactive: Leptos' main module with every island of
 * the page (where the page loads it), and the questionnaire's own module (where there is a
 * form). A page with neither is a plain document.
 */
export async function hydrated(page: import("@playwright/test").Page) {
  await page.waitForFunction(() => {
    const w = window as any;
    const leptos = document.querySelector('link[rel="modulepreload"][href$="/renkei.js"]') !== null;
    const islands = document.querySelectorAll("leptos-island").length;
    const form = document.getElementById("questionnaire-start") !== null;
    return (
      (!leptos || (w.__renkei_hydrated === true && (w.__renkei_islands ?? 0) >= islands)) &&
      (!form || w.__renkei_form_ready === true)
    );
  });
}

/** The password of the accounts the test servers are given (playwright.config.ts). */
export const PASSWORD = "e2e-password-12345";

/** Signs in on a sign-in page (`/login` or `/staff/login`). */
export async function signIn(page: import("@playwright/test").Page, path: string, login: string, password = PASSWORD) {
  await page.goto(path);
  await hydrated(page);
  await page.getByLabel("ID").fill(login);
  await page.getByLabel("パスワード").fill(password);
  await page.getByRole("button", { name: "ログイン" }).click();
}
