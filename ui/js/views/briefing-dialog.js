// "Briefing pack": a modal dialog that makes the pack for a representative, for one of their
// planned meetings or for the relationship as it stands, as an A4 PDF or a web page. The shell
// asks where to save it and opens it. Escape or Cancel closes the dialog and the focus goes back
// to the button that opened it; a refusal is shown beside its field and nothing chosen is lost.

import { showModal } from '../modal.js';
import { h, replace } from '../dom.js';
import { api } from '../api.js';
import { field, clearErrors, showError } from '../form.js';
import { labeller, londonDayTime } from '../format.js';
import { toast } from '../toast.js';

const FORM_ID = 'briefing-form';
const DEFAULT_RECENT = 10;
const SAVE_TEXT = 'Save briefing pack';
const NO_MEETING = 'No meeting: the relationship as it stands';
const MEETING_HINT = 'The pack opens with the meeting: when, where, who of us will go and why.';
const NO_MEETING_HINT = 'The pack is about the relationship: who they are, what has passed between us and what is open.';

let open = null;       // the dialog on screen, so a second click does not open another
let opening = false;   // true while the first one gathers the meetings

/** "Friday 28 November 2026 at 10:00 · Surgery meeting · Northfield library". */
function meetingLabel(label, meeting) {
  return [londonDayTime(meeting.occurred_at), label('interaction_kinds', meeting.kind), meeting.place]
    .filter(Boolean).join(' · ');
}

/** The planned meetings among `items`, soonest first, with `extra` (a meeting chosen to start
 *  with, planned or not) among them. */
function plannedMeetings(items, extra) {
  const list = items.filter((m) => m.status === 'planned');
  if (extra && !list.some((m) => m.id === extra.id)) list.push(extra);
  return list.sort((a, b) => Date.parse(a.occurred_at) - Date.parse(b.occurred_at));
}

/**
 * openBriefingDialog({
 *   catalogue,                       // for the kinds' labels
 *   representatives: [{ id, name }], // who the pack may be about (a choice if more than one)
 *   representativeId,                // chosen to start with (the first if not given)
 *   meetingId,                       // a meeting to start with; null: no meeting; undefined:
 *                                    // the representative's soonest planned meeting to come
 *   meeting,                         // that meeting, if the caller has it (it may be held)
 *   meetings,                        // the representative's interactions, if the caller has them
 *   opener,                          // where the focus goes back to (the focused element if not given)
 * })
 */
export async function openBriefingDialog(options) {
  if (open) { open.focus(); return; }
  if (opening) return;
  const label = labeller(options.catalogue);
  const opener = options.opener ?? document.activeElement;
  const representatives = options.representatives;
  let repId = options.representativeId ?? representatives[0]?.id;
  const known = new Map();   // representative id → their interactions
  if (options.meetings) known.set(repId, options.meetings);
  let now;
  opening = true;
  try {
    [now] = await Promise.all([api.setupStatus().then((s) => s.now), meetingsOf(repId)]);
  } catch (failure) {
    toast(failure.message);
    return;
  } finally {
    opening = false;
  }

  async function meetingsOf(id) {
    if (!known.has(id)) {
      const page = await api.listInteractions({ representativeId: id, limit: 100 });
      known.set(id, page.items);
    }
    return known.get(id);
  }

  /** The soonest planned meeting still to come, or none. */
  function soonest(list) {
    return list.find((m) => Date.parse(m.occurred_at) >= Date.parse(now))?.id ?? '';
  }

  // ----- the form -----

  const repField = representatives.length > 1
    ? field(FORM_ID, {
      name: 'representative_id', label: 'Representative', type: 'select',
      options: representatives.map((r) => ({ code: r.id, label: r.name })),
    }, repId)
    : null;
  const meetingField = field(FORM_ID, {
    name: 'meeting_id', label: 'For the meeting', type: 'select', options: [],
    hint: MEETING_HINT,
  }, '');
  const meetingSelect = meetingField.querySelector('select');
  const meetingHint = meetingField.querySelector('.hint');
  const sayWhatItIsFor = () => {
    meetingHint.textContent = meetingSelect.value ? MEETING_HINT : NO_MEETING_HINT;
  };
  meetingSelect.addEventListener('change', sayWhatItIsFor);
  const recentField = field(FORM_ID, {
    name: 'recent', label: 'Recent interactions to list', type: 'number', min: 1, max: 200,
    hint: 'The latest first, with who attended and what was said.',
  }, String(DEFAULT_RECENT));
  recentField.classList.add('recent-field');

  const privateId = `${FORM_ID}-include_private`;
  const privateField = h('div', { class: 'field check-field' },
    h('div', { class: 'check-line' },
      h('input', {
        type: 'checkbox', id: privateId, name: 'include_private', testid: 'briefing-private',
        'aria-describedby': `${privateId}-hint ${privateId}-error`,
      }),
      h('label', { for: privateId }, 'Include private notes')),
    h('p', { class: 'hint', id: `${privateId}-hint` }, 'Private impressions are left out unless you tick this.'),
    h('p', { class: 'error', id: `${privateId}-error`, testid: 'error-include_private', hidden: true }));

  const formatChoice = (value, text, hint, checked) => {
    const id = `${FORM_ID}-format-${value}`;
    return h('label', { class: 'format-option', for: id },
      h('input', { type: 'radio', id, name: 'format', value, checked, testid: `briefing-format-${value}`, 'aria-describedby': `${id}-hint` }),
      h('span', { class: 'format-text' },
        h('strong', {}, text),
        h('span', { class: 'hint', id: `${id}-hint` }, hint)));
  };
  const formatField = h('fieldset', { class: 'format-choice' },
    h('legend', {}, 'Format'),
    h('div', { class: 'format-options' },
      formatChoice('pdf', 'PDF', 'A4, ready to print', true),
      formatChoice('html', 'Web page (HTML)', 'One file, reads well on a phone', false)));

  const saveButton = h('button', { type: 'submit', class: 'primary', testid: 'briefing-save' }, SAVE_TEXT);
  const form = h('form', { class: 'briefing-form', id: FORM_ID, testid: 'briefing-form', novalidate: true },
    h('header', { class: 'briefing-head' },
      h('h2', { id: 'briefing-title', testid: 'briefing-title' }, 'Briefing pack'),
      h('p', { class: 'lede' },
        'Everything to read before the meeting: who they are, what has passed between us, what is still open and what we will say.')),
    h('p', { class: 'form-message', role: 'alert', tabindex: '-1', testid: 'briefing-message', hidden: true }),
    h('div', { class: 'briefing-fields' },
      repField, meetingField, privateField, recentField, formatField),
    h('div', { class: 'dialog-actions' },
      saveButton,
      h('button', { type: 'button', testid: 'briefing-cancel', onclick: () => dialog.close() }, 'Cancel')));
  const dialog = h('dialog', { class: 'briefing-dialog', testid: 'briefing-dialog', 'aria-labelledby': 'briefing-title' }, form);

  let busy = false;

  /** Lists the representative's planned meetings from `list`; `wanted` is chosen if listed (null:
   *  no meeting), else their soonest to come. */
  function fillMeetings(list, wanted) {
    const meetings = plannedMeetings(list, options.meeting && options.meeting.representatives.some((r) => r.id === repId) ? options.meeting : null);
    replace(meetingSelect,
      meetings.map((m) => h('option', { value: m.id }, meetingLabel(label, m))),
      h('option', { value: '' }, NO_MEETING));
    meetingSelect.value = wanted !== undefined && (wanted === null || meetings.some((m) => m.id === wanted))
      ? (wanted ?? '') : soonest(meetings);
    sayWhatItIsFor();
  }

  async function changeRepresentative() {
    const wanted = meetingSelect.value || null;   // a meeting with both is kept; so is "no meeting"
    repId = repField.querySelector('select').value;
    meetingSelect.disabled = true;
    saveButton.disabled = true;
    try {
      fillMeetings(await meetingsOf(repId), wanted);
    } catch (failure) {
      showError(form, null, failure.message);
    } finally {
      meetingSelect.disabled = false;
      saveButton.disabled = busy;
    }
  }

  repField?.querySelector('select').addEventListener('change', changeRepresentative);
  fillMeetings(known.get(repId), options.meetingId);

  function setBusy(on) {
    busy = on;
    saveButton.disabled = on;
    if (on) saveButton.setAttribute('aria-busy', 'true'); else saveButton.removeAttribute('aria-busy');
    saveButton.textContent = on ? 'Making the pack…' : SAVE_TEXT;
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (busy) return;
    clearErrors(form);
    const recentInput = form.elements.namedItem('recent');
    const typed = recentInput.value.trim();
    if (recentInput.validity.badInput || (typed !== '' && !Number.isInteger(Number(typed)))) {
      showError(form, 'recent', 'Recent interactions to list: enter a whole number from 1 to 200.');
      return;
    }
    const request = {
      representative_id: repId,
      meeting_id: meetingSelect.value || null,
      include_private: form.elements.namedItem('include_private').checked,
      recent: typed === '' ? DEFAULT_RECENT : Number(typed),
    };
    const format = form.querySelector('input[name=format]:checked')?.value ?? 'pdf';
    setBusy(true);
    let path;
    try {
      path = await api.exportBriefing(request, format);
    } catch (failure) {
      setBusy(false);
      showError(form, failure.field, failure.message);
      return;
    }
    setBusy(false);
    if (!path) return;   // the save dialog was cancelled: the choices stay as they were
    dialog.close();
    toast(`Briefing pack saved to ${path}.`);
  });

  open = dialog;
  showModal(dialog, { opener, isBusy: () => busy, onClose: () => { open = null; }, focus: (repField?.querySelector('select') ?? meetingSelect) });
}
