// svg_check.mjs: loads SVG files in headless Debian chromium and checks that each renders (an <svg> root
// with a size, no parser error, some drawn content) and that no two texts overlap and no text crosses an
// axis line (<line class="axis">), measured with getBoundingClientRect (which, unlike getBBox, includes
// rotations).  With --png DIR it also writes a screenshot of each file to DIR.
// usage: node svg_check.mjs [--png DIR] FILE.svg...   exit 0 when every file passes, 1 otherwise.
import { chromium } from 'playwright-core';
import { basename, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const args = process.argv.slice(2);
let pngDir = null;
if (args[0] === '--png') { pngDir = args[1]; args.splice(0, 2); }
if (args.length === 0) { console.error('usage: node svg_check.mjs [--png DIR] FILE.svg...'); process.exit(2); }

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
         '--disable-component-update', '--disable-sync'],
});
let failures = 0;
try {
  const page = await browser.newPage();
  for (const file of args) {
    await page.goto(pathToFileURL(resolve(file)).href);
    const report = await page.evaluate(() => {
      const problems = [];
      const root = document.documentElement;
      if (document.querySelector('parsererror') || root.localName !== 'svg')
        return { problems: ['not a well-formed SVG document: ' + (root.textContent || '').slice(0, 200)], texts: 0 };
      const box = root.getBoundingClientRect();
      if (!(box.width > 0 && box.height > 0)) problems.push('the SVG has no size');
      const drawn = root.querySelectorAll('line, polyline, circle, rect, path').length;
      if (drawn < 5) problems.push(`only ${drawn} shapes drawn`);
      const slack = 0.5; // a pixel's rounding is not an overlap
      const hit = (a, b) => a.left + slack < b.right && b.left + slack < a.right &&
                            a.top + slack < b.bottom && b.top + slack < a.bottom;
      const texts = [...root.querySelectorAll('text')].filter(t => t.textContent.trim() !== '')
        .map(t => ({ text: t.textContent, r: t.getBoundingClientRect() }));
      for (const t of texts)
        if (t.r.left < box.left - 1 || t.r.right > box.right + 1 || t.r.top < box.top - 1 || t.r.bottom > box.bottom + 1)
          problems.push(`text "${t.text}" sticks out of the picture`);
      for (let i = 0; i < texts.length; i++)
        for (let j = i + 1; j < texts.length; j++)
          if (hit(texts[i].r, texts[j].r)) problems.push(`texts overlap: "${texts[i].text}" and "${texts[j].text}"`);
      const axes = [...root.querySelectorAll('line.axis')].map(l => l.getBoundingClientRect());
      for (const t of texts)
        for (const a of axes) {
          const line = { left: a.left - 0.5, right: a.right + 0.5, top: a.top - 0.5, bottom: a.bottom + 0.5 };
          if (hit(t.r, line)) { problems.push(`text "${t.text}" crosses an axis line`); break; }
        }
      return { problems, texts: texts.length, axes: axes.length };
    });
    if (pngDir) {
      await page.setViewportSize({ width: 1600, height: 1200 });
      await page.locator('svg').screenshot({ path: `${pngDir}/${basename(file, '.svg')}.png` });
    }
    if (report.problems.length) {
      failures++;
      console.log(`FAIL ${file}:`);
      for (const p of report.problems.slice(0, 30)) console.log('  ' + p);
    } else {
      console.log(`ok ${file}: ${report.texts} texts, ${report.axes} axis lines, no overlap`);
    }
  }
} finally {
  await browser.close();
}
process.exit(failures ? 1 : 0);
