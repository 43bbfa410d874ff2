// A keyboard-first picker (the ARIA combobox pattern): type a few letters, ArrowDown/ArrowUp
// through the matching names, Enter to choose, Escape to close. Chosen items show as chips,
// each with a remove button. Where allowed, the last option adds the typed text as someone (or
// something) new. Names only ever reach the page as text.

import { h, replace } from './dom.js';

const SHOWN = 8;
let serial = 0;

/** Lower case without accents, so "sian" finds "Siân". */
function fold(text) {
  return String(text ?? '').normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
}

/**
 * picker({
 *   formId, name, label, hint, required,
 *   options: () => [{ id, name, detail? }],   // what may be chosen, read each time the list opens
 *   multiple: true,                             // false: choosing replaces the chosen item
 *   newLabel: (text) => 'Add “text” as a new person' | null,  // null: nothing new may be added
 *   role: false,                                // true: each chip has a small "role" box
 *   placeholder, onChange(items),
 * })
 * Items are { id, name, detail?, isNew?, role? }; a new one has isNew and no id.
 */
export function picker(spec) {
  const multiple = spec.multiple !== false;
  const base = `${spec.formId}-${spec.name}`;
  const listId = `${base}-listbox`;
  const errorId = `${base}-error`;
  const hintId = spec.hint ? `${base}-hint` : null;
  const key = ++serial;
  let items = [];
  let shown = [];      // the options in the open list: { item, label, isNew }
  let active = -1;

  const input = h('input', {
    type: 'text', id: base, name: spec.name, class: 'picker-input', testid: `picker-${spec.name}`,
    role: 'combobox', autocomplete: 'off', spellcheck: 'false',
    'aria-autocomplete': 'list', 'aria-expanded': 'false', 'aria-controls': listId,
    'aria-describedby': [hintId, errorId].filter(Boolean).join(' '),
    'aria-required': spec.required ? 'true' : null,
    placeholder: spec.placeholder,
  });
  const list = h('ul', { class: 'picker-list', id: listId, role: 'listbox', 'aria-label': spec.label, hidden: true });
  const chips = h('ul', { class: 'chips', 'aria-label': `Chosen: ${spec.label}` });
  const box = h('div', { class: 'picker-box' }, chips, input);
  const el = h('div', { class: `field picker${spec.wide === false ? '' : ' wide'}` },
    h('label', { for: base }, spec.label, spec.required ? h('span', { class: 'required', 'aria-hidden': 'true' }, ' *') : null),
    h('div', { class: 'picker-anchor' }, box, list),
    spec.hint ? h('p', { class: 'hint', id: hintId }, spec.hint) : null,
    h('p', { class: 'error', id: errorId, testid: `error-${spec.name}`, hidden: true }));

  box.addEventListener('mousedown', (event) => {
    if (event.target === box || event.target === chips) { event.preventDefault(); input.focus(); }
  });

  function same(a, b) {
    if (a.isNew || b.isNew) return Boolean(a.isNew && b.isNew && fold(a.name) === fold(b.name));
    return a.id === b.id;
  }

  function matches() {
    const words = fold(input.value).split(/\s+/).filter(Boolean);
    const available = spec.options().filter((o) => !items.some((i) => same(i, o)));
    const found = available.filter((o) => {
      const text = fold(`${o.name} ${o.detail ?? ''}`);
      return words.every((w) => text.includes(w));
    }).slice(0, SHOWN).map((item) => ({ item, label: item.name, detail: item.detail }));
    const typed = input.value.trim();
    const newLabel = typed && spec.newLabel ? spec.newLabel(typed) : null;
    const exact = spec.options().some((o) => fold(o.name) === fold(typed)) || items.some((i) => fold(i.name) === fold(typed));
    if (newLabel && !exact) found.push({ item: { name: typed, isNew: true }, label: newLabel, isNew: true });
    return found;
  }

  function open() {
    shown = matches();
    active = -1;
    render();
  }

  function close() {
    shown = [];
    active = -1;
    render();
  }

  function render() {
    const isOpen = shown.length > 0 && document.activeElement === input;
    const opening = isOpen && list.hidden;
    input.setAttribute('aria-expanded', isOpen ? 'true' : 'false');
    list.hidden = !isOpen;
    replace(list, shown.map((option, index) => h('li', {
      id: `${base}-option-${key}-${index}`, role: 'option', testid: 'picker-option',
      class: `picker-option${option.isNew ? ' new' : ''}${index === active ? ' active' : ''}`,
      'aria-selected': index === active ? 'true' : 'false',
      onmousedown: (event) => { event.preventDefault(); choose(option); },
    }, h('span', { class: 'option-name' }, option.label), option.detail ? h('span', { class: 'option-detail' }, option.detail) : null)));
    if (opening) list.scrollIntoView({ block: 'nearest' });
    if (isOpen && active >= 0) {
      input.setAttribute('aria-activedescendant', `${base}-option-${key}-${active}`);
      list.children[active]?.scrollIntoView({ block: 'nearest' });
    } else {
      input.removeAttribute('aria-activedescendant');
    }
  }

  function choose(option) {
    const item = { ...option.item };
    if (item.isNew) item.name = item.name.trim();
    items = multiple ? [...items, item] : [item];
    input.value = '';
    renderChips();
    close();
    input.focus();
    changed();
  }

  function remove(item) {
    items = items.filter((i) => i !== item);
    renderChips();
    input.focus();
    changed();
  }

  function changed() {
    spec.onChange?.(items);
  }

  function renderChips() {
    replace(chips, items.map((item) => h('li', { class: `chip${item.isNew ? ' new' : ''}`, testid: 'chip' },
      h('span', { class: 'chip-name', title: item.isNew ? 'New: added when you save' : null }, item.name),
      spec.role ? h('input', {
        type: 'text', class: 'chip-role', value: item.role ?? '', placeholder: 'Role',
        'aria-label': `Role of ${item.name}`, testid: 'chip-role', autocomplete: 'off',
        oninput: (event) => { item.role = event.target.value; },
        onkeydown: (event) => { if (event.key === 'Enter') event.preventDefault(); },
      }) : null,
      h('button', {
        type: 'button', class: 'chip-remove', 'aria-label': `Remove ${item.name}`, testid: 'chip-remove',
        onclick: () => remove(item),
      }))));
    chips.hidden = items.length === 0;
  }

  input.addEventListener('input', () => { if (input.value.trim()) open(); else close(); });
  input.addEventListener('focus', () => { if (input.value.trim()) open(); });
  input.addEventListener('blur', () => { shown = []; active = -1; render(); });
  input.addEventListener('keydown', (event) => {
    const isOpen = !list.hidden;
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      if (!isOpen) { open(); if (shown.length) { active = 0; render(); } return; }
      active = Math.min(active + 1, shown.length - 1);
      render();
    } else if (event.key === 'ArrowUp') {
      if (!isOpen) return;
      event.preventDefault();
      active = Math.max(active - 1, 0);
      render();
    } else if (event.key === 'Enter' && !event.ctrlKey) {
      // Never submits the form: Enter chooses (the highlighted option, or the first).
      event.preventDefault();
      if (isOpen && shown.length) choose(shown[Math.max(active, 0)]);
    } else if (event.key === 'Escape') {
      if (isOpen || input.value) {
        event.preventDefault();
        event.stopPropagation();
        if (isOpen) close(); else input.value = '';
      }
    } else if (event.key === 'Backspace' && input.value === '' && items.length) {
      event.preventDefault();
      remove(items[items.length - 1]);
    }
  });

  renderChips();

  return {
    el,
    input,
    get items() { return items; },
    /** Replaces the chosen items (filling the form from a record); does not call onChange. */
    set(list) {
      items = list.map((item) => ({ ...item }));
      renderChips();
    },
    focus() { input.focus(); },
  };
}
