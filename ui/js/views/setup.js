// First run: our organisation's name and the member using this computer, or, first, a look
// around a made-up partnership ("Try it with sample data first", kept in a file of its own; see
// sample.js for the banner shown meanwhile).

import { h } from '../dom.js';
import { api } from '../api.js';
import { field, readForm, clearErrors, showError } from '../form.js';

const FIELDS = [
  { name: 'organisation_name', label: 'Your group’s name', required: true, placeholder: 'e.g. Northfield Big Local',
    autocomplete: 'organization' },
  { name: 'member_name', label: 'Your name', required: true, placeholder: 'e.g. Amira Khan', autocomplete: 'name',
    hint: 'Everything you record on this computer is signed with your name, so the group knows who said what.' },
];

const TRY_TEXT = 'Try it with sample data first';

/** `onDone(status)` once their own record is set up; `onSample(status)` once the sample is open. */
export function setupScreen(onDone, onSample) {
  const submit = h('button', { type: 'submit', class: 'primary wide', testid: 'setup-submit' }, 'Start using Rapport');
  const trySample = h('button', {
    type: 'button', class: 'wide', testid: 'setup-try-sample', 'aria-describedby': 'setup-sample-hint',
  }, TRY_TEXT);
  const status = h('p', { class: 'setup-status', role: 'status', testid: 'setup-status' });
  let busy = false;

  const form = h('form', { class: 'setup-card', testid: 'setup-form', novalidate: true },
    h('img', { src: 'logo.png', alt: '', class: 'setup-logo', width: 72, height: 72 }),
    h('h1', {}, 'Welcome to Rapport'),
    h('p', { class: 'lede' }, 'One record of your group’s work with its MP and other representatives: meetings, letters, asks and promises, so you tell one consistent story whoever attends.'),
    h('p', { class: 'form-message', role: 'alert', tabindex: '-1', hidden: true }),
    FIELDS.map((spec) => field('setup', spec, '')),
    h('div', { class: 'setup-choices' },
      submit,
      h('p', { class: 'setup-or', 'aria-hidden': 'true' }, 'or'),
      trySample,
      h('p', { class: 'hint', id: 'setup-sample-hint' },
        'Look around a made-up community group, with its MPs, meetings and promises, before you start. '
        + 'It is kept apart from your own record, and you can leave it whenever you like.')),
    status,
    h('p', { class: 'muted small' }, 'Your records stay on this computer. Nothing is sent anywhere unless you ask.'));

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (busy) return;
    clearErrors(form);
    const { values } = readForm(form, FIELDS);
    try {
      onDone(await api.setUp(values));
    } catch (failure) {
      showError(form, failure.field, failure.message);
    }
  });

  trySample.addEventListener('click', async () => {
    if (busy) return;
    busy = true;
    clearErrors(form);
    submit.disabled = true;
    trySample.disabled = true;
    trySample.setAttribute('aria-busy', 'true');
    trySample.textContent = 'Preparing the sample…';
    status.textContent = 'Preparing a sample partnership to explore…';
    try {
      onSample(await api.exploreSample());
      return;
    } catch (failure) {
      showError(form, null, failure.message);
    }
    busy = false;
    submit.disabled = false;
    trySample.disabled = false;
    trySample.removeAttribute('aria-busy');
    trySample.textContent = TRY_TEXT;
    status.textContent = '';
  });

  setTimeout(() => form.querySelector('input')?.focus());
  return h('main', { class: 'setup' }, form);
}
