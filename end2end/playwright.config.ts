import { defineConfig } from "@playwright/test";
import * as os from "node:os";
import * as path from "node:path";
import * as fs from "node:fs";

// A fresh server on a new SQLite database (loaded with the 2012 data) for every run: the
// release build, or the one E2E_PROFILE names (scripts/test.sh tests the debug build, whose
// dependencies the Rust tests have already compiled).
const port = Number(process.env.E2E_PORT ?? 3917);
const root = path.resolve(__dirname, "..");
export const E2E_PASSWORD = "e2e-password-12345";
// The build to test: this checkout's target directory unless E2E_TARGET_DIR names another.
const target = process.env.E2E_TARGET_DIR ?? `${root}/target`;
const bin = `${target}/${process.env.E2E_PROFILE ?? "release"}/server`;
const YEAR_TWO_PORT = port + 1;
const POSTGRES_PORT = port + 2;
const POSTGRES_SHARED_PORT = port + 3;
// A PostgreSQL server for the year-two journey on PostgreSQL (scripts/test.sh sets it).
const postgres = process.env.E2E_POSTGRES_URL;

/** A server on a fresh database: a new SQLite file, or a new database on `postgres`. */
function server(listen: number, postgresServer?: string) {
  const dbDir = fs.mkdtempSync(path.join(os.tmpdir(), "renkei-e2e-"));
  const databaseUrl = postgresServer
    ? postgresServer.replace(/\/[^/?]*(\?|$)/, `/renkei_e2e_${process.pid}_${listen}$1`)
    : `sqlite://${dbDir}/renkei.db`;
  return {
    // Accounts for the tests, created with the admin CLI (two for network 4: a shared
    // computer's next person), then the server itself.
    command: [
      `printf '%s\\n' '${E2E_PASSWORD}' | ${bin} admin create-respondent --login e2e-respondent --network 4 --password-stdin`,
      `printf '%s\\n' '${E2E_PASSWORD}' | ${bin} admin create-respondent --login e2e-respondent-2 --network 4 --password-stdin`,
      `printf '%s\\n' '${E2E_PASSWORD}' | ${bin} admin create-staff --login e2e-staff --password-stdin`,
      `exec ${bin}`,
    ].join(" && "),
    url: `http://127.0.0.1:${listen}/readyz`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: "pipe" as const,
    env: {
      DATABASE_URL: databaseUrl,
      RENKEI_BIND: `127.0.0.1:${listen}`,
      LEPTOS_SITE_ROOT: `${target}/site`,
      LEPTOS_SITE_PKG_DIR: "pkg",
      LEPTOS_OUTPUT_NAME: "renkei",
      LEPTOS_ENV: "PROD",
      RENKEI_LOG: "warn",
    },
  };
}

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
  // Servers, each on its own fresh database: most tests share one; the year-two journey opens
  // the next survey edition, which changes what every page shows, so it has its own. Every
  // test runs on SQLite and, when there is a PostgreSQL server, on PostgreSQL too.
  projects: [
    { name: "sqlite", testIgnore: /year-two/ },
    { name: "year-two-sqlite", testMatch: /year-two/, use: { baseURL: `http://127.0.0.1:${YEAR_TWO_PORT}` } },
    ...(postgres
      ? [
          { name: "postgres", testIgnore: /year-two/, use: { baseURL: `http://127.0.0.1:${POSTGRES_SHARED_PORT}` } },
          { name: "year-two-postgres", testMatch: /year-two/, use: { baseURL: `http://127.0.0.1:${POSTGRES_PORT}` } },
        ]
      : []),
  ],
  webServer: [
    server(port),
    server(YEAR_TWO_PORT),
    ...(postgres ? [server(POSTGRES_PORT, postgres), server(POSTGRES_SHARED_PORT, postgres)] : []),
  ],
});
