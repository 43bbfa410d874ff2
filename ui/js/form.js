// Labelled form fields built from a small spec, read back as the core expects (blank = null),
// with messages shown next to the field they belong to. A failed save never clears the form.

import { h } from './dom.js';
import { picker } from './picker.js';

/** The picker behind each 'picker' field's text box, for readForm. */
const pickers = new WeakMap();

/**
 * spec: { name, label, type: 'text'|'email'|'tel'|'number'|'textarea'|'select'|'picker',
 *         options: [{code, label}], blank: 'label of the empty choice', required, hint,
 *         placeholder, autocomplete, rows, wide,
 *         search: async (text, { limit }) => [{ id, name, detail? }] }
 * A 'picker' is one choice found by typing (picker.js asks `search`); its value is the chosen
 * { id, name } or null, and it reads back as the chosen id.
 */
export function field(formId, spec, value) {
  if (spec.type === 'picker') return pickerField(formId, spec, value);
  const id = `${formId}-${spec.name}`;
  const hintId = spec.hint ? `${id}-hint` : null;
  const errorId = `${id}-error`;
  const common = {
    id,
    name: spec.name,
    testid: `field-${spec.name}`,
    'aria-describedby': [hintId, errorId].filter(Boolean).join(' '),
    'aria-required': spec.required ? 'true' : null,
  };
  let control;
  if (spec.type === 'select') {
    control = h('select', common,
      spec.blank !== undefined ? h('option', { value: '' }, spec.blank) : null,
      spec.options.map((o) => h('option', { value: o.code }, o.label)));
    control.value = value ?? (spec.blank !== undefined ? '' : spec.options[0]?.code ?? '');
  } else if (spec.type === 'textarea') {
    control = h('textarea', { ...common, rows: spec.rows || 3, placeholder: spec.placeholder });
    control.value = value ?? '';
  } else {
    control = h('input', {
      ...common,
      type: spec.type || 'text',
      placeholder: spec.placeholder,
      autocomplete: spec.autocomplete || 'off',
      inputmode: spec.type === 'number' ? 'numeric' : null,
      min: spec.min, max: spec.max,
    });
    control.value = value ?? '';
  }
  return h('div', { class: `field${spec.wide ? ' wide' : ''}` },
    h('label', { for: id }, spec.label, spec.required ? h('span', { class: 'required', 'aria-hidden': 'true' }, ' *') : null),
    control,
    spec.hint ? h('p', { class: 'hint', id: hintId }, spec.hint) : null,
    h('p', { class: 'error', id: errorId, testid: `error-${spec.name}`, hidden: true }));
}

function pickerField(formId, spec, value) {
  const chooser = picker({
    formId, name: spec.name, label: spec.label, hint: spec.hint, required: spec.required,
    placeholder: spec.placeholder, wide: Boolean(spec.wide), multiple: false, search: spec.search,
    // A choice is a change to the form, as typing is.
    onChange: () => chooser.input.dispatchEvent(new Event('input', { bubbles: true })),
  });
  if (value?.id) chooser.set([{ id: value.id, name: value.name ?? '' }]);
  pickers.set(chooser.input, chooser);
  return chooser.el;
}

/** The form's values, keyed by field name: blank text and empty choices become null. */
export function readForm(form, specs) {
  const values = {};
  for (const spec of specs) {
    const control = form.elements.namedItem(spec.name);
    if (spec.type === 'picker') {
      values[spec.name] = pickers.get(control)?.items[0]?.id ?? null;
      continue;
    }
    const raw = control.value;
    if (spec.type === 'number') {
      if (control.validity.badInput) return { error: { field: spec.name, message: `${spec.label}: enter a whole number, or leave it blank.` } };
      values[spec.name] = raw.trim() === '' ? null : Number(raw);
    } else {
      values[spec.name] = raw.trim() === '' ? null : raw;
    }
  }
  return { values };
}

export function clearErrors(form) {
  for (const error of form.querySelectorAll('.error')) { error.hidden = true; error.textContent = ''; }
  for (const control of form.querySelectorAll('[aria-invalid]')) control.removeAttribute('aria-invalid');
  const message = form.querySelector('.form-message');
  if (message) { message.hidden = true; message.textContent = ''; }
}

/** Puts `message` beside `fieldName` (or at the top of the form) and moves focus there. */
export function showError(form, fieldName, message) {
  const control = fieldName ? form.elements.namedItem(fieldName) : null;
  const slot = control ? form.querySelector(`#${CSS.escape(control.id)}-error`) : null;
  if (control && slot) {
    slot.textContent = message;
    slot.hidden = false;
    control.setAttribute('aria-invalid', 'true');
    control.focus({ preventScroll: true });
    control.closest('.field').scrollIntoView({ block: 'nearest' });
    return;
  }
  const banner = form.querySelector('.form-message');
  banner.textContent = message;
  banner.hidden = false;
  banner.focus();
}
