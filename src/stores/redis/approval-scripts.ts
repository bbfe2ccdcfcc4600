/**
 * The Lua scripts behind `redisApprovalStore`. Opening a ticket (check that its call has no
 * live ticket, then insert) and changing a status (compare-and-set) are each one script, so
 * they are atomic across every process on the same Redis.
 *
 * Key layout under `<prefix>approval:` (KEYS[1] is that base):
 * - `t:<id>` hash: one field per ticket field; `status` and `callId` as plain text, every
 *   other value as JSON. Tickets in a final status (`done`, `failed`, `rejected`, `expired`, `void`) expire
 *   after the store's `ticketTtlMs`; `pending`, `approved` and `running` never expire.
 * - `call:<callId>` string: the id of the call's latest ticket (live unless it is `void`).
 * - `all` sorted set: ticket ids scored by creation time (oldest first; ties by id).
 * - `claim:<id>` string: the claim for execution, `SET NX` with the claimant's token when a
 *   ticket goes `approved → running`; a second claim finds it and loses.
 * - channel `changed`: every status change publishes the ticket id (for `watch`).
 */

const prelude = `
local base = KEYS[1]
local function ticket_key(id) return base .. 't:' .. id end
local function final(status)
  return status == 'done' or status == 'failed' or status == 'rejected' or status == 'expired' or status == 'void'
end
`;

/** ARGV: id, callId, score, ticketTtlMs, then field/value pairs. Returns `{1}` or `{0, <fields of the live ticket>}`. */
export const openScript = `${prelude}
local id, call_id, score, ttl = ARGV[1], ARGV[2], ARGV[3], tonumber(ARGV[4])
local live = redis.call('GET', base .. 'call:' .. call_id)
if live then
  local status = redis.call('HGET', ticket_key(live), 'status')
  if status and status ~= 'void' then return { 0, redis.call('HGETALL', ticket_key(live)) } end
end
if redis.call('EXISTS', ticket_key(id)) == 1 then return redis.error_reply('AW_TAKEN ticket id ' .. id .. ' is already taken') end
local fields = {}
for i = 5, #ARGV do fields[#fields + 1] = ARGV[i] end
redis.call('HSET', ticket_key(id), unpack(fields))
local status = redis.call('HGET', ticket_key(id), 'status')
if final(status) then redis.call('PEXPIRE', ticket_key(id), ttl) end
redis.call('SET', base .. 'call:' .. call_id, id)
redis.call('ZADD', base .. 'all', score, id)
redis.call('PUBLISH', base .. 'changed', id)
return { 1 }
`;

/** ARGV: id, from, to, updatedAt (JSON), claimedBy ('' unless claiming), ticketTtlMs, then field/value pairs. Returns `{ok, <fields>}`; no fields for an unknown id. */
export const transitionScript = `${prelude}
local id, from, to, updated_at, claimant, ttl = ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5], tonumber(ARGV[6])
local key = ticket_key(id)
local status = redis.call('HGET', key, 'status')
if not status then return { 0, {} } end
if status ~= from then return { 0, redis.call('HGETALL', key) } end
if to == 'running' then
  local claimed = redis.call('SET', base .. 'claim:' .. id, claimant, 'NX')
  if not claimed then return { 0, redis.call('HGETALL', key) } end
end
redis.call('HSET', key, 'status', to, 'updatedAt', updated_at)
for i = 7, #ARGV, 2 do redis.call('HSET', key, ARGV[i], ARGV[i + 1]) end
if final(to) then
  redis.call('PEXPIRE', key, ttl)
  redis.call('PEXPIRE', base .. 'claim:' .. id, ttl)
end
redis.call('PUBLISH', base .. 'changed', id)
return { 1, redis.call('HGETALL', key) }
`;

/** ARGV: callId ('' for any), then statuses (none for any). Returns the fields of each match, oldest first; prunes ids whose ticket expired. */
export const listScript = `${prelude}
local call_id = ARGV[1]
local wanted = nil
if #ARGV > 1 then
  wanted = {}
  for i = 2, #ARGV do wanted[ARGV[i]] = true end
end
local out = {}
for _, id in ipairs(redis.call('ZRANGE', base .. 'all', 0, -1)) do
  local key = ticket_key(id)
  local head = redis.call('HMGET', key, 'status', 'callId')
  if not head[1] then
    redis.call('ZREM', base .. 'all', id)
  elseif (wanted == nil or wanted[head[1]]) and (call_id == '' or head[2] == call_id) then
    out[#out + 1] = redis.call('HGETALL', key)
  end
end
return out
`;
