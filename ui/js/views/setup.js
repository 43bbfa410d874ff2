// First run: our organisation's name and the member using this computer.

import { h } from '../dom.js';
import { api } from '../api.js';
import { field, readForm, clearErrors, showError } from '../form.js';

const FIELDS = [
  { name: 'organisation_name', label: 'Your group’s name', required: true, placeholder: 'e.g. Northfield Big Local',
    autocomplete: 'organization' },
  { name: 'member_name', label: 'Your name', required: true, placeholder: 'e.g. Amira Khan', autocomplete: 'name',
    hint: 'Everything you record on this computer is signed with your name, so the group knows who said what.' },
];

export function setupScreen(onDone) {
  const form = h('form', { class: 'setup-card', testid: 'setup-form', novalidate: true },
    h('img', { src: 'logo.png', alt: '', class: 'setup-logo', width: 72, height: 72 }),
    h('h1', {}, 'Welcome to Rapport'),
    h('p', { class: 'lede' }, 'One record of your group’s work with its MP and other representatives: meetings, letters, asks and promises, so you tell one consistent story whoever attends.'),
    h('p', { class: 'form-message', role: 'alert', tabindex: '-1', hidden: true }),
    FIELDS.map((spec) => field('setup', spec, '')),
    h('button', { type: 'submit', class: 'primary wide', testid: 'setup-submit' }, 'Start using Rapport'),
    h('p', { class: 'muted small' }, 'Your records stay on this computer. Nothing is sent anywhere unless you ask.'));

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form);
    const { values } = readForm(form, FIELDS);
    try {
      onDone(await api.setUp(values));
    } catch (failure) {
      showError(form, failure.field, failure.message);
    }
  });
  setTimeout(() => form.querySelector('input')?.focus());
  return h('main', { class: 'setup' }, form);
}
