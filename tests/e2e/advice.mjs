// advice.mjs: end-to-end test of the parties' advice and of improving a signed deal in the dashboard, in
// headless Debian chromium: the talks are set up through the API (a text (1, blue) on the textbook scenario),
// then the Buyer asks its page for advice (the text's worth and the ranked amendments, numbers worked by hand)
// and puts the first amendment in its editor; both accept; the mediator's page seeks the improvements of the
// agreement and offers the first; each party's page shows its own gain and nothing of the other's.  No request
// may fail and no console error may occur.  Screenshots go to argv[4] when given (docs/walkthrough-advice.md).
// usage: node advice.mjs http://127.0.0.1:PORT ADMIN_TOKEN [SCREENSHOT_DIR]
import { chromium } from 'playwright-core';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

const [base, adminToken, shots] = process.argv.slice(2);
if (shots) mkdirSync(shots, { recursive: true });
const scenario = {
  title: 'E2E: advice', issues: [{ name: 'price', type: 'integer', min: 0, max: 2 },
    { name: 'color', type: 'categorical', values: ['red', 'blue'] }],
  parties: [
    { name: 'Buyer', reservation: 0.2, preferences: {
      price: { weight: 0.6, function: { type: 'linear', at_min: 1, at_max: 0 } },
      color: { weight: 0.4, values: { red: 1, blue: 0 } } } },
    { name: 'Seller', reservation: 0.2, preferences: {
      price: { weight: 0.7, function: { type: 'linear', at_min: 0, at_max: 1 } },
      color: { weight: 0.3, values: { red: 0, blue: 1 } } }, red_lines: [{ name: 'min_price', rule: 'price >= 1' }] },
    { name: 'Broker', role: 'mediator' }],
};
const profile = (k) => { const { name, ...rest } = scenario.parties[k]; return rest; };
async function call(method, path, token, body) {
  const r = await fetch(`${base}/api/${path}`, { method, headers: { Authorization: `Bearer ${token}`,
    'Content-Type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  const data = await r.json();
  assert.ok(r.ok, `${method} ${path}: ${r.status} ${JSON.stringify(data)}`);
  return data;
}

const T = Number(process.env.E2E_TIMEOUT_MS || 60000);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'] });
let failed = false;
const bad = [];
try {
  const created = await call('POST', 'negotiations', adminToken, { scenario });
  const n = created.negotiation.id, med = created.participant.token;
  const buyerToken = (await call('POST', `negotiations/${n}/participants`, med, { name: 'Buyer', role: 'party' })).token;
  const sellerToken = (await call('POST', `negotiations/${n}/participants`, med, { name: 'Seller', role: 'party' })).token;
  await call('PUT', `negotiations/${n}/profile`, buyerToken, profile(0));
  await call('PUT', `negotiations/${n}/profile`, sellerToken, profile(1));
  await call('POST', `negotiations/${n}/sessions`, med, { venue: 'Geneva' });
  const text = await call('POST', `negotiations/${n}/texts`, med, { outcome: { price: 1, color: 'blue' } });

  const open = async (view, page) => {
    const ctx = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    const p = await ctx.newPage();
    p.setDefaultTimeout(T);
    p.on('pageerror', (e) => { console.error(`${view}: page error:`, e.message); failed = true; });
    p.on('response', (r) => { if (r.status() >= 400) bad.push([view, `${r.status()} ${r.request().method()} ${r.url()}`]); });
    p.on('console', (m) => { if (m.type() === 'error') bad.push([view, 'console: ' + m.text()]); });
    await p.route('**/*', (route) => route.request().url().startsWith(base) ? route.continue() : route.abort());
    await p.goto(`${base}/${page}#n=${n}&t=${view === 'mediator' ? med : view === 'Buyer' ? buyerToken : sellerToken}`);
    await p.waitForSelector('#me:has-text("' + (view === 'mediator' ? 'mediator' : 'party') + '")');
    return p;
  };
  const shot = async (p, name) => { if (shots) await p.screenshot({ path: join(shots, name + '.png'), fullPage: true }); };
  const buyer = await open('Buyer', 'party.html'), seller = await open('Seller', 'party.html');
  const mediator = await open('mediator', 'mediator.html');

  // The Buyer's advice: text (1, blue) is worth .6 x .5 + .4 x 0 = 0.3; the Seller's frequency model after one
  // text (equal weights; price 1 and blue rated 1, the rest 1/2) predicts a loss of .25 for colour -> red (gain .4),
  // .5 for both changes (gain .7), .25 for price -> 0 (gain .3): ranked by gain per predicted loss.
  await buyer.click('#get-advice');
  await buyer.waitForSelector('#advice-utility:has-text("0.300")');
  assert.match(await buyer.textContent('#advice-verdict'), /beats it/);
  assert.equal(await buyer.textContent('#advice-issues tr[data-issue="price"] .contribution'), '0.300');
  const items = await buyer.locator('#advice-amendments li').allTextContents();
  assert.equal(items.length, 3, items.join(' | '));
  assert.match(items[0], /^color blue → red: you \+0\.400 \(to 0\.700\), predicted cost to Seller 0\.250/);
  assert.match(items[1], /^price 1 → 0, color blue → red: you \+0\.700/);
  assert.match(items[2], /^price 1 → 0: you \+0\.300/);
  await buyer.click('#advice-amendments li:first-child button');
  assert.equal(await buyer.inputValue('#amend-color'), '"red"');
  await shot(buyer, 'advice-1-buyer');

  // Both accept: the agreement.  The mediator seeks the improvements and offers the first.
  await call('POST', `negotiations/${n}/texts/${text.id}/responses`, buyerToken, { answer: 'accept' });
  await call('POST', `negotiations/${n}/texts/${text.id}/responses`, sellerToken, { answer: 'accept' });
  await mediator.waitForSelector('#improve-panel:not([hidden])');
  await mediator.click('#seek-improvements');
  await mediator.waitForSelector('#improvement-list li');
  const first = await mediator.textContent('#improvement-list li:first-child');
  assert.match(first, /price=2, color=red/);
  assert.match(first, /Buyer 0\.300 → 0\.400 \(\+0\.100\)/);
  assert.match(first, /Seller 0\.650 → 0\.700 \(\+0\.050\)/);
  await mediator.click('#improvement-list li:first-child button');
  await mediator.waitForSelector('#improve-msg:has-text("Offered")');
  await shot(mediator, 'advice-2-mediator-improvements');

  // Each party sees its own gain, and nothing of the other's.
  await buyer.waitForSelector('#my-improvements .my-gain');
  assert.equal(await buyer.textContent('#my-improvements .my-gain'), '0.300 → 0.400 (+0.100)');
  await seller.waitForSelector('#my-improvements .my-gain');
  assert.equal(await seller.textContent('#my-improvements .my-gain'), '0.650 → 0.700 (+0.050)');
  for (const [p, other] of [[buyer, /0\.65|0\.7\b|Seller 0/], [seller, /0\.3\b|0\.4\b|Buyer 0/]])
    assert.doesNotMatch(await p.textContent('#my-improvements'), other);
  await shot(buyer, 'advice-3-buyer-gain');
  await shot(seller, 'advice-4-seller-gain');
  assert.deepEqual(bad, [], 'failing requests or console errors');
} catch (e) {
  console.error(e);
  failed = true;
} finally {
  await browser.close();
}
process.exit(failed ? 1 : 0);
