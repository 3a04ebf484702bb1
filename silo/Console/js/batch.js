import { post } from './api.js';
import { $, h, percent, showProblem } from './dom.js';
import { linesFrom } from './csv.js';
import { addToReview } from './review.js';
import { formatCode } from './classify.js';

const chunkSize = 500;
const maxLines = 100000;

async function classifyAll(lines, progress) {
  const answers = [];
  for (let start = 0; start < lines.length; start += chunkSize) {
    const chunk = lines.slice(start, start + chunkSize);
    const { data } = await post('/v1/classify/batch?explain=false', { lines: chunk });
    answers.push(...data.results);
    progress(answers.length);
  }
  return answers;
}

function histogram(values, buckets) {
  const counts = new Array(buckets).fill(0);
  for (const v of values) counts[Math.min(buckets - 1, Math.floor(v * buckets))]++;
  return counts;
}

function stat(label, value) { return h('div', { class: 'stat' }, h('b', {}, value), label); }

export function renderSummary(container, lines, answers) {
  const top = answers.map(a => a.recommendations[0]?.probability ?? 0);
  const checks = answers.map(a => a.declaredCodeCheck?.verdict ?? 'None');
  const count = (verdict) => checks.filter(c => c === verdict).length;
  const chapters = new Map();
  for (const a of answers) {
    const chapter = a.recommendations[0]?.chapter;
    if (chapter) chapters.set(chapter, (chapters.get(chapter) ?? 0) + 1);
  }
  const buckets = histogram(top, 10);
  const highest = Math.max(1, ...buckets);
  const bars = h('div', { class: 'bars', role: 'img', 'aria-label': `Top-1 confidence in ten bands: ${buckets.join(', ')} lines` },
    buckets.map((n, i) => { const bar = h('div', { title: `${i * 10}–${i * 10 + 10} %: ${n} lines` }); bar.style.height = `${(100 * n) / highest}%`; return bar; }));
  const risky = answers.map((a, i) => ({ a, line: lines[i] }))
    .filter(x => x.a.declaredCodeCheck && x.a.declaredCodeCheck.verdict !== 'Agrees')
    .sort((x, y) => y.a.declaredCodeCheck.riskScore - x.a.declaredCodeCheck.riskScore).slice(0, 25);
  const unreadable = answers.filter(a => a.error).length;
  container.replaceChildren(
    h('h2', {}, 'Summary'),
    h('div', { class: 'stats-grid' },
      stat('lines', lines.length), stat('median top-1 confidence', percent(median(top))),
      stat('declared codes agree', count('Agrees')), stat('disagree', count('Disagrees')),
      stat('not a valid code', count('NotAValidCode')), stat('unreadable lines', unreadable)),
    h('h3', {}, 'Confidence of the first recommendation (0 to 100 %)'), bars,
    h('h3', {}, 'Top chapters'),
    h('table', { class: 'data', id: 'top-chapters' }, h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Chapter'), h('th', { scope: 'col' }, 'Lines'))),
      h('tbody', {}, [...chapters].sort((x, y) => y[1] - x[1]).slice(0, 10).map(([c, n]) => h('tr', {}, h('td', {}, c), h('td', { class: 'num' }, n))))),
    h('h3', {}, 'Riskiest lines first'),
    risky.length ? h('table', { class: 'data', id: 'riskiest' },
      h('thead', {}, h('tr', {}, ['Risk', 'Description', 'Declared', 'Recommended'].map(t => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, risky.map(({ a, line }) => h('tr', {},
        h('td', { class: 'num' }, a.declaredCodeCheck.riskScore.toFixed(2)), h('td', {}, line.description),
        h('td', {}, formatCode(a.declaredCodeCheck.declaredCode)), h('td', {}, a.recommendations[0] ? formatCode(a.recommendations[0].code) : '—')))))
      : h('p', { class: 'muted' }, 'No line declares a code the model disagrees with.'));
  container.hidden = false;
}

function median(values) {
  if (!values.length) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

export function initBatch() {
  const form = $('#batch-form');
  $('#b-file').addEventListener('change', async (event) => {
    const file = event.target.files[0];
    if (file) $('#b-lines').value = await file.text();
  });
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const errors = $('#batch-errors');
    errors.replaceChildren();
    const lines = linesFrom($('#b-lines').value);
    if (!lines.length) {
      errors.textContent = 'Paste at least one line, or upload a CSV file with a description column.';
      return;
    }
    if (lines.length > maxLines) {
      errors.textContent = `At most ${maxLines.toLocaleString()} lines at a time; this has ${lines.length.toLocaleString()}.`;
      return;
    }
    const progress = $('#batch-progress');
    const status = $('#batch-status');
    progress.hidden = false;
    progress.max = lines.length;
    progress.value = 0;
    const button = form.querySelector('button[type=submit]');
    button.disabled = true;
    const started = performance.now();
    try {
      const answers = await classifyAll(lines, done => {
        progress.value = done;
        status.textContent = `${done.toLocaleString()} of ${lines.length.toLocaleString()} lines checked`;
      });
      renderSummary($('#summary'), lines, answers);
      addToReview(answers.map((answer, i) => ({ line: lines[i], answer })));
      status.textContent = `${lines.length.toLocaleString()} lines checked in ${((performance.now() - started) / 1000).toFixed(1)} s`;
    } catch (error) {
      showProblem(errors, error);
      status.textContent = '';
    } finally {
      button.disabled = false;
    }
  });
}
