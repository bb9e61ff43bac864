// negotiate.mjs: end-to-end test of the dashboard: a mediator and two parties, each in its own
// browser context of headless Debian chromium, negotiate to an agreement through the pages only.
// usage: node negotiate.mjs http://127.0.0.1:PORT ADMIN_TOKEN
import { chromium } from 'playwright-core';
import assert from 'node:assert/strict';

const base = process.argv[2];
const adminToken = process.argv[3];
const scenario = {
  title: 'E2E: two issues',
  issues: [
    { name: 'price', type: 'integer', min: 0, max: 2 },
    { name: 'color', type: 'categorical', values: ['red', 'blue'] },
  ],
  parties: [
    { name: 'Buyer', reservation: 0.2, preferences: {
      price: { weight: 0.6, function: { type: 'linear', at_min: 1, at_max: 0 } },
      color: { weight: 0.4, values: { red: 1, blue: 0 } } } },
    { name: 'Seller', reservation: 0.2, preferences: {
      price: { weight: 0.7, function: { type: 'linear', at_min: 0, at_max: 1 } },
      color: { weight: 0.3, values: { red: 0, blue: 1 } } },
      red_lines: [{ name: 'min_price', rule: 'price >= 1' }] },
    { name: 'Broker', role: 'mediator' },
  ],
};

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
         '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const T = 15000;
let failed = false;
try {
  const newPage = async () => {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    page.setDefaultTimeout(T);
    page.on('pageerror', (e) => { console.error('page error:', e.message); failed = true; });
    // Only the server under test: any other request is a bug (no CDN, no outside network).
    await page.route('**/*', (route) => route.request().url().startsWith(base) ? route.continue() : route.abort());
    return page;
  };

  // The mediator creates the negotiation from the start page.
  const med = await newPage();
  await med.goto(base + '/');
  await med.fill('#scenario', JSON.stringify(scenario));
  await med.fill('#admin', adminToken);
  await med.click('#create');
  await med.waitForSelector('#created:not([hidden])');
  const mediatorToken = (await med.textContent('#created-token')).trim();
  assert.match(mediatorToken, /^[0-9a-f]{64}$/);
  await med.click('#created-link');
  await med.waitForSelector('#title:has-text("negotiation 1")');
  // The page read the token from its address and removed it from there (and from the history).
  assert.ok(!med.url().includes(mediatorToken), 'the token is still in the address: ' + med.url());

  // It adds the two parties; each token is shown once.
  const tokens = {};
  for (const name of ['Buyer', 'Seller']) {
    await med.fill('#add-name', name);
    await med.selectOption('#add-role', 'party');
    await med.click('#add-participant');
    await med.waitForSelector(`#new-token-name:text-is("${name}")`);
    tokens[name] = (await med.textContent('#new-token')).trim();
    assert.match(tokens[name], /^[0-9a-f]{64}$/);
  }
  await med.waitForSelector('#participants li:has-text("Seller")');

  // Opens a session and tables a first text: price 2, blue (the Seller's dream).
  await med.fill('#session-venue', 'Geneva');
  await med.fill('#session-starts', '2024-05-01T10:00Z');
  await med.click('#open-session');
  await med.waitForSelector('#sessions li:has-text("Geneva")');
  await med.selectOption('#text-price', '2');
  await med.selectOption('#text-color', '"blue"');
  await med.click('#table-text');
  await med.waitForSelector('#current-text:has-text("Text 1")');
  await med.waitForSelector('#current-point');

  // The parties open their views with their own tokens.
  const buyer = await newPage(), seller = await newPage();
  await buyer.goto(`${base}/party.html#n=1&t=${tokens.Buyer}`);
  await seller.goto(`${base}/party.html#n=1&t=${tokens.Seller}`);
  for (const p of [buyer, seller]) await p.waitForSelector('#current-text:has-text("Text 1")');

  // The Buyer amends (price 1, red) with reasons; the Seller rejects.
  await buyer.waitForSelector('#amend-price');
  await buyer.selectOption('#amend-price', '1');
  await buyer.fill('#reason-price', 'our budget is capped');
  await buyer.selectOption('#amend-color', '"red"');
  await buyer.fill('#reason-color', 'red is our colour');
  await buyer.click('#amend');
  await buyer.waitForSelector('#my-answer:has-text("amend")');
  await seller.fill('#answer-reason', 'blue at 2 is fine but we want a deal');
  await seller.click('#reject');
  await seller.waitForSelector('#my-answer:has-text("reject")');

  // The mediator sees both answers live, with the Buyer's amendments and reasons.
  await med.waitForSelector('#responses tr[data-party="Buyer"]:has-text("our budget is capped")');
  await med.waitForSelector('#responses tr[data-party="Seller"]:has-text("reject")');
  // The mediator's advice: the Buyer's amendments checked against text 1 (price 1 alone: (1,blue) B .3 S .65;
  // red alone: (2,red) B .4 S .7; together (1,red) B .7 S .35: every one acceptable to both, no red line broken),
  // the Nash proposal (2,red) (gain product .2 x .5 = .1, the largest) and a zone of 3 of 6 packages.
  await med.waitForSelector('#amendment-checks .amendment-check[data-party="Buyer"]:has-text("our budget is capped")');
  assert.equal(await med.locator('#amendment-checks .amendment-check[data-party="Buyer"] .check-ok').count(), 3);
  await med.waitForSelector('#amendment-checks .together:has-text("all together: acceptable to all")');
  await med.waitForSelector('#proposal:has-text("Table (nash)")');
  assert.equal((await med.textContent('#proposal b[data-issue="price"]')).trim(), '2');
  assert.equal((await med.textContent('#proposal b[data-issue="color"]')).trim(), 'red');
  await med.waitForSelector('#proposal .advice-party[data-party="Buyer"]:has-text("price given up")');
  await med.waitForSelector('#diagnosis:has-text("A zone of agreement exists: 3 of 6 packages")');
  await med.selectOption('#propose-rule', 'kalai');
  await med.waitForSelector('#proposal:has-text("Table (kalai)")');
  await med.click('#fill-proposal');
  assert.equal(await med.inputValue('#text-price'), '2');
  assert.equal(await med.inputValue('#text-color'), '"red"');

  // Privacy: the Seller never sees the Buyer's amendment or reasons.
  await seller.waitForTimeout(300);
  const sellerText = await seller.textContent('body');
  assert.ok(!sellerText.includes('our budget is capped'), 'the Seller saw the Buyer\'s reason');
  assert.ok(!sellerText.includes('red is our colour'), 'the Seller saw the Buyer\'s amendment');

  // The mediator tables the amended text: price 1, red.
  await med.selectOption('#text-price', '1');
  await med.selectOption('#text-color', '"red"');
  await med.fill('#text-note', 'the Buyer\'s amendment');
  await med.click('#table-text');
  await med.waitForSelector('#current-text:has-text("Text 2")');
  for (const p of [buyer, seller]) await p.waitForSelector('#current-text:has-text("Text 2")');

  // Both accept: agreement everywhere.
  await seller.click('#accept');
  await seller.waitForSelector('#my-answer:has-text("accept")');
  await buyer.click('#accept');
  for (const p of [med, buyer, seller]) await p.waitForSelector('#agreement:not([hidden]):has-text("Agreement reached on text 2")');
  await med.waitForSelector('#timeline li.ev-agreement');
  assert.equal((await med.textContent('#current-text b[data-issue="price"]')).trim(), '1');
  assert.equal((await med.textContent('#current-text b[data-issue="color"]')).trim(), 'red');

  // The plot places text 2 on the Pareto frontier (price 1, red is Pareto-optimal here).
  await med.waitForSelector('#analysis-summary:has-text("Text 2: on the frontier")');

  // The mediator closes the session with its outcome and follow-up.
  await med.selectOption('#close-outcome', 'agreement');
  await med.fill('#close-followup', 'signing in Oslo');
  await med.click('#close-session');
  await med.waitForSelector('#sessions li:has-text("agreement, follow-up: signing in Oslo")');

  // The Seller uploads a private profile asking for 0.8: no deal is left.  The mediator's diagnosis names the
  // clash of the two reservations and the way out (the Seller down to 0.7 opens (2,red)); no proposal.
  const impasse = { preferences: scenario.parties[1].preferences, reservation: 0.8, red_lines: scenario.parties[1].red_lines };
  await seller.fill('#profile', JSON.stringify(impasse));
  await seller.click('#upload-profile');
  await med.waitForSelector('#diagnosis:has-text("No deal")');
  await med.waitForSelector('#diagnosis .conflict:has-text("Buyer\'s reservation 0.20 + Seller\'s reservation 0.80")');
  await med.waitForSelector('#diagnosis .relaxation:has-text("Seller lowers its reservation from 0.80 to 0.70: 1 package (Nash: price=2, color=red)")');
  await med.waitForSelector('#proposal:has-text("no package is acceptable to every party")');
  const medText = await med.textContent('body');
  assert.ok(!medText.includes('"preferences"'), 'a profile leaked into the mediator view as JSON');

  // The mediator revokes the Seller's token: the Seller's view is locked out.
  await med.click('#participants li[data-participant="Seller"] button.revoke');
  await med.waitForSelector('#participants li[data-participant="Seller"]:has-text("token revoked")');
  await seller.reload();
  await seller.waitForSelector('#status:has-text("unknown token")');
  console.log('e2e: mediator and two parties reached an agreement through the dashboard');
} catch (e) {
  console.error('e2e failed:', e.message);
  failed = true;
} finally {
  await browser.close();
}
process.exit(failed ? 1 : 0);
