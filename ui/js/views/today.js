// Today: the home screen. What is overdue, due today and due in the next seven days, each with
// why it is asked and one button to deal with it (mark done, log the reply or the thank-you,
// log a contact, record a response), to snooze it, move its date or dismiss it; the meetings
// coming up; and what is snoozed, with when it comes back. Every change returns the agenda,
// which is drawn again; focus moves to the next reminder or the section's heading. Each section
// lists its first 50 with its total (a national programme can have thousands due); "Show more"
// asks the core for the next 50.
// A missing thank-you and an unanswered letter can also be written from the row (the letter
// dialog): once it is logged as sent, the agenda is drawn again without the prompt.

import { h, replace } from '../dom.js';
import { api } from '../api.js';
import { dayInWords, greeting, labeller, londonDayTime, longDate, shortDay } from '../format.js';
import { toast } from '../toast.js';
import { namesInWords } from './log-form.js';
import { openLetterDialog } from './letter-dialog.js';

const SECTIONS = [
  { list: 'overdue', title: 'Overdue', testid: 'today-overdue' },
  { list: 'due_today', title: 'Due today', testid: 'today-due' },
  { list: 'next_week', title: 'Next 7 days', testid: 'today-soon' },
];

const CLEAR_TEXT = 'Nothing is due. Reminders appear here when a follow-up or promise falls due, a letter goes unanswered, or it is time to check in.';

/** The reminders a letter answers: the button that writes it, and the template's purpose. */
const WRITE = {
  thank_you_missing: { label: 'Write the thank-you', purpose: 'thank_you' },
  unanswered_letter: { label: 'Write a chase', purpose: 'chase' },
};

const keyOf = (reminder) => ({ rule: reminder.rule, subject_id: reminder.subject_id });
/** How many reminders a section draws before "Show more". */
const PAGE = 50;
const plural = (n, one, many) => `${n} ${n === 1 ? one : many}`;

export function todayScreen(status, navigate) {
  const body = h('div', { class: 'today-body', testid: 'today-body' });
  const exportButton = h('button', { type: 'button', testid: 'today-ics', onclick: exportCalendar }, 'Export to calendar');
  const root = h('section', { class: 'screen today-screen', testid: 'today-view', 'aria-labelledby': 'today-title' },
    h('header', { class: 'screen-head' },
      h('div', {},
        h('h1', { id: 'today-title', tabindex: '-1' }, 'Today'),
        h('p', { class: 'lede', testid: 'today-date' }, longDate(status.now))),
      h('div', { class: 'toolbar' },
        exportButton,
        h('button', { type: 'button', testid: 'today-plan', onclick: () => navigate('log/plan') }, 'Plan a meeting'),
        h('button', { type: 'button', class: 'primary', testid: 'today-log', onclick: () => navigate('log/new') },
          'Log a meeting', h('kbd', { 'aria-hidden': 'true' }, 'Ctrl+L')))),
    body);

  let label = null;         // the catalogue's labels, read once
  let agenda = null;
  let snoozedOpen = false;
  let noRepresentatives = false;
  let menu = null;          // the open snooze menu: { el, button, close(returnFocus) }
  let ids = 0;              // for element ids that must be unique on the page
  let shown = {};           // per section, how many are listed (PAGE until "Show more")

  /** How many of each section to ask the core for. */
  const limits = () => Object.fromEntries(['overdue', 'due_today', 'next_week', 'snoozed'].map((list) => [list, shown[list] ?? PAGE]));

  // A click anywhere outside the open menu closes it.
  root.addEventListener('click', (event) => {
    if (menu && !menu.el.contains(event.target) && !menu.button.contains(event.target)) menu.close(false);
  });

  async function show() {
    try {
      const [catalogue, next] = await Promise.all([label ? null : api.catalogue(), api.agenda()]);
      if (catalogue) label = labeller(catalogue);
      noRepresentatives = !next.has_representatives;
      shown = {};
      render(next);
    } catch (error) {
      replace(body, h('p', { class: 'problem', role: 'alert', testid: 'today-problem' }, error.message));
    }
  }

  // ----- drawing -----

  /** Draws `next`; then gives the focus to the first of `focus.keys` still listed, else to the
   *  heading of `focus.section`, else to the first heading there is. */
  function render(next, focus = null) {
    agenda = next;
    menu = null;
    ids = 0;
    const due = SECTIONS.filter((s) => next.totals[s.list] > 0);
    replace(body,
      h('p', { class: 'greeting' }, greetingLine(next)),
      due.length === 0 ? h('p', { class: 'today-clear', testid: 'today-clear' }, CLEAR_TEXT) : null,
      due.length === 0 && noRepresentatives ? h('p', { class: 'today-start' },
        'To begin, add your MP or councillor. ',
        h('button', { type: 'button', class: 'link', testid: 'today-add-representative', onclick: () => navigate('representatives') },
          'Go to representatives')) : null,
      due.map((s) => reminderSection(s, next[s.list])),
      next.upcoming_meetings.length ? meetingsSection(next.upcoming_meetings) : null,
      next.totals.snoozed ? snoozedSection(next.snoozed) : null);
    if (focus && root.isConnected) placeFocus(focus);
  }

  function greetingLine(next) {
    const first = status.member?.full_name?.split(/\s+/)[0] ?? '';
    const hello = `${greeting(new Date(status.now))}${first ? `, ${first}` : ''}.`;
    const parts = [];
    if (next.totals.overdue) parts.push(`${next.totals.overdue} overdue`);
    if (next.totals.due_today) parts.push(`${next.totals.due_today} due today`);
    return parts.length ? `${hello} ${namesInWords(parts)}.` : hello;
  }

  function placeFocus({ keys = [], section = null }) {
    for (const key of keys) {
      const row = [...body.querySelectorAll('[data-testid=reminder], [data-testid=snoozed-reminder]')].find((r) => r.dataset.key === key);
      if (row) { row.focus(); return; }
    }
    const heading = (section && body.querySelector(`#today-section-${section}`)) ?? body.querySelector('h2, .today-clear');
    (heading ?? root.querySelector('#today-title')).focus();
  }

  /** Where the focus goes once `reminder` has left its list: the one after it, else the one
   *  before, else the section's heading (if the section is still there). */
  function focusAfter(reminder) {
    const section = SECTIONS.find((s) => agenda[s.list].some((r) => r.key === reminder.key));
    if (!section) return { keys: [], section: null };
    const list = agenda[section.list];
    const at = list.findIndex((r) => r.key === reminder.key);
    const keys = [...list.slice(at + 1), ...list.slice(0, at).reverse()].map((r) => r.key);
    return { keys, section: section.list };
  }

  function sectionHeading(id, title, count) {
    return h('h2', { id: `today-section-${id}`, tabindex: '-1' },
      title, h('span', { class: 'count-pill' }, h('span', { class: 'visually-hidden' }, ': '), String(count)));
  }

  /** "Show 50 more of 812": asks the core for the next page of `list`, and moves the focus to
   *  the first of them. */
  function showMore(list, rest) {
    const button = h('button', {
      type: 'button', class: 'link show-more', testid: 'today-show-more',
      onclick: async () => {
        const at = agenda[list].length;
        shown[list] = at + PAGE;
        button.disabled = true;
        button.setAttribute('aria-busy', 'true');
        button.textContent = 'Loading…';
        try {
          const next = await api.agenda(limits());
          if (list === 'snoozed') snoozedOpen = true;
          const first = next[list][at]?.key;
          render(next, { keys: first ? [first] : [], section: list });
        } catch (failure) {
          shown[list] = at;
          toast(failure.message);
          button.disabled = false;
          button.removeAttribute('aria-busy');
          button.textContent = `Show ${Math.min(rest, PAGE)} more of ${rest}`;
        }
      },
    }, `Show ${Math.min(rest, PAGE)} more of ${rest}`);
    return button;
  }

  /** A section lists its first reminders, with "Show more" for the rest. */
  function reminderSection(section, list) {
    const total = agenda.totals[section.list];
    const rest = total - list.length;
    return h('section', {
      class: `agenda-section agenda-${section.list}`, testid: section.testid, 'aria-labelledby': `today-section-${section.list}`,
    },
    sectionHeading(section.list, section.title, total),
    h('ul', { class: 'reminder-list' }, list.map((r) => h('li', {}, reminderRow(r)))),
    rest > 0 ? showMore(section.list, rest) : null);
  }

  function dueWords(r) {
    const withYear = r.due_date.slice(0, 4) !== agenda.date.slice(0, 4);
    const day = dayInWords(r.due_date, { withYear });
    if (r.days_overdue > 0) return `${plural(r.days_overdue, 'day', 'days')} overdue (due ${day})`;
    if (r.due_date === agenda.date) return 'Due today';
    if (r.due_date === agenda.snooze_choices.tomorrow) return `Due tomorrow, ${day}`;
    return `Due ${day}`;
  }

  function whoLine(r) {
    if (!r.owner) return null;
    if (r.side === 'theirs') return `Promised by ${r.owner.name}`;
    return `For ${r.owner.name}`;
  }

  function reminderRow(r) {
    const n = ++ids;
    const titleId = `reminder-${n}-title`;
    const overdue = r.days_overdue > 0;
    const actions = h('div', { class: 'reminder-actions' });
    const panel = h('div', { class: 'reminder-panel' });
    const row = h('article', {
      class: `reminder${overdue ? ' is-overdue' : ''}`, testid: 'reminder', tabindex: '-1',
      dataset: { key: r.key, rule: r.rule }, 'aria-labelledby': titleId,
    },
    h('div', { class: 'reminder-main' },
      h('p', { class: 'reminder-title' },
        overdue ? h('span', { class: 'chip chip-overdue', testid: 'overdue-badge' }, 'Overdue') : null,
        h('strong', { id: titleId, testid: 'reminder-title' }, r.title)),
      r.why ? h('p', { class: 'reminder-why', testid: 'reminder-why' }, r.why) : null,
      h('p', { class: 'reminder-meta', testid: 'reminder-meta' }, separated([
        h('span', { class: overdue ? 'due is-late' : 'due' }, dueWords(r)),
        whoLine(r),
        r.side === 'ours' ? 'Ours to do' : r.side === 'theirs' ? 'Theirs: chase politely' : null,
        r.representative ? h('button', {
          type: 'button', class: 'link quiet', testid: 'reminder-representative',
          onclick: () => navigate(`representative/${r.representative.id}`),
        }, r.representative.name) : null,
        r.interaction_id ? h('button', {
          type: 'button', class: 'link quiet', testid: 'reminder-meeting',
          onclick: () => navigate(`interaction/${r.interaction_id}`),
        }, 'Open the meeting') : null,
      ])),
      panel),
    actions);

    const snoozeButton = h('button', {
      type: 'button', testid: 'reminder-snooze', 'aria-haspopup': 'menu', 'aria-expanded': 'false',
      'aria-describedby': titleId,
    }, 'Snooze');
    const snoozeWrap = h('div', { class: 'snooze-wrap' }, snoozeButton);
    snoozeButton.addEventListener('click', () => {
      if (menu?.button === snoozeButton) menu.close(true); else openMenu(r, snoozeButton, snoozeWrap, panel);
    });
    snoozeButton.addEventListener('keydown', (event) => {
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        if (menu?.button !== snoozeButton) openMenu(r, snoozeButton, snoozeWrap, panel, event.key === 'ArrowUp' ? -1 : 0);
      }
    });

    const write = WRITE[r.rule];
    replace(actions,
      write ? h('button', {
        type: 'button', class: 'primary', testid: 'reminder-write', 'aria-describedby': titleId,
        onclick: (event) => writeLetter(r, write, event.currentTarget),
      }, write.label) : null,
      h('button', {
        type: 'button', class: write ? null : 'primary', testid: 'reminder-action', 'aria-describedby': titleId,
        onclick: (event) => act(r, event.currentTarget),
      }, r.action_label),
      snoozeWrap,
      r.can_reschedule ? h('button', {
        type: 'button', testid: 'reminder-reschedule', 'aria-describedby': titleId,
        onclick: (event) => openReschedule(r, panel, event.currentTarget),
      }, 'Reschedule') : null,
      r.can_dismiss ? h('button', {
        type: 'button', class: 'quiet-button', testid: 'reminder-dismiss', 'aria-describedby': titleId,
        onclick: (event) => dismiss(r, event.currentTarget),
      }, 'Dismiss') : null);
    return row;
  }

  /** Parts of a line with " · " between those present. */
  function separated(parts) {
    return parts.filter(Boolean).flatMap((part, i) => (i ? [h('span', { class: 'sep', 'aria-hidden': 'true' }, ' · '), part] : [part]));
  }

  function meetingsSection(meetings) {
    return h('section', { class: 'agenda-section agenda-meetings', testid: 'today-meetings', 'aria-labelledby': 'today-section-meetings' },
      sectionHeading('meetings', 'Upcoming meetings', meetings.length),
      h('ul', { class: 'meeting-list' }, meetings.map((m) => {
        const reps = namesInWords(m.representatives.map((r) => r.name));
        return h('li', {}, h('button', {
          type: 'button', class: 'meeting-link', testid: 'today-meeting', onclick: () => navigate(`interaction/${m.id}`),
        },
        h('span', { class: 'meeting-when' }, londonDayTime(m.occurred_at)),
        h('span', { class: 'meeting-what' },
          h('strong', {}, label('interaction_kinds', m.kind)),
          reps ? ` with ${reps}` : '',
          m.place ? h('span', { class: 'muted' }, ` · ${m.place}`) : null),
        m.subject ? h('span', { class: 'meeting-subject muted' }, m.subject) : null));
      })));
  }

  function snoozedSection(snoozed) {
    return h('details', {
      class: 'agenda-snoozed', testid: 'today-snoozed', open: snoozedOpen,
      ontoggle: (event) => { snoozedOpen = event.currentTarget.open; },
    },
    h('summary', { testid: 'today-snoozed-summary' }, `Snoozed (${agenda.totals.snoozed})`),
    h('ul', { class: 'snoozed-list' }, snoozed.map((r) => h('li', {
      class: 'snoozed-item', testid: 'snoozed-reminder', tabindex: '-1', dataset: { key: r.key, rule: r.rule },
    },
    h('div', {},
      h('strong', {}, r.title),
      h('span', { class: 'muted', testid: 'snoozed-until' }, ` — comes back on ${dayInWords(r.snoozed_until)}`)),
    h('button', {
      type: 'button', testid: 'reminder-unsnooze', 'aria-label': `Unsnooze: ${r.title}`,
      onclick: () => change(() => api.undoReminder(keyOf(r), limits()), { keys: [r.key] }, 'Unsnoozed: it is back on the list.'),
    }, 'Unsnooze')))),
    agenda.totals.snoozed > snoozed.length ? showMore('snoozed', agenda.totals.snoozed - snoozed.length) : null);
  }

  // ----- acting on a reminder -----

  /** Runs `call` (which returns the agenda), draws it, and says `message` with an optional
   *  Undo. A refusal is said in a toast and nothing is redrawn. */
  async function change(call, focus, message, undo = null, button = null) {
    if (button) button.disabled = true;
    let next;
    try {
      next = await call();
    } catch (failure) {
      if (button) button.disabled = false;
      toast(failure.message);
      return false;
    }
    render(next, focus);
    if (message) toast(typeof message === 'function' ? message(next) : message, undo);
    return true;
  }

  function undoing(call, reminder) {
    return {
      label: 'Undo',
      run: () => change(call, { keys: [reminder.key] }, null),
    };
  }

  function act(r, button) {
    const meeting = r.interaction_id ?? r.subject_id;
    switch (r.action) {
      case 'mark_done':
        change(() => api.completeReminder(keyOf(r), limits()), focusAfter(r), 'Marked done.',
          undoing(() => api.reopenReminder(keyOf(r), limits()), r), button);
        break;
      case 'log_reply': navigate(`log/reply:${meeting}`); break;
      case 'log_thank_you': navigate(`log/thank-you:${meeting}`); break;
      case 'log_contact': navigate(`log/contact:${r.representative?.id ?? r.subject_id}`); break;
      case 'record_response': navigate(`asks/ask:${r.subject_id}`); break;
      default: toast(`Rapport does not know how to “${r.action_label}” yet.`);
    }
  }

  /** Opens the letter dialog for a reminder; once it is logged as sent, the agenda is drawn
   *  again and the focus goes on to the next reminder. */
  function writeLetter(r, write, button) {
    const about = r.interaction_id ?? r.subject_id;
    const representativeId = r.representative?.id;
    if (!representativeId) { toast('This reminder names no representative to write to.'); return; }
    openLetterDialog({
      representativeId,
      representativeName: r.representative.name,
      purpose: write.purpose,
      meetingId: write.purpose === 'thank_you' ? about : undefined,
      letterId: write.purpose === 'chase' ? about : undefined,
      opener: button,
      logged: async () => {
        const focus = focusAfter(r);
        try {
          render(await api.agenda(limits()), focus);
        } catch (failure) {
          toast(failure.message);
        }
      },
    });
  }

  function dismiss(r, button) {
    change(() => api.dismissReminder(keyOf(r), limits()), focusAfter(r), 'Dismissed. It will not come back.',
      undoing(() => api.undoReminder(keyOf(r), limits()), r), button);
  }

  function snooze(r, until) {
    return change(() => api.snoozeReminder(keyOf(r), until, limits()), focusAfter(r),
      (next) => {
        const back = next.snoozed.find((s) => s.key === r.key)?.snoozed_until;
        return back ? `Snoozed until ${dayInWords(back)}.` : 'Snoozed.';
      },
      undoing(() => api.undoReminder(keyOf(r), limits()), r));
  }

  // ----- the snooze menu -----

  function openMenu(r, button, wrap, panel, start = 0) {
    menu?.close(false);
    const choices = agenda.snooze_choices;
    const item = (testid, text, run) => h('button', {
      type: 'button', role: 'menuitem', tabindex: '-1', testid,
      onclick: () => { close(false); run(); },
    }, text);
    const items = [
      item('snooze-tomorrow', `Tomorrow (${dayInWords(choices.tomorrow, { short: true })})`, () => snooze(r, choices.tomorrow)),
      item('snooze-next-week', `Next week (${dayInWords(choices.next_week, { short: true })})`, () => snooze(r, choices.next_week)),
      item('snooze-pick', 'Pick a date…', () => openPick(r, panel, button)),
    ];
    const id = `snooze-menu-${++ids}`;
    const el = h('div', { class: 'snooze-menu', role: 'menu', id, testid: 'snooze-menu', 'aria-label': `Snooze “${r.title}” until` }, items);
    el.addEventListener('keydown', (event) => {
      const at = items.indexOf(document.activeElement);
      const go = (i) => items[(i + items.length) % items.length].focus();
      if (event.key === 'ArrowDown') { event.preventDefault(); go(at + 1); }
      else if (event.key === 'ArrowUp') { event.preventDefault(); go(at - 1); }
      else if (event.key === 'Home') { event.preventDefault(); go(0); }
      else if (event.key === 'End') { event.preventDefault(); go(items.length - 1); }
      else if (event.key === 'Escape' || event.key === 'Tab') { event.preventDefault(); event.stopPropagation(); close(true); }
    });
    function close(returnFocus) {
      el.remove();
      button.setAttribute('aria-expanded', 'false');
      button.removeAttribute('aria-controls');
      if (menu?.el === el) menu = null;
      if (returnFocus) button.focus();
    }
    button.setAttribute('aria-expanded', 'true');
    button.setAttribute('aria-controls', id);
    wrap.append(el);
    menu = { el, button, close };
    items.at(start).focus();
  }

  // ----- inline forms: a date to snooze until, a new due date -----

  /** A one-field form under the reminder's text: label, box, button, Cancel, and the error. */
  function inlineForm(panel, { name, labelText, value, submitText, submitTestid, testid, returnTo, submit }) {
    const n = ++ids;
    const id = `reminder-${n}-${name}`;
    const input = h('input', {
      id, name, testid: `field-${name}`, autocomplete: 'off', placeholder: 'dd/mm/yyyy', inputmode: 'numeric',
      'aria-describedby': `${id}-hint ${id}-error`, class: 'date-input',
    });
    input.value = value ?? '';
    const error = h('p', { class: 'error', id: `${id}-error`, testid: `error-${name}`, hidden: true });
    const button = h('button', { type: 'submit', class: 'primary', testid: submitTestid }, submitText);
    const cancel = () => { replace(panel); returnTo.focus(); };
    const form = h('form', { class: 'reminder-form', testid, novalidate: true },
      h('div', { class: 'field' },
        h('label', { for: id }, labelText),
        h('div', { class: 'reminder-form-line' },
          input, button,
          h('button', { type: 'button', onclick: cancel }, 'Cancel')),
        h('p', { class: 'hint', id: `${id}-hint` }, 'Like 30/11/2026'),
        error));
    form.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') { event.preventDefault(); cancel(); }
    });
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      error.hidden = true;
      error.textContent = '';
      input.removeAttribute('aria-invalid');
      button.disabled = true;
      try {
        await submit(input.value);
      } catch (failure) {
        button.disabled = false;
        error.textContent = failure.message;
        error.hidden = false;
        input.setAttribute('aria-invalid', 'true');
        input.focus();
      }
    });
    replace(panel, form);
    input.focus();
    input.select();
  }

  function openPick(r, panel, snoozeButton) {
    inlineForm(panel, {
      name: 'until', labelText: 'Snooze until', value: '', submitText: 'Snooze', submitTestid: 'snooze-confirm',
      testid: 'snooze-form', returnTo: snoozeButton,
      submit: async (typed) => {
        const focus = focusAfter(r);
        const next = await api.snoozeReminder(keyOf(r), typed, limits());
        render(next, focus);
        const back = next.snoozed.find((s) => s.key === r.key)?.snoozed_until;
        toast(back ? `Snoozed until ${dayInWords(back)}.` : 'Snoozed.', undoing(() => api.undoReminder(keyOf(r), limits()), r));
      },
    });
  }

  function openReschedule(r, panel, rescheduleButton) {
    inlineForm(panel, {
      name: 'date', labelText: 'New due date', value: shortDay(r.due_date), submitText: 'Save date', submitTestid: 'reschedule-save',
      testid: 'reschedule-form', returnTo: rescheduleButton,
      submit: async (typed) => {
        const next = await api.rescheduleReminder(keyOf(r), typed, limits());
        const all = [...next.overdue, ...next.due_today, ...next.next_week];
        const moved = all.find((x) => x.key === r.key);
        // Still listed: keep the focus on it; moved beyond next week: on to the next one.
        render(next, moved ? { keys: [r.key] } : focusAfter(r));
        const due = moved?.due_date;
        toast(due ? `Now due ${dayInWords(due)}.` : 'Due date changed.');
      },
    });
  }

  // ----- the calendar file -----

  async function exportCalendar() {
    exportButton.disabled = true;
    exportButton.setAttribute('aria-busy', 'true');
    exportButton.textContent = 'Exporting…';
    try {
      const path = await api.exportCalendar();
      if (path) toast(`Calendar saved to ${path}.`);
    } catch (failure) {
      toast(failure.message);
    } finally {
      exportButton.disabled = false;
      exportButton.removeAttribute('aria-busy');
      exportButton.textContent = 'Export to calendar';
    }
  }

  return { el: root, show };
}
