// plot.js: an SVG scatter plot of the Pareto frontier, the bargaining solutions and the current text,
// in the utilities of two parties (x, y), with their reservation values dashed.  Solutions at the same
// point share one label; every label is placed where it overlaps no other label, no axis text, no marker
// and no frontier point, with a leader line when it had to go farther.
'use strict';
function parleyPlot(container, analysis, x, y) {
  const NS = 'http://www.w3.org/2000/svg', W = 400, H = 330, M = 48, TOP = 10, RIGHT = 12;
  const PW = W - M - RIGHT, PH = H - M - TOP;
  const sx = (u) => M + u * PW, sy = (u) => H - M - u * PH;
  const svg = document.createElementNS(NS, 'svg');
  svg.setAttribute('viewBox', `0 0 ${W} ${H}`);
  svg.setAttribute('class', 'plot');
  const add = (tag, attrs, text) => {
    const e = document.createElementNS(NS, tag);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
    if (text !== undefined) e.textContent = text;
    svg.append(e);
    return e;
  };
  add('rect', {x: M, y: TOP, width: PW, height: PH, class: 'frame'});
  for (const t of [0, 0.25, 0.5, 0.75, 1]) {
    add('text', {x: sx(t), y: H - M + 15, class: 'tick', 'text-anchor': 'middle'}, t);
    add('text', {x: M - 5, y: sy(t) + 3.5, class: 'tick', 'text-anchor': 'end'}, t);
  }
  const parties = analysis.parties;
  add('text', {x: M + PW / 2, y: H - 12, 'text-anchor': 'middle', class: 'label'}, `utility of ${parties[x].name}`);
  add('text', {x: 11, y: TOP + PH / 2, 'text-anchor': 'middle', class: 'label', transform: `rotate(-90 11 ${TOP + PH / 2})`},
      `utility of ${parties[y].name}`);
  add('line', {x1: sx(parties[x].reservation), x2: sx(parties[x].reservation), y1: sy(0), y2: sy(1), class: 'reservation'});
  add('line', {x1: sx(0), x2: sx(1), y1: sy(parties[y].reservation), y2: sy(parties[y].reservation), class: 'reservation'});
  const pts = analysis.frontier.map((f) => [f.utilities[x], f.utilities[y]]).sort((a, b) => a[0] - b[0]);
  if (pts.length > 1) add('polyline', {points: pts.map((p) => `${sx(p[0])},${sy(p[1])}`).join(' '), class: 'frontier-line'});
  for (const p of pts) add('circle', {cx: sx(p[0]), cy: sy(p[1]), r: 3, class: 'frontier'});

  // Solutions grouped by their point (in this plot's two utilities): one marker and one label per point.
  const names = {nash: 'Nash', kalai: 'Kalai', egalitarian: 'egalitarian', welfare: 'welfare'};
  const groups = new Map();
  for (const [name, s] of Object.entries(analysis.solutions || {})) {
    const key = `${s.utilities[x]},${s.utilities[y]}`;
    if (!groups.has(key)) groups.set(key, {cx: sx(s.utilities[x]), cy: sy(s.utilities[y]), names: []});
    groups.get(key).names.push(names[name] || name);
  }
  const labels = [];
  for (const g of groups.values()) {
    add('rect', {x: g.cx - 4, y: g.cy - 4, width: 8, height: 8, class: 'solution', transform: `rotate(45 ${g.cx} ${g.cy})`});
    labels.push({cx: g.cx, cy: g.cy, text: g.names.join(', '), cls: 'solution-label'});
  }
  const t = analysis.current_text;
  if (t) {
    add('circle', {id: 'current-point', cx: sx(t.utilities[x]), cy: sy(t.utilities[y]), r: 6, class: 'current',
                   'data-ux': t.utilities[x], 'data-uy': t.utilities[y]});
    labels.unshift({cx: sx(t.utilities[x]), cy: sy(t.utilities[y]), text: `text ${t.number}`, cls: 'text-label', id: 'current-label'});
  }
  placeLabels(labels, [...groups.values()].map((g) => ({cx: g.cx, cy: g.cy})).concat(t ? [{cx: sx(t.utilities[x]), cy: sy(t.utilities[y])}] : []),
              pts.map((p) => ({cx: sx(p[0]), cy: sy(p[1])})));
  container.replaceChildren(svg);

  // Greedy placement: for each label, the first of a ring of candidate spots around its point (then farther
  // rings) whose box stays inside the frame and meets no placed label, no marker and no frontier point.
  function placeLabels(list, markers, dots) {
    const CH = 5.6, LH = 11; // a 10px label: about 5.6px per character, 11px high
    const boxes = markers.map((m) => ({x: m.cx - 9, y: m.cy - 9, w: 18, h: 18}))
      .concat(dots.map((d) => ({x: d.cx - 4, y: d.cy - 4, w: 8, h: 8})));
    const meets = (a, b) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
    const inside = (b) => b.x >= M + 1 && b.x + b.w <= W - RIGHT - 1 && b.y >= TOP + 1 && b.y + b.h <= H - M - 1;
    for (const l of list) {
      const w = l.text.length * CH, h = LH;
      let best = null;
      for (let ring = 0; ring < 8 && !best; ring++) {
        const d = 8 + ring * 12;
        const spots = [[d, -d - h], [d, d], [-d - w, -d - h], [-d - w, d], [-w / 2, -d - h], [-w / 2, d], [d, -h / 2], [-d - w, -h / 2]];
        for (const [dx, dy] of spots) {
          const b = {x: l.cx + dx, y: l.cy + dy, w, h};
          if (inside(b) && !boxes.some((o) => meets(b, o))) { best = b; break; }
        }
      }
      if (!best) continue; // no room at all: the point keeps its marker, without a label
      boxes.push(best);
      const far = Math.hypot(best.x + w / 2 - l.cx, best.y + h / 2 - l.cy) > 24;
      if (far) add('line', {x1: l.cx, y1: l.cy, x2: best.x + (best.x > l.cx ? 0 : w), y2: best.y + h / 2, class: 'leader'});
      const attrs = {x: best.x, y: best.y + h - 2, class: l.cls};
      if (l.id) attrs.id = l.id;
      add('text', attrs, l.text);
    }
  }
}
