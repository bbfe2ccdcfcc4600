/**
 * Budgets with a scripted model: a claims agent whose finance department has a daily cost
 * ceiling. Each turn reserves an estimate before the "model call", settles the real usage
 * after, and calls a guarded tool. The agent loops until the ceiling stops it; then the same
 * agent with `onExceeded: 'pause'` is paused and resumed by raising the limit.
 *
 * Run: npx tsx examples/budget.ts   (no key, no network)
 */
import {
  ApprovalPendingError,
  BudgetExceededError,
  createWarden,
  estimateTokens,
  tokenBudget,
  type BudgetMeter,
  type BudgetPauseTicket,
  type CostReport,
  type Warden,
} from 'agentwarden';

const pricing = {
  'gpt-4o': { input: 2.5, output: 10, cachedInput: 1.25 },
  'gpt-4o-mini': { input: 0.15, output: 0.6 },
};

/** A scripted model: answers after a fixed usage, as a provider's response would report it. */
function scriptedModel(name: string, turns: Array<{ output: string; inputTokens: number; outputTokens: number }>) {
  let turn = 0;
  return {
    name,
    async generate(_prompt: string) {
      const step = turns[turn++ % turns.length]!;
      return { text: step.output, usage: { model: name, inputTokens: step.inputTokens, outputTokens: step.outputTokens } };
    },
  };
}

/** One agent run: reserve, call the model, settle, call a tool; `onPause` may lift a pause. */
async function agentLoop(warden: Warden, label: string, model: ReturnType<typeof scriptedModel>, maxTurns: number, onPause?: (ticket: BudgetPauseTicket) => void | Promise<void>) {
  const lookupClaim = warden.tool('lookup_claim', async ({ id }: { id: string }) => ({ id, status: 'open', amount: 120 }));
  await warden.run({ sessionId: label, workflow: 'claims', department: 'finance' }, async () => {
    for (let turn = 1; turn <= maxTurns; turn++) {
      try {
        await oneTurn(turn);
      } catch (error) {
        if (!(error instanceof ApprovalPendingError) || !onPause) throw error;
        await onPause(error.ticket as BudgetPauseTicket);
        await oneTurn(turn); // the same turn again, now that the limit is raised
      }
    }
  });

  async function oneTurn(turn: number) {
    const prompt = `Turn ${turn}: summarise the claim history for order A${turn}. `.repeat(200);
    const held = await warden.reserve({ model: model.name, inputTokens: estimateTokens(prompt), outputTokens: 800 });
    try {
      const answer = await model.generate(prompt);
      const settled = await warden.recordUsage(answer.usage, held);
      console.log(`  turn ${turn}: ${settled.inputTokens} in / ${settled.outputTokens} out  $${settled.costUsd?.toFixed(4)}`);
    } catch (error) {
      await held.release(); // a failed model call gives its reservation back
      throw error;
    }
    await lookupClaim({ id: `A${turn}` });
  }
}

function printCosts(report: CostReport) {
  console.log('\n  cost by department / workflow:');
  for (const [department, workflows] of Object.entries(report.byDepartmentWorkflow)) {
    for (const [workflow, line] of Object.entries(workflows)) {
      console.log(`    ${department.padEnd(10)} ${workflow.padEnd(8)} ${String(line.calls).padStart(3)} calls ${String(line.tokens).padStart(7)} tokens  $${line.costUsd.toFixed(4)}`);
    }
  }
  console.log('  cost by model:');
  for (const [model, line] of Object.entries(report.byModel)) {
    console.log(`    ${model.padEnd(20)} ${String(line.tokens).padStart(7)} tokens  $${line.costUsd.toFixed(4)}${line.unpriced ? '  (unpriced)' : ''}`);
  }
  for (const limit of report.limits) console.log(`  limit ${limit.scope} (${limit.window ?? 'all-time'}): ${limit.percent}% of $${limit.limit}`);
}

const model = scriptedModel('gpt-4o', [
  { output: 'Claim looks fine.', inputTokens: 2_400, outputTokens: 350 },
  { output: 'Checking prior refunds...', inputTokens: 3_100, outputTokens: 520 },
]);

console.log('1) A daily $0.05 ceiling for finance stops a looping agent:');
const warden = createWarden({
  agent: 'claims-agent',
  middleware: [tokenBudget({ costLimits: { department: { finance: 0.05 } }, limits: { run: 100_000 }, pricing })],
});
warden.on('budget', (event) => {
  if (event.type === 'threshold') console.log(`  [budget] ${String(event.scope)} at ${String(event.percent)}% ($${String(event.spent)} of $${String(event.limit)})`);
});
try {
  await agentLoop(warden, 'session-1', model, 50);
} catch (error) {
  if (!(error instanceof BudgetExceededError)) throw error;
  console.log(`  stopped: ${error.message}`);
  console.log(`  scope=${error.scope} limit=$${error.limit} spent=$${error.spent} requested=$${error.requested}`);
}
printCosts(await warden.costs());

console.log("\n2) The same ceiling with onExceeded: 'pause' — a person raises the limit, the agent carries on:");
const paused = createWarden({
  agent: 'claims-agent',
  middleware: [tokenBudget({ costLimits: { department: { finance: 0.02 } }, pricing, onExceeded: 'pause' })],
});
const meter = paused.capability<BudgetMeter>('usage')!;
await agentLoop(paused, 'session-2', model, 6, async (ticket) => {
  console.log(`  paused: ticket ${ticket.id} on ${ticket.scope} ($${ticket.spent} of $${ticket.limit} spent, $${ticket.requested} requested)`);
  console.log(`    to resume: ${ticket.howToResume}`);
  const raised = await meter.raiseLimit(ticket.scope, { costUsd: 0.02 }, { by: 'ops-oncall', reason: 'finish the claims batch' });
  console.log(`  a person raised ${raised.scope} to $${raised.costUsd}; lifted ${raised.resumed.length} ticket(s)`);
});
console.log('  run finished');
printCosts(await paused.costs());
