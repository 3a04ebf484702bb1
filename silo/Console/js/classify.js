import { get, post } from './api.js';
import { $, h, percent, showProblem, clearInvalid, sectionColour } from './dom.js';
import { addToReview } from './review.js';
import { placeQuery, sectionOf } from './map.js';

export const formatCode = (code) => code.length > 4 ? [code.slice(0, 4), ...code.slice(4).match(/.{1,2}/g)].join('.') : code;

const nomenclature = new Map();
function nomenclatureOf(code) {
  if (!nomenclature.has(code)) nomenclature.set(code, get(`/v1/nomenclature/${code}`).catch(() => null));
  return nomenclature.get(code);
}

export function requestFrom(form) {
  const line = {};
  for (const [name, value] of new FormData(form)) {
    if (String(value).trim()) line[name] = String(value).trim();
  }
  return line;
}

export async function renderPath(code) {
  const item = await nomenclatureOf(code);
  if (!item) return h('p', { class: 'muted' }, 'No nomenclature entry.');
  const chapter = item.parents[0]?.code ?? code.slice(0, 2);
  const section = await sectionOf(chapter);
  const rows = [...item.parents, item].map(level =>
    h('li', {}, h('span', { class: 'code' }, formatCode(level.code)), ' ', level.descriptionEn,
      level.descriptionId ? h('span', { class: 'id', lang: 'id' }, ` — ${level.descriptionId}`) : ''));
  if (section) rows.unshift(h('li', {}, h('span', { class: 'swatch', 'aria-hidden': 'true', 'data-colour': sectionColour(section.section) }), ` Section ${section.section}: ${section.sectionTitle}`));
  const list = h('ol', { class: 'path', 'aria-label': `Nomenclature path of ${formatCode(code)}` }, rows);
  for (const swatch of list.querySelectorAll('[data-colour]')) swatch.style.background = swatch.dataset.colour;
  return list;
}

function recommendation(rec, index) {
  const bar = h('div', { class: 'fill' });
  bar.style.width = `${(100 * rec.probability).toFixed(2)}%`;
  const item = h('li', { 'data-code': rec.code },
    h('div', { class: 'prob' },
      h('span', { class: 'code' }, `${index + 1}. ${formatCode(rec.code)}`),
      h('div', { class: 'track', role: 'meter', 'aria-valuemin': 0, 'aria-valuemax': 1, 'aria-valuenow': rec.probability.toFixed(4), 'aria-label': `Probability of ${formatCode(rec.code)}` }, bar),
      h('span', {}, percent(rec.probability))),
    rec.source === 'officer-override' ? h('span', { class: 'badge override' }, `officer's assessment ${rec.assessmentId}`) : '',
    rec.explanation?.length ? h('div', { class: 'terms', 'aria-label': 'Terms that weighed most' }, rec.explanation.slice(0, 6).map(t => h('span', {}, `${t.term} ${t.weight.toFixed(2)}`))) : '');
  renderPath(rec.code).then(path => item.append(path));
  return item;
}

function declaredCheck(check) {
  if (!check) return '';
  const verdict = check.verdict.toLowerCase();
  return h('div', { class: 'check' },
    h('h3', {}, 'Declared code'),
    h('p', {}, h('span', { class: `badge ${verdict}` }, check.verdict), ` ${formatCode(check.declaredCode)} · risk ${check.riskScore.toFixed(2)} · probability ${percent(check.probabilityOfDeclared)}`),
    h('p', { class: 'muted' }, check.reason));
}

export function renderAnswer(container, answer) {
  container.replaceChildren(
    h('h2', {}, 'Recommended codes'),
    h('ol', { class: 'recs', id: 'recommendations' }, answer.recommendations.map(recommendation)),
    declaredCheck(answer.declaredCodeCheck),
    h('h3', {}, 'Chapters'),
    h('p', {}, answer.chapters.slice(0, 5).map(c => `${c.chapter} ${c.title ?? ''} (${percent(c.probability)})`).join(' · ')),
    h('p', { class: 'muted', id: 'model-versions' }, 'Model versions: ', Object.entries(answer.modelVersions).map(([k, v]) => `${k} ${v}`).join(', ')));
  container.hidden = false;
}

function countTable(caption, rows) {
  if (!rows?.length) return h('p', { class: 'muted' }, `${caption}: none recorded.`);
  return h('table', { class: 'data' }, h('caption', {}, caption),
    h('tbody', {}, rows.map(r => h('tr', {}, h('td', {}, r.key), h('td', { class: 'num' }, r.count)))));
}

async function renderStatistics(container, answer) {
  const parts = [h('h2', {}, 'Statistics')];
  const importer = answer.importer;
  if (importer) {
    parts.push(h('h3', {}, `Importer ${importer.importerId}`),
      h('p', {}, `${importer.declarations} declarations, ${importer.assessments} assessed, ${importer.corrections} corrected`,
        importer.lastSeen ? `, last seen ${new Date(importer.lastSeen).toLocaleString()}` : ''),
      countTable('Usual codes', importer.topCodes), countTable('Usual chapters', importer.topChapters),
      countTable('Agents', importer.topAgents), countTable('Origin countries', importer.topOriginCountries));
  }
  const codes = answer.recommendations.slice(0, 3).map(r => r.code);
  const stats = await Promise.all(codes.map(c => get(`/v1/codes/${c}/stats`).catch(() => null)));
  for (const s of stats.filter(Boolean)) {
    parts.push(h('h3', {}, `Who declares ${formatCode(s.code)}`),
      h('p', {}, s.declarations ? `${s.declarations} declarations${s.lastSeen ? `, last ${new Date(s.lastSeen).toLocaleDateString()}` : ''}` : 'No declaration of this code recorded yet.'),
      s.declarations ? [countTable('Importers', s.topImporters), countTable('Agents', s.topAgents), countTable('Origin countries', s.topOriginCountries)] : '');
  }
  container.replaceChildren(...parts.flat());
  container.hidden = false;
}

export function initClassify() {
  const form = $('#classify-form');
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearInvalid(form);
    const errors = $('#classify-errors');
    errors.replaceChildren();
    const line = requestFrom(form);
    if (!line.description) {
      errors.textContent = 'Enter a goods description.';
      $('#c-description').setAttribute('aria-invalid', 'true');
      $('#c-description').focus();
      return;
    }
    const button = form.querySelector('button[type=submit]');
    button.disabled = true;
    try {
      const { data } = await post('/v1/classify', line);
      renderAnswer($('#answer'), data);
      placeQuery(line.description, data);
      addToReview([{ line, answer: data }]);
      await renderStatistics($('#statistics'), data);
    } catch (error) {
      showProblem(errors, error);
    } finally {
      button.disabled = false;
    }
  });
}
