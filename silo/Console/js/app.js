import { session, get, whenUnauthorized } from './api.js';
import { $, showProblem } from './dom.js';
import { initClassify } from './classify.js';
import { initBatch } from './batch.js';
import { initReview } from './review.js';
import { initMap, showMap } from './map.js';
import { initModels, showModels } from './models.js';
import { initAudit } from './audit.js';

const tabs = () => [...document.querySelectorAll('[role=tab]')].filter(t => !t.hidden);
const onShow = { 'view-map': showMap, 'view-models': showModels };

function select(tab) {
  for (const other of document.querySelectorAll('[role=tab]')) {
    const selected = other === tab;
    other.setAttribute('aria-selected', String(selected));
    other.tabIndex = selected ? 0 : -1;
    document.getElementById(other.getAttribute('aria-controls')).hidden = !selected;
  }
  onShow[tab.getAttribute('aria-controls')]?.();
}

export function selectView(viewId) {
  select(document.querySelector(`[aria-controls="${viewId}"]`));
}

// Arrow keys move between tabs, as the WAI-ARIA tabs pattern expects.
function tabKeys(event) {
  const list = tabs();
  const index = list.indexOf(document.activeElement);
  if (index < 0) return;
  const next = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: list.length - 1 }[event.key];
  if (next === undefined) return;
  event.preventDefault();
  const target = list[(next + list.length) % list.length];
  target.focus();
  select(target);
}

async function signIn(key) {
  session.key = key;
  const who = await get('/v1/session');
  if (who.role === 'hub') {
    session.key = null;
    throw Object.assign(new Error('Hub keys are for clearance systems and have no console. Sign in with an officer or administrator key.'), { status: 403 });
  }
  $('#who-name').textContent = `${who.name} (${who.role})${who.expiresAt ? `, key valid until ${new Date(who.expiresAt).toLocaleString()}` : ''}`;
  $('#who').hidden = false;
  $('#signin').hidden = true;
  $('#workspace').hidden = false;
  for (const adminOnly of document.querySelectorAll('[data-admin]')) adminOnly.hidden = who.role !== 'admin';
  document.body.dataset.role = who.role;
  select($('#tab-classify'));
  $('#c-description').focus();
}

function signOut(message) {
  session.key = null;
  $('#workspace').hidden = true;
  $('#who').hidden = true;
  $('#signin').hidden = false;
  $('#signin-error').textContent = message ?? '';
  $('#api-key').value = '';
  $('#api-key').focus();
}

document.addEventListener('DOMContentLoaded', async () => {
  $('#signin-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const key = $('#api-key').value.trim();
    if (!key) {
      $('#signin-error').textContent = 'Enter your API key.';
      $('#api-key').setAttribute('aria-invalid', 'true');
      return;
    }
    try {
      await signIn(key);
    } catch (error) {
      session.key = null;
      showProblem($('#signin-error'), error);
    }
  });
  $('#sign-out').addEventListener('click', () => signOut('Signed out.'));
  whenUnauthorized((error) => signOut(`Signed out: ${error.message}`));
  $('.tabs').addEventListener('keydown', tabKeys);
  for (const tab of document.querySelectorAll('[role=tab]')) tab.addEventListener('click', () => select(tab));

  initClassify();
  initBatch();
  initReview();
  initMap();
  initModels();
  initAudit();

  if (session.key) {
    try { await signIn(session.key); } catch (error) { signOut(error.message); }
  } else {
    $('#api-key').focus();
  }
});
