import { post } from './api.js';
import { $, h, showProblem } from './dom.js';
import { formatCode } from './classify.js';

// One entry per distinct declaration line; an entry keeps its assessment id and time once made, so a retry of the
// same click sends the very same assessment and the silo recognises it as a duplicate.
const queue = new Map();

const keyOf = (line) => JSON.stringify([line.description, line.declaredCode ?? '', line.importerId ?? '']);

export function addToReview(items) {
  for (const { line, answer } of items) {
    const check = answer.declaredCodeCheck;
    if (!check || check.verdict === 'Agrees' || answer.error) continue;
    const key = keyOf(line);
    if (!queue.has(key)) queue.set(key, { key, line, answer, state: 'open' });
  }
  render();
}

function officerName() {
  return ($('#who-name').textContent.split(' (')[0] || 'console').trim();
}

async function record(entry, input, cell, errors) {
  errors.replaceChildren();
  const assessedCode = input.value.replace(/[.\s]/g, '');
  entry.assessment ??= {
    assessmentId: `console-${crypto.randomUUID()}`,
    assessedAt: new Date().toISOString(),
  };
  if (entry.assessment.assessedCode && entry.assessment.assessedCode !== assessedCode) {
    // Another code is another decision: it gets its own id rather than conflicting with the first.
    entry.assessment = { assessmentId: `console-${crypto.randomUUID()}`, assessedAt: new Date().toISOString() };
  }
  entry.assessment.assessedCode = assessedCode;
  const body = {
    assessmentId: entry.assessment.assessmentId,
    description: entry.line.description,
    declaredCode: entry.line.declaredCode,
    assessedCode,
    officerId: officerName(),
    importerId: entry.line.importerId,
    originCountry: entry.line.originCountry,
    assessedAt: entry.assessment.assessedAt,
  };
  try {
    const { data } = await post('/v1/assessments', body);
    entry.state = 'recorded';
    const { data: again } = await post('/v1/classify', { ...entry.line, declaredCode: undefined });
    const top = again.recommendations[0];
    cell.replaceChildren(h('span', { class: 'badge agrees' }, data.duplicate ? 'already recorded' : 'recorded'),
      ` offset ${data.offset}. Now first: `, h('span', { class: 'code', 'data-now': top?.code }, top ? formatCode(top.code) : '—'),
      top?.source === 'officer-override' ? h('span', { class: 'badge override' }, 'officer override') : '');
  } catch (error) {
    showProblem(errors, error);
  }
}

function row(entry) {
  const check = entry.answer.declaredCodeCheck;
  const top = entry.answer.recommendations[0];
  const id = `review-code-${[...queue.keys()].indexOf(entry.key)}`;
  const input = h('input', { id, name: 'assessedCode', value: top?.code ?? '', inputmode: 'numeric', size: 10, 'aria-label': `Your code for ${entry.line.description}` });
  const errors = h('div', { class: 'error', role: 'alert' });
  const action = h('td', {});
  const button = h('button', { type: 'button', onclick: () => record(entry, input, action, errors) }, 'Record assessment');
  action.append(button, errors);
  return h('tr', { 'data-risk': check.riskScore.toFixed(3) },
    h('td', { class: 'num' }, check.riskScore.toFixed(2)), h('td', {}, entry.line.description),
    h('td', {}, check.verdict === 'NotAValidCode' ? `${check.declaredCode} (not a valid code)` : formatCode(check.declaredCode)),
    h('td', {}, top ? formatCode(top.code) : '—'), h('td', {}, input), action);
}

function render() {
  const open = [...queue.values()].filter(e => e.state === 'open')
    .sort((a, b) => b.answer.declaredCodeCheck.riskScore - a.answer.declaredCodeCheck.riskScore);
  $('#review-count').textContent = String(open.length);
  const body = $('#review-table tbody');
  body.replaceChildren(...open.slice(0, 500).map(row));
  $('#review-status').textContent = open.length ? `${open.length} lines to review${open.length > 500 ? ' (the 500 riskiest shown)' : ''}.` : 'Nothing to review: check lines with declared codes first.';
}

export function initReview() { render(); }
