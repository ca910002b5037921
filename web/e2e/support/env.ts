// What the browser tests are given: the server's address (also playwright.config.ts baseURL) and
// the one password of the demo accounts (`daylight --json demo` prints it).
import { fileURLToPath } from 'node:url'

export const BASE_URL = process.env.DAYLIGHT_URL ?? 'http://127.0.0.1:8080'

export function demoPassword(): string {
  const password = process.env.DAYLIGHT_PASSWORD
  if (!password) {
    throw new Error('DAYLIGHT_PASSWORD is not set: run the browser tests with scripts/test-browser.sh, or set ' +
      'DAYLIGHT_URL and DAYLIGHT_PASSWORD for a server started with a demo database')
  }
  return password
}

/** web/e2e-artifacts: screenshots, generated files, the report (gitignored). */
export const ARTIFACTS = fileURLToPath(new URL('../../e2e-artifacts/', import.meta.url))

/** The demo accounts (docs: `daylight demo`). */
export const DEMO = {
  admin: 'admin',
  handler: 'jingban',
  leader: 'lingdao',
  unitAdmin: 'danwei',
  inspector: 'jijian',
} as const
