/**
 * `startConsole()`: a local web console on 127.0.0.1 (node:http, no framework) with the live
 * incident report and an approvals inbox.
 *
 * Security, because an agent's args are attacker-controlled and the console can approve
 * actions: a random access token is required on every request (401 without it); requests
 * that change state must carry it in a header, which a third-party page cannot set without a
 * CORS preflight this server never grants; the Host header must name this server (no DNS
 * rebinding); a strict Content-Security-Policy allows only the page's own nonce'd script;
 * every value from the audit file or the store is escaped or set as text.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolveSealKeys, type AuditKey } from '../audit/audit-key.js';
import { renderReportBody } from '../report/html.js';
import type { ReportFilter } from '../report/report-data.js';
import { InboxResolveError, type ApprovalInbox } from './approval-inbox.js';
import { createLiveReport } from './live-report.js';
import { consolePage, TOKEN_HEADER } from './page.js';

/** Options of `startConsole`. */
export interface ConsoleOptions {
  /** The audit file to report on (live). */
  audit: string;
  /** Where pending approvals come from; without it the inbox is off. */
  approvals?: ApprovalInbox;
  /** Port; `0` picks a free one. Defaults to `0`. */
  port?: number;
  /** Interface to listen on. Defaults to `127.0.0.1` (loopback only); requests must name it (or localhost) as Host. */
  host?: string;
  /** Access token; defaults to 32 random bytes. */
  token?: string;
  /** Which entries the report covers. */
  filter?: ReportFilter;
  /** How often the page refreshes, in ms. Defaults to `5000`. */
  refreshMs?: number;
  /** The key(s) of a keyed audit chain, so the report checks its seals. Defaults to none (a keyed chain shows as not checked). */
  key?: AuditKey | readonly AuditKey[];
}

/** A running console. */
export interface ConsoleServer {
  /** The URL to open, token included. */
  readonly url: string;
  readonly token: string;
  readonly port: number;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 16 * 1024;
/** HTTP status for the ticket problems an inbox reports by `code`. */
const RESOLVE_ERROR_STATUS = new Map<string, number>([
  ['unknown_ticket', 404],
  ['already_resolved', 409],
  ['approval_in_progress', 409],
  ['approval_already_ran', 409],
  ['invalid_verdict', 400],
]);
/** What a ticket id may look like (`apr_...`); anything else cannot name a ticket. */
const TICKET_ID = /^[A-Za-z0-9_.:-]{1,128}$/;

/**
 * Starts the console.
 *
 * @example
 * const server = await startConsole({ audit: 'audit.jsonl', approvals: storeInbox(fileApprovalStore('approvals.json')) });
 * console.log(`open ${server.url}`);
 */
export async function startConsole(options: ConsoleOptions): Promise<ConsoleServer> {
  const host = options.host ?? '127.0.0.1';
  const token = options.token ?? randomBytes(32).toString('base64url');
  const keys = options.key === undefined ? undefined : await resolveSealKeys(options.key, 'startConsole: `key`');
  const report = createLiveReport(options.audit, options.filter ?? {}, keys);
  const refreshMs = options.refreshMs ?? 5000;
  let port = 0;

  const server = createServer((request, response) => {
    // An unexpected failure says only that it failed: its message may carry paths or internals.
    handle(request, response).catch(() => {
      if (!response.headersSent) send(response, 500, { error: 'internal error' });
      else response.end();
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', `http://${host}:${port}`);
    if (!allowedHost(request.headers.host, host, port)) return send(response, 421, { error: 'wrong Host header' });
    const headerToken = request.headers[TOKEN_HEADER];
    const presented = typeof headerToken === 'string' ? headerToken : url.searchParams.get('token') ?? '';
    if (!sameSecret(presented, token)) return send(response, 401, { error: 'missing or wrong token' });

    if (request.method === 'GET' && url.pathname === '/') {
      const nonce = randomBytes(16).toString('base64');
      const html = consolePage({ nonce, token, reportHtml: renderReportBody(await report.refresh()), refreshMs, ...(options.approvals && { approvalsName: options.approvals.name }) });
      return sendHtml(response, html, nonce);
    }
    if (request.method === 'GET' && url.pathname === '/api/report') return send(response, 200, { html: renderReportBody(await report.refresh()) });
    if (request.method === 'GET' && url.pathname === '/api/report.json') return send(response, 200, await report.refresh());
    if (request.method === 'GET' && url.pathname === '/api/approvals') {
      if (!options.approvals) return send(response, 404, { error: 'no approval store configured' });
      return send(response, 200, { tickets: await options.approvals.listPending() });
    }
    const resolveMatch = /^\/api\/approvals\/([^/]+)$/.exec(url.pathname);
    if (request.method === 'POST' && resolveMatch) {
      const id = decodeTicketId(resolveMatch[1]!);
      if (id === undefined) return send(response, 400, { error: 'malformed ticket id' });
      return resolve(request, response, id);
    }
    return send(response, request.method === 'GET' || request.method === 'POST' ? 404 : 405, { error: 'not found' });
  }

  async function resolve(request: IncomingMessage, response: ServerResponse, id: string): Promise<void> {
    // A state change needs the token in the header (never only in the URL), JSON, and no foreign Origin.
    if (typeof request.headers[TOKEN_HEADER] !== 'string') return send(response, 401, { error: `state-changing requests need the token in the ${TOKEN_HEADER} header` });
    const origin = request.headers.origin;
    if (origin !== undefined && !allowedOrigin(origin, host, port)) return send(response, 403, { error: 'cross-origin request refused' });
    if (!String(request.headers['content-type'] ?? '').startsWith('application/json')) return send(response, 415, { error: 'send JSON' });
    if (!options.approvals) return send(response, 404, { error: 'no approval store configured' });
    if (!TICKET_ID.test(id)) return send(response, 404, { error: 'unknown ticket' });
    let body: { approved?: unknown; by?: unknown; reason?: unknown };
    try {
      body = JSON.parse(await readBody(request)) as typeof body;
    } catch (error) {
      return send(response, 400, { error: `bad JSON body: ${error instanceof Error ? error.message : String(error)}` });
    }
    if (typeof body.approved !== 'boolean') return send(response, 400, { error: '`approved` must be true or false' });
    if (typeof body.by !== 'string' || body.by.trim() === '') return send(response, 400, { error: '`by` must name who decided' });
    if (body.reason !== undefined && typeof body.reason !== 'string') return send(response, 400, { error: '`reason` must be a string' });
    try {
      await options.approvals.resolve(id, { approved: body.approved, by: body.by.trim().slice(0, 200), ...(typeof body.reason === 'string' && { reason: body.reason.slice(0, 2000) }) });
    } catch (error) {
      const code = (error as { code?: unknown } | null)?.code;
      const status = error instanceof InboxResolveError || typeof code === 'string' ? RESOLVE_ERROR_STATUS.get(code as string) : undefined;
      if (status === undefined) throw error;
      // An unknown id gets a plain answer; the store's message names its file.
      return send(response, status, { error: status === 404 ? 'unknown ticket' : (error as Error).message });
    }
    return send(response, 200, { ok: true, id, approved: body.approved });
  }

  await new Promise<void>((resolveListen, rejectListen) => {
    server.once('error', rejectListen);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', rejectListen);
      resolveListen();
    });
  });
  port = (server.address() as AddressInfo).port;
  const displayHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${displayHost}:${port}/?token=${encodeURIComponent(token)}`,
    token,
    port,
    close: () =>
      new Promise<void>((resolveClose) => {
        server.close(() => resolveClose());
        server.closeAllConnections();
      }),
  };
}

/** The ticket id of a URL path segment, or `undefined` when its `%` escapes are malformed. */
function decodeTicketId(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

function hostNames(host: string, port: number): string[] {
  const own = host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
  return [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`, own];
}

function allowedHost(header: string | undefined, host: string, port: number): boolean {
  return header !== undefined && hostNames(host, port).includes(header);
}

function allowedOrigin(origin: string, host: string, port: number): boolean {
  return hostNames(host, port).some((name) => origin === `http://${name}`);
}

function sameSecret(presented: string, expected: string): boolean {
  const a = Buffer.from(presented);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolveBody, rejectBody) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        rejectBody(new Error('body too large'));
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolveBody(Buffer.concat(chunks).toString('utf8')));
    request.on('error', rejectBody);
  });
}

const COMMON_HEADERS = {
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-resource-policy': 'same-origin',
};

function send(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { ...COMMON_HEADERS, 'content-type': 'application/json; charset=utf-8', 'content-security-policy': "default-src 'none'; frame-ancestors 'none'" });
  response.end(JSON.stringify(body));
}

function sendHtml(response: ServerResponse, html: string, nonce: string): void {
  response.writeHead(200, {
    ...COMMON_HEADERS,
    'content-type': 'text/html; charset=utf-8',
    'content-security-policy': `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'unsafe-inline'; img-src data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
  });
  response.end(html);
}
