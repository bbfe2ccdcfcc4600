/** The registry of CLI commands. Add one import and one array entry per command. */
import { approvalsCommand } from './approvals-command.js';
import type { CliCommand } from './command.js';
import { demoCommand } from './demo-command.js';
import { reportCommand } from './report-command.js';
import { verifyCommand } from './verify-command.js';
import { costCommand } from './cost-command.js';
import { consoleCommand } from './console-command.js';
import { evalCommand } from './eval-command.js';

/** Every `agentwarden` command, in help order. */
export const commands: CliCommand[] = [
  demoCommand,
  reportCommand,
  verifyCommand,
  costCommand,
  consoleCommand,
  approvalsCommand,
  evalCommand,
];
