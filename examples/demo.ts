/**
 * `npm run demo`: a scripted refund agent (no model key, no network) guarded by agentwarden.
 * It writes its audit file and approvals store into ./agentwarden-demo/ (or `--dir <path>`, or
 * the AGENTWARDEN_DEMO_DIR environment variable) and prints the commands to try on them next.
 * The agent lives in src/demo/refund-demo.ts so `npx agentwarden demo` runs the same in an app:
 * this file is the repository's own entry, the one example that imports from src/.
 */
import { parseArgs } from 'node:util';
import { runRefundDemo } from '../src/demo/refund-demo.js';

const { values } = parseArgs({ options: { dir: { type: 'string' } } });
await runRefundDemo({ dir: values.dir ?? process.env.AGENTWARDEN_DEMO_DIR });
