import { call, get } from './api.js';
import { $, h, showProblem } from './dom.js';

function confirmAction(text) {
  const dialog = $('#confirm');
  $('#confirm-text').textContent = text;
  dialog.returnValue = '';
  dialog.showModal();
  $('#confirm-ok').focus();
  return new Promise(resolve => dialog.addEventListener('close', () => resolve(dialog.returnValue === 'ok'), { once: true }));
}

// Figures differ by how a version was made (bootstrap training, retraining with held-out and recent evaluations): all are shown.
const figures = (all) => Object.entries(all ?? {}).map(([name, value]) => `${name} ${Number.isInteger(value) ? value : Number(value).toFixed(3)}`).join(' · ') || '—';

function retraining(r) {
  if (!r) return '—';
  const last = r.lastDecision ? `last: ${r.lastDecision} ${r.lastVersion ?? ''}` : 'none yet';
  return `${r.running ? 'running, ' : ''}${r.pending} waiting; ${last}`;
}

export async function showModels() {
  const status = $('#models-status');
  try {
    const list = await get('/v1/admin/models');
    $('#models-table tbody').replaceChildren(...list.chapters.map(c => h('tr', { 'data-chapter': c.chapter },
      h('th', { scope: 'row' }, c.chapter), h('td', {}, c.activeVersion ?? '—'),
      h('td', {}, c.canaryVersion ? `${c.canaryVersion} at ${c.canaryPercent} %` : '—'), h('td', {}, c.shadowVersion ?? '—'),
      h('td', {}, c.pinned ? `yes: ${c.pinReason ?? ''}` : 'no'), h('td', {}, retraining(c.retraining)),
      h('td', {}, h('button', { type: 'button', class: 'secondary', onclick: () => openChapter(c.chapter) }, `Open ${c.chapter}`)))));
    status.textContent = `${list.chapters.length} model keys.`;
  } catch (error) {
    showProblem(status, error);
  }
}

async function change(chapter, etag, method, action, body, description) {
  if (!(await confirmAction(`${description} for chapter ${chapter}?`))) return;
  const errors = $('#model-errors');
  try {
    await call(method, `/v1/admin/models/${chapter}/${action}`, body, etag ? { 'If-Match': etag } : {});
    await openChapter(chapter, `${description}: done.`);
    await showModels();
  } catch (error) {
    showProblem(errors, error);
    if (error.status === 412 || error.status === 409) {
      errors.append(h('p', {}, 'The pointer changed since this page read it; nothing was overwritten. ',
        h('button', { type: 'button', class: 'secondary', onclick: () => openChapter(chapter) }, 'Reload the chapter')));
    }
  }
}

// The semantic index's key: promoted and rolled back like a chapter, but its stage serves the active version only and
// nothing retrains it, so the API refuses a canary, a shadow, a pin and a retraining; the console does not offer them.
const semanticKey = 'semantic';

export async function openChapter(chapter, message = '') {
  const panel = $('#model-detail');
  const semantic = chapter === semanticKey;
  const { data, etag } = await call('GET', `/v1/admin/models/${chapter}`);
  const c = data.chapter;
  const versionSelect = (id) => h('select', { id, name: 'version' }, data.versions.map(v => h('option', { value: v.version }, `${v.version} (${v.status})`)));
  const promoteTo = versionSelect('m-promote');
  const canaryTo = versionSelect('m-canary');
  const shadowTo = versionSelect('m-shadow');
  const percentInput = h('input', { id: 'm-percent', name: 'percent', type: 'number', min: 1, max: 99, value: 10 });
  const reason = h('input', { id: 'm-reason', name: 'reason', placeholder: 'why (kept in the history)' });
  const body = (extra = {}) => ({ reason: reason.value.trim() || undefined, ...extra });
  const shadow = c.served?.shadow;
  panel.replaceChildren(
    h('h2', { tabindex: -1, id: 'model-detail-title' }, semantic ? 'Semantic index' : `Chapter ${c.chapter}`),
    semantic ? h('p', {}, `This silo serves ${c.served?.version ?? 'no index yet'}. Every silo serves the active version; officers' assessments join it through the assessment stream and are replayed into each version it loads.`) : '',
    h('p', { role: 'status' }, message),
    h('p', {}, `Active ${c.activeVersion ?? '—'} · canary ${c.canaryVersion ? `${c.canaryVersion} at ${c.canaryPercent} %` : '—'} · shadow ${c.shadowVersion ?? '—'} · ${c.pinned ? `pinned (${c.pinReason})` : 'not pinned'} · revision ${c.revision} · ETag `, h('code', {}, etag ?? '—')),
    shadow ? h('p', {}, `Shadow ${shadow.shadowVersion} agrees with ${shadow.activeVersion} on ${shadow.agreed} of ${shadow.compared} live lines (${(100 * shadow.agreementRate).toFixed(1)} %); ${shadow.dropped} not compared (queue full).`) : '',
    shadow?.disagreements?.length ? h('table', { class: 'data', id: 'shadow-disagreements' }, h('caption', {}, 'Latest disagreements'),
      h('thead', {}, h('tr', {}, ['Description', `Active ${shadow.activeVersion}`, `Shadow ${shadow.shadowVersion}`].map(t => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, shadow.disagreements.map(d => h('tr', {}, h('td', {}, d.description), h('td', {}, d.activeCode ?? '—'), h('td', {}, d.shadowCode ?? '—'))))) : '',
    h('p', {}, `Retraining: ${retraining(c.retraining)}`),
    h('div', { id: 'model-errors', class: 'error', role: 'alert' }),
    h('div', { class: 'grid' },
      h('div', { class: 'field wide' }, h('label', { for: 'm-reason' }, 'Reason'), reason),
      h('div', { class: 'field' }, h('label', { for: 'm-promote' }, 'Promote version'), promoteTo,
        h('button', { type: 'button', onclick: () => change(chapter, etag, 'POST', 'promote', body({ version: promoteTo.value }), `Promote ${promoteTo.value}`) }, 'Promote')),
      semantic ? '' : h('div', { class: 'field' }, h('label', { for: 'm-canary' }, 'Canary version'), canaryTo, h('label', { for: 'm-percent' }, 'Canary share (%)'), percentInput,
        h('button', { type: 'button', onclick: () => change(chapter, etag, 'POST', 'canary', body({ version: canaryTo.value, percent: Number(percentInput.value) }), `Canary ${canaryTo.value} at ${percentInput.value} %`) }, 'Start canary'),
        h('button', { type: 'button', class: 'secondary', onclick: () => change(chapter, etag, 'DELETE', 'canary', body(), 'Clear the canary') }, 'Clear canary')),
      semantic ? '' : h('div', { class: 'field' }, h('label', { for: 'm-shadow' }, 'Shadow version'), shadowTo,
        h('button', { type: 'button', onclick: () => change(chapter, etag, 'POST', 'shadow', body({ version: shadowTo.value }), `Shadow ${shadowTo.value}`) }, 'Start shadow'),
        h('button', { type: 'button', class: 'secondary', onclick: () => change(chapter, etag, 'DELETE', 'shadow', body(), 'Clear the shadow') }, 'Clear shadow'))),
    h('div', { class: 'row' },
      h('button', { type: 'button', class: 'danger', onclick: () => change(chapter, etag, 'POST', 'rollback', body(), 'Roll back to the previous version') }, 'Roll back'),
      c.pinned
        ? h('button', { type: 'button', class: 'secondary', onclick: () => change(chapter, etag, 'POST', 'unpin', body(), 'Unpin') }, 'Unpin')
        : semantic ? '' : h('button', { type: 'button', class: 'secondary', onclick: () => change(chapter, etag, 'POST', 'pin', body({ reason: reason.value.trim() || 'pinned from the console' }), 'Pin the active version') }, 'Pin'),
      semantic ? '' : h('button', { type: 'button', class: 'secondary', onclick: () => change(chapter, null, 'POST', 'retrain', {}, 'Retrain now') }, 'Retrain now')),
    h('h3', {}, 'Versions (newest first)'),
    h('table', { class: 'data', id: 'versions' },
      h('thead', {}, h('tr', {}, ['Version', 'Status', 'Created', 'By', 'Rows', "Officers' rows", 'Figures'].map(t => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, data.versions.map(v => h('tr', { 'data-version': v.version, 'data-status': v.status },
        h('td', {}, v.version), h('td', {}, v.status), h('td', {}, new Date(v.createdAt).toLocaleString()), h('td', {}, v.createdBy),
        h('td', { class: 'num' }, v.trainingSummary?.rows ?? v.trainingSummary?.baseRows ?? '—'), h('td', { class: 'num' }, v.trainingSummary?.officerRows ?? 0),
        h('td', { class: 'figures' }, figures(v.figures)))))),
    h('h3', {}, 'Pointer history'),
    h('table', { class: 'data', id: 'history' },
      h('thead', {}, h('tr', {}, ['Revision', 'Action', 'At', 'By', 'From', 'To', 'Reason'].map(t => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, data.history.map(e => h('tr', {}, h('td', { class: 'num' }, e.revision), h('td', {}, e.action), h('td', {}, new Date(e.at).toLocaleString()),
        h('td', {}, e.by), h('td', {}, e.fromVersion ?? '—'), h('td', {}, e.toVersion ?? '—'), h('td', {}, e.reason ?? ''))))));
  panel.hidden = false;
  $('#model-detail-title').focus();
}

export function initModels() {}
