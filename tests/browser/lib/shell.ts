/**
 * Helpers for browser tests of the Lightning shell: start `localorg serve` on the repository (the real CLI, a free
 * port), wait for the component bundle, sign a Chromium page in through frontdoor.jsp, fail on any browser console
 * error, and leave a screenshot under reports/browser/ when a test fails.
 *
 *   const server = await startShell();            // once per file (before)
 *   const browser = await launchChromium();
 *   await withPage(t, browser, server, async (page) => {
 *     await signIn(page, server, '/lightning/n/BookingSyncAdmin');
 *     await expectVisible(page.getByText('Sync log'));
 *   });
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { TestContext } from 'node:test';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const SCREENSHOTS = path.join(REPO_ROOT, 'reports', 'browser');
const CLI = path.join(REPO_ROOT, 'localorg', 'bin', 'localorg.js');
/** The seeded running user's zone: the browser shows date-times in it, as the org does for that user. */
export const USER_TIME_ZONE = 'America/Los_Angeles';

export interface ShellServer {
  url: string;
  token: string;
  output(): string;
  stop(): Promise<void>;
}

/** Starts `localorg serve --seed data/sample-plan.json --port 0` and waits until its bundle is compiled. */
export async function startShell(extraArgs: string[] = []): Promise<ShellServer> {
  const token = `00DLOCAL0000001!browser${process.pid}`;
  const child = spawn(
    process.execPath,
    [
      CLI,
      'serve',
      '--seed',
      path.join(REPO_ROOT, 'data', 'sample-plan.json'),
      '--port',
      '0',
      '--token',
      token,
      ...extraArgs
    ],
    { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LOCALORG_TOKEN: '', PORT: '' } }
  );
  let out = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr.on('data', (c: Buffer) => (out += c.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start within 300 s:\n${out}`)), 300_000);
    const poll = setInterval(() => {
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) {
        clearInterval(poll);
        clearTimeout(timer);
        resolve(m[1]);
      }
    }, 100);
    child.once('exit', (code) => {
      clearInterval(poll);
      clearTimeout(timer);
      reject(new Error(`serve exited with ${code}:\n${out}`));
    });
  });
  const server: ShellServer = { url, token, output: () => out, stop: () => stop(child) };
  await waitForBundle(server);
  return server;
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  await exited;
}

/** Signs in over HTTP and polls the build status until the bundle is ready (a first build takes a minute or more). */
async function waitForBundle(server: ShellServer, timeoutMs = 15 * 60_000): Promise<void> {
  const signIn = await fetch(frontdoorUrl(server, '/lightning'), { redirect: 'manual' });
  const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0];
  if (!cookie) throw new Error(`frontdoor.jsp set no cookie (status ${signIn.status})`);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const status = (await (await fetch(`${server.url}/lightning/_status`, { headers: { cookie } })).json()) as {
      state: string;
      message?: string;
    };
    if (status.state === 'ready') return;
    if (status.state === 'failed') throw new Error(`the bundle build failed: ${status.message}`);
    if (Date.now() > deadline)
      throw new Error(`the bundle was not ready after ${timeoutMs / 1000}s:\n${server.output()}`);
    await new Promise((r) => setTimeout(r, 1000));
  }
}

export function frontdoorUrl(server: ShellServer, retURL: string): string {
  return `${server.url}/secur/frontdoor.jsp?sid=${encodeURIComponent(server.token)}&retURL=${encodeURIComponent(retURL)}`;
}

/** Debian's Chromium, headless; no browser download. */
export function launchChromium(): Promise<Browser> {
  const executablePath = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => fs.existsSync(p));
  if (!executablePath) throw new Error('Chromium is not installed (apt-get install chromium; .ci/run does it)');
  return chromium.launch({
    executablePath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync'
    ]
  });
}

/**
 * Runs `body` with a fresh page (own cookies, the user's time zone). Any console error or uncaught page error fails
 * the test (unless `allowConsole` expects it, e.g. Chromium's "Failed to load resource" for a page that is meant to
 * answer 404); a failing test leaves `reports/browser/<test name>.png`.
 */
export async function withPage(
  t: TestContext,
  browser: Browser,
  body: (page: Page) => Promise<void>,
  options: { allowConsole?: RegExp[] } = {}
): Promise<void> {
  const context = await browser.newContext({ timezoneId: USER_TIME_ZONE, viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && !(options.allowConsole ?? []).some((r) => r.test(m.text()))) {
      problems.push(`console error: ${m.text()}`);
    }
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  try {
    await body(page);
    if (problems.length) throw new Error(`the browser reported errors:\n${problems.join('\n')}`);
  } catch (e) {
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    const file = path.join(SCREENSHOTS, `${t.name.replace(/[^\w.-]+/g, '-').slice(0, 80)}.png`);
    await page.screenshot({ path: file, fullPage: true }).catch(() => undefined);
    const detail = problems.length ? `\n${problems.join('\n')}` : '';
    (e as Error).message += `${detail}\n(screenshot: ${path.relative(REPO_ROOT, file)})`;
    throw e;
  } finally {
    await context.close();
  }
}

/** Opens frontdoor.jsp with the org's token and lands on `retURL`, signed in. */
export async function signIn(page: Page, server: ShellServer, retURL: string): Promise<void> {
  await page.goto(frontdoorUrl(server, retURL));
  await page.waitForURL((u) => u.pathname === retURL.split('?')[0]);
}

/** Saves a screenshot under reports/browser/ (for looking at a passing page too). */
export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

export async function expectVisible(locator: Locator, timeout = 30_000): Promise<void> {
  await locator.first().waitFor({ state: 'visible', timeout });
}

/** POSTs JSON to the org's REST API with the bearer token; returns status and parsed body. */
export async function apiPost(
  server: ShellServer,
  pathname: string,
  body: unknown
): Promise<{ status: number; json: unknown }> {
  const res = await fetch(server.url + pathname, {
    method: 'POST',
    headers: { Authorization: `Bearer ${server.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body)
  });
  const text = await res.text();
  return { status: res.status, json: text ? (JSON.parse(text) as unknown) : null };
}

export async function apiQuery(server: ShellServer, soql: string): Promise<Record<string, unknown>[]> {
  const res = await fetch(`${server.url}/services/data/v68.0/query?q=${encodeURIComponent(soql)}`, {
    headers: { Authorization: `Bearer ${server.token}` }
  });
  const json = (await res.json()) as { records?: Record<string, unknown>[] };
  if (!res.ok) throw new Error(`query failed (${res.status}): ${JSON.stringify(json)}`);
  return json.records ?? [];
}
