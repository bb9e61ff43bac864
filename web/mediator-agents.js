// mediator-agents.js: agents at the table in the mediator's view: the seats taken (the agent, its kind, its
// deadline and what it did last), unseating one (after a confirmation), seating a built-in, BOA, plug-in or
// Python agent for a party or the drafting helper for a mediator, and putting the helper's latest draft in
// the text editor.  mediator.js calls parleyAgents.refresh(info, participants, renderEditor) on every refresh.
'use strict';
const parleyAgents = (() => {
  const {api, neg, $, el, act, outcomeText, readOnly} = parley;
  let putInEditor = null, lastDraft = null;

  function lastText(seat) {
    const l = seat.last;
    if (!l) return 'nothing yet';
    const d = l.data || {};
    if (l.kind === 'response') return `answered text ${d.text_number}: ${d.answer}` +
      ((d.amendments || []).length ? ' (' + d.amendments.map((a) => `${a.issue} → ${a.value}`).join(', ') + ')' : '') +
      (d.reason ? ' — ' + d.reason : '');
    if (l.kind === 'agent.no_answer') return `no answer to text ${d.number}: ${d.why}${d.message ? ' (' + d.message + ')' : ''}`;
    if (l.kind === 'agent.draft') return `drafted text ${d.number}: ${outcomeText(d.outcome)}`;
    return l.kind;
  }
  function renderSeats(agents) {
    lastDraft = null;
    $('agents').replaceChildren(...(agents.length ? agents.map((s) => {
      if (s.last && s.last.kind === 'agent.draft') lastDraft = s.last.data;
      return el('li', {'data-participant': s.name, 'data-agent': s.agent},
        el('b', {}, s.name), ` (${s.role}): ${s.agent} — ${s.kind}, ${s.deadline_seconds} s per answer, clock of ${s.rounds} texts; `,
        el('span', {class: 'small last'}, lastText(s)), ' ',
        el('button', {class: 'inline danger unseat', 'data-write': '', onclick: () => act(async () => {
          if (!confirm(`Unseat ${s.agent} from ${s.name}'s seat? ${s.role === 'party' ? s.name + ' answers for itself again.' : ''}`)) return 'Nothing changed.';
          await api('DELETE', neg(`participants/${s.participant}/agent`));
          return `${s.agent} left ${s.name}'s seat.`;
        }, 'agents-msg')}, 'unseat'));
    }) : [el('li', {class: 'small none'}, 'No agent is seated.')]));
    $('agent-draft').hidden = !lastDraft;
    if (lastDraft) $('agent-draft-text').textContent = `Draft for text ${lastDraft.number}: ${outcomeText(lastDraft.outcome)}`;
  }
  async function refresh(info, participants, renderEditor) {
    putInEditor = renderEditor;
    const who = $('agent-participant'), keep = who.value;
    who.replaceChildren(...participants.map((p) => el('option', {value: p.id, 'data-role': p.role}, `${p.name} (${p.role})`)));
    if (keep) who.value = keep;
    const {agents} = await api('GET', neg('agents'));
    renderSeats(agents);
    readOnly();
  }

  $('seat-agent').addEventListener('click', () => act(async () => {
    const body = {agent: $('agent-spec').value.trim()};
    if ($('agent-deadline').value.trim()) body.deadline_seconds = +$('agent-deadline').value;
    if ($('agent-rounds').value.trim()) body.rounds = +$('agent-rounds').value;
    const s = await api('POST', neg(`participants/${$('agent-participant').value}/agent`), body);
    return `${s.agent} holds ${s.name}'s seat (${s.deadline_seconds} s per answer).`;
  }, 'agents-msg'));
  $('agent-draft-use').addEventListener('click', () => act(async () => {
    if (!lastDraft || !putInEditor) throw new Error('no draft yet');
    putInEditor(lastDraft.outcome);
    return 'The editor holds the draft.';
  }, 'agents-msg'));
  return {refresh};
})();
