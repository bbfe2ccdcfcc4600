/**
 * Turns the console's `--approvals` value into an inbox. `file:approvals.json` opens the
 * file approval store at that path behind the approval API, so the console resolves tickets
 * the way `warden.approvals.resolve` and `agentwarden approvals approve` do (verdict checks,
 * expiry, exactly once).
 */
import { approvalsApi } from '../approval/api.js';
import { createHub } from '../approval/hub.js';
import { OptionsError } from '../core/errors.js';
import { fileApprovalStore } from '../stores/file-approval-store.js';
import { approvalsInbox, type ApprovalInbox } from './approval-inbox.js';

/** Opens the inbox named by `spec` (`file:<path>`). */
export function inboxFromSpec(spec: string): ApprovalInbox {
  const match = /^file:(.+)$/.exec(spec);
  if (!match) throw new OptionsError(`\`--approvals\` must look like file:approvals.json, got ${JSON.stringify(spec)}`);
  const store = fileApprovalStore(match[1]!);
  return approvalsInbox(approvalsApi(createHub(store)), store.storeName);
}
