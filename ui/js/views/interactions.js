// Interactions: every meeting, call and letter, newest first (a page at a time, by
// representative if chosen: found by name as it is typed, never a list of them all), and one
// interaction in full with everything logged with it; a meeting held can be thanked for from
// there (letter-dialog.js).

import { h, replace } from '../dom.js';
import { api } from '../api.js';
import { dateTime, labeller, longDate, longDay, recordLine } from '../format.js';
import { toast } from '../toast.js';
import { picker } from '../picker.js';
import { historyPanel } from './history.js';
import { namesInWords } from './log-form.js';
import { openBriefingDialog } from './briefing-dialog.js';
import { openLetterDialog } from './letter-dialog.js';

const PAGE = 50;
/** Kinds that are not meetings: nothing to thank anyone for. */
const NOT_MEETINGS = new Set(['letter', 'email', 'social_media']);

/** The lines of a "one a line" field, without blank lines or leading bullets. */
function linesOf(text) {
  return String(text ?? '').split('\n').map((l) => l.trim().replace(/^[-•*]\s*/, '').trim()).filter(Boolean);
}

/** "Surgery meeting with Jane Smith". */
function titleOf(label, interaction) {
  const kind = label('interaction_kinds', interaction.kind);
  const names = namesInWords(interaction.representatives.map((r) => r.name));
  return names ? `${kind} with ${names}` : kind;
}

export function interactionsScreen(catalogue, navigate) {
  const label = labeller(catalogue);
  // "With everyone" until a representative is chosen; removing them goes back to everyone.
  const filter = picker({
    formId: 'interactions', name: 'interactions_with', label: 'Show interactions with', labelHidden: true,
    multiple: false, wide: false, placeholder: 'With everyone: type a name',
    search: async (typed, { limit }) => (await api.representativesPage({ text: typed, limit, offset: 0 })).items
      .map((r) => ({ id: r.id, name: r.full_name, detail: [r.party, r.seat?.name].filter(Boolean).join(' · ') })),
    newLabel: null,
    onChange: () => load(true),
  });
  const chosen = () => filter.items[0] ?? null;
  const body = h('div', { class: 'interactions-body' });
  const root = h('section', { class: 'screen', testid: 'interactions-view', 'aria-labelledby': 'interactions-title' },
    h('header', { class: 'screen-head' },
      h('div', {},
        h('h1', { id: 'interactions-title' }, 'Interactions'),
        h('p', { class: 'lede' }, 'Every meeting, call and letter with your representatives, newest first.')),
      h('div', { class: 'toolbar' },
        h('div', { class: 'filter rep-filter', testid: 'interactions-filter' }, filter.el),
        h('button', { type: 'button', class: 'primary', testid: 'interaction-add', onclick: () => navigate('log/new') },
          'Log a meeting', h('kbd', { 'aria-hidden': 'true' }, 'Ctrl+L')))),
    body);

  let items = [];
  let total = 0;
  let loading = 0;

  async function show() {
    // The representative chosen before, read again: renamed, or deleted since (then everyone).
    const before = chosen();
    if (before) {
      try {
        const rep = await api.getRepresentative(before.id);
        if (chosen()?.id === before.id) filter.set([{ ...before, name: rep.full_name }]);
      } catch {
        if (chosen()?.id === before.id) filter.clear();
      }
    }
    await load(true);
  }

  async function load(fresh) {
    const ticket = ++loading;
    let page;
    try {
      page = await api.listInteractions({ representativeId: chosen()?.id ?? null, limit: PAGE, offset: fresh ? 0 : items.length });
    } catch (error) {
      if (ticket === loading) replace(body, h('p', { class: 'problem', role: 'alert' }, error.message));
      return;
    }
    if (ticket !== loading) return;
    items = fresh ? page.items : [...items, ...page.items];
    total = page.total;
    render(fresh ? 0 : items.length - page.items.length);
  }

  function render(firstNew) {
    if (items.length === 0) {
      const rep = chosen();
      replace(body, h('div', { class: 'empty list-pane', testid: 'interactions-empty' },
        rep
          ? [h('h2', {}, `Nothing logged with ${rep.name} yet`),
            h('p', {}, `Remove ${rep.name} from the filter to see every interaction, or log one now.`)]
          : [h('h2', {}, 'No meetings logged yet'),
            h('p', {}, 'After a surgery, a call or a letter, log it while it is fresh: who was there, what you asked for and what was promised. Press Ctrl+L from any screen.')],
        h('button', { type: 'button', class: 'primary', onclick: () => navigate('log/new') }, 'Log a meeting')));
      return;
    }
    const rows = items.map((item) => h('tr', { testid: 'interaction-row', onclick: () => navigate(`interaction/${item.id}`) },
      h('td', { 'data-label': 'Date', class: 'nowrap' },
        h('button', {
          type: 'button', class: 'row-link', testid: 'interaction-link',
          'aria-label': `${titleOf(label, item)}, ${longDate(item.occurred_at)}`,
          onclick: (event) => { event.stopPropagation(); navigate(`interaction/${item.id}`); },
        }, longDate(item.occurred_at))),
      h('td', { 'data-label': 'Kind' }, label('interaction_kinds', item.kind),
        item.status !== 'held' ? h('span', { class: 'tag' }, label('interaction_statuses', item.status)) : null),
      h('td', { 'data-label': 'With' }, namesInWords([...item.representatives, ...item.their_attendees].map((p) => p.name)) || '—'),
      h('td', { 'data-label': 'Our side' }, namesInWords(item.our_attendees.map((p) => p.name)) || '—'),
      h('td', { 'data-label': 'Topics', class: 'topics' }, item.subject || item.campaign?.name || '—')));
    replace(body,
      h('div', { class: 'list-pane' },
        h('table', { class: 'records interactions', testid: 'interactions-list' },
          h('caption', { class: 'visually-hidden' }, 'Interactions, newest first'),
          h('thead', {}, h('tr', {}, ['Date', 'Kind', 'With', 'Our side', 'Topics'].map((c) => h('th', { scope: 'col' }, c)))),
          h('tbody', {}, rows)),
        h('div', { class: 'list-foot' },
          h('p', { class: 'count muted' }, items.length === total
            ? `${total} ${total === 1 ? 'interaction' : 'interactions'}`
            : `Showing ${items.length} of ${total} interactions`),
          items.length < total
            ? h('button', { type: 'button', testid: 'interactions-more', onclick: () => load(false) }, 'Show more')
            : null)));
    if (firstNew > 0) body.querySelectorAll('.row-link')[firstNew]?.focus();
  }

  return {
    el: root,
    show,
    add: () => navigate('log/new'),
    focusFilter: () => filter.focus(),
  };
}

export function interactionScreen(catalogue, navigate) {
  const label = labeller(catalogue);
  const root = h('section', { class: 'screen interaction-screen', testid: 'interaction-view', 'aria-labelledby': 'interaction-title' });
  let shown = null;

  async function show(id) {
    shown = id;
    replace(root, h('p', { class: 'muted' }, 'Loading…'));
    let record;
    try {
      record = await api.getInteraction(id);
    } catch (error) {
      if (shown !== id) return;
      replace(root,
        h('header', { class: 'screen-head' }, h('h1', { id: 'interaction-title' }, 'Interaction not found')),
        h('p', { class: 'problem', role: 'alert' }, error.message),
        h('button', { type: 'button', onclick: () => navigate('interactions') }, 'Back to interactions'));
      return;
    }
    if (shown !== id) return;
    render(record);
  }

  function repLink(rep) {
    return h('button', { type: 'button', class: 'link rep-link', testid: 'representative-link', onclick: () => navigate(`representative/${rep.id}`) }, rep.name);
  }

  function render(record) {
    const title = titleOf(label, record);
    const planned = record.status === 'planned';
    const roleOf = new Map(record.participants.map((p) => [`${p.party.kind}:${p.party.id}`, p.role]));
    const person = (p, kind = 'person') => {
      const role = roleOf.get(`${kind}:${p.id}`);
      return h('li', { testid: 'attendee' }, kind === 'representative' ? repLink(p) : h('span', {}, p.name),
        role ? h('span', { class: 'muted' }, `, ${role}`) : null);
    };
    const when = dateTime(record.occurred_at) + (record.duration_minutes ? ` · ${record.duration_minutes} minutes` : '');
    const facts = [
      ['Place', record.place],
      ['Topics', record.subject],
      ['Who got in touch', label('directions', record.direction)],
      ['Campaign', record.campaign?.name],
    ].filter(([, value]) => value);

    replace(root,
      h('header', { class: 'screen-head' },
        h('div', {},
          h('p', { class: 'crumb' }, h('button', { type: 'button', class: 'link', onclick: () => navigate('interactions') }, 'Interactions')),
          h('h1', { id: 'interaction-title', testid: 'interaction-title' }, title,
            record.status !== 'held' ? h('span', { class: 'tag' }, label('interaction_statuses', record.status)) : null),
          h('p', { class: 'lede', testid: 'interaction-when' }, when)),
        h('div', { class: 'toolbar' },
          h('button', { type: 'button', class: 'primary', testid: 'interaction-edit', onclick: () => navigate(`log/${record.id}`) }, 'Edit'),
          record.representatives.length ? h('button', {
            type: 'button', testid: 'interaction-briefing',
            onclick: (event) => openBriefingDialog({
              catalogue, opener: event.currentTarget,
              representatives: record.representatives.map((r) => ({ id: r.id, name: r.name })),
              representativeId: record.representatives[0].id, meetingId: record.id, meeting: record,
            }),
          }, 'Briefing pack') : null,
          record.status === 'held' && !NOT_MEETINGS.has(record.kind) && record.representatives.length ? h('button', {
            type: 'button', testid: 'interaction-write-thank-you',
            onclick: (event) => openLetterDialog({
              catalogue, opener: event.currentTarget, purpose: 'thank_you', meetingId: record.id,
              representatives: record.representatives.map((r) => ({ id: r.id, name: r.name })),
              representativeId: record.representatives[0].id,
              logged: async () => {
                if (shown !== record.id) return;
                await show(record.id);
                root.querySelector('[data-testid=interaction-write-thank-you]')?.focus();
              },
            }),
          }, 'Write the thank-you') : null,
          h('button', { type: 'button', class: 'danger', testid: 'interaction-delete', onclick: () => remove(record, title) }, 'Delete'))),
      h('div', { class: 'interaction-detail' },
        facts.length ? h('dl', { class: 'facts detail-facts', testid: 'interaction-facts' },
          facts.map(([term, value]) => [h('dt', {}, term), h('dd', {}, value)])) : null,
        block(planned ? 'Who will be there' : 'Who was there', 'interaction-people',
          h('div', { class: 'sides' },
            h('div', { class: 'side', testid: 'interaction-their-side' },
              h('h3', {}, 'Their side'),
              h('ul', { class: 'plain-list' },
                record.representatives.map((r) => person(r, 'representative')),
                record.their_attendees.map((p) => person(p)))),
            h('div', { class: 'side', testid: 'interaction-our-side' },
              h('h3', {}, 'Our side'),
              record.our_attendees.length
                ? h('ul', { class: 'plain-list' }, record.our_attendees.map((p) => person(p)))
                : h('p', { class: 'muted' }, 'No one recorded.')))),
        planBlock(record),
        block('What was said', 'interaction-said',
          record.summary ? h('p', { class: 'summary-text', testid: 'interaction-summary' }, record.summary)
            : h('p', { class: 'muted' }, planned ? 'Nothing yet: the meeting is still to come.' : 'No summary was written.'),
          record.private_impressions ? h('aside', { class: 'private-box', testid: 'interaction-private', 'aria-label': 'Private impressions' },
            h('p', { class: 'private-label' }, 'Private'),
            h('p', { class: 'summary-text' }, record.private_impressions),
            h('p', { class: 'private-note' }, 'Kept apart, left out of briefing packs by default.')) : null),
        block(`${planned ? 'Asks to make' : 'Asks made'} (${record.asks.length})`, 'interaction-asks',
          record.asks.length ? h('ul', { class: 'items' }, record.asks.map((ask) => h('li', { class: 'item', testid: 'interaction-ask' },
            h('div', { class: 'item-main' },
              h('strong', { testid: 'ask-title' }, ask.title),
              h('span', { class: `status status-${ask.status}`, testid: 'ask-status' }, label('ask_statuses', ask.status)),
              ask.interaction_id !== record.id ? h('span', { class: 'tag' }, 'Earlier ask') : null),
            record.representatives.length > 1 ? h('p', { class: 'item-line muted' }, `Put to ${ask.representative.name}`) : null,
            ask.stated_position ? h('p', { class: 'item-line' }, h('span', { class: 'muted' }, 'Their position: '), ask.stated_position) : null)))
            : h('p', { class: 'muted' }, 'No asks recorded.')),
        block(`Commitments given (${record.commitments.length})`, 'interaction-commitments',
          record.commitments.length ? h('ul', { class: 'items' }, record.commitments.map((c) => h('li', { class: 'item', testid: 'interaction-commitment' },
            h('div', { class: 'item-main' },
              h('strong', {}, c.who?.name ?? 'Someone not named'),
              h('span', { class: 'muted' }, c.side === 'theirs' ? ' (their side)' : ' (our side)'),
              h('span', { class: `status status-${c.status}` }, label('commitment_statuses', c.status)),
              c.overdue ? h('span', { class: 'badge-overdue', testid: 'overdue' }, 'Overdue') : null),
            h('p', { class: 'item-line' }, c.description),
            c.due_date ? h('p', { class: 'item-line muted' }, `By ${longDay(c.due_date)}`) : null)))
            : h('p', { class: 'muted' }, 'No commitments recorded.')),
        block(`Follow-ups for us (${record.follow_ups.length})`, 'interaction-follow-ups',
          record.follow_ups.length ? h('ul', { class: 'items' }, record.follow_ups.map((f) => h('li', { class: 'item', testid: 'interaction-follow-up' },
            h('div', { class: 'item-main' },
              h('strong', {}, label('follow_up_kinds', f.kind)),
              h('span', { class: `status status-${f.status}` }, label('follow_up_statuses', f.status)),
              f.overdue ? h('span', { class: 'badge-overdue', testid: 'overdue' }, 'Overdue') : null),
            h('p', { class: 'item-line' }, f.description),
            h('p', { class: 'item-line muted' },
              [f.owner ? `${f.owner.name} will do it` : null, `due by ${longDay(f.due_date)}`].filter(Boolean).join(', ')))))
            : h('p', { class: 'muted' }, 'No follow-ups.')),
        h('p', { class: 'record-line muted', testid: 'interaction-record' }, recordLine(record.record)),
        historyPanel('interactions', record.id)));
  }

  /** What a meeting is for, what we will say and take, and whom one of us speaks for: shown
   *  when any of it was written. */
  function planBlock(record) {
    const lines = (text, testid) => h('ul', { class: 'plan-lines', testid }, linesOf(text).map((l) => h('li', {}, l)));
    const rows = [
      record.purpose ? ['Purpose', h('span', { testid: 'interaction-purpose' }, record.purpose)] : null,
      record.key_messages ? ['Key messages', lines(record.key_messages, 'interaction-key-messages')] : null,
      record.documents_to_bring ? ['Documents to bring', lines(record.documents_to_bring, 'interaction-documents')] : null,
      record.on_behalf_of ? ['Speaking for', h('span', { testid: 'interaction-on-behalf-of' }, record.on_behalf_of.name,
        h('span', { class: 'muted' }, ' (a consent letter is on the checklist)'))] : null,
    ].filter(Boolean);
    if (!rows.length) return null;
    return h('section', { class: 'detail-block plan-block', testid: 'interaction-plan', 'aria-label': 'Planning' },
      h('h2', {}, 'Planning'),
      h('dl', {}, rows.map(([term, value]) => [h('dt', {}, term), h('dd', {}, value)])));
  }

  function block(title, testid, ...children) {
    return h('section', { class: 'detail-block', testid, 'aria-label': title },
      h('h2', {}, title), children);
  }

  async function remove(record, title) {
    try {
      await api.deleteInteraction(record.id);
    } catch (failure) {
      toast(failure.message);
      return;
    }
    navigate('interactions');
    const what = `the ${title.charAt(0).toLowerCase()}${title.slice(1)}`;
    toast(`Deleted ${what}.`, {
      label: 'Undo',
      run: async () => {
        try {
          await api.restoreRecord('interactions', record.id);
          toast(`Restored ${what}.`);
        } catch (failure) {
          toast(failure.message);
          return;
        }
        if (location.hash === '#interactions') navigate('interactions');
      },
    });
  }

  return { el: root, show };
}
