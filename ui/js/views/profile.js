// A representative's profile, to read before a meeting: who they are and what they hold, how
// the relationship stands, what is still open between us (asks, promises on both sides,
// follow-ups), every interaction, newest first, and how to reach them. An MP's record can be
// refreshed from Parliament (refresh-dialog.js), and a letter written from a template
// (letter-dialog.js). And a seat's history: who held it when, which stays with the seat after
// an election.

import { h, replace } from '../dom.js';
import { api } from '../api.js';
import { labeller, longDate, longDay, recordLine } from '../format.js';
import { historyPanel } from './history.js';
import { openBriefingDialog } from './briefing-dialog.js';
import { openRefreshDialog } from './refresh-dialog.js';
import { openLetterDialog } from './letter-dialog.js';

const TIMELINE_PAGE = 20;

/** A status as a small coloured label; the colour follows the code. */
export function statusChip(text, code, testid) {
  return h('span', { class: `chip chip-${code}`, testid }, text);
}

export function overdueChip() {
  return h('span', { class: 'chip chip-overdue', testid: 'overdue-badge' }, 'Overdue');
}

/** "5 July 2024 to 12 December 2029", "Since 5 July 2024", "Dates not recorded". */
function termDates(start, end) {
  if (start && end) return `${longDay(start)} to ${longDay(end)}`;
  if (start) return `Since ${longDay(start)}`;
  if (end) return `Until ${longDay(end)}`;
  return 'Start date not recorded';
}

/** "Jane Smith, Tom Reed and Dev Patel". */
function names(list) {
  const all = list.map((n) => n.name);
  return all.length <= 1 ? all.join('') : `${all.slice(0, -1).join(', ')} and ${all[all.length - 1]}`;
}

/** The first couple of lines of a summary, cut at a word. */
function firstLines(text, max = 220) {
  if (!text) return '';
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  return `${cut.slice(0, cut.lastIndexOf(' ') > 120 ? cut.lastIndexOf(' ') : max)}…`;
}

function section(title, testid, count, ...children) {
  const id = `profile-section-${testid}`;
  return h('section', { class: 'profile-section', testid, 'aria-labelledby': id },
    h('h2', { id }, title, count ? h('span', { class: 'count-pill' }, String(count)) : null),
    children);
}

function emptyLine(text, testid) {
  return h('p', { class: 'empty-line', testid }, text);
}

/** "Former MP", "Former councillor": a kind's label after "Former", kept in capitals when it is
 *  an abbreviation. */
function formerLabel(kindLabel) {
  const text = String(kindLabel ?? '');
  return `Former ${/^[A-Z]{2}/.test(text) ? text : text.charAt(0).toLowerCase() + text.slice(1)}`;
}

export function profileScreen(catalogue, navigate) {
  const label = labeller(catalogue);
  const root = h('section', { class: 'screen profile-screen', testid: 'profile-view', 'aria-labelledby': 'profile-title' },
    h('p', { class: 'muted' }, 'Loading…'));
  let shownId = null;

  async function show(id) {
    if (!id) { navigate('representatives'); return; }
    if (id !== shownId) replace(root, h('p', { class: 'muted' }, 'Loading…'));
    shownId = id;
    let profile;
    try {
      profile = await api.representativeProfile(id, TIMELINE_PAGE);
    } catch (error) {
      replace(root, backLink(),
        h('p', { class: 'problem', role: 'alert', testid: 'profile-problem' }, error.message));
      return;
    }
    if (shownId !== id) return; // another profile was opened meanwhile
    render(profile);
  }

  function backLink() {
    return h('p', { class: 'crumb' },
      h('button', { type: 'button', class: 'link', testid: 'profile-back', onclick: () => navigate('representatives') },
        '← Back to representatives'));
  }

  function render(profile) {
    const rep = profile.representative;
    const posts = profile.current_offices.filter((o) => o.kind !== 'seat');
    const kindLabel = label('representative_kinds', rep.kind);
    const subtitle = [rep.former ? null : kindLabel, rep.party].filter(Boolean);

    const head = h('header', { class: 'profile-head' },
      h('div', { class: 'profile-id' },
        backLink(),
        h('h1', { id: 'profile-title', testid: 'profile-name' }, rep.full_name),
        h('p', { class: 'profile-sub', testid: 'profile-sub' },
          rep.former ? [h('span', { class: 'chip chip-former', testid: 'profile-former' }, formerLabel(kindLabel)), subtitle.length ? ' ' : ''] : null,
          subtitle.join(' · '),
          rep.seat ? [subtitle.length ? ' · ' : '',
            h('button', { type: 'button', class: 'link', testid: 'profile-seat', onclick: () => navigate(`seat/${rep.seat.id}`) }, rep.seat.name)]
            : h('span', { class: 'muted' }, `${subtitle.length ? ' · ' : ''}${rep.former ? 'No seat now' : 'No seat recorded'}`)),
        posts.length ? h('ul', { class: 'profile-posts', testid: 'profile-posts', 'aria-label': 'Posts and committees' },
          posts.map((o) => h('li', {},
            h('strong', {}, o.title),
            h('span', { class: 'muted' }, ` · ${label('office_kinds', o.kind)}${o.start_date ? `, since ${longDay(o.start_date)}` : ''}`))))
          : null),
      h('div', { class: 'toolbar' },
        h('button', { type: 'button', class: 'primary', testid: 'profile-log', onclick: () => navigate('log/new') },
          'Log a meeting', h('kbd', { 'aria-hidden': 'true' }, 'Ctrl+L')),
        h('button', { type: 'button', testid: 'profile-plan', onclick: () => navigate(`log/plan:${rep.id}`) }, 'Plan a meeting'),
        h('button', {
          type: 'button', testid: 'profile-briefing',
          // The pack is for their soonest planned meeting to come, if there is one.
          onclick: (event) => openBriefingDialog({
            catalogue, opener: event.currentTarget,
            representatives: [{ id: rep.id, name: rep.full_name }], representativeId: rep.id,
          }),
        }, 'Briefing pack'),
        h('button', {
          type: 'button', testid: 'profile-letter',
          onclick: (event) => openLetterDialog({
            catalogue, opener: event.currentTarget,
            representativeId: rep.id, representativeName: rep.full_name,
            logged: () => redrawn(rep.id, 'profile-letter'),
          }),
        }, 'Write a letter'),
        rep.kind === 'mp' ? h('button', {
          type: 'button', testid: 'profile-refresh',
          title: 'Ask the UK Parliament Members API for their party, posts, committees and contact details',
          onclick: (event) => openRefreshDialog({
            representative: rep, opener: event.currentTarget,
            applied: () => refreshed(rep.id),
            openSuccessor: (id) => navigate(`representative/${id}`),
          }),
        }, 'Refresh from Parliament') : null,
        h('button', { type: 'button', testid: 'profile-edit', onclick: () => navigate(`representatives/edit/${rep.id}`) }, 'Edit details')));

    replace(root,
      head,
      relationship(profile),
      h('div', { class: 'profile-columns' },
        h('div', { class: 'profile-main' },
          asksSection(profile),
          settledSection(profile),
          commitmentsSection('Their commitments', 'profile-commitments-theirs', 'profile-commitment-theirs', profile.commitments_theirs,
            `Nothing promised by ${rep.full_name} or their office is on record.`),
          commitmentsSection('Our commitments', 'profile-commitments-ours', 'profile-commitment-ours', profile.commitments_ours,
            'We have not promised them anything that is on record.'),
          followUpsSection(profile),
          timelineSection(profile)),
        h('aside', { class: 'profile-side', 'aria-label': `About ${rep.full_name}` },
          aboutCard(rep),
          contactCard(profile),
          staffCard(profile),
          seatsCard(profile),
          h('p', { class: 'record-line muted' }, recordLine(rep.record)),
          profile.public_credit ? h('p', { class: 'profile-credit', testid: 'profile-credit' }, profile.public_credit) : null)),
      historyPanel('representatives', rep.id));
  }

  /** After a refresh is applied: the profile drawn again, the focus on the button that opened
   *  the dialog (drawn again with it). */
  async function refreshed(id) {
    await redrawn(id, 'profile-refresh');
  }

  /** The profile drawn again (after a change made in a dialog), the focus on the button
   *  `testid` (drawn again with it). */
  async function redrawn(id, testid) {
    if (shownId !== id) return;
    await show(id);
    if (shownId !== id) return;
    root.querySelector(`[data-testid=${testid}]`)?.focus();
  }

  function relationship(profile) {
    const rel = profile.relationship;
    const rep = profile.representative;
    const cadence = rep.contact_cadence_days ?? 90;
    let nextCheck = null;
    if (rel.last_contact) {
      const at = new Date(rel.last_contact);
      at.setUTCDate(at.getUTCDate() + cadence);
      nextCheck = longDate(at.toISOString());
    }
    const stat = (term, value, testid, note) => h('div', { class: 'rel-stat', testid },
      h('dt', {}, term), h('dd', {}, value, note ? h('span', { class: 'rel-note' }, note) : null));
    return h('section', { class: 'profile-relationship', testid: 'profile-relationship', 'aria-label': 'The relationship so far' },
      h('dl', { class: 'rel-stats' },
        stat('Our primary contact', rel.primary_contact?.name ?? 'No one yet', 'rel-primary',
          rel.primary_contact ? null : 'Choose one in “Edit details”'),
        rel.interaction_count === 0
          ? stat('Contact', 'No contact logged yet', 'rel-none', 'Log your first meeting, call or letter')
          : [
            stat('First contact', longDate(rel.first_contact), 'rel-first'),
            stat('Last contact', longDate(rel.last_contact), 'rel-last', nextCheck ? `Check in again by ${nextCheck}` : null),
            stat('Interactions', String(rel.interaction_count), 'rel-count', 'logged so far'),
          ]));
  }

  function asksSection(profile) {
    const asks = profile.open_asks;
    return section('Open asks', 'profile-open-asks', asks.length,
      asks.length ? h('ul', { class: 'profile-list' }, asks.map((ask) => askItem(ask, 'profile-ask')))
        : emptyLine('No open asks. Asks are recorded when you log a meeting.', 'profile-asks-empty'));
  }

  function settledSection(profile) {
    const asks = profile.settled_asks;
    return section('What came of earlier asks', 'profile-settled-asks', asks.length,
      asks.length ? h('ul', { class: 'profile-list' }, asks.map((ask) => askItem(ask, 'profile-settled-ask')))
        : emptyLine('None settled yet: agreed, done, declined and dropped asks appear here.', 'profile-settled-empty'));
  }

  function askItem(ask, testid) {
    return h('li', { class: 'profile-item', testid },
      h('div', { class: 'item-head' },
        h('button', { type: 'button', class: 'item-title', testid: 'profile-ask-title', title: 'Open in Asks & commitments',
          onclick: () => navigate(`asks/ask:${ask.id}`) }, ask.title),
        statusChip(label('ask_statuses', ask.status), ask.status, 'ask-status')),
      ask.stated_position ? h('p', { class: 'item-text' }, h('span', { class: 'muted' }, 'Their position: '), ask.stated_position) : null,
      h('p', { class: 'item-meta' },
        ask.status === 'planned'
          ? (ask.made_on ? `To make on ${longDate(ask.made_on)}` : 'Not made yet')
          : (ask.made_on ? `Made ${longDate(ask.made_on)}` : 'Not made yet'),
        ask.campaign ? ` · ${ask.campaign.name}` : '',
        ask.interaction_id ? [' · ', meetingLink(ask.interaction_id, 'See the meeting')] : null));
  }

  function meetingLink(id, text) {
    return h('button', { type: 'button', class: 'link quiet', onclick: () => navigate(`interaction/${id}`) }, text);
  }

  function commitmentsSection(title, sectionId, testid, list, emptyText) {
    return section(title, sectionId, list.length,
      list.length ? h('ul', { class: 'profile-list' }, list.map((c) => h('li', { class: `profile-item${c.overdue ? ' is-overdue' : ''}`, testid },
        h('div', { class: 'item-head' },
          h('button', { type: 'button', class: 'item-title', title: 'Open in Asks & commitments',
            onclick: () => navigate(`asks/commitment:${c.id}`) }, c.description),
          c.status !== 'open' ? statusChip(label('commitment_statuses', c.status), c.status) : null,
          c.overdue ? overdueChip() : null),
        h('p', { class: 'item-meta' },
          c.who ? h('strong', { class: 'who' }, c.who.name) : 'Not assigned to anyone',
          c.due_date ? ` · due by ${longDay(c.due_date)}` : ' · no date set',
          c.interaction_id ? [' · ', meetingLink(c.interaction_id, `Promised ${c.interaction_on ? longDate(c.interaction_on) : 'at a meeting'}`)] : null))))
        : emptyLine(emptyText, `${sectionId}-empty`));
  }

  function followUpsSection(profile) {
    const list = profile.follow_ups;
    return section('Follow-ups', 'profile-follow-ups', list.length,
      list.length ? h('ul', { class: 'profile-list' }, list.map((f) => h('li', { class: `profile-item${f.overdue ? ' is-overdue' : ''}`, testid: 'profile-follow-up' },
        h('div', { class: 'item-head' },
          h('span', { class: 'item-title plain' }, f.description),
          h('span', { class: 'chip chip-kind' }, label('follow_up_kinds', f.kind)),
          f.status !== 'open' ? statusChip(label('follow_up_statuses', f.status), f.status) : null,
          f.overdue ? overdueChip() : null),
        h('p', { class: 'item-meta' },
          f.owner ? h('strong', { class: 'who' }, f.owner.name) : 'No one named',
          ` · due by ${longDay(f.due_date)}`,
          f.snoozed_until ? ` · put off until ${longDay(f.snoozed_until)}` : '',
          f.interaction_id ? [' · ', meetingLink(f.interaction_id, 'See the meeting')] : null))))
        : emptyLine('No follow-ups for us. Thank-yous and chasers are added when you log a meeting.', 'profile-follow-ups-empty'));
  }

  function timelineSection(profile) {
    const list = h('ol', { class: 'timeline', testid: 'profile-timeline' });
    const foot = h('div', { class: 'timeline-foot' });
    let shown = 0;
    const add = (items) => {
      for (const item of items) list.appendChild(timelineItem(item));
      shown += items.length;
      renderFoot();
    };
    const renderFoot = () => {
      const left = profile.timeline_total - shown;
      replace(foot, left > 0
        ? h('button', { type: 'button', testid: 'timeline-more', onclick: more },
          'Show more', h('span', { class: 'muted' }, ` (${left} earlier)`))
        : null);
    };
    async function more(event) {
      const button = event.currentTarget;
      button.disabled = true;
      try {
        const page = await api.representativeTimeline(profile.representative.id, TIMELINE_PAGE, shown);
        profile.timeline_total = page.total;
        add(page.items);
        list.lastElementChild?.querySelector('button')?.focus();
      } catch (error) {
        replace(foot, h('p', { class: 'problem', role: 'alert' }, error.message));
      }
    }
    add(profile.timeline);
    return section('Timeline', 'profile-timeline-section', profile.timeline_total,
      profile.timeline_total === 0
        ? emptyLine(`No contact logged yet. Use “Log a meeting” after you meet, call or write to ${profile.representative.full_name}.`, 'timeline-empty')
        : [list, foot]);
  }

  function timelineItem(item) {
    const theirs = [...item.representatives, ...item.their_attendees];
    return h('li', { class: 'timeline-entry' },
      h('button', { type: 'button', class: 'timeline-item', testid: 'timeline-item', onclick: () => navigate(`interaction/${item.id}`) },
        h('span', { class: 'timeline-when' },
          h('span', { class: 'timeline-date', testid: 'timeline-date' }, longDate(item.occurred_at)),
          h('span', { class: 'timeline-kind' }, label('interaction_kinds', item.kind)),
          item.status !== 'held' ? statusChip(label('interaction_statuses', item.status), item.status) : null),
        h('span', { class: 'timeline-body' },
          h('span', { class: 'timeline-subject' }, item.subject || label('interaction_kinds', item.kind),
            item.place ? h('span', { class: 'muted' }, ` · ${item.place}`) : null),
          h('span', { class: 'timeline-people' },
            theirs.length ? [h('span', { class: 'muted' }, 'Them: '), names(theirs)] : null,
            theirs.length && item.our_attendees.length ? h('span', { class: 'sep', 'aria-hidden': 'true' }, ' · ') : null,
            item.our_attendees.length ? [h('span', { class: 'muted' }, 'Us: '), names(item.our_attendees)] : null),
          item.summary ? h('span', { class: 'timeline-summary' }, firstLines(item.summary)) : null,
          item.campaign ? h('span', { class: 'chip chip-kind' }, item.campaign.name) : null)));
  }

  function aboutCard(rep) {
    const facts = [
      ['Stated interests', rep.interests, 'about-interests'],
      ['Preferred contact', rep.preferred_contact, 'about-contact'],
      ['Surgeries', rep.surgery_pattern, 'about-surgeries'],
      ['How letters open', rep.form_of_address, 'about-address'],
      ['Notes', rep.notes, 'about-notes'],
    ].filter(([, value]) => value);
    return h('section', { class: 'side-card', testid: 'profile-about', 'aria-labelledby': 'profile-about-title' },
      h('h2', { id: 'profile-about-title' }, 'About'),
      facts.length
        ? h('dl', { class: 'side-facts' }, facts.map(([term, value, testid]) => [h('dt', {}, term), h('dd', { testid, class: 'keep-lines' }, value)]))
        : emptyLine('No interests, contact preferences or notes yet. Add them with “Edit details”.', 'profile-about-empty'));
  }

  /** How to reach them: preferred first. Values are shown as text, never as links: the window
   *  opens nothing from the internet. */
  function contactCard(profile) {
    const channels = profile.contact_channels ?? [];
    if (!channels.length) return null;
    return h('section', { class: 'side-card', testid: 'profile-contact', 'aria-labelledby': 'profile-contact-title' },
      h('h2', { id: 'profile-contact-title' }, 'How to reach them'),
      h('ul', { class: 'side-list contact-list' }, channels.map((c) => {
        const kind = label('channel_kinds', c.kind);
        const what = c.label && c.label.trim().toLowerCase() !== kind.toLowerCase() ? `${kind} · ${c.label}` : kind;
        return h('li', { class: `contact-line${c.is_preferred ? ' preferred' : ''}`, testid: 'profile-channel' },
          h('span', { class: 'contact-what' }, what),
          c.is_preferred ? h('span', { class: 'chip chip-preferred', testid: 'profile-channel-preferred' }, 'Preferred') : null,
          h('span', { class: 'contact-value' }, c.value));
      })));
  }

  function staffCard(profile) {
    if (!profile.office_staff?.length) return null;
    return h('section', { class: 'side-card', testid: 'profile-staff', 'aria-labelledby': 'profile-staff-title' },
      h('h2', { id: 'profile-staff-title' }, 'Their office'),
      h('ul', { class: 'side-list' }, profile.office_staff.map((s) => h('li', {},
        h('strong', {}, s.person.name), s.role ? h('span', { class: 'muted' }, ` · ${s.role}`) : null))));
  }

  function seatsCard(profile) {
    const terms = profile.seat_terms;
    return h('section', { class: 'side-card', testid: 'profile-seats', 'aria-labelledby': 'profile-seats-title' },
      h('h2', { id: 'profile-seats-title' }, 'Seats held'),
      terms.length
        ? h('ul', { class: 'side-list' }, terms.map((t) => h('li', { testid: 'profile-seat-term', class: t.end_date ? 'seat-line ended' : 'seat-line' },
          t.seat ? h('button', { type: 'button', class: 'link', onclick: () => navigate(`seat/${t.seat.id}`) }, t.seat.name)
            : h('strong', {}, t.title),
          h('span', { class: 'term-dates' }, termDates(t.start_date, t.end_date)))))
        : emptyLine('No seat recorded.', 'profile-seats-empty'));
  }

  return { el: root, show };
}

export function seatScreen(catalogue, navigate) {
  const label = labeller(catalogue);
  const root = h('section', { class: 'screen seat-screen', testid: 'seat-view', 'aria-labelledby': 'seat-title' },
    h('p', { class: 'muted' }, 'Loading…'));

  async function show(id) {
    if (!id) { navigate('representatives'); return; }
    let seat;
    try {
      seat = await api.seatHistory(id);
    } catch (error) {
      replace(root, crumb(), h('p', { class: 'problem', role: 'alert' }, error.message));
      return;
    }
    const holder = seat.terms.find((t) => !t.end_date);
    replace(root,
      h('header', { class: 'screen-head' },
        h('div', {},
          crumb(),
          h('h1', { id: 'seat-title', testid: 'seat-name' }, seat.name),
          h('p', { class: 'lede', testid: 'seat-kind' }, label('seat_kinds', seat.kind),
            holder ? [' · held now by ', h('strong', {}, holder.representative.name)] : ' · no current holder on record'))),
      h('p', { class: 'seat-explainer' },
        'The history stays with the seat: after an election, the new holder starts a new line here and everything logged with the one before is kept.'),
      seat.terms.length === 0
        ? h('div', { class: 'list-pane empty' }, h('p', {}, 'No one is recorded as holding this seat yet.'))
        : h('div', { class: 'seat-table-wrap' },
          h('table', { class: 'records seat-terms', testid: 'seat-terms' },
            h('caption', { class: 'visually-hidden' }, `Who held ${seat.name}`),
            h('thead', {}, h('tr', {},
              ['Representative', 'Party', 'From', 'To', 'Interactions logged'].map((c, i) => h('th', { scope: 'col', class: i === 4 ? 'num' : null }, c)))),
            h('tbody', {}, seat.terms.map((t) => h('tr', {
              testid: 'seat-term', class: t.end_date ? null : 'current',
              onclick: () => navigate(`representative/${t.representative.id}`),
            },
            h('td', {}, h('button', {
              type: 'button', class: 'row-link', testid: 'seat-holder',
              onclick: (e) => { e.stopPropagation(); navigate(`representative/${t.representative.id}`); },
            }, t.representative.name), t.end_date ? null : h('span', { class: 'chip chip-now' }, 'Current')),
            h('td', {}, t.party || '—'),
            h('td', {}, t.start_date ? longDay(t.start_date) : 'Not recorded'),
            h('td', {}, t.end_date ? longDay(t.end_date) : 'now'),
            h('td', { class: 'num' }, String(t.interaction_count))))))));
  }

  function crumb() {
    return h('p', { class: 'crumb' },
      h('button', { type: 'button', class: 'link', testid: 'seat-back', onclick: () => navigate('representatives') },
        '← Back to representatives'));
  }

  return { el: root, show };
}
