/**
 * A fleet on one Redis, with a scripted model: three claims workers (each with its own Redis
 * connection, as separate processes would have) share one department cost ceiling until it
 * stops them all; a refund paused by one worker is approved by an operator and resumed
 * exactly once while two workers race; then Redis goes down and the next call gets a typed
 * `StoreUnavailableError` within the timeout (fail-closed), or carries on (fail-open).
 *
 * Run: npx tsx examples/redis.ts   (uses REDIS_URL, else starts a throwaway redis-server)
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { Redis } from 'ioredis';
import { ApprovalPendingError, BudgetExceededError, approval, createWarden, tokenBudget, type Warden } from 'agentwarden';
import { StoreUnavailableError, redisApprovalStore, redisBudgetStore } from 'agentwarden/redis';

const prefix = `example:${process.pid}:`;
const pricing = { 'gpt-4o': { input: 2.5, output: 10 } };
const usage = { model: 'gpt-4o', inputTokens: 1_200, outputTokens: 400 }; // $0.007 a turn

/** A client as a worker would configure it: one retry per command, reconnects backing off to 1 s. */
function connect(url: string): Redis {
  const client = new Redis(url, { maxRetriesPerRequest: 1, retryStrategy: (times) => Math.min(times * 100, 1_000) });
  client.on('error', () => {}); // reconnects are ioredis's job; store errors surface as StoreUnavailableError
  return client;
}

function worker(url: string, name: string, failMode: 'closed' | 'open' = 'closed'): Warden {
  const client = connect(url);
  return createWarden({
    agent: 'claims-agent',
    middleware: [
      tokenBudget({ costLimits: { department: { finance: 0.05 } }, pricing, store: redisBudgetStore(client, { prefix, timeoutMs: 500, failMode }) }),
      approval({ when: (call) => call.tool === 'issue_refund', store: redisApprovalStore(client, { prefix, timeoutMs: 500 }) }),
    ],
  });
}

async function budgetStory(url: string): Promise<void> {
  console.log('1. Three workers share finance\'s $0.05 daily ceiling in Redis');
  const turns = new Map<string, number>();
  await Promise.all(
    ['worker-a', 'worker-b', 'worker-c'].map(async (name) => {
      const warden = worker(url, name);
      await warden.run({ department: 'finance', workflow: 'claims', sessionId: name }, async () => {
        for (;;) {
          try {
            const held = await warden.reserve(usage);
            await new Promise((resolve) => setTimeout(resolve, 5)); // the scripted model "thinks"
            await warden.recordUsage(usage, held);
            turns.set(name, (turns.get(name) ?? 0) + 1);
          } catch (error) {
            if (error instanceof BudgetExceededError) return;
            throw error;
          }
        }
      });
    }),
  );
  const store = redisBudgetStore(connect(url), { prefix });
  const [finance] = (await store.snapshot([{ scope: 'department:finance', period: 'day' }])).entries;
  for (const [name, count] of turns) console.log(`   ${name}: ${count} turns`);
  console.log(`   finance spent $${(finance!.costMicros / 1e6).toFixed(4)} of $0.0500 in ${finance!.settlements} settlements, held ${finance!.heldCostMicros} µUSD`);
}

async function approvalStory(url: string): Promise<void> {
  console.log('\n2. A refund paused in worker A, approved by an operator, resumed once while B and C race');
  let refunds = 0;
  const tools = ['a', 'b', 'c'].map((name) => worker(url, `refund-${name}`).tool('issue_refund', async (args: { orderId: string; amount: number }) => ({ refunded: args.amount, run: ++refunds })));
  const paused = await tools[0]!({ orderId: 'A1', amount: 900 }, { callId: 'refund-A1' }).catch((error: unknown) => error);
  if (!(paused instanceof ApprovalPendingError)) throw new Error('expected a pause');
  const ticket = paused.ticket as { id: string };
  console.log(`   worker A paused: ticket ${ticket.id}`);
  const operator = createWarden({ agent: 'operator', middleware: [approval({ store: redisApprovalStore(connect(url), { prefix }) })] });
  await operator.approvals.resolve(ticket.id, { approved: true, by: 'alice', reason: 'order checked' });
  console.log('   alice approved it from the operator console');
  const results = await Promise.all([tools[1]!, tools[2]!, tools[1]!, tools[2]!].map((tool) => tool({ orderId: 'A1', amount: 900 }, { callId: 'refund-A1' }).catch((error: { code?: string }) => error.code)));
  console.log(`   four racing resumes answered ${JSON.stringify(results)}; the tool ran ${refunds} time(s)`);
}

async function outageStory(url: string, stop: () => Promise<void>): Promise<void> {
  console.log('\n3. Redis goes down');
  const closed = worker(url, 'closed');
  const open = worker(url, 'open', 'open');
  const lookups = [closed, open].map((warden) => warden.tool('lookup_claim', async (id: string) => ({ id, status: 'open' })));
  await stop();
  for (const [index, mode] of (['closed', 'open'] as const).entries()) {
    const warden = index === 0 ? closed : open;
    const started = performance.now();
    const outcome = await warden.run({ department: 'finance' }, () => lookups[index]!('C-7')).then(
      (result) => `ran: ${JSON.stringify(result)}`,
      (error: unknown) => (error instanceof StoreUnavailableError ? `StoreUnavailableError: ${error.message}` : String(error)),
    );
    console.log(`   fail-${mode}: ${outcome} (${Math.round(performance.now() - started)} ms); stats ${JSON.stringify(warden.stats())}`);
  }
}

/** REDIS_URL, or a redis-server of our own on a free loopback port. */
async function redisForExample(): Promise<{ url: string; stop: () => Promise<void> }> {
  if (process.env.REDIS_URL) return { url: process.env.REDIS_URL, stop: async () => console.log('   (REDIS_URL given: not stopping your server; skipping the outage)') };
  const port = await new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port: free } = server.address() as { port: number };
      server.close(() => resolve(free));
    });
  });
  const child: ChildProcess = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  await new Promise((resolve) => setTimeout(resolve, 300));
  const stop = () => new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : (child.once('exit', () => resolve()), child.kill('SIGKILL'))));
  return { url: `redis://127.0.0.1:${port}`, stop };
}

const { url, stop } = await redisForExample();
try {
  await budgetStory(url);
  await approvalStory(url);
  if (!process.env.REDIS_URL) await outageStory(url, stop);
} finally {
  await stop();
  if (process.env.REDIS_URL) {
    const client = connect(process.env.REDIS_URL);
    const keys = await client.keys(`${prefix}*`);
    if (keys.length > 0) await client.del(...keys);
    client.disconnect();
  }
}
process.exit(0);
