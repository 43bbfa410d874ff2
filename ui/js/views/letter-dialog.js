// "Write a letter": a modal dialog that drafts a letter or email to a representative from a
// template and the record (a thank-you lists what each side agreed at the meeting, a chase names
// the letter still unanswered), in an editor where every word can be changed. The draft can be
// copied, opened in the mail program or saved as an A4 PDF letter; then the dialog asks, inline,
// whether to log it as sent, which records an outbound letter or email (and ends Today's
// thank-you prompt, or starts the wait for a reply). A `{{field}}` left in the text is refused
// beside the box before anything leaves. Escape or Close shuts it (after asking, if the letter
// was changed and has gone nowhere) and the focus goes back to the button that opened it.

import { showModal } from '../modal.js';
import { h, replace } from '../dom.js';
import { api } from '../api.js';
import { labeller, longDate } from '../format.js';
import { toast } from '../toast.js';

const PDF_TEXT = 'Save as PDF letter';
const SAVING = 'Saving…';
const EMAIL_TEXT = 'Open in email';
const LOG_TEXT = 'Log as sent';
const LOGGING = 'Logging…';

/** Interactions that are meetings (a thank-you or consent letter is about one). */
const NOT_MEETINGS = new Set(['letter', 'email', 'social_media']);
/** The fields a meeting fills, and those the letter being chased fills. */
const MEETING_FIELDS = ['meeting_date', 'meeting_subject', 'their_actions', 'our_actions', 'spoken_for'];
const LETTER_FIELDS = ['letter_date', 'letter_subject'];

/** Every `{{field}}` written in `text`, by name, each once. */
export function fieldsIn(text) {
  const found = [];
  for (const match of String(text ?? '').matchAll(/\{\{\s*([^{}]*?)\s*\}\}/g)) {
    if (!found.includes(match[1])) found.push(match[1]);
  }
  return found;
}

const uses = (template, names) => fieldsIn(`${template.subject}\n${template.body}`).some((f) => names.includes(f));
const needsMeeting = (t) => t.purpose === 'thank_you' || t.purpose === 'consent' || uses(t, MEETING_FIELDS);
const needsLetter = (t) => t.purpose === 'chase' || uses(t, LETTER_FIELDS);

let open = null;   // the dialog on screen, so a second click does not open another

/**
 * openLetterDialog({
 *   representativeId,        // whom the letter is to
 *   representativeName,      // their name, for the title while the draft is made
 *   representatives,         // [{id, name}]: a choice of whom, when a meeting had several
 *   purpose,                 // the template to start with, by purpose ('thank_you', 'chase'…)
 *   meetingId, letterId,     // the meeting thanked, the letter chased (chosen to start with)
 *   catalogue,               // for the kinds' labels (asked for if not given)
 *   opener,                  // where the focus goes back to (the focused element if not given)
 *   logged,                  // async (interaction) => …, once the letter is logged as sent; the
 *                            // dialog is closed and the toast shown by then
 * })
 */
export function openLetterDialog(options) {
  if (open) { open.focus(); return; }
  const opener = options.opener ?? document.activeElement;
  const logged = options.logged ?? (async () => {});
  const choices = options.representatives?.length ? options.representatives : null;
  let repId = options.representativeId ?? choices?.[0]?.id;

  let label = null;
  let templates = [];
  const known = new Map();   // representative id → their interactions, newest first
  let composed = null;       // the last draft made: { draft, representative_name, email, in_reply_to_id, template }
  let busy = false;          // saving a PDF or logging: the dialog waits
  let drafting = 0;          // which draft is current; a late answer is ignored
  let changed = false;       // the text was edited since the draft was made
  let sentSince = false;     // copied, emailed or saved since the last edit
  let lastAction = null;     // the button that last sent the letter somewhere
  let undoTemplate = null;   // what a change of template replaced, to bring back

  // ----- the parts -----

  const startName = options.representativeName ?? choices?.find((r) => r.id === repId)?.name;
  const title = h('h2', { id: 'letter-title', testid: 'letter-title' }, startName ? `Write to ${startName}` : 'Write a letter');
  const message = h('p', { class: 'form-message', role: 'alert', tabindex: '-1', testid: 'letter-message', hidden: true });

  const repSelect = choices && choices.length > 1 ? h('select', {
    id: 'letter-representative', name: 'representative', testid: 'letter-representative',
  }, choices.map((r) => h('option', { value: r.id }, r.name))) : null;
  if (repSelect) repSelect.value = repId;

  const templateSelect = h('select', {
    id: 'letter-template', name: 'template', testid: 'letter-template', 'aria-describedby': 'letter-template-hint',
  });
  const templateHint = h('p', { class: 'hint', id: 'letter-template-hint' },
    'Change the templates’ words in Settings, under Letters.');

  const aboutSelect = h('select', { id: 'letter-about', name: 'about', testid: 'letter-about' });
  const aboutLabel = h('label', { for: 'letter-about' }, 'Meeting');
  const aboutField = h('div', { class: 'field letter-about-field', hidden: true }, aboutLabel, aboutSelect);

  const subject = h('input', {
    id: 'letter-subject', name: 'subject', testid: 'letter-subject', autocomplete: 'off',
    'aria-describedby': 'letter-subject-error',
  });
  const subjectError = h('p', { class: 'error', id: 'letter-subject-error', testid: 'error-letter-subject', hidden: true });
  const body = h('textarea', {
    id: 'letter-body', name: 'body', testid: 'letter-body', rows: 16, spellcheck: 'true',
    'aria-describedby': 'letter-body-hint letter-body-error',
  });
  const bodyHint = h('p', { class: 'hint letter-brackets', id: 'letter-body-hint', testid: 'letter-brackets', hidden: true },
    'Fill in the parts in [square brackets] before you send it.');
  const bodyError = h('p', { class: 'error', id: 'letter-body-error', testid: 'error-letter-body', hidden: true });
  const errors = { subject: [subject, subjectError], body: [body, bodyError] };

  const toLine = h('p', { class: 'letter-to muted', testid: 'letter-to' });
  const status = h('p', { class: 'letter-status', role: 'status', 'aria-live': 'polite', testid: 'letter-status' });

  const copyButton = h('button', { type: 'button', testid: 'letter-copy', 'aria-describedby': 'letter-to' }, 'Copy');
  const emailButton = h('button', { type: 'button', testid: 'letter-email', 'aria-describedby': 'letter-to' }, EMAIL_TEXT);
  const pdfButton = h('button', { type: 'button', testid: 'letter-pdf' }, PDF_TEXT);
  const closeButton = h('button', { type: 'button', class: 'quiet-close', testid: 'letter-close' }, 'Close');
  const sendButtons = [copyButton, emailButton, pdfButton];

  // "Log this as sent?", once the letter has gone somewhere.
  const kindChoice = (value, text) => h('label', { class: 'letter-kind', for: `letter-log-${value}` },
    h('input', { type: 'radio', id: `letter-log-${value}`, name: 'log_kind', value, testid: `letter-log-${value}` }),
    h('span', {}, text));
  const logButton = h('button', { type: 'button', class: 'primary', testid: 'letter-log' }, LOG_TEXT);
  const notNowButton = h('button', { type: 'button', testid: 'letter-not-now' }, 'Not now');
  const logHint = h('p', { class: 'hint', id: 'letter-log-hint', testid: 'letter-log-hint' });
  const logPanel = h('section', {
    class: 'letter-log-panel', testid: 'letter-log-panel', 'aria-labelledby': 'letter-log-title', hidden: true,
  },
  h('div', { class: 'letter-log-line' },
    h('h3', { id: 'letter-log-title', tabindex: '-1' }, 'Log this as sent?'),
    h('fieldset', { class: 'letter-kinds' },
      h('legend', { class: 'visually-hidden' }, 'Sent as'),
      kindChoice('email', 'Email'), kindChoice('letter', 'Letter')),
    h('div', { class: 'letter-log-actions' }, logButton, notNowButton)),
  logHint);

  // Closing a changed letter that has gone nowhere asks first.
  const keepButton = h('button', { type: 'button', class: 'primary', testid: 'letter-keep' }, 'Keep writing');
  const discardButton = h('button', { type: 'button', testid: 'letter-discard' }, 'Close without sending');
  const discardPanel = h('div', { class: 'letter-discard', testid: 'letter-discard-panel', role: 'alertdialog',
    'aria-labelledby': 'letter-discard-text', hidden: true },
  h('p', { id: 'letter-discard-text' }, 'You changed this letter and have not copied, emailed or saved it. Close it and lose the changes?'),
  h('div', { class: 'dialog-actions' }, keepButton, discardButton));

  const form = h('form', { class: 'letter-form', testid: 'letter-form', novalidate: true },
    h('header', { class: 'letter-head' },
      title,
      h('p', { class: 'lede' },
        'Filled in from the record. Change anything you like, then copy it, email it or save it as a letter to print.')),
    message,
    h('div', { class: `letter-choices${repSelect ? ' with-to' : ''}` },
      repSelect ? h('div', { class: 'field' }, h('label', { for: 'letter-representative' }, 'To'), repSelect) : null,
      h('div', { class: 'field' }, h('label', { for: 'letter-template' }, 'Template'), templateSelect, templateHint),
      aboutField),
    h('div', { class: 'field' }, h('label', { for: 'letter-subject' }, 'Subject'), subject, subjectError),
    h('div', { class: 'field letter-body-field' }, h('label', { for: 'letter-body' }, 'Letter'), body, bodyHint, bodyError),
    toLine,
    h('div', { class: 'dialog-actions letter-actions' }, sendButtons, closeButton),
    status,
    logPanel,
    discardPanel);
  const dialog = h('dialog', { class: 'letter-dialog', testid: 'letter-dialog', 'aria-labelledby': 'letter-title' }, form);

  // ----- messages -----

  function clearErrors() {
    message.hidden = true;
    message.textContent = '';
    for (const [control, slot] of Object.values(errors)) {
      slot.hidden = true;
      slot.textContent = '';
      control.removeAttribute('aria-invalid');
    }
  }

  /** Says `text` beside `field` ('subject' or 'body'), else above the form. */
  function showError(field, text) {
    const pair = errors[field];
    if (pair) {
      const [control, slot] = pair;
      slot.textContent = text;
      slot.hidden = false;
      control.setAttribute('aria-invalid', 'true');
      control.focus({ preventScroll: true });
      slot.scrollIntoView({ block: 'nearest' });
      return;
    }
    message.textContent = text;
    message.hidden = false;
    message.focus();
  }

  function say(text, action = null) {
    replace(status, text, action ? [' ', action] : null);
  }

  /** The first `{{field}}` still in the subject or body, said beside it; true when there is none. */
  function checkFields() {
    for (const [field, control] of [['subject', subject], ['body', body]]) {
      const left = fieldsIn(control.value)[0];
      if (left !== undefined) {
        showError(field, `“{{${left}}}” is still in the letter. Replace it with the words you mean before sending.`);
        // Selected, so it is seen (and typed over) at once.
        const match = /\{\{[^{}]*\}\}/.exec(control.value);
        if (match) control.setSelectionRange(match.index, match.index + match[0].length);
        return false;
      }
    }
    if (!body.value.trim()) { showError('body', 'The letter is empty.'); return false; }
    return true;
  }

  function showBracketHint() {
    bodyHint.hidden = !/\[[^\]\n]{3,}\]/.test(body.value);
  }

  // ----- what to write -----

  const currentTemplate = () => templates.find((t) => t.id === templateSelect.value) ?? templates[0];
  const repName = () => composed?.representative_name ?? choices?.find((r) => r.id === repId)?.name
    ?? options.representativeName ?? '';

  async function interactionsOf(id) {
    if (!known.has(id)) {
      const page = await api.listInteractions({ representativeId: id, limit: 50 });
      const list = page.items;
      // A meeting or letter chosen to start with may be older than the latest fifty.
      for (const wanted of [options.meetingId, options.letterId]) {
        if (wanted && !list.some((i) => i.id === wanted)) {
          try {
            const extra = await api.getInteraction(wanted);
            if (extra.representatives.some((r) => r.id === id)) list.push(extra);
          } catch { /* gone: the core will say so when drafting */ }
        }
      }
      known.set(id, list);
    }
    return known.get(id);
  }

  function meetingLabel(m) {
    return [longDate(m.occurred_at), label('interaction_kinds', m.kind), m.subject,
      m.status === 'planned' ? 'planned' : null].filter(Boolean).join(' · ');
  }

  /** Fills the meeting or letter choice the template needs (hidden when it needs neither),
   *  keeping `wanted` if it is listed, else the latest. */
  function fillAbout(template, list, wanted) {
    const meeting = needsMeeting(template);
    const letter = !meeting && needsLetter(template);
    aboutField.hidden = !meeting && !letter;
    if (aboutField.hidden) { replace(aboutSelect); return; }
    let items;
    if (meeting) {
      items = list.filter((i) => !NOT_MEETINGS.has(i.kind) && i.status !== 'cancelled'
        && (template.purpose !== 'thank_you' || i.status === 'held' || i.id === wanted));
      aboutLabel.textContent = template.purpose === 'consent' ? 'For the meeting' : 'About the meeting';
    } else {
      items = list.filter((i) => (i.kind === 'letter' || i.kind === 'email') && i.direction === 'we_contacted'
        && i.status === 'held');
      aboutLabel.textContent = 'The letter to chase';
    }
    items = [...items].sort((a, b) => Date.parse(b.occurred_at) - Date.parse(a.occurred_at));
    replace(aboutSelect, items.length
      ? items.map((i) => h('option', { value: i.id }, meetingLabel(i)))
      : h('option', { value: '' }, meeting ? `No meetings with ${repName()} are logged` : `No letters to ${repName()} are logged`));
    aboutSelect.disabled = items.length === 0;
    aboutSelect.value = items.some((i) => i.id === wanted) ? wanted : (items[0]?.id ?? '');
  }

  /** Asks the core for the merged letter and puts it in the editor. */
  async function redraft() {
    const mine = ++drafting;
    const template = currentTemplate();
    if (!template) return;
    clearErrors();
    hideLogPanel();
    say('Writing the draft…');
    setSending(true);
    const about = aboutField.hidden ? null : (aboutSelect.value || null);
    const meeting = needsMeeting(template);
    let next;
    try {
      next = await api.draftLetter({
        template_id: template.id,
        representative_id: repId,
        meeting_id: meeting ? about : null,
        letter_id: !meeting && needsLetter(template) ? about : null,
      });
    } catch (failure) {
      if (mine !== drafting || !dialog.open) return;
      setSending(false);
      say('');
      composed = null;
      subject.value = '';
      body.value = '';
      showBracketHint();
      changed = false;
      message.textContent = failure.message;
      message.hidden = false;
      offerUndo();
      return;
    }
    if (mine !== drafting || !dialog.open) return;
    setSending(false);
    composed = next;
    subject.value = next.draft.subject;
    body.value = next.draft.body;
    body.scrollTop = 0;
    changed = false;
    sentSince = false;
    showBracketHint();
    title.textContent = `Write to ${next.representative_name}`;
    toLine.textContent = next.email
      ? `Email goes to ${next.email}.`
      : `No email address for ${next.representative_name} is on record: your email program will open without one.`;
    offerUndo();
  }

  /** After a new choice wrote the letter again over the person's changes: "Undo". */
  function offerUndo() {
    if (undoTemplate) {
      const back = undoTemplate;
      undoTemplate = null;
      say('Rapport wrote the letter again, replacing your changes.', h('button', {
        type: 'button', class: 'link', testid: 'letter-undo',
        onclick: () => {
          templateSelect.value = back.templateId;
          templateSelect.dataset.was = back.templateId;
          fillAbout(currentTemplate(), known.get(repId), back.about);
          aboutSelect.dataset.was = aboutSelect.value;
          subject.value = back.subject;
          body.value = back.body;
          composed = back.composed;
          changed = true;
          sentSince = false;
          clearErrors();
          showBracketHint();
          say('Your changes are back.');
          body.focus();
        },
      }, 'Undo'));
    } else {
      say('');
    }
  }

  /** What the editor holds now, to bring back if a new choice writes the letter again. */
  function snapshot() {
    return changed ? {
      templateId: templateSelect.dataset.was, about: aboutSelect.dataset.was,
      subject: subject.value, body: body.value, composed,
    } : null;
  }

  async function changeTemplate() {
    undoTemplate = snapshot();
    templateSelect.dataset.was = templateSelect.value;
    const list = known.get(repId);
    const listed = (id) => id && list.some((i) => i.id === id);
    const wanted = [aboutSelect.value, options.meetingId, options.letterId].find(listed);
    fillAbout(currentTemplate(), list, wanted);
    aboutSelect.dataset.was = aboutSelect.value;
    await redraft();
  }

  async function changeAbout() {
    undoTemplate = snapshot();
    aboutSelect.dataset.was = aboutSelect.value;
    await redraft();
  }

  async function changeRepresentative() {
    repId = repSelect.value;
    repSelect.disabled = true;
    try {
      const list = await interactionsOf(repId);
      fillAbout(currentTemplate(), list, aboutSelect.value || options.meetingId || options.letterId);
      aboutSelect.dataset.was = aboutSelect.value;
    } catch (failure) {
      showError(null, failure.message);
      return;
    } finally {
      repSelect.disabled = false;
    }
    undoTemplate = null;
    await redraft();
  }

  // ----- sending -----

  function setSending(on) {
    for (const b of sendButtons) b.disabled = on;
  }

  function draftNow() {
    return { subject: subject.value, body: body.value };
  }

  async function copy() {
    clearErrors();
    if (!checkFields()) return;
    const text = body.value;
    let copied = false;
    try {
      if (navigator.clipboard?.writeText) {
        await navigator.clipboard.writeText(text);
        copied = true;
      }
    } catch { /* not allowed here: select the text and copy it the old way */ }
    if (!copied) {
      const { selectionStart, selectionEnd } = body;
      body.focus();
      body.select();
      try { copied = document.execCommand('copy'); } catch { copied = false; }
      body.setSelectionRange(selectionStart, selectionEnd);
      copyButton.focus();
    }
    if (!copied) {
      // The text is selected for the person to copy themselves, so it may still be sent.
      say('The letter could not be copied here: its text is selected, so press Ctrl+C.');
      sent(copyButton, 'email', false);
      body.focus();
      body.select();
      return;
    }
    say('Copied. Paste it into your email or document; the subject is above it.');
    sent(copyButton, 'email', false);
  }

  async function email() {
    clearErrors();
    if (!checkFields()) return;
    emailButton.disabled = true;
    try {
      await api.emailLetter(repId, draftNow());
    } catch (failure) {
      emailButton.disabled = false;
      showError(failure.field, failure.message);
      return;
    }
    emailButton.disabled = false;
    say('Opened in your email program. Check it there and send it.');
    sent(emailButton, 'email', true);
  }

  async function savePdf() {
    clearErrors();
    if (!checkFields()) return;
    busy = true;
    setSending(true);
    closeButton.disabled = true;
    pdfButton.setAttribute('aria-busy', 'true');
    pdfButton.textContent = SAVING;
    say('Saving the letter as a PDF…');
    let path;
    try {
      path = await api.saveLetterPdf(repId, draftNow());
    } catch (failure) {
      say('');
      showError(failure.field, failure.message);
      return;
    } finally {
      busy = false;
      setSending(false);
      closeButton.disabled = false;
      pdfButton.removeAttribute('aria-busy');
      pdfButton.textContent = PDF_TEXT;
    }
    if (!path) { say('Not saved.'); pdfButton.focus(); return; }   // the save dialog was cancelled
    say(`Saved the letter to ${path}.`);
    sent(pdfButton, 'letter', true);
  }

  /** After the letter went somewhere: ask whether to log it, `kind` chosen to start with. */
  function sent(button, kind, moveFocus) {
    sentSince = true;
    lastAction = button;
    const what = composed?.template?.purpose === 'thank_you' ? 'thank-you' : 'letter';
    logHint.textContent = composed?.template?.purpose === 'thank_you'
      ? `Logging it puts the ${what} on ${repName()}’s timeline, and Today stops asking for it.`
      : `Logging it puts the ${what} on ${repName()}’s timeline, and Today reminds you if no reply comes.`;
    for (const radio of logPanel.querySelectorAll('input[name=log_kind]')) radio.checked = radio.value === kind;
    logButton.setAttribute('aria-describedby', 'letter-log-hint');
    logPanel.hidden = false;
    logPanel.scrollIntoView({ block: 'nearest' });
    if (moveFocus) logButton.focus();
  }

  function hideLogPanel() {
    logPanel.hidden = true;
  }

  async function logSent() {
    if (busy) return;
    clearErrors();
    if (!checkFields()) return;
    const kind = logPanel.querySelector('input[name=log_kind]:checked')?.value ?? 'email';
    busy = true;
    logButton.disabled = true;
    logButton.setAttribute('aria-busy', 'true');
    logButton.textContent = LOGGING;
    let interaction;
    try {
      interaction = await api.logLetterSent({
        representative_id: repId,
        kind,
        subject: subject.value,
        body: body.value,
        in_reply_to_id: composed?.in_reply_to_id ?? null,
      });
    } catch (failure) {
      busy = false;
      logButton.disabled = false;
      logButton.removeAttribute('aria-busy');
      logButton.textContent = LOG_TEXT;
      showError(failure.field, failure.message);
      return;
    }
    busy = false;
    const name = repName();
    const what = composed?.template?.purpose === 'thank_you' ? 'thank-you' : kind === 'email' ? 'email' : 'letter';
    dialog.close();
    toast(`Logged the ${what} to ${name} as sent.`);
    await logged(interaction);
  }

  // ----- closing -----

  /** Closes the dialog, unless a changed letter has gone nowhere: then asks first. */
  function closeAsked() {
    if (busy) return;
    if (changed && !sentSince && discardPanel.hidden) {
      discardPanel.hidden = false;
      discardPanel.scrollIntoView({ block: 'nearest' });
      keepButton.focus();
      return;
    }
    dialog.close();
  }

  // ----- wiring -----

  templateSelect.addEventListener('change', changeTemplate);
  aboutSelect.addEventListener('change', changeAbout);
  repSelect?.addEventListener('change', changeRepresentative);
  for (const control of [subject, body]) {
    control.addEventListener('input', () => {
      changed = true;
      sentSince = false;
      discardPanel.hidden = true;
      if (control === body) showBracketHint();
      // A refusal beside the box goes once what it named is gone.
      const [, slot] = errors[control.name];
      if (!slot.hidden && fieldsIn(control.value).length === 0) {
        slot.hidden = true;
        slot.textContent = '';
        control.removeAttribute('aria-invalid');
      }
    });
  }
  copyButton.addEventListener('click', copy);
  emailButton.addEventListener('click', email);
  pdfButton.addEventListener('click', savePdf);
  closeButton.addEventListener('click', closeAsked);
  logButton.addEventListener('click', logSent);
  notNowButton.addEventListener('click', () => {
    hideLogPanel();
    say('Not logged. You can log it later from “Log a meeting”.');
    (lastAction ?? body).focus();
  });
  keepButton.addEventListener('click', () => { discardPanel.hidden = true; body.focus(); });
  discardButton.addEventListener('click', () => dialog.close());
  form.addEventListener('submit', (event) => event.preventDefault());
  dialog.addEventListener('cancel', (event) => {
    if (busy) return;   // the shared guard keeps it open
    if (changed && !sentSince && discardPanel.hidden) { event.preventDefault(); closeAsked(); }
  });

  open = dialog;
  showModal(dialog, { opener, isBusy: () => busy, onClose: () => { open = null; drafting += 1; }, focus: templateSelect });
  start();

  async function start() {
    say('Writing the draft…');
    setSending(true);
    try {
      const [catalogue, list] = await Promise.all([
        options.catalogue ?? api.catalogue(),
        api.letterTemplates(),
        interactionsOf(repId),
      ]);
      label = labeller(catalogue);
      templates = list.templates;
    } catch (failure) {
      setSending(false);
      say('');
      showError(null, failure.message);
      return;
    }
    if (!dialog.open) return;
    replace(templateSelect, templates.map((t) => h('option', { value: t.id }, t.name)));
    const first = (options.purpose && templates.find((t) => t.purpose === options.purpose)) || templates[0];
    if (!first) { setSending(false); say(''); showError(null, 'There are no templates. Add one in Settings, under Letters.'); return; }
    templateSelect.value = first.id;
    templateSelect.dataset.was = first.id;
    fillAbout(first, known.get(repId), options.meetingId ?? options.letterId);
    aboutSelect.dataset.was = aboutSelect.value;
    await redraft();
  }
}
