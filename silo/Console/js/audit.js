import { get } from './api.js';
import { $, h, showProblem, clearInvalid } from './dom.js';

export function initAudit() {
  const form = $('#audit-form');
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearInvalid(form);
    const errors = $('#audit-errors');
    errors.replaceChildren();
    const query = new URLSearchParams();
    for (const [name, value] of new FormData(form)) {
      if (!String(value).trim()) continue;
      // datetime-local has no offset: it is the officer's local time, sent as an instant.
      query.set(name, name === 'from' || name === 'to' ? new Date(value).toISOString() : String(value).trim());
    }
    query.set('limit', '200');
    try {
      const page = await get(`/v1/audit?${query}`);
      const results = $('#audit-results');
      results.replaceChildren(h('h2', {}, `${page.entries.length} entries`),
        h('table', { class: 'data', id: 'audit-table' },
          h('thead', {}, h('tr', {}, ['At', 'Kind', 'Actor', 'Subject', 'Details'].map(t => h('th', { scope: 'col' }, t)))),
          h('tbody', {}, page.entries.map(e => h('tr', {}, h('td', {}, new Date(e.at).toLocaleString()), h('td', {}, e.kind), h('td', {}, e.actor),
            h('td', {}, e.subject), h('td', {}, h('code', {}, JSON.stringify(e.details).slice(0, 240))))))));
      results.hidden = false;
    } catch (error) {
      showProblem(errors, error);
    }
  });
}
