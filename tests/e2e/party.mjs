// party.mjs: a party's whole part in live talks, in headless chromium.  The Seller is an agent the mediator seats.
// The Buyer fills its preferences with the form (sliders and lists only: no text box typed into), and the live
// preview shows what text 1, its best package and its worst acceptable package are worth (worked by hand below,
// under its trust in phase two); those numbers equal the server's valuation of the profile saved (the mediator's
// analysis of the text, the party's own valuation, the amendment checks of the best and the worst package, which
// the preview puts in the amendment, the party's own advice); the document saved is exactly the one the form
// wrote; the mediator models the Buyer with the same form.  Text 2 is accepted by the Buyer and by the agent at
// its deadline: agreement.  The mediator seeks improvements of the signed text: the one found (by hand, and
// recomputed here under both profiles) is offered, and each party sees its own gain only.  A GENIUS profile
// uploaded fills the form in.  Any failed request, console error or page error fails the test.  Screenshots go to
// argv[4] (the walk-through's images).
// usage: node party.mjs http://127.0.0.1:PORT ADMIN_TOKEN [SCREENSHOT_DIR]
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { openBrowser, T } from './browser.mjs';

const V = createRequire(import.meta.url)('../../web/profile-value.js');

const [base, adminToken, shots] = process.argv.slice(2);
// Warranty is settled in phase two, which the Buyer gives a 50% chance (fallback: no warranty).
const scenario = {
  title: 'E2E: a party\'s side',
  issues: [
    { name: 'price', type: 'integer', min: 0, max: 4 },
    { name: 'delivery', type: 'categorical', values: ['slow', 'normal', 'fast'] },
    { name: 'warranty', type: 'categorical', values: ['none', 'one_year', 'two_years'] },
  ],
  phases: [{ name: 'one', issues: ['price', 'delivery'] },
    { name: 'two', issues: ['warranty'], fallback: { warranty: 'none' } }],
  parties: [
    // The mediator's estimate of the Buyer (replaced by what the Buyer saves).
    { name: 'Buyer', reservation: 0.1, preferences: {
      price: { weight: 1, function: { type: 'linear', at_min: 1, at_max: 0 } } } },
    { name: 'Seller', reservation: 0.2, preferences: {
      price: { weight: 0.6, function: { type: 'linear', at_min: 0, at_max: 1 } },
      delivery: { weight: 0.3, values: { slow: 1, normal: 0.5, fast: 0 } },
      warranty: { weight: 0.1, values: { none: 1, one_year: 0.7, two_years: 0 } } } },
    { name: 'Broker', role: 'mediator' },
  ],
};
// What the Buyer enters, as the document the form must write.
const buyerProfile = {
  preferences: {
    price: { weight: 0.5, function: { type: 'linear', at_min: 1, at_max: 0 } },
    delivery: { weight: 0.2, values: { slow: 0, normal: 0.5, fast: 1 } },
    warranty: { weight: 0.3, values: { none: 0, one_year: 0.6, two_years: 1 } },
  },
  reservation: 0.3,
  trust: { two: 0.5 },
  red_lines: [{ name: 'never_delivery_slow', rule: 'delivery != "slow"' }, { name: 'price_at_most_3', rule: 'price <= 3' }],
};
// By hand: Buyer = .5 (1 - price/4) + .2 delivery + .3 (.5 warranty + .5 * 0) (trust .5 in phase two, fallback none).
// Text 1 (2, normal, one_year): .25 + .1 + .09 = .44 (without the trust: .53).
// Best (price <= 3 and delivery != slow): (0, fast, two_years) = .5 + .2 + .15 = .85.
// Worst at or above .3: (3, normal, one_year) = .125 + .1 + .09 = .315 (without the trust it would be
// (3, fast, none) = .325).
const text1 = { price: 2, delivery: 'normal', warranty: 'one_year' };
const hand = { text: 0.44, best: 0.85, worst: 0.315 };
const handOutcome = { best: { price: 0, delivery: 'fast', warranty: 'two_years' }, worst: { price: 3, delivery: 'normal', warranty: 'one_year' } };
// Text 2 (3, fast, none): Buyer .125 + .2 + 0 = .325, Seller .45 + 0 + .1 = .55.  Both strictly prefer only
// (3, normal, two_years): Buyer .125 + .1 + .15 = .375, Seller .45 + .15 + 0 = .6.
const text2 = { price: 3, delivery: 'fast', warranty: 'none' };
const improvement = { package: { price: 3, delivery: 'normal', warranty: 'two_years' },
  Buyer: { before: 0.325, after: 0.375 }, Seller: { before: 0.55, after: 0.6 } };
const sellerProfile = { preferences: scenario.parties[1].preferences, reservation: scenario.parties[1].reservation };

const { browser, bad, newPage, shot, noFailures, call } = await openBrowser(base, shots);
// The mediator seats an agent for participant p through its view (the agents control).
async function seatAgent(med, p, name, agent, rounds) {
  await med.waitForSelector(`#agent-participant option[value="${p}"]`, { state: 'attached' });
  await med.selectOption('#agent-participant', String(p));
  await med.fill('#agent-spec', agent);
  await med.fill('#agent-rounds', String(rounds));
  await med.click('#seat-agent');
  await med.waitForSelector(`#agents-msg:has-text("${agent} holds ${name}'s seat")`);
  await med.waitForSelector(`#agents li[data-participant="${name}"][data-agent="${agent}"]`);
}
let failed = false;
const dir = mkdtempSync(join(tmpdir(), 'parley-party-e2e-'));
try {
  // The mediator opens the negotiation, adds the Buyer, opens a session and tables text 1.
  const med = await newPage('mediator');
  await med.goto(base + '/');
  const created = await call(med, adminToken, 'POST', 'negotiations', { scenario });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const n = created.body.negotiation.id, medToken = created.body.participant.token;
  const buyerEntry = (await call(med, medToken, 'POST', `negotiations/${n}/participants`, { name: 'Buyer', role: 'party' })).body;
  const sellerEntry = (await call(med, medToken, 'POST', `negotiations/${n}/participants`, { name: 'Seller', role: 'party' })).body;
  await med.goto(`${base}/mediator.html#n=${n}&t=${medToken}`);
  await med.waitForSelector('#participants li[data-participant="Seller"]');
  // The Seller's owner saves its profile (the scenario's estimate, as it happens); the mediator seats an agent to
  // answer for the Seller under it: a conceder on a clock of two texts (it accepts at its deadline).
  assert.equal((await call(med, sellerEntry.token, 'PUT', `negotiations/${n}/profile`, sellerProfile)).status, 200);
  await seatAgent(med, sellerEntry.id, 'Seller', 'conceder', 2);
  await shot(med, 'mediator-agents', 'section:has(#agents)');
  await call(med, medToken, 'POST', `negotiations/${n}/sessions`, { venue: 'Geneva' });
  assert.equal((await call(med, medToken, 'POST', `negotiations/${n}/texts`, { outcome: text1 })).status, 201);
  await med.waitForSelector('#current-text:has-text("Text 1")');

  // The Buyer opens its view: a form, not a JSON box.
  const buyer = await newPage('Buyer', { viewport: { width: 1300, height: 1000 } });
  await buyer.goto(`${base}/party.html#n=${n}&t=${buyerEntry.token}`);
  await buyer.waitForSelector('#pf-weight-price-range');
  assert.ok(!(await buyer.isVisible('#profile')), 'the JSON box is open: the form is the way in');
  const slide = async (id, value) => { await buyer.fill(`#pf-${id}-range`, String(value)); };
  // Weights: the sum is watched on the way.
  await slide('weight-price', 0.5);
  await buyer.waitForSelector('#pf-weights-warning:has-text("Far from 1")');
  assert.equal((await buyer.textContent('#pf-weight-sum')).trim(), '1.166666');
  await slide('weight-delivery', 0.2);
  await slide('weight-warranty', 0.3);
  await buyer.waitForSelector('#pf-weight-sum:text-is("1.000")');
  assert.equal(await buyer.locator('#pf-weights-warning').count(), 0, 'a warning with weights summing to 1');
  // Price: a straight line from 1 at 0 to 0 at 4; delivery and warranty: each value rated.
  assert.equal(await buyer.inputValue('#pf-kind-price'), 'linear');
  await slide('price-at-min', 1);
  await slide('price-at-max', 0);
  for (const [k, u] of [0, 0.5, 1].entries()) await slide(`delivery-v${k}`, u);
  for (const [k, u] of [0, 0.6, 1].entries()) await slide(`warranty-v${k}`, u);
  await slide('reservation', 0.3);
  await slide('trust-two', 0.5);
  // Red lines from the issues and their values: never slow delivery; the price at most 3.
  await buyer.click('#pf-add-red-line');
  await buyer.selectOption('#pf-red-line-0-a-issue', 'delivery');
  await buyer.selectOption('#pf-red-line-0-a-value', '"slow"');
  await buyer.click('#pf-add-red-line');
  await buyer.selectOption('#pf-red-line-1-kind', 'at_most');
  await buyer.selectOption('#pf-red-line-1-a-value', '3');
  await buyer.waitForSelector('#pf-red-line-1-rule:text-is("price <= 3")');
  assert.equal((await buyer.textContent('#pf-red-line-0-rule')).trim(), 'delivery != "slow"');

  // The live preview, against the hand-worked values (trust included).
  const previewOf = async (key) => ({
    utility: +(await buyer.textContent(`#pf-u-${key}`)),
    outcome: JSON.parse(await buyer.getAttribute(`#pf-preview-${key}`, 'data-outcome')),
  });
  await buyer.waitForSelector(`#pf-u-text:text-is("${hand.text.toFixed(3)}")`);
  await buyer.waitForSelector(`#pf-u-worst:text-is("${hand.worst.toFixed(3)}")`);
  await buyer.waitForSelector(`#pf-u-best:text-is("${hand.best.toFixed(3)}")`)
    .catch(() => {}); // (a hang bound only: the assertions below say what differs)
  const preview = { text: await previewOf('text'), best: await previewOf('best'), worst: await previewOf('worst') };
  assert.deepEqual(preview.text, { utility: hand.text, outcome: text1 });
  assert.deepEqual(preview.best, { utility: hand.best, outcome: handOutcome.best });
  assert.deepEqual(preview.worst, { utility: hand.worst, outcome: handOutcome.worst });
  await shot(buyer, 'party-form', '#profile-form');
  await shot(buyer, 'party-preview', '#pf-preview');

  // Saved: the document stored is exactly the one the form wrote.
  await buyer.click('#upload-profile');
  await buyer.waitForSelector('#profile-msg:has-text("Profile saved")');
  const stored = await call(buyer, buyerEntry.token, 'GET', `negotiations/${n}/profile`);
  assert.deepEqual(stored.body.profile, buyerProfile);
  // The server's valuation of the same profile: the mediator's analysis of the text and the party's own.
  await buyer.waitForSelector(`#my-utility:text-is("${hand.text.toFixed(3)}")`);
  const analysis = (await call(med, medToken, 'GET', `negotiations/${n}/analysis`)).body;
  const k = analysis.parties.findIndex((p) => p.name === 'Buyer');
  assert.equal(analysis.parties[k].profile, 'uploaded');
  assert.equal(analysis.current_text.utilities[k], preview.text.utility, 'the analysis values text 1 otherwise');
  const own = (await call(buyer, buyerEntry.token, 'GET', `negotiations/${n}/texts/current/value`)).body;
  assert.equal(+own.utility.toFixed(9), preview.text.utility);
  assert.equal(own.reservation, buyerProfile.reservation);
  await shot(buyer, 'party-text-value', '#current-text + #my-value');
  // The mediator models the Buyer from its uploaded profile: the same preview; with full trust in phase two the
  // text would be worth .25 + .1 + .18 = .53 to it.
  await med.click('#model-load');
  await med.waitForSelector('#model-msg:has-text("Buyer: the profile it uploaded")');
  await med.waitForSelector(`#model-u-text:text-is("${hand.text.toFixed(3)}")`);
  assert.equal(+(await med.textContent('#model-u-best')), hand.best);
  await med.fill('#model-trust-two-range', '1');
  await med.waitForSelector('#model-u-text:text-is("0.530")');

  // The best and the worst acceptable package, each put in the amendment from the preview and proposed: the
  // mediator's amendment check values the amended text as the preview did.
  for (const key of ['best', 'worst']) {
    await buyer.click(`#pf-preview-${key} button[data-action="amend"]`);
    await buyer.waitForSelector('#answer-msg:has-text("The amendment editor holds that package")');
    await buyer.click('#amend');
    await buyer.waitForSelector('#answer-msg:has-text("You answered text 1: amend")');
    const check = (await call(med, medToken, 'GET', `negotiations/${n}/analysis/amendments?participant=${buyerEntry.id}`)).body;
    const together = check.parties[0].together;
    const amended = Object.assign({}, text1, ...check.parties[0].amendments.map((a) => ({ [a.issue]: a.value })));
    assert.deepEqual(amended, preview[key].outcome, `the ${key} package amended`);
    assert.equal(+together.utilities.Buyer.after.toFixed(9), preview[key].utility, `the server values the ${key} package otherwise`);
    assert.deepEqual(together.accepted_by.includes('Buyer'), true, `the ${key} package is not acceptable to the Buyer`);
  }
  noFailures('up to the amendments');

  // The Buyer's own advice values the text as the preview did.
  await buyer.click('#get-advice');
  await buyer.waitForSelector(`#advice-utility:text-is("${hand.text.toFixed(3)}")`);
  await shot(buyer, 'party-advice', '#my-advice-panel');
  // The agent answered text 1 for the Seller (its timeline event shows what it is).
  await med.waitForSelector('#responses tr[data-party="Seller"]');

  // Text 2, tabled from the mediator's editor: the Buyer's preview follows it; the Buyer accepts, the agent
  // accepts at its deadline: agreement.
  for (const [issue, v] of Object.entries(text2)) await med.selectOption(`#text-${issue}`, JSON.stringify(v));
  await med.click('#table-text');
  await med.waitForSelector('#table-msg:has-text("Text 2 tabled")');
  await buyer.waitForSelector('#current-text:has-text("Text 2")');
  await buyer.waitForSelector(`#pf-u-text:text-is("${improvement.Buyer.before.toFixed(3)}")`);
  await buyer.click('#accept');
  await buyer.waitForSelector('#my-answer:has-text("accept")');
  await buyer.waitForSelector('#agreement:not([hidden]):has-text("Agreement reached on text 2")', { timeout: 4 * T });
  // The preview is drawn again when the agreement's event reaches the page: wait for it (a hang bound, not a speed).
  await buyer.waitForSelector('#pf-preview-best button[data-action="amend"]:disabled')
    .catch(async () => assert.fail('the preview still amends after the agreement (' +
      `title '${await buyer.textContent('#title')}', ` +
      `${await buyer.locator('#pf-preview-best button[data-action="amend"]').count()} amend button(s), ` +
      `${await buyer.locator('[data-before-agreement]:not(:disabled)').count()} controls still enabled)`));
  await shot(buyer, 'party-agreement');

  // The mediator seeks improvements of the signed text: the one by hand, with both parties' numbers, each
  // recomputed here under that party's profile (the Buyer's saved one, the Seller's estimate the agent uses).
  await med.waitForSelector('#improve-panel:not([hidden])');
  await med.click('#seek-improvements');
  await med.waitForSelector('#improvement-list li[data-rank="1"]');
  assert.equal(await med.locator('#improvement-list li').count(), 1, 'more than the one improvement by hand');
  const found = (await call(med, medToken, 'GET', `negotiations/${n}/improvements`)).body.improvements;
  assert.deepEqual(found.map((x) => x.package), [improvement.package]);
  for (const [name, profile] of [['Buyer', buyerProfile], ['Seller', sellerProfile]]) {
    const m = V.model(scenario, profile);
    assert.equal(+V.valueOf(m, text2).utility.toFixed(9), improvement[name].before, `${name} before, recomputed`);
    assert.equal(+V.valueOf(m, improvement.package).utility.toFixed(9), improvement[name].after, `${name} after, recomputed`);
    assert.deepEqual(found[0].utilities[name], improvement[name], `${name}'s utilities of the improvement`);
  }
  await shot(med, 'mediator-improvements', '#improve-panel');
  await med.click('#improvement-list li[data-rank="1"] button');
  await med.waitForSelector('#improve-msg:has-text("Offered")');
  // Each party sees its own gain, and nothing of the other's.
  const gain = (u) => `${u.before.toFixed(3)} → ${u.after.toFixed(3)} (+${(u.after - u.before).toFixed(3)})`;
  await buyer.waitForSelector(`#my-improvements:not([hidden]) .my-gain:text-is("${gain(improvement.Buyer)}")`);
  const seller = await newPage('Seller');
  await seller.goto(`${base}/party.html#n=${n}&t=${sellerEntry.token}`);
  await seller.waitForSelector(`#my-improvements:not([hidden]) .my-gain:text-is("${gain(improvement.Seller)}")`);
  for (const [page, other] of [[buyer, 'Seller'], [seller, 'Buyer']]) {
    const shown = await page.textContent('#my-improvements');
    for (const u of Object.values(improvement[other])) assert.ok(!shown.includes(u.toFixed(3)), `${page.view} sees ${other}'s utility ${u}`);
  }
  const mine = (await call(seller, sellerEntry.token, 'GET', `negotiations/${n}/improvements/me`)).body;
  assert.ok(!JSON.stringify(mine).includes('Buyer'), 'the Seller is told something of the Buyer: ' + JSON.stringify(mine));
  await shot(buyer, 'party-improvement', '#my-improvements');
  noFailures('up to the improvement');

  // The form reads and writes the profile document exactly: a file with what the form has controls for and
  // what it keeps as it is (a curve, a discount, a red line's "why", a rule in no common form), saved untouched,
  // then with one red line changed in the form: only that rule changes (its name, not the form's, stays).
  const full = {
    preferences: { price: { weight: 0.4, function: { type: 'piecewise', points: [[0, 1], [2, 0.7], [4, 0]] } },
      delivery: { weight: 0.35, values: { slow: 0, normal: 0.4, fast: 1 } },
      warranty: { weight: 0.25, values: { none: 0, one_year: 0.5, two_years: 1 } } },
    reservation: 0.2, reservation_curve: [[0, 0.4], [1, 0.1]], discount: 0.9, trust: { one: 1, two: 0.7 },
    red_lines: [{ name: 'no_slow', rule: 'delivery != "slow"', why: 'fresh goods' }, { name: 'cheap', rule: 'price <= 3' },
      { name: 'if_fast', rule: 'if delivery == "fast" then warranty != "none"' },
      { name: 'mixed', rule: 'price + 1 <= 4 or warranty == "two_years"' }, { name: 'fresh', rule: 'delivery == "fast"' }],
  };
  writeFileSync(join(dir, 'full.json'), JSON.stringify(full));
  await buyer.setInputFiles('#profile-file', join(dir, 'full.json'));
  await buyer.waitForSelector('#profile-msg:has-text("full.json loaded")');
  assert.equal(await buyer.inputValue('#pf-kind-price'), 'piecewise');
  assert.equal(await buyer.inputValue('#pf-price-x1'), '2');
  assert.equal(await buyer.inputValue('#pf-trust-two'), '0.7');
  assert.deepEqual(await Promise.all([0, 1, 2, 3, 4].map((k) => buyer.inputValue(`#pf-red-line-${k}-kind`))),
    ['never', 'at_most', 'if', 'expression', 'must']);
  assert.equal(await buyer.inputValue('#pf-red-line-3-expression'), full.red_lines[3].rule);
  await buyer.waitForSelector('#pf-preview:has-text("Your reservation: 0.400")'); // the curve at the start
  const saved = async () => {
    await buyer.click('#upload-profile');
    await buyer.waitForSelector('#profile-msg:has-text("Profile saved")');
    return (await call(buyer, buyerEntry.token, 'GET', `negotiations/${n}/profile`)).body.profile;
  };
  assert.deepEqual(await saved(), full);
  await buyer.selectOption('#pf-red-line-2-then-value', '"one_year"');
  await buyer.waitForSelector('#pf-red-line-2-rule:text-is("if delivery == \\"fast\\" then warranty != \\"one_year\\"")');
  full.red_lines[2].rule = 'if delivery == "fast" then warranty != "one_year"';
  assert.deepEqual(await saved(), full);
  noFailures('after the round trip');

  // A GENIUS profile uploaded fills the form in (the server converts it, storing nothing until the party saves).
  const laptop = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'shared', 'genius', 'anac2012', 'Laptop');
  const docs = ['Laptop-A-domain.xml', 'Laptop-A-prof1.xml', 'Laptop-A-prof2.xml'].map((f) => ({ name: f, content: readFileSync(join(laptop, f), 'utf8') }));
  const lap = (await call(med, adminToken, 'POST', 'negotiations', { documents: docs })).body;
  const lapParty = (await call(med, lap.participant.token, 'POST', `negotiations/${lap.negotiation.id}/participants`,
    { name: 'Laptop-A-prof1', role: 'party' })).body;
  const genius = await newPage('Laptop party');
  await genius.goto(`${base}/party.html#n=${lap.negotiation.id}&t=${lapParty.token}`);
  await genius.waitForSelector('#pf-weight-Laptop-range');
  await genius.setInputFiles('#profile-file', join(laptop, 'Laptop-A-prof1.xml'));
  await genius.waitForSelector('#profile-msg:has-text("Laptop-A-prof1.xml loaded (GENIUS profile, converted)")');
  const converted = (await call(genius, lapParty.token, 'POST', `negotiations/${lap.negotiation.id}/profile/convert`, { document: docs[1] })).body.profile;
  assert.equal(+(await genius.inputValue('#pf-weight-Laptop')), +converted.preferences.Laptop.weight.toFixed(10));
  assert.equal((await call(genius, lapParty.token, 'GET', `negotiations/${lap.negotiation.id}/profile`)).body.profile, null,
    'converting stored the profile');
  await genius.click('#upload-profile');
  await genius.waitForSelector('#profile-msg:has-text("Profile saved")');
  assert.deepEqual((await call(genius, lapParty.token, 'GET', `negotiations/${lap.negotiation.id}/profile`)).body.profile, converted);
  noFailures('after the GENIUS upload');
  console.log('party e2e: the Buyer filled its preferences with the form; the preview equals the server\'s valuation');
} catch (e) {
  console.error('party e2e failed:', e.message);
  failed = true;
} finally {
  if (bad.length) { console.error('failing requests or console errors:', JSON.stringify(bad, null, 1)); failed = true; }
  await browser.close();
  rmSync(dir, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
