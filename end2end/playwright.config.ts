import { defineConfig } from "@playwright/test";
import * as os from "node:os";
import * as path from "node:path";
import * as fs from "node:fs";

// A fresh release server on a new SQLite database (loaded with the 2012 data) for every run.
const port = Number(process.env.E2E_PORT ?? 3917);
const root = path.resolve(__dirname, "..");
// Another cargo target dir (with its site built there) for a build beside the main one.
const target = process.env.E2E_TARGET_DIR ?? path.join(root, "target");
const dbDir = fs.mkdtempSync(path.join(os.tmpdir(), "renkei-e2e-"));
export const E2E_PASSWORD = "e2e-password-12345";

export default defineConfig({
  testDir: "./tests",
  workers: 1,
  retries: 0,
  timeout: 30_000,
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    locale: "ja-JP",
    launchOptions: {
      executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  webServer: {
    // Accounts for the tests, created with the admin CLI, then the server itself.
    command: [
      `printf '%s\\n' '${E2E_PASSWORD}' | ${target}/release/server admin create-respondent --login e2e-respondent --network 4 --password-stdin`,
      `printf '%s\\n' '${E2E_PASSWORD}' | ${target}/release/server admin create-staff --login e2e-staff --password-stdin`,
      `exec ${target}/release/server`,
    ].join(" && "),
    url: `http://127.0.0.1:${port}/healthz`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: "pipe",
    env: {
      DATABASE_URL: `sqlite://${dbDir}/renkei.db`,
      RENKEI_BIND: `127.0.0.1:${port}`,
      LEPTOS_SITE_ROOT: `${target}/site`,
      LEPTOS_SITE_PKG_DIR: "pkg",
      LEPTOS_OUTPUT_NAME: "renkei",
      LEPTOS_ENV: "PROD",
      RENKEI_LOG: "warn",
    },
  },
});
