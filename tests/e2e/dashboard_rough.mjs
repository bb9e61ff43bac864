// dashboard_rough.mjs: two rough edges of the dashboard, in headless Debian chromium (issue 26):
// a malformed scenario file (and a malformed pasted scenario) is reported with its line and column, as the
// command line does; "Table text" is disabled, and says why, until a session is open, and no message names an
// API path.  The rule list of the advice offers welfare.
// usage: node dashboard_rough.mjs http://127.0.0.1:PORT ADMIN_TOKEN
import { chromium } from 'playwright-core';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [base, adminToken] = process.argv.slice(2);
const T = Number(process.env.E2E_TIMEOUT_MS || 60000);
const dir = mkdtempSync(join(tmpdir(), 'parley-e2e-rough-'));
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
         '--disable-component-update', '--disable-sync'],
});
let failed = false, step = 'start';
try {
  const page = await (await browser.newContext()).newPage();
  page.setDefaultTimeout(T);
  page.on('pageerror', (e) => { console.error('page error:', e.message); failed = true; });

  // A scenario file with a syntax error on line 3 (the missing ':' before 2 is at column 7).
  writeFileSync(join(dir, 'bad.json'), '{\n  "title": "x",\n  "issues" 2\n}\n');
  await page.goto(base + '/');
  await page.setInputFiles('#scenario-file', join(dir, 'bad.json'));
  step = 'file with a syntax error';
  await page.waitForSelector('#file-msg:has-text("bad.json: line 3, column 12")');
  // Pasted text: the same, named "the scenario".
  await page.fill('#scenario', '{"title": "y",\n "issues": [1, 2,, 3]}');
  await page.fill('#admin', adminToken);
  await page.click('#create');
  step = 'pasted scenario with a syntax error';
  await page.waitForSelector('#create-msg:has-text("the scenario: line 2, column 18")');

  // A negotiation; the mediator's view before any session: "Table text" off, with the reason beside it.
  const scenario = {
    title: 'E2E: rough edges',
    issues: [{ name: 'color', type: 'categorical', values: ['red', 'blue'] }],
    parties: [{ name: 'A', preferences: { color: { weight: 1, values: { red: 1, blue: 0 } } } },
              { name: 'B', preferences: { color: { weight: 1, values: { red: 0, blue: 1 } } } },
              { name: 'M', role: 'mediator' }],
  };
  const r = await fetch(base + '/api/negotiations', {
    method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: 'Bearer ' + adminToken },
    body: JSON.stringify({ scenario }),
  });
  assert.equal(r.status, 201, 'creating the negotiation: ' + r.status);
  const created = await r.json();
  await page.goto(`${base}/mediator.html#n=${created.negotiation.id}&t=${created.participant.token}`);
  step = 'mediator view';
  await page.waitForSelector('#title:has-text("E2E: rough edges")');
  await page.waitForSelector('#me:has-text("mediator")');
  // Once the sessions are loaded the button is disabled (waited for: a hang bound, not a speed).
  await page.waitForSelector('#table-text:disabled', { timeout: T })
    .catch(() => assert.fail('"Table text" is enabled with no open session'));
  assert.ok(await page.isVisible('#table-hint'), 'no reason shown for the disabled "Table text"');
  assert.match(await page.textContent('#table-hint'), /Open a session/);
  // The server's own message, as the dashboard would show it, names no API path.
  const shown = await page.evaluate(() => parley.api('POST', parley.neg('texts'), { outcome: { color: 'red' } })
    .then(() => 'tabled', (e) => e.message));
  assert.match(shown, /no session is open/);
  assert.doesNotMatch(shown, /\/api\/|\.\.\.\/|POST|GET/, 'an API path in the message: ' + shown);
  // The rule list of the advice has welfare.
  const rules = await page.$$eval('#propose-rule option', (os) => os.map((o) => o.value));
  assert.deepEqual(rules, ['nash', 'kalai', 'egalitarian', 'welfare']);

  // Once a session is open, "Table text" works and the reason goes.
  step = 'opening a session';
  await page.fill('#session-venue', 'Geneva');
  await page.click('#open-session');
  await page.waitForSelector('#table-text:not([disabled])');
  assert.ok(!(await page.isVisible('#table-hint')), 'the reason stays after the session opened');
  await page.click('#table-text');
  await page.waitForSelector('#table-msg:has-text("Text 1 tabled")');
  const text = await page.evaluate(() => document.body.innerText);
  assert.doesNotMatch(text, /\/api\/|\.\.\.\//, 'an API path is shown');
} catch (e) {
  console.error(`FAIL (${step}):`, e.message);
  failed = true;
} finally {
  await browser.close();
  rmSync(dir, { recursive: true, force: true });
}
if (failed) process.exit(1);
console.log('dashboard_rough.mjs: all checks passed');
