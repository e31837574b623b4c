import os from "node:os";
import path from "node:path";
import { defineConfig } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 3210);
// A fresh data dir for every run, shared with the test workers through the environment.
process.env.E2E_DATA_DIR ??= path.join(os.tmpdir(), `cjt-e2e-${Date.now()}`);

export default defineConfig({
  testDir: "tests/e2e",
  timeout: 180_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  forbidOnly: true,
  reporter: [["list"]],
  use: {
    baseURL: `http://localhost:${port}`,
    locale: "zh-CN",
    launchOptions: {
      // Playwright cannot download browsers here: Debian's Chromium is used.
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  projects: [
    // The existing specs at the desktop default (1280 × 720); they set a phone size themselves where they check one.
    { name: "desktop", testIgnore: /phone\.spec\.ts$/ },
    // The main journeys on a phone: a 375 × 812 touch screen that honours the page's viewport meta tag.
    {
      name: "phone",
      testMatch: /phone\.spec\.ts$/,
      use: { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true },
    },
  ],
  webServer: {
    command: "node --import tsx server.ts",
    url: `http://localhost:${port}/healthz`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: "ignore",
    stderr: "pipe",
    env: {
      DATA_DIR: process.env.E2E_DATA_DIR,
      PORT: String(port),
      LOG_LEVEL: "info",
      NODE_ENV: "test",
      DEMO_PASSWORD: "Demo-Pass-2026!",
      // Every browser test signs in from 127.0.0.1; the limit itself is tested in tests/integration/http-security.test.ts.
      AUTH_IP_LIMIT: "100000",
    },
  },
});
