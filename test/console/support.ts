import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import { chromium, type Browser, type Page } from 'playwright-core';
import { registerConsole } from '../../console/routes.js';
import { startSecureStack, type SecureStack } from '../support/secure-stack.js';

export const consoleUser = { username: 'bookkeeper', password: 'a long console password' };

/** Debian's chromium (`apt-get install chromium`); nothing downloads a browser build. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Where page screenshots go (test artifacts, never committed). */
export const screenshotDir = process.env.CONSOLE_SCREENSHOTS ?? join('dist', 'test-artifacts', 'console');

export interface ConsoleStack {
  stack: SecureStack;
  browser: Browser;
  close(): Promise<void>;
}

/** The whole service (emulators, real Temporal, worker, HTTP server with the console) and a headless Chromium. */
export async function startConsoleStack(): Promise<ConsoleStack> {
  const stack = await startSecureStack({
    env: { CONSOLE_USERNAME: consoleUser.username, CONSOLE_PASSWORD: consoleUser.password },
    beforeListen: (app, ctx) => void registerConsole(app, ctx),
  });
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  return {
    stack,
    browser,
    async close() {
      await browser.close();
      await stack.close();
    },
  };
}

/** Signs in through the login page, as a person would. */
export async function signIn(page: Page, url: string): Promise<void> {
  await page.goto(`${url}/console/login`);
  await page.getByLabel('User name').fill(consoleUser.username);
  await page.getByLabel('Password').fill(consoleUser.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(`${url}/console`);
}

const axeSource = (): string => {
  const require = createRequire(import.meta.url);
  return (require('axe-core') as { source: string }).source;
};

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown }[];
}

/**
 * Runs axe-core in the page at 375 px and 1440 px wide, fails on any serious or critical violation or on a page wider
 * than the window (tables scroll inside their own region), and saves a screenshot at each width.
 */
export async function checkPage(page: Page, name: string): Promise<void> {
  mkdirSync(screenshotDir, { recursive: true });
  for (const width of [375, 1440]) {
    await page.setViewportSize({ width, height: 900 });
    await page.addScriptTag({ content: axeSource() });
    const violations = await page.evaluate(async () => {
      const axe = (globalThis as unknown as { axe: { run(): Promise<{ violations: AxeViolation[] }> } }).axe;
      return (await axe.run()).violations;
    });
    const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    assert.deepEqual(
      serious.map((v) => `${v.id} (${v.impact}): ${v.help} at ${JSON.stringify(v.nodes.map((n) => n.target))}`),
      [],
      `accessibility of ${name} at ${width} px`,
    );
    const overflow = await page.evaluate(() => {
      const view = globalThis as unknown as {
        innerWidth: number;
        document: { documentElement: { scrollWidth: number } };
      };
      return view.document.documentElement.scrollWidth - view.innerWidth;
    });
    assert.ok(overflow <= 0, `${name} at ${width} px is ${overflow} px wider than the window`);
    await page.screenshot({ path: join(screenshotDir, `${name}-${width}.png`), fullPage: true });
  }
}
