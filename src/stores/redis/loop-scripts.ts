/**
 * The Lua scripts behind `redisLoopStore`, one per `LoopStore` operation, each atomic.
 *
 * Key layout under `<prefix>loop:` (KEYS[1] is that base):
 * - `run:<runId>` hash: `calls` and one `a:<argsKey>` count per tool+args; it expires
 *   `runTtlMs` after the run's last call (a store cannot know when a run spread over several
 *   processes has ended).
 * - `circuit:<tool>` hash: `state` (closed/open/half-open), `failures`, `openedAt` (ms),
 *   `trial` (1 while the half-open trial call runs). Deleted on success (closed, no failures).
 */

const prelude = `
local base = KEYS[1]
`;

/** ARGV: runId, tool, argsKey, maxCalls, maxRepeats, cooldownMs, now, runTtlMs. Returns `{1, trial, circuit}`, `{0, rule}` or `{0, 'circuit_open', failures, retryInMs}`. */
export const enterScript = `${prelude}
local run_key = base .. 'run:' .. ARGV[1]
local circuit_key = base .. 'circuit:' .. ARGV[2]
local args_field = 'a:' .. ARGV[2] .. '\\0' .. ARGV[3]
local max_calls, max_repeats, cooldown, now, ttl = tonumber(ARGV[4]), tonumber(ARGV[5]), tonumber(ARGV[6]), tonumber(ARGV[7]), tonumber(ARGV[8])
if tonumber(redis.call('HGET', run_key, 'calls') or '0') >= max_calls then return { 0, 'max_calls' } end
if tonumber(redis.call('HGET', run_key, args_field) or '0') >= max_repeats then return { 0, 'max_repeats' } end
local circuit = redis.call('HMGET', circuit_key, 'state', 'failures', 'openedAt', 'trial')
local trial = 0
if circuit[1] and circuit[1] ~= 'closed' then
  local state, failures, opened_at = circuit[1], tonumber(circuit[2] or '0'), tonumber(circuit[3] or '0')
  if state == 'open' and now - opened_at >= cooldown then
    state = 'half-open'
    redis.call('HSET', circuit_key, 'state', state)
  end
  if state == 'open' or circuit[4] == '1' then
    return { 0, 'circuit_open', failures, math.max(0, cooldown - (now - opened_at)) }
  end
  trial = 1
  redis.call('HSET', circuit_key, 'trial', 1)
end
redis.call('HINCRBY', run_key, 'calls', 1)
redis.call('HINCRBY', run_key, args_field, 1)
redis.call('PEXPIRE', run_key, ttl)
return { 1, trial, circuit[1] and 1 or 0 }
`;

/** ARGV: tool. */
export const succeedScript = `${prelude}
redis.call('DEL', base .. 'circuit:' .. ARGV[1])
return 1
`;

/** ARGV: tool, now, trial (1/0), failureThreshold. */
export const failScript = `${prelude}
local key = base .. 'circuit:' .. ARGV[1]
local failures = redis.call('HINCRBY', key, 'failures', 1)
redis.call('HSETNX', key, 'state', 'closed')
redis.call('HSET', key, 'trial', 0)
if ARGV[3] == '1' or failures >= tonumber(ARGV[4]) then
  redis.call('HSET', key, 'state', 'open', 'openedAt', ARGV[2])
end
return failures
`;

/** ARGV: tool. */
export const abandonTrialScript = `${prelude}
local key = base .. 'circuit:' .. ARGV[1]
if redis.call('EXISTS', key) == 1 then redis.call('HSET', key, 'trial', 0) end
return 1
`;
