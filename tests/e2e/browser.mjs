// browser.mjs: what the browser tests share: headless Debian chromium driven by playwright-core, one browser
// context per participant's view, every failing request (status >= 400, or a request that failed) and every
// console error or page error recorded against the view, requests anywhere but the server under test refused,
// and screenshots that check first that the view shows no missing value and no API path.
import { chromium } from 'playwright-core';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

// How long a step may take before the test fails: 60 s, 120 s under the sanitizers (the shell scripts set
// E2E_TIMEOUT_MS).  Only a bound on a hang: on a busy 2-core machine a browser step has taken over 15 s.
export const T = Number(process.env.E2E_TIMEOUT_MS || 60000);

export async function openBrowser(base, shots) {
  if (shots) mkdirSync(shots, { recursive: true });
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
           '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const bad = []; // [view, what]: failing requests, console errors, page errors
  // A view in its own browser context: options.viewport, options.permissions (e.g. the clipboard's).
  const newPage = async (view, options = {}) => {
    const ctx = await browser.newContext({ viewport: options.viewport || { width: 1400, height: 1000 } });
    if (options.permissions) await ctx.grantPermissions(options.permissions, { origin: base });
    const page = await ctx.newPage();
    page.setDefaultTimeout(T);
    page.view = view;
    page.on('pageerror', (e) => bad.push([view, 'page error: ' + e.message]));
    page.on('response', (r) => { if (r.status() >= 400) bad.push([view, `${r.status()} ${r.request().method()} ${r.url()}`]); });
    page.on('requestfailed', (r) => {
      // A live stream cut, or a request aborted by a reload, is not a failure of the dashboard.
      if (!r.url().endsWith('/events') && r.failure().errorText !== 'net::ERR_ABORTED') bad.push([view, `failed ${r.method()} ${r.url()}: ${r.failure().errorText}`]);
    });
    page.on('console', (m) => { if (m.type() === 'error') bad.push([view, 'console: ' + m.text()]); });
    // Only the server under test: any other request is a bug (no CDN, no outside network).
    await page.route('**/*', (route) => route.request().url().startsWith(base) ? route.continue() : route.abort());
    return page;
  };
  // A view (or one element of it, `selector`) photographed when asked; it never shows a missing value or an API path.
  const shot = async (page, name, selector) => {
    const text = await page.evaluate(() => document.body.innerText);
    assert.doesNotMatch(text, /\b(null|undefined|NaN)\b|\/api\//, `${name}: a missing value or an API path is shown`);
    if (!shots) return;
    if (selector) await page.locator(selector).screenshot({ path: join(shots, name + '.png') });
    else await page.screenshot({ path: join(shots, name + '.png'), fullPage: true });
  };
  const noFailures = (when) => assert.deepEqual(bad, [], `failing requests or console errors ${when}`);
  // Calls the API with a token from the page (same origin, as the dashboard does); the parsed reply.
  const call = (page, token, method, path, body) => page.evaluate(async ([t, m, p, b]) => {
    const headers = { Authorization: 'Bearer ' + t };
    if (b !== undefined) headers['Content-Type'] = 'application/json';
    const r = await fetch('/api/' + p, { method: m, headers, body: b === undefined ? undefined : JSON.stringify(b) });
    return { status: r.status, body: await r.json() };
  }, [token, method, path, body]);
  return { browser, bad, newPage, shot, noFailures, call };
}
