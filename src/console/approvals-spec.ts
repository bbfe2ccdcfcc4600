/**
 * Turns the console's `--approvals` value into an inbox. `file:approvals.json` opens the
 * file approval store at that path.
 */
import { OptionsError } from '../errors.js';
import type { ApprovalInbox } from './approval-inbox.js';

/** Opens the inbox named by `spec` (`file:<path>`). */
export async function inboxFromSpec(spec: string): Promise<ApprovalInbox> {
  const match = /^file:(.+)$/.exec(spec);
  if (!match) throw new OptionsError(`\`--approvals\` must look like file:approvals.json, got ${JSON.stringify(spec)}`);
  throw new OptionsError('`--approvals file:` needs fileApprovalStore, which is not in this build yet');
}
