/**
 * `npm run demo`: a scripted refund agent (no model key, no network) guarded by agentwarden.
 * The agent itself lives in src/demo/refund-demo.ts so `npx agentwarden demo` runs the same.
 */
import { runRefundDemo } from '../src/demo/refund-demo.js';

await runRefundDemo();
