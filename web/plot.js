// plot.js: an SVG scatter plot of the Pareto frontier, the bargaining solutions and the current text,
// in the utilities of two parties (x, y), with their reservation values dashed.
'use strict';
function parleyPlot(container, analysis, x, y) {
  const NS = 'http://www.w3.org/2000/svg', W = 380, H = 320, M = 40;
  const sx = (u) => M + u * (W - M - 10), sy = (u) => H - M - u * (H - M - 10);
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
  add('rect', {x: M, y: 10, width: W - M - 10, height: H - M - 10, class: 'frame'});
  for (const t of [0, 0.25, 0.5, 0.75, 1]) {
    add('text', {x: sx(t), y: H - M + 16, class: 'tick', 'text-anchor': 'middle'}, t);
    add('text', {x: M - 6, y: sy(t) + 4, class: 'tick', 'text-anchor': 'end'}, t);
  }
  const parties = analysis.parties;
  add('text', {x: (W + M) / 2, y: H - 6, 'text-anchor': 'middle', class: 'label'}, `utility of ${parties[x].name}`);
  add('text', {x: 12, y: (H - M) / 2, 'text-anchor': 'middle', class: 'label', transform: `rotate(-90 12 ${(H - M) / 2})`},
      `utility of ${parties[y].name}`);
  add('line', {x1: sx(parties[x].reservation), x2: sx(parties[x].reservation), y1: sy(0), y2: sy(1), class: 'reservation'});
  add('line', {x1: sx(0), x2: sx(1), y1: sy(parties[y].reservation), y2: sy(parties[y].reservation), class: 'reservation'});
  const pts = analysis.frontier.map((f) => [f.utilities[x], f.utilities[y]]).sort((a, b) => a[0] - b[0]);
  if (pts.length > 1) add('polyline', {points: pts.map((p) => `${sx(p[0])},${sy(p[1])}`).join(' '), class: 'frontier-line'});
  for (const p of pts) add('circle', {cx: sx(p[0]), cy: sy(p[1]), r: 3, class: 'frontier'});
  for (const [name, s] of Object.entries(analysis.solutions || {})) {
    const cx = sx(s.utilities[x]), cy = sy(s.utilities[y]);
    add('rect', {x: cx - 4, y: cy - 4, width: 8, height: 8, class: 'solution', transform: `rotate(45 ${cx} ${cy})`});
    if (name === 'nash') add('text', {x: cx + 7, y: cy - 6, class: 'tick'}, 'Nash');
  }
  const t = analysis.current_text;
  if (t) {
    add('circle', {id: 'current-point', cx: sx(t.utilities[x]), cy: sy(t.utilities[y]), r: 6, class: 'current'});
    add('text', {x: sx(t.utilities[x]) + 8, y: sy(t.utilities[y]) + 14, class: 'tick'}, `text ${t.number}`);
  }
  container.replaceChildren(svg);
}
