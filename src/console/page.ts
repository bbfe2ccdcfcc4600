/**
 * The console's single page: the live report (server-rendered, escaped) and the approvals
 * inbox (rendered in the browser with `textContent` only, never as HTML). The one inline
 * script runs under a per-response nonce; the Content-Security-Policy forbids every other
 * script, so even text that slipped past escaping could not run.
 */
import { escapeHtml } from '../report/escape.js';
import { REPORT_CSS } from '../report/html.js';

/** Header that carries the access token on API requests. */
export const TOKEN_HEADER = 'x-agentwarden-token';

const CONSOLE_CSS = `
.bar-top { display: flex; gap: 16px; align-items: center; justify-content: space-between; background: #111827; color: #f9fafb; padding: 10px 24px; }
.bar-top a { color: #f9fafb; } .bar-top input { padding: 4px 6px; border-radius: 4px; border: 1px solid #4b5563; }
#inbox .ticket { background: #fff; border: 1px solid #e5e7eb; border-left: 4px solid #2563eb; border-radius: 8px; padding: 10px 12px; margin-bottom: 10px; }
#inbox .ticket h3 { margin: 0 0 4px; font-size: 15px; } #inbox .ticket .facts { color: #4b5563; font-size: 12px; margin-bottom: 6px; }
#inbox .ticket pre { background: #f3f4f6; padding: 6px 8px; border-radius: 4px; max-height: 240px; overflow: auto; }
#inbox .actions { display: flex; gap: 8px; margin-top: 8px; } #inbox .actions input { flex: 1; padding: 4px 6px; }
button { padding: 4px 12px; border-radius: 4px; border: 1px solid #9ca3af; background: #fff; cursor: pointer; }
button.approve { background: #16a34a; color: #fff; border-color: #15803d; } button.reject { background: #dc2626; color: #fff; border-color: #b91c1c; }
#status { font-size: 12px; color: #d1d5db; } .error { color: #b91c1c; }
`;

/** The console page. `reportHtml` is the escaped report body rendered at request time. */
export function consolePage(options: { nonce: string; token: string; reportHtml: string; approvalsName?: string; refreshMs: number }): string {
  const inbox = options.approvalsName
    ? `<section id="inbox"><h2>Approvals inbox <span class="note">(${escapeHtml(options.approvalsName)})</span></h2><div id="tickets"><p class="note">Loading…</p></div></section>`
    : '<section id="inbox"><h2>Approvals inbox</h2><p class="note">No approval store given (start the console with --approvals file:approvals.json).</p></section>';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<link rel="icon" href="data:,">
<meta name="agentwarden-token" content="${escapeHtml(options.token)}">
<title>agentwarden console</title>
<style>${REPORT_CSS}${CONSOLE_CSS}</style></head>
<body>
<div class="bar-top"><strong>agentwarden console</strong><label>Your name <input id="approver" autocomplete="name" placeholder="who approves"></label><span id="status">live</span></div>
<main>${inbox}<div id="report">${options.reportHtml}</div></main>
<script nonce="${escapeHtml(options.nonce)}">${clientScript(options.refreshMs, Boolean(options.approvalsName))}</script>
</body></html>
`;
}

function clientScript(refreshMs: number, hasInbox: boolean): string {
  return `
(() => {
  'use strict';
  const token = document.querySelector('meta[name="agentwarden-token"]').content;
  const status = document.getElementById('status');
  const nameInput = document.getElementById('approver');
  nameInput.value = localStorage.getItem('agentwarden.approver') || '';
  nameInput.addEventListener('change', () => localStorage.setItem('agentwarden.approver', nameInput.value.trim()));
  const api = (path, init = {}) => fetch(path, { ...init, headers: { ...(init.headers || {}), '${TOKEN_HEADER}': token }, credentials: 'omit', cache: 'no-store' });
  const el = (tag, attributes = {}, text) => {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value);
    if (text !== undefined) node.textContent = text;
    return node;
  };
  const pretty = (value) => { try { return JSON.stringify(value, null, 2); } catch { return String(value); } };

  async function refreshReport() {
    const response = await api('/api/report');
    if (!response.ok) throw new Error('report: HTTP ' + response.status);
    const body = await response.json();
    document.getElementById('report').innerHTML = body.html;
  }

  function ticketCard(ticket) {
    const card = el('article', { class: 'ticket', 'data-ticket': ticket.id });
    card.append(el('h3', {}, ticket.tool));
    const facts = [ticket.id, ticket.agent && 'agent ' + ticket.agent, ticket.versionId && 'version ' + ticket.versionId, ticket.department, ticket.workflow, ticket.createdAt && 'asked ' + ticket.createdAt, ticket.expiresAt && 'expires ' + ticket.expiresAt].filter(Boolean);
    card.append(el('div', { class: 'facts' }, facts.join(' · ')));
    card.append(el('p', { class: 'reason' }, ticket.reason));
    card.append(el('pre', { class: 'args' }, pretty(ticket.args)));
    const actions = el('div', { class: 'actions' });
    const reason = el('input', { class: 'verdict-reason', placeholder: 'reason (optional)' });
    const approve = el('button', { class: 'approve', type: 'button' }, 'Approve');
    const reject = el('button', { class: 'reject', type: 'button' }, 'Reject');
    const message = el('span', { class: 'message' });
    const send = async (approved) => {
      const by = nameInput.value.trim();
      if (!by) { message.textContent = 'Enter your name first.'; message.className = 'message error'; nameInput.focus(); return; }
      approve.disabled = reject.disabled = true;
      const response = await api('/api/approvals/' + encodeURIComponent(ticket.id), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ approved, by, reason: reason.value.trim() || undefined }) });
      const body = await response.json().catch(() => ({}));
      if (response.ok) {
        card.dataset.resolved = approved ? 'approved' : 'rejected';
        message.textContent = (approved ? 'Approved' : 'Rejected') + ' by ' + by;
        message.className = 'message';
        setTimeout(() => { card.remove(); cards.delete(ticket.id); showEmpty(document.getElementById('tickets')); }, 2500);
      }
      else { message.textContent = body.error || ('HTTP ' + response.status); message.className = 'message error'; approve.disabled = reject.disabled = false; }
    };
    approve.addEventListener('click', () => send(true));
    reject.addEventListener('click', () => send(false));
    actions.append(reason, approve, reject, message);
    card.append(actions);
    return card;
  }

  // Cards stay in place across refreshes (a refresh never wipes what a person is typing);
  // a resolved card shows its outcome for a moment, then goes.
  const cards = new Map();
  async function refreshInbox() {
    const container = document.getElementById('tickets');
    const response = await api('/api/approvals');
    if (!response.ok) throw new Error('approvals: HTTP ' + response.status);
    const { tickets } = await response.json();
    const pending = new Set(tickets.map((ticket) => ticket.id));
    for (const [id, card] of cards) {
      if (!pending.has(id) && !card.dataset.resolved) { card.remove(); cards.delete(id); }
    }
    for (const ticket of tickets) {
      if (cards.has(ticket.id)) continue;
      const card = ticketCard(ticket);
      cards.set(ticket.id, card);
      container.append(card);
    }
    showEmpty(container);
  }

  function showEmpty(container) {
    const note = container.querySelector('p.note');
    if (cards.size > 0) note?.remove();
    else if (note) note.textContent = 'No pending approvals.';
    else container.append(el('p', { class: 'note' }, 'No pending approvals.'));
  }

  async function tick() {
    try {
      await Promise.all([refreshReport(), ${hasInbox ? 'refreshInbox()' : 'Promise.resolve()'}]);
      status.textContent = 'live · updated ' + new Date().toLocaleTimeString();
    } catch (error) {
      status.textContent = 'offline: ' + error.message;
    }
  }
  ${hasInbox ? 'refreshInbox().catch((error) => { status.textContent = error.message; });' : ''}
  setInterval(tick, ${Math.max(500, Math.floor(refreshMs))});
})();
`;
}
