// Every call of the console goes through the same /v1 routes and role checks as the SDK, with the key of this tab.
const storageKey = 'hsactors.apiKey';

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail ?? problem?.title ?? `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

export const session = {
  get key() { return sessionStorage.getItem(storageKey); },
  set key(value) { value ? sessionStorage.setItem(storageKey, value) : sessionStorage.removeItem(storageKey); },
};

let onUnauthorized = () => {};
export function whenUnauthorized(handler) { onUnauthorized = handler; }

export async function call(method, path, body, headers = {}) {
  const init = { method, headers: { 'X-Api-Key': session.key ?? '', Accept: 'application/json, application/problem+json', ...headers } };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const response = await fetch(path, init);
  const text = await response.text();
  const data = text ? safeJson(text) : null;
  if (!response.ok) {
    const error = new ApiError(response.status, data && typeof data === 'object' ? data : { title: `HTTP ${response.status}`, detail: text });
    if (response.status === 401) onUnauthorized(error);
    throw error;
  }
  return { data, etag: response.headers.get('ETag'), status: response.status };
}

function safeJson(text) {
  try { return JSON.parse(text); } catch { return { title: 'Unreadable answer', detail: text.slice(0, 200) }; }
}

export const get = (path) => call('GET', path).then(r => r.data);
export const post = (path, body, headers) => call('POST', path, body, headers);
export const del = (path, body, headers) => call('DELETE', path, body, headers);
