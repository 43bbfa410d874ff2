// A keyboard-first picker (the ARIA combobox pattern): type a few letters, ArrowDown/ArrowUp
// through the matching names, Enter to choose, Escape to close. Chosen items show as chips,
// each with a remove button. Where allowed, the last option adds the typed text as someone (or
// something) new. Names only ever reach the page as text.
//
// The names come from `options` (a short list held in the page, such as the campaigns) or from
// `search` (the core is asked as the person types, for lists too long to load: a national
// programme has thousands of people). A search waits for a pause in the typing, and an answer
// to anything but the latest question is ignored.

import { h, replace } from './dom.js';

const SHOWN = 8;
/** How long typing must pause before the core is asked. */
const PAUSE_MS = 150;
let serial = 0;

/** Lower case without accents, so "sian" finds "Siân". */
function fold(text) {
  return String(text ?? '').normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
}

function wordsOf(text) {
  return fold(text).split(/\s+/).filter(Boolean);
}

function hasWords(option, words) {
  const text = fold(`${option.name} ${option.detail ?? ''}`);
  return words.every((w) => text.includes(w));
}

/**
 * picker({
 *   formId, name, label, hint, required,
 *   options: () => [{ id, name, detail? }],   // what may be chosen, read each time the list opens
 *   search: async (text, { limit }) => [{ id, name, detail? }],  // or: the core's matches for
 *                                               // the typed text (at most `limit`), used instead
 *   multiple: true,                             // false: choosing replaces the chosen item
 *   newLabel: (text) => 'Add “text” as a new person' | null,  // null: nothing new may be added
 *   role: false,                                // true: each chip has a small "role" box
 *   labelHidden: false,                         // true: the label is for screen readers only
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
  let opened = false;  // whether the list should show (while the input has the focus)
  let shown = [];      // the options in the open list: { item, label, isNew }
  let active = -1;

  // Searching the core: the latest answers and the text they answer, and the search under way.
  let found = [];
  let foundFor = null;
  let failure = null;
  let timer = null;
  let ticket = 0;
  let searching = false;  // a search is due or under way
  let chooseOnAnswer = null;  // the text Enter was pressed on while its answer was still to come

  const input = h('input', {
    type: 'text', id: base, name: spec.name, class: 'picker-input', testid: `picker-${spec.name}`,
    role: 'combobox', autocomplete: 'off', spellcheck: 'false',
    'aria-autocomplete': 'list', 'aria-expanded': 'false', 'aria-controls': listId,
    'aria-describedby': [hintId, errorId].filter(Boolean).join(' '),
    'aria-required': spec.required ? 'true' : null,
    placeholder: spec.placeholder,
  });
  const list = h('ul', { class: 'picker-list', id: listId, role: 'listbox', 'aria-label': spec.label, hidden: true });
  const status = h('p', { class: 'picker-status', role: 'status', testid: 'picker-status', hidden: true });
  const popup = h('div', { class: 'picker-popup', hidden: true }, list, status);
  const chips = h('ul', { class: 'chips', 'aria-label': `Chosen: ${spec.label}` });
  const box = h('div', { class: 'picker-box' }, chips, input);
  const el = h('div', { class: `field picker${spec.wide === false ? '' : ' wide'}${multiple ? '' : ' single'}` },
    h('label', { for: base, class: spec.labelHidden ? 'visually-hidden' : null },
      spec.label, spec.required ? h('span', { class: 'required', 'aria-hidden': 'true' }, ' *') : null),
    h('div', { class: 'picker-anchor' }, box, popup),
    spec.hint ? h('p', { class: 'hint', id: hintId }, spec.hint) : null,
    h('p', { class: 'error', id: errorId, testid: `error-${spec.name}`, hidden: true }));

  box.addEventListener('mousedown', (event) => {
    if (event.target === box || event.target === chips) { event.preventDefault(); input.focus(); }
  });

  function same(a, b) {
    if (a.isNew || b.isNew) return Boolean(a.isNew && b.isNew && fold(a.name) === fold(b.name));
    return a.id === b.id;
  }

  /** Whether the answers on hand are the core's answers to what is typed now. */
  function answered() {
    return foundFor === input.value.trim();
  }

  function matches() {
    const typed = input.value.trim();
    const words = wordsOf(typed);
    let candidates;
    let known;       // every option the "add new" choice must not repeat, or null: not yet known
    if (spec.search) {
      // Until the core answers, the last answers that still fit the typing stay in view.
      candidates = answered() ? found : found.filter((o) => hasWords(o, words));
      known = answered() && !failure ? found : null;
    } else {
      candidates = spec.options().filter((o) => hasWords(o, words));
      known = spec.options();
    }
    const options = candidates.filter((o) => !items.some((i) => same(i, o)))
      .slice(0, SHOWN).map((item) => ({ item, label: item.name, detail: item.detail }));
    const newLabel = typed && known && spec.newLabel ? spec.newLabel(typed) : null;
    const exact = known?.some((o) => fold(o.name) === fold(typed)) || items.some((i) => fold(i.name) === fold(typed));
    if (newLabel && !exact) options.push({ item: { name: typed, isNew: true }, label: newLabel, isNew: true });
    return options;
  }

  /** The quiet line under the options: a search under way, its failure, or nothing found. */
  function statusText() {
    if (spec.search && (searching || !answered())) return 'Searching…';
    if (spec.search && failure) return `Could not search: ${failure}`;
    return shown.length ? '' : 'No matches';
  }

  // ----- asking the core -----

  function stopSearching() {
    clearTimeout(timer);
    timer = null;
    ticket += 1;
    searching = false;
    chooseOnAnswer = null;
  }

  /** Asks the core about what is typed, after a pause in the typing (at once if `now`). */
  function ask(now = false) {
    const typed = input.value.trim();
    clearTimeout(timer);
    timer = null;
    if (answered() && !failure) {
      // Already answered (back to the same text): nothing to wait for.
      ticket += 1;
      searching = false;
      return;
    }
    const mine = ++ticket;
    searching = true;
    timer = setTimeout(async () => {
      timer = null;
      let answers = [];
      let problem = null;
      try {
        answers = await spec.search(typed, { limit: SHOWN + items.length });
      } catch (error) {
        problem = error?.message ?? String(error);
      }
      if (mine !== ticket) return;
      searching = false;
      found = answers ?? [];
      foundFor = typed;
      failure = problem;
      if (opened) refresh();
      // Enter was pressed before the answer came: it chooses now, as it would have then (even
      // if the focus has moved on, without taking it back).
      const wanted = chooseOnAnswer;
      chooseOnAnswer = null;
      if (wanted !== null && input.value === wanted) {
        const options = opened ? shown : matches();
        const option = options[opened ? Math.max(active, 0) : 0];
        if (option) choose(option, { focus: document.activeElement === input });
      }
    }, now ? 0 : PAUSE_MS);
  }

  // ----- the list -----

  function open({ now = false } = {}) {
    opened = true;
    active = -1;
    if (spec.search) ask(now);
    shown = matches();
    render();
  }

  /** The list again after an answer, keeping the highlighted option if it is still there. */
  function refresh() {
    const before = shown[active];
    shown = matches();
    const idOf = (o) => (o.isNew ? 'new' : o.item.id);
    active = before ? shown.findIndex((o) => idOf(o) === idOf(before)) : -1;
    render();
  }

  function close() {
    opened = false;
    if (spec.search) stopSearching();
    shown = [];
    active = -1;
    render();
  }

  function render() {
    const visible = opened && document.activeElement === input;
    const line = visible ? statusText() : '';
    const listed = visible && shown.length > 0;
    const opening = (listed || line) && popup.hidden;
    input.setAttribute('aria-expanded', listed ? 'true' : 'false');
    list.hidden = !listed;
    list.setAttribute('aria-busy', spec.search && searching ? 'true' : 'false');
    status.textContent = line;
    status.hidden = !line;
    popup.hidden = !(listed || line);
    replace(list, shown.map((option, index) => h('li', {
      id: `${base}-option-${key}-${index}`, role: 'option', testid: 'picker-option',
      class: `picker-option${option.isNew ? ' new' : ''}${index === active ? ' active' : ''}`,
      'aria-selected': index === active ? 'true' : 'false',
      onmousedown: (event) => { event.preventDefault(); choose(option); },
    }, h('span', { class: 'option-name' }, option.label), option.detail ? h('span', { class: 'option-detail' }, option.detail) : null)));
    if (opening) popup.scrollIntoView({ block: 'nearest' });
    if (listed && active >= 0) {
      input.setAttribute('aria-activedescendant', `${base}-option-${key}-${active}`);
      list.children[active]?.scrollIntoView({ block: 'nearest' });
    } else {
      input.removeAttribute('aria-activedescendant');
    }
  }

  function choose(option, { focus = true } = {}) {
    const item = { ...option.item };
    if (item.isNew) item.name = item.name.trim();
    items = multiple ? [...items, item] : [item];
    input.value = '';
    renderChips();
    close();
    if (focus) input.focus();
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
    // One choice made: the box only takes a name to change it, and gives the chip the room.
    el.classList.toggle('chosen', items.length > 0);
    if (!multiple) input.placeholder = items.length ? '' : (spec.placeholder ?? '');
  }

  input.addEventListener('input', () => { if (input.value.trim()) open(); else close(); });
  input.addEventListener('focus', () => { if (input.value.trim()) open(); });
  input.addEventListener('blur', () => {
    if (chooseOnAnswer === null) { close(); return; }
    // Leaving after Enter: the list goes, the choice still comes with the answer.
    opened = false;
    shown = [];
    active = -1;
    render();
  });
  input.addEventListener('keydown', (event) => {
    const listed = opened && shown.length > 0;
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      if (!opened) { open({ now: true }); if (shown.length) { active = 0; render(); } return; }
      active = Math.min(active + 1, shown.length - 1);
      render();
    } else if (event.key === 'ArrowUp') {
      if (!listed) return;
      event.preventDefault();
      active = Math.max(active - 1, 0);
      render();
    } else if (event.key === 'Enter' && !event.ctrlKey) {
      // Never submits the form: Enter chooses the highlighted option at once (it is a record
      // the person saw and picked), or else the first. While the core is still being asked
      // about what was typed, the first is chosen once the answer is in.
      event.preventDefault();
      if (listed && active >= 0) {
        choose(shown[active]);
      } else if (opened && spec.search && searching) {
        chooseOnAnswer = input.value;
      } else if (listed) {
        choose(shown[0]);
      }
    } else if (event.key === 'Escape') {
      if (opened || input.value) {
        event.preventDefault();
        event.stopPropagation();
        if (opened) close(); else input.value = '';
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
    /** Chooses nothing and empties the box; does not call onChange. */
    clear() {
      items = [];
      input.value = '';
      renderChips();
      close();
    },
    focus() { input.focus(); },
  };
}
