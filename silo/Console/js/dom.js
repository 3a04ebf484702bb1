// Building elements from data without innerHTML, so text from the API or a pasted file can never become markup.
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on')) element.addEventListener(name.slice(2), value);
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return element;
}

export function svg(tag, attributes = {}, ...children) {
  const element = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null) continue;
    if (name.startsWith('on')) element.addEventListener(name.slice(2), value);
    else element.setAttribute(name, String(value));
  }
  for (const child of children.flat()) {
    if (child !== undefined && child !== null) element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return element;
}

export const $ = (selector, root = document) => root.querySelector(selector);

export const percent = (p, digits = 1) => `${(100 * p).toFixed(digits)} %`;

// Shows an API problem as the problem details say: its title and detail, then every field with its messages.
export function showProblem(container, error) {
  container.replaceChildren();
  if (!error) return;
  const problem = error.problem;
  if (!problem) {
    container.append(String(error.message ?? error));
    return;
  }
  container.append(h('p', {}, h('strong', {}, problem.title ?? `HTTP ${error.status}`), problem.detail ? ` — ${problem.detail}` : ''));
  if (problem.errors) {
    container.append(h('ul', {}, Object.entries(problem.errors).map(([field, messages]) =>
      h('li', { 'data-field': field }, h('code', {}, field), ': ', [].concat(messages).join(' ')))));
  }
  for (const [field] of Object.entries(problem.errors ?? {})) {
    const input = document.querySelector(`[name="${CSS.escape(field)}"]`);
    if (input) input.setAttribute('aria-invalid', 'true');
  }
}

export function clearInvalid(form) {
  for (const input of form.querySelectorAll('[aria-invalid]')) input.removeAttribute('aria-invalid');
}

const palette = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf', '#ff7f0e',
  '#393b79', '#637939', '#8c6d31', '#843c39', '#7b4173', '#3182bd', '#e6550d', '#31a354', '#756bb1', '#636363', '#a55194', '#6b6ecf'];
const sectionOrder = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII', 'XIII', 'XIV', 'XV', 'XVI', 'XVII', 'XVIII', 'XIX', 'XX', 'XXI'];
export function sectionColour(section) {
  const index = sectionOrder.indexOf(section);
  return palette[index >= 0 ? index : palette.length - 1];
}
