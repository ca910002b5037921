// Browser tests (e2e/) against a running `daylight serve` with the demo county: Debian's Chromium,
// headless, 1366×768. scripts/test-browser.sh starts the server and sets DAYLIGHT_URL and
// DAYLIGHT_PASSWORD; screenshots and failure traces go to e2e-artifacts/ (not in git).
import { defineConfig } from '@playwright/test'

export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  outputDir: 'e2e-artifacts/results',
  // One worker: the tests share one server and database, and the machine has two cores.
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 90_000,
  expect: { timeout: 10_000 },
  reporter: [
    ['list'],
    ['html', { outputFolder: 'e2e-artifacts/report', open: 'never' }],
    ['json', { outputFile: 'e2e-artifacts/results.json' }],
  ],
  use: {
    baseURL: process.env.DAYLIGHT_URL ?? 'http://127.0.0.1:8080',
    viewport: { width: 1366, height: 768 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    headless: true,
    launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    actionTimeout: 15_000,
    navigationTimeout: 30_000,
  },
})
