/**
 * `npx tsx examples/audit.ts`: a scripted refund agent (no model, no key, no network) with a
 * tamper-evident audit trail. It runs a few customer sessions under one version, an
 * operator hits the kill switch, the team deploys a new model, and then:
 *   - `verifyAudit` proves the file intact, and catches one edited byte in a copy;
 *   - `buildReport` prints the incident summary and the cost by department;
 *   - the self-contained HTML report is written next to the audit file.
 * The same file works with the CLI: `agentwarden report|verify|cost|console`.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { auditLog, buildReport, createWarden, policy, renderHtml, tokenBudget, verifyAudit } from 'agentwarden';

const folder = mkdtempSync(join(tmpdir(), 'agentwarden-audit-example-'));
const file = join(folder, 'audit.jsonl');
/** USD per 1M tokens. */
const PRICES = { 'gpt-4o': { input: 2.5, output: 10 }, 'gpt-4o-mini': { input: 0.15, output: 0.6 } };

/** One deploy of the agent: a model, a policy, the audit log. */
async function deploy(model: string, sessions: Array<{ department: string; customer: string; steps: Array<[string, Record<string, unknown>]> }>, haltAfter?: number) {
  const warden = createWarden({
    agent: 'refund-agent',
    version: { model, prompt: 'You are a careful refund agent.', knowledgeBase: 'kb-2026-03' },
    middleware: [tokenBudget({ pricing: PRICES, costLimits: { department: { finance: 0.02 } } }), policy({ deny: ['wire_money'], rules: [{ name: 'no-huge-refunds', when: (call) => call.tool === 'issue_refund' && (call.args as { amount: number }).amount > 1000, then: 'deny', reason: 'refunds over $1,000 are never automatic' }] })],
    audit: auditLog({ file, redact: (key, value) => (key === 'email' ? '[redacted]' : value) }),
  });
  const tools = {
    lookup_order: warden.tool('lookup_order', async (args: Record<string, unknown>) => ({ orderId: args.orderId, total: 120 })),
    issue_refund: warden.tool('issue_refund', async (args: Record<string, unknown>) => `refunded $${String(args.amount)}`),
    wire_money: warden.tool('wire_money', async () => 'sent'),
  };
  for (const [index, session] of sessions.entries()) {
    if (haltAfter === index) warden.halt('operator: refunds look wrong, stopping the agent');
    await warden.run({ sessionId: `${session.customer}-session`, workflow: 'refunds', department: session.department }, async () => {
      for (const [tool, args] of session.steps) {
        await warden.recordUsage({ model, inputTokens: 900, outputTokens: 150 }); // the scripted model "decides" the next step
        try {
          const result = await tools[tool as keyof typeof tools](args);
          console.log(`  ${model} ${session.customer}: ${tool} -> ${JSON.stringify(result)}`);
        } catch (error) {
          console.log(`  ${model} ${session.customer}: ${tool} -> ${(error as Error).name}: ${(error as Error).message}`);
        }
      }
    });
  }
  await warden.close(); // flushes the audit log
}

console.log('Deploy 1 (gpt-4o):');
await deploy('gpt-4o', [
  { department: 'support', customer: 'kim', steps: [['lookup_order', { orderId: 'A1', email: 'kim@example.com' }], ['issue_refund', { orderId: 'A1', amount: 40 }]] },
  { department: 'finance', customer: 'lee', steps: [['lookup_order', { orderId: 'B7' }], ['issue_refund', { orderId: 'B7', amount: 5000 }], ['wire_money', { to: 'acct-999', note: '<script>alert("hi")</script>' }]] },
  { department: 'support', customer: 'max', steps: [['issue_refund', { orderId: 'C3', amount: 10 }]] },
], 2);
console.log('Deploy 2 (gpt-4o-mini):');
await deploy('gpt-4o-mini', [{ department: 'sales', customer: 'ana', steps: [['lookup_order', { orderId: 'D4' }], ['issue_refund', { orderId: 'D4', amount: 25 }]] }]);

const verified = await verifyAudit(file);
console.log(`\nverifyAudit: ok=${verified.ok}, ${verified.lines} lines, head seq ${verified.head?.seq}`);

const tampered = join(folder, 'tampered.jsonl');
writeFileSync(tampered, readFileSync(file, 'utf8').replace('"amount":40', '"amount":4'));
const caught = await verifyAudit(tampered);
console.log(`after editing one refund amount in a copy: ok=${caught.ok}, broken at line ${caught.brokenAt}: ${caught.reason}`);

const report = await buildReport(file);
const { summary } = report;
console.log(`\nReport: ${summary.runs} runs, ${summary.calls} calls, ${summary.denials} denials, ${summary.halts} halts, ${summary.budgetEvents} budget event, ${summary.versionChanges} version change, spend $${summary.spendUsd.toFixed(4)}`);
for (const incident of report.incidents.items) console.log(`  ${incident.outcome} ${incident.tool} (${incident.by}): ${incident.reason}`);
console.log('Cost by department:');
for (const row of report.cost.department) console.log(`  ${row.key.padEnd(8)} $${row.costUsd.toFixed(4)}  ${row.inputTokens + row.outputTokens} tokens`);
writeFileSync(join(folder, 'report.html'), renderHtml(report));
console.log(`\nAudit file: ${file}\nHTML report: ${join(folder, 'report.html')}\nTry: npx agentwarden report ${file}\n     npx agentwarden verify ${file}\n     npx agentwarden cost ${file} --by department`);
