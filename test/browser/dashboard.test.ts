// The dashboard in a real browser: playwright-core driving Debian's Chromium against
// `stockrisk serve` started as the built binary. Screenshots land in docs/screenshots/.
import { copyFileSync, mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { repoRoot, sharedDataDir, tempDir } from '../helpers/paths.js';
import { type ServeProcess, startServe } from './serve-process.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// UPDATE_SCREENSHOTS=1 refreshes the README's pictures; otherwise they go to a temp folder.
const screenshots = process.env.UPDATE_SCREENSHOTS === '1' ? join(repoRoot, 'docs', 'screenshots') : tempDir('stockrisk-screenshots-');
const XSS = '<img src=x onerror=window.__xss=1>';

let server: ServeProcess;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let dataDir: string;
let home: string;
/** Console errors and uncaught exceptions of the page, checked after every test. */
let problems: string[] = [];

async function shoot(name: string): Promise<void> {
  await page.screenshot({ path: join(screenshots, `${name}.png`), fullPage: false });
}

async function plotlyTraces(selector: string): Promise<{ name: string; mode: string; points: number }[]> {
  return page.$eval(selector, (element) =>
    ((element as unknown as { data: { name: string; mode: string; x: unknown[] }[] }).data ?? []).map((trace) => ({
      name: trace.name,
      mode: trace.mode,
      points: trace.x.length,
    })),
  );
}

beforeAll(async () => {
  // The shared files; a file named like an HTML tag joins them in the first test.
  dataDir = tempDir('stockrisk-browser-data-');
  for (const ticker of ['AMZN', 'AAPL', 'BABA', 'BTC-USD']) symlinkSync(join(sharedDataDir, `${ticker}.csv`), join(dataDir, `${ticker}.csv`));
  home = tempDir('stockrisk-browser-home-');
  mkdirSync(screenshots, { recursive: true });
  server = await startServe(['--port', '0'], { STOCKRISK_HOME: home, STOCKRISK_DATA_DIR: dataDir });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
});

afterAll(async () => {
  await browser?.close();
  if (server !== undefined) expect(await server.stop()).toBe(0);
});

function expectNoProblems(allowed: RegExp[] = []): void {
  const left = problems.filter((problem) => !allowed.some((pattern) => pattern.test(problem)));
  problems = [];
  expect(left).toEqual([]);
}

describe('dashboard in Chromium', () => {
  it('home lists the companies with their data range, weird tickers as plain text', async () => {
    await page.goto(`${server.url}/`);
    const amznRow = page.locator('table.companies tbody tr', { has: page.locator('a', { hasText: /^AMZN$/ }) });
    await expect.poll(() => amznRow.count()).toBe(1);
    expect(await amznRow.locator('td').allTextContents()).toEqual(['AMZN', 'Amazon', 'data-dir', '5,935', '1997-05-15', '2020-12-11', 'ok']);
    await shoot('home');
    // A data file whose name is an HTML tag: its ticker must show as text.
    copyFileSync(join(sharedDataDir, 'BABA.csv'), join(dataDir, `${XSS}.csv`));
    await page.reload();
    await page.waitForSelector('table.companies');
    const weird = page.locator('table.companies tbody tr td:first-child', { hasText: '<IMG SRC=X ONERROR=WINDOW.__XSS=1>' });
    expect(await weird.count()).toBe(1);
    expect(await page.locator('main img').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expectNoProblems();
  });

  it('choosing a company and window shows price, MA, buy/sell markers, range slider and the signal table', async () => {
    await page.selectOption('#home-ticker', 'AMZN');
    await page.fill('#home-window', '50');
    await page.click('form.picker button[type=submit]');
    await page.waitForURL(/#\/company\/AMZN\?window=50/);
    await page.waitForSelector('#price-chart .main-svg');
    const api = (await (await fetch(`${server.url}/api/signals/AMZN?window=50`)).json()) as { rows: unknown[]; signals: { action: string }[] };
    const buys = api.signals.filter((s) => s.action === 'buy').length;
    const traces = await plotlyTraces('#price-chart');
    expect(traces).toEqual([
      { name: 'Price', mode: 'lines', points: api.rows.length },
      { name: 'MA 50', mode: 'lines', points: api.rows.length },
      { name: 'Buy', mode: 'markers', points: buys },
      { name: 'Sell', mode: 'markers', points: api.signals.length - buys },
    ]);
    expect(await page.locator('#price-chart .rangeslider-container').count()).toBe(1);
    expect(await page.locator('#price-chart .rangeselector .button text').allTextContents()).toEqual(['1M', '6M', '1Y', 'All']);
    expect(await page.locator('table.signals tbody tr').count()).toBe(api.signals.length);
    expect(await page.locator('[data-stat="trades"]').textContent()).toMatch(/^\d+$/);
    await shoot('company');
    expectNoProblems();
  });

  it('the range selector buttons change the visible range', async () => {
    const range = () =>
      page.$eval('#price-chart', (element) => (element as unknown as { layout: { xaxis: { range: string[] } } }).layout.xaxis.range.map(String));
    await page.locator('#price-chart .rangeselector .button', { hasText: 'All' }).click();
    // Plotly pads the autorange a little before the first date (1997-05-15).
    await expect.poll(async () => (await range())[0]?.slice(0, 10) ?? '').toMatch(/^199[67]-/);
    await page.locator('#price-chart .rangeselector .button', { hasText: '6M' }).click();
    // Plotly steps back six months from the end of the current range.
    const days = async () => {
      const [from, to] = await range();
      return Math.round((Date.parse(to ?? '') - Date.parse(from ?? '')) / 86_400_000);
    };
    await expect.poll(days).toBeGreaterThanOrEqual(181);
    expect(await days()).toBeLessThanOrEqual(184);
    expectNoProblems();
  });

  it('the VaR form opens from a signal row by keyboard, and Escape returns focus to the row', async () => {
    const button = page.locator('table.signals tbody tr button.var-button').first();
    await button.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#var-dialog').evaluate((d) => (d as HTMLDialogElement).open)).toBe(true);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('backend');
    // Every control of the page and the form has a name a screen reader can announce.
    const { visible, unnamed } = await page.$$eval('input, select, button, a[href]', (controls) => {
      const shown = controls.filter((control) => (control as HTMLElement).offsetParent !== null || control.closest('dialog[open]') !== null);
      const nameless = shown.filter((control) => {
        const labels = (control as HTMLInputElement).labels;
        return (labels === null || labels === undefined || labels.length === 0) && !control.getAttribute('aria-label') && control.textContent?.trim() === '';
      });
      return { visible: shown.length, unnamed: nameless.map((control) => control.outerHTML.slice(0, 80)) };
    });
    expect(visible).toBeGreaterThan(20);
    expect(unnamed).toEqual([]);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('#var-dialog').evaluate((d) => (d as HTMLDialogElement).open)).toBe(false);
    expect(await page.evaluate(() => document.activeElement?.classList.contains('var-button'))).toBe(true);
    expectNoProblems();
  });

  it('runs a VaR from a signal row and shows the numbers `stockrisk var --json` gives for the same inputs', async () => {
    const row = page.locator('table.signals tbody tr.sell').last();
    const date = (await row.locator('td').first().textContent()) as string;
    await row.locator('button.var-button').click();
    await page.selectOption('#var-form select[name=backend]', 'local');
    await page.fill('#var-form input[name=resources]', '2');
    await page.fill('#var-form input[name=history]', '100');
    await page.fill('#var-form input[name=sims]', '20000');
    await page.fill('#var-form input[name=confidence]', '95,99');
    await page.fill('#var-form input[name=seed]', '42');
    await page.check('#var-form input[name=methods][value=cornish-fisher]');
    await page.click('#var-form button[type=submit]');
    await page.waitForSelector('#var-run table.var-table', { timeout: 30_000 });
    await page.waitForSelector('#var-run .chart .main-svg');

    const cli = await runCli(
      [
        'var',
        'AMZN',
        '--date',
        date,
        '--window',
        '50',
        '--sims',
        '20000',
        '-r',
        '2',
        '--seed',
        '42',
        '--method',
        'mc,historical,parametric,cornish-fisher',
        '--json',
      ],
      {
        STOCKRISK_HOME: tempDir(),
        STOCKRISK_DATA_DIR: dataDir,
      },
    );
    expect(cli.code, cli.stderr).toBe(0);
    const expected = JSON.parse(cli.stdout) as {
      methods: Record<
        string,
        { var: Record<string, number>; es: Record<string, number | null>; varAmount: Record<string, number>; ci?: Record<string, [number, number]> }
      >;
      varAmount: Record<string, number>;
      mean: number;
      std: number;
      price: number;
      position: string;
    };
    const shown = Object.fromEntries(
      await page.$$eval('#var-run [data-key]', (cells) =>
        cells.map((cell) => [(cell as HTMLElement).dataset.key, { value: (cell as HTMLElement).dataset.value, text: cell.textContent }]),
      ),
    ) as Record<string, { value: string; text: string }>;
    const checked: string[] = [];
    for (const [method, values] of Object.entries(expected.methods)) {
      for (const kind of ['var', 'es'] as const) {
        for (const [level, value] of Object.entries(values[kind])) {
          const cell = shown[`${method}.${kind}.${level}`];
          // Cornish-Fisher has no ES: the page says so with a dash.
          expect(cell?.value, `${method} ${kind} ${level}`).toBe(value === null ? '' : String(value));
          expect(cell?.text).toBe(value === null ? '—' : `${(value * 100).toFixed(4)}%`);
          checked.push(`${method}.${kind}.${level}`);
        }
      }
    }
    for (const [method, values] of Object.entries(expected.methods)) {
      for (const [level, amount] of Object.entries(values.varAmount)) expect(Number(shown[`${method}.varAmount.${level}`]?.value)).toBe(amount);
    }
    expect(checked).toHaveLength(4 * 2 * 2);
    for (const [level, [low, high]] of Object.entries(expected.methods.mc?.ci ?? {})) {
      expect(shown[`mc.ci.${level}`]?.text).toBe(`${(low * 100).toFixed(4)}% – ${(high * 100).toFixed(4)}%`);
    }
    expect(Object.keys(expected.methods.mc?.ci ?? {})).toEqual(['95', '99']);
    for (const [level, amount] of Object.entries(expected.varAmount)) expect(Number(shown[`varAmount.${level}`]?.value)).toBe(amount);
    for (const key of ['mean', 'std', 'price'] as const) expect(Number(shown[key]?.value), key).toBe(expected[key]);
    expect(shown.position?.value).toBe(expected.position);
    expect(shown.seed?.value).toBe('42');
    expect(await plotlyTraces('#var-run .chart')).toEqual([{ name: 'shard time', mode: undefined, points: 2 }]);
    await page.locator('#var-run').scrollIntoViewIfNeeded();
    await page.locator('#var-run').screenshot({ path: join(screenshots, 'var-result.png') });
    expectNoProblems();
  });

  it('history lists the run, linkable by id, and costs chart elapsed time and cost by backend and R', async () => {
    await page.click('nav a[data-nav=history]');
    await page.waitForSelector('table.history');
    expect(await page.locator('table.history tbody tr').count()).toBe(1);
    await shoot('history');
    await page.locator('table.history tbody tr a').first().click();
    await page.waitForURL(/#\/history\/[0-9T-]+Z-[0-9a-f]{16}$/);
    await page.waitForSelector('main table.var-table');
    const id = decodeURIComponent(new URL(page.url()).hash.replace('#/history/', ''));
    expect(await page.locator('main .result-id a').textContent()).toBe(id);
    await page.reload();
    await page.waitForSelector('main table.var-table');
    await shoot('result');
    await page.click('nav a[data-nav=costs]');
    await page.waitForSelector('#cost-chart .main-svg');
    expect((await plotlyTraces('#cost-chart')).map((trace) => trace.name)).toEqual(['mean elapsed (s)', 'mean cost (USD)']);
    expect(await page.locator('table.costs tbody tr td').allTextContents()).toEqual(expect.arrayContaining(['local', '2', '1']));
    await shoot('costs');
    expectNoProblems();
  });

  it('an unknown or hostile ticker in the URL shows its error as text', async () => {
    await page.goto(`${server.url}/#/company/${encodeURIComponent(XSS)}`);
    const error = page.locator('main .error');
    await expect.poll(() => error.textContent()).toContain(`invalid ticker "${XSS}"`);
    expect(await page.locator('main img').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    await shoot('error');
    await page.goto(`${server.url}/#/company/NOPE`);
    await expect.poll(() => error.textContent()).toBe('unknown ticker NOPE');
    // The browser logs the API's 400 and 404 answers themselves; nothing else may appear.
    expectNoProblems([/Failed to load resource: the server responded with a status of (400|404)/]);
  });

  it('with a token, the page works from the URL the server printed and says so without it', async () => {
    const guarded = await startServe(['--port', '0', '--token', 'browser-token-123456'], { STOCKRISK_HOME: home, STOCKRISK_DATA_DIR: dataDir });
    const other = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    try {
      const tab = await other.newPage();
      await tab.goto(`${guarded.url}/`);
      await expect.poll(() => tab.locator('main .error').textContent()).toContain('this server needs its token');
      await tab.goto(`${guarded.url}/#token=browser-token-123456`);
      await tab.waitForSelector('table.companies');
      expect(new URL(tab.url()).hash).toBe('#/');
      await tab.reload();
      await tab.waitForSelector('table.companies');
    } finally {
      await other.close();
      expect(await guarded.stop()).toBe(0);
    }
  });

  it('is usable at phone width: no sideways scrolling of the page, chart and VaR buttons within reach', async () => {
    const phone = await context.browser()?.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    if (phone === undefined) throw new Error('no browser');
    const small = await phone.newPage();
    const errors: string[] = [];
    small.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    small.on('pageerror', (error) => errors.push(error.message));
    try {
      await small.goto(`${server.url}/#/company/BABA?window=20`);
      await small.waitForSelector('#price-chart .main-svg');
      const widths = await small.evaluate(() => ({ page: document.documentElement.scrollWidth, viewport: window.innerWidth }));
      expect(widths.page).toBeLessThanOrEqual(widths.viewport);
      const chartBox = await small.locator('#price-chart').boundingBox();
      expect(chartBox?.width).toBeLessThanOrEqual(390);
      await small.locator('table.signals button.var-button').first().scrollIntoViewIfNeeded();
      await small.locator('table.signals button.var-button').first().click();
      const dialogBox = await small.locator('#var-dialog').boundingBox();
      expect(dialogBox?.width).toBeLessThanOrEqual(390);
      await small.screenshot({ path: join(screenshots, 'phone-var-form.png') });
      await small.keyboard.press('Escape');
      await small.goto(`${server.url}/`);
      await small.waitForSelector('table.companies');
      expect(await small.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
      await small.screenshot({ path: join(screenshots, 'phone-home.png') });
      expect(errors).toEqual([]);
    } finally {
      await phone.close();
    }
  });
});
