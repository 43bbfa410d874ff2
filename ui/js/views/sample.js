// The banner shown on every screen while the sample data is being explored, with "Start my own
// record": the shell closes the sample (a file of its own) and opens the person's own record,
// and the window starts again from scratch on it, which is the first-run form until it is set up.

import { h } from '../dom.js';
import { api } from '../api.js';

export const SAMPLE_TEXT = 'You are exploring sample data: nothing here is real.';

export function sampleBanner() {
  const leave = h('button', { type: 'button', class: 'primary', testid: 'sample-leave' }, 'Start my own record');
  const problem = h('p', { class: 'sample-problem', role: 'alert', testid: 'sample-problem', hidden: true });

  leave.addEventListener('click', async () => {
    problem.hidden = true;
    leave.disabled = true;
    leave.setAttribute('aria-busy', 'true');
    leave.textContent = 'Opening your own record…';
    try {
      await api.leaveSample();
      // Start again from scratch, on no particular screen: the sample's routes mean nothing now.
      history.replaceState(null, '', location.pathname + location.search);
      location.reload();
      return;
    } catch (failure) {
      problem.textContent = failure.message;
      problem.hidden = false;
    }
    leave.disabled = false;
    leave.removeAttribute('aria-busy');
    leave.textContent = 'Start my own record';
    leave.focus();
  });

  return h('aside', { class: 'sample-banner', testid: 'sample-banner', 'aria-label': 'Sample data' },
    h('p', { class: 'sample-words' },
      h('strong', { testid: 'sample-banner-text' }, SAMPLE_TEXT),
      ' ',
      h('span', {}, 'Try anything: none of it goes into your own record.')),
    leave,
    problem);
}
