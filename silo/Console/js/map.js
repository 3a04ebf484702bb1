import { get } from './api.js';
import { $, h, svg, sectionColour } from './dom.js';

let chapterMap = null;      // GET /v1/map, once per sign-in
let shown = null;           // the map on screen: all chapters, or one chapter's headings
let query = null;           // { label, x, y, z, chapters: Set }
const view = { yaw: 0.6, pitch: 0.35, zoom: 1 };

async function loadChapters() {
  chapterMap ??= get('/v1/map');
  return chapterMap;
}

export async function sectionOf(chapter) {
  try {
    const map = await loadChapters();
    return map.points.find(p => p.code === chapter) ?? null;
  } catch {
    return null;
  }
}

// The query sits at the probability-weighted centre of the chapters the router gives it: where the model "thinks" it is.
export async function placeQuery(label, answer) {
  const map = await loadChapters().catch(() => null);
  if (!map) return;
  let x = 0, y = 0, z = 0, total = 0;
  for (const c of answer.chapters) {
    const point = map.points.find(p => p.code === c.chapter);
    if (!point) continue;
    x += c.probability * point.x; y += c.probability * point.y; z += c.probability * point.z; total += c.probability;
  }
  if (total <= 0) return;
  query = { label, x: x / total, y: y / total, z: z / total, chapters: new Set(answer.recommendations.map(r => r.chapter)) };
  if (!$('#view-map').hidden) draw();
}

function tip(text, clientX, clientY) {
  const box = $('#map-tip');
  if (!text) { box.hidden = true; return; }
  const frame = $('.map-wrap').getBoundingClientRect();
  box.textContent = text;
  box.style.left = `${clientX - frame.left + 12}px`;
  box.style.top = `${clientY - frame.top + 12}px`;
  box.hidden = false;
}

const describe = (p) => `${p.code} ${p.title} (section ${p.section}: ${p.sectionTitle})`;

function draw2d() {
  const plot = $('#map-2d');
  plot.replaceChildren(plot.querySelector('title'));
  const headings = Boolean(shown.chapter); // absent (not null) on the map of all chapters
  for (const p of shown.points) {
    const highlighted = query && !headings && query.chapters.has(p.code);
    const dot = svg('circle', {
      cx: p.x, cy: -p.y, r: highlighted ? 0.045 : 0.03, fill: sectionColour(p.section), stroke: highlighted ? '#000' : '#fff', 'stroke-width': highlighted ? 0.012 : 0.004,
      tabindex: 0, role: 'button', 'aria-label': describe(p), 'data-code': p.code,
      onmouseenter: (e) => tip(describe(p), e.clientX, e.clientY), onmouseleave: () => tip(null),
      onfocus: () => { const r = dot.getBoundingClientRect(); tip(describe(p), r.right, r.bottom); }, onblur: () => tip(null),
      onclick: () => { if (!headings) zoomInto(p.code); },
      onkeydown: (e) => { if (!headings && (e.key === 'Enter' || e.key === ' ')) { e.preventDefault(); zoomInto(p.code); } },
    });
    plot.append(dot, svg('text', { x: p.x + 0.035, y: -p.y + 0.015 }, p.code));
  }
  if (query && !headings) {
    plot.append(svg('path', { d: `M ${query.x - 0.05} ${-query.y} h 0.1 M ${query.x} ${-query.y - 0.05} v 0.1`, stroke: '#000', 'stroke-width': 0.015, 'data-query': 'true' },
      svg('title', {}, `Query: ${query.label}`)));
    plot.append(svg('text', { x: query.x + 0.05, y: -query.y - 0.04 }, `“${query.label.slice(0, 30)}”`));
  }
}

function project(p, width, height) {
  const cy = Math.cos(view.yaw), sy = Math.sin(view.yaw), cp = Math.cos(view.pitch), sp = Math.sin(view.pitch);
  const x1 = p.x * cy - p.z * sy, z1 = p.x * sy + p.z * cy;
  const y2 = p.y * cp - z1 * sp, z2 = p.y * sp + z1 * cp;
  const depth = 3 / (3 + z2);
  const scale = Math.min(width, height) * 0.42 * view.zoom * depth;
  return { sx: width / 2 + x1 * scale, sy: height / 2 - y2 * scale, depth };
}

let projected = [];
function draw3d() {
  const canvas = $('#map-3d');
  const context = canvas.getContext('2d');
  const { width, height } = canvas;
  context.clearRect(0, 0, width, height);
  context.strokeStyle = '#c9d0d6';
  for (const axis of [{ x: 1, y: 0, z: 0 }, { x: 0, y: 1, z: 0 }, { x: 0, y: 0, z: 1 }]) {
    const a = project({ x: -axis.x, y: -axis.y, z: -axis.z }, width, height), b = project(axis, width, height);
    context.beginPath(); context.moveTo(a.sx, a.sy); context.lineTo(b.sx, b.sy); context.stroke();
  }
  projected = shown.points.map(p => ({ p, ...project(p, width, height) })).sort((a, b) => a.depth - b.depth);
  for (const { p, sx, sy, depth } of projected) {
    const highlighted = query && !shown.chapter && query.chapters.has(p.code);
    context.beginPath();
    context.arc(sx, sy, (highlighted ? 9 : 6) * depth, 0, 2 * Math.PI);
    context.fillStyle = sectionColour(p.section);
    context.fill();
    if (highlighted) { context.lineWidth = 2; context.strokeStyle = '#000'; context.stroke(); }
    context.fillStyle = '#1b1f24';
    context.font = `${Math.round(11 * depth)}px system-ui`;
    context.fillText(p.code, sx + 8, sy + 4);
  }
  if (query && !shown.chapter) {
    const { sx, sy } = project(query, width, height);
    context.lineWidth = 3; context.strokeStyle = '#000';
    context.beginPath(); context.moveTo(sx - 9, sy); context.lineTo(sx + 9, sy); context.moveTo(sx, sy - 9); context.lineTo(sx, sy + 9); context.stroke();
    context.fillText(`“${query.label.slice(0, 30)}”`, sx + 10, sy - 10);
  }
}

function draw() {
  if (!shown) return;
  $('#map-basis').textContent = `${shown.chapter ? `Headings of chapter ${shown.chapter}` : 'All chapters'}: ${shown.basis} (model ${shown.modelVersion}). The cross is the last query, at the probability-weighted centre of its chapters; outlined dots are its recommendations' chapters.`;
  const threeD = document.querySelector('input[name=map-mode]:checked').value === '3d';
  $('#map-2d').hidden = threeD;
  $('#map-3d').hidden = !threeD;
  threeD ? draw3d() : draw2d();
  const sections = new Map(shown.points.map(p => [p.section, p.sectionTitle]));
  $('#map-legend').replaceChildren(...[...sections].map(([section, title]) => {
    const swatch = h('span', { class: 'swatch', 'aria-hidden': 'true' });
    swatch.style.background = sectionColour(section);
    return h('li', {}, swatch, `${section}: ${title}`);
  }));
}

async function zoomInto(chapter) {
  try {
    shown = await get(`/v1/map/${chapter}`);
    $('#map-back').hidden = false;
    draw();
  } catch (error) {
    $('#map-basis').textContent = `Chapter ${chapter}: ${error.message}`;
  }
}

export async function showMap() {
  try {
    shown ??= await loadChapters();
    draw();
  } catch (error) {
    $('#map-basis').textContent = error.message;
  }
}

export function initMap() {
  for (const radio of document.querySelectorAll('input[name=map-mode]')) radio.addEventListener('change', draw);
  $('#map-back').addEventListener('click', async () => { shown = await loadChapters(); $('#map-back').hidden = true; draw(); });
  const canvas = $('#map-3d');
  let drag = null;
  canvas.addEventListener('pointerdown', (e) => { drag = { x: e.clientX, y: e.clientY }; canvas.setPointerCapture(e.pointerId); });
  canvas.addEventListener('pointerup', () => { drag = null; });
  canvas.addEventListener('pointermove', (e) => {
    if (drag) {
      view.yaw += (e.clientX - drag.x) * 0.01;
      view.pitch = Math.max(-1.5, Math.min(1.5, view.pitch + (e.clientY - drag.y) * 0.01));
      drag = { x: e.clientX, y: e.clientY };
      draw3d();
      return;
    }
    const frame = canvas.getBoundingClientRect();
    const mx = (e.clientX - frame.left) * canvas.width / frame.width, my = (e.clientY - frame.top) * canvas.height / frame.height;
    const near = projected.filter(q => Math.hypot(q.sx - mx, q.sy - my) < 10).pop();
    tip(near ? describe(near.p) : null, e.clientX, e.clientY);
  });
  canvas.addEventListener('wheel', (e) => { e.preventDefault(); view.zoom = Math.max(0.3, Math.min(5, view.zoom * (e.deltaY < 0 ? 1.1 : 0.9))); draw3d(); }, { passive: false });
  canvas.addEventListener('keydown', (e) => {
    const step = { ArrowLeft: [-0.1, 0], ArrowRight: [0.1, 0], ArrowUp: [0, -0.1], ArrowDown: [0, 0.1] }[e.key];
    if (step) { view.yaw += step[0]; view.pitch = Math.max(-1.5, Math.min(1.5, view.pitch + step[1])); }
    else if (e.key === '+' || e.key === '=') view.zoom = Math.min(5, view.zoom * 1.1);
    else if (e.key === '-') view.zoom = Math.max(0.3, view.zoom * 0.9);
    else return;
    e.preventDefault();
    draw3d();
  });
}
