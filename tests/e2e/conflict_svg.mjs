// conflict_svg.mjs: renders an SVG written by `parley conflict --svg` in headless Debian chromium and
// checks what a reader sees: the drawing has a size, every state's circle and label lie inside the
// picture, no two labels overlap, no label covers another state's circle, and the equilibria count
// matches. usage: node conflict_svg.mjs FILE.svg EXPECTED_STATES EXPECTED_EQUILIBRIA
import { chromium } from 'playwright-core';
import assert from 'node:assert/strict';
import { pathToFileURL } from 'node:url';

const [file, wantStates, wantEq] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
         '--disable-component-update', '--disable-sync'],
});
try {
  const page = await browser.newPage();
  await page.goto(pathToFileURL(file).href);
  const info = await page.evaluate(() => {
    const svg = document.querySelector('svg');
    const box = (e) => { const r = e.getBoundingClientRect(); return { x: r.x, y: r.y, w: r.width, h: r.height }; };
    const states = [...document.querySelectorAll('g.state')].map((g) => ({
      circle: box(g.querySelector('circle')), text: box(g.querySelector('text')),
      label: g.querySelector('text').textContent, eq: g.classList.contains('equilibrium') }));
    return { svg: box(svg), states };
  });
  assert.ok(info.svg.w > 100 && info.svg.h > 100, `svg too small: ${JSON.stringify(info.svg)}`);
  assert.equal(info.states.length, Number(wantStates));
  assert.equal(info.states.filter((s) => s.eq).length, Number(wantEq));
  const inside = (b) => b.x >= info.svg.x - 0.5 && b.y >= info.svg.y - 0.5 &&
    b.x + b.w <= info.svg.x + info.svg.w + 0.5 && b.y + b.h <= info.svg.y + info.svg.h + 0.5;
  const overlap = (a, b) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
  for (const s of info.states) {
    assert.ok(s.text.w > 0 && s.text.h > 0, `label not rendered: ${s.label}`);
    assert.ok(inside(s.circle) && inside(s.text), `outside the picture: ${s.label} ${JSON.stringify(s.text)}`);
  }
  for (let i = 0; i < info.states.length; i++)
    for (let j = 0; j < info.states.length; j++) {
      if (i === j) continue;
      const a = info.states[i], b = info.states[j];
      if (i < j) assert.ok(!overlap(a.text, b.text), `labels overlap: "${a.label}" and "${b.label}"`);
      assert.ok(!overlap(a.text, b.circle), `label "${a.label}" covers state "${b.label}"`);
    }
  console.log(`PASS ${file}: ${info.states.length} states, ${wantEq} equilibria, no overlaps`);
} finally {
  await browser.close();
}
