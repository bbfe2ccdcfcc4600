/**
 * The Lua scripts behind `redisBudgetStore`. Each `BudgetStore` operation is one script, so
 * it runs atomically in Redis whatever the number of processes; the check of every ceiling
 * and the hold on every line happen with nothing in between.
 *
 * Key layout under `<prefix>budget:` (KEYS[1] is that base):
 * - `e:<window>|<scope>` hash: `s` scope, `w` window, `t` tokens, `c` cost µUSD,
 *   `n` settlements, `ht`/`hc` held tokens/cost. `<window>` is empty for all-time lines;
 *   a windowed entry expires one period after its window ends (the previous window stays
 *   readable for reports, then Redis drops it).
 * - `idx` set: every entry key (for full snapshots; expired keys are pruned on read).
 * - `r:<id>` hash: a live reservation: `t`, `c`, `n` and the entry keys `k1..kn` it holds on.
 * - `exp` sorted set: reservation ids scored by their expiry (store clock); every script
 *   first drops the holds of reservations that are past it.
 *
 * The store clock is ARGV[1] (epoch ms) when the caller gives one, else Redis's own `TIME`,
 * so every process agrees on when a window turns over. Window ids match `windowId()`:
 * `d2026-11-26`, `m2026-11`, `w<ms>:<index>`. Lines travel as 6 ARGV each: scope, period
 * (`''`, `day`, `month` or a number of ms), max tokens, max cost (`''` for none), retain
 * ms (`''` for none: an all-time entry with a retention, a run's, expires that long after its
 * last reserve or settle) and the line's limit keys as a JSON array (`''` for none).
 * - `adjust` hash: shared limit adjustments, `<unit>|<name>` → integer; a line's ceilings get
 *   the sum of the adjustments named by its limit keys, read when the script checks them.
 * Numbers come back as Redis integers (exact up to 2^53), never through floats in JSON.
 */

const prelude = `
local base = KEYS[1]
local function clock_now(given)
  if given ~= '' then return tonumber(given) end
  local time = redis.call('TIME')
  return tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
end
local function civil(days)
  local z = days + 719468
  local era = math.floor(z / 146097)
  local doe = z - era * 146097
  local yoe = math.floor((doe - math.floor(doe / 1460) + math.floor(doe / 36524) - math.floor(doe / 146096)) / 365)
  local doy = doe - (365 * yoe + math.floor(yoe / 4) - math.floor(yoe / 100))
  local mp = math.floor((5 * doy + 2) / 153)
  local d = doy - math.floor((153 * mp + 2) / 5) + 1
  local m = mp < 10 and mp + 3 or mp - 9
  local y = yoe + era * 400
  if m <= 2 then y = y + 1 end
  return y, m, d
end
local function days_from_civil(y, m, d)
  if m <= 2 then y = y - 1 end
  local era = math.floor(y / 400)
  local yoe = y - era * 400
  local mp = m > 2 and m - 3 or m + 9
  local doy = math.floor((153 * mp + 2) / 5) + d - 1
  local doe = yoe * 365 + math.floor(yoe / 4) - math.floor(yoe / 100) + doy
  return era * 146097 + doe - 719468
end
-- window id, window start and window end (ms) of a period at now; '' for all-time
local function window_of(period, now)
  if period == '' then return '', nil, nil end
  local days = math.floor(now / 86400000)
  if period == 'day' then
    local y, m, d = civil(days)
    return string.format('d%04d-%02d-%02d', y, m, d), days * 86400000, (days + 1) * 86400000
  elseif period == 'month' then
    local y, m = civil(days)
    local next_y, next_m = y, m + 1
    if next_m == 13 then next_y, next_m = y + 1, 1 end
    return string.format('m%04d-%02d', y, m), days_from_civil(y, m, 1) * 86400000, days_from_civil(next_y, next_m, 1) * 86400000
  end
  local ms = tonumber(period)
  local index = math.floor(now / ms)
  return string.format('w%d:%d', ms, index), index * ms, (index + 1) * ms
end
local function entry_key(scope, window)
  return base .. 'e:' .. window .. '|' .. scope
end
local function num(value)
  return tonumber(value) or 0
end
local function adjustment(keys_json, unit)
  if keys_json == nil or keys_json == '' then return 0 end
  local sum = 0
  for _, name in ipairs(cjson.decode(keys_json)) do sum = sum + num(redis.call('HGET', base .. 'adjust', unit .. '|' .. name)) end
  return sum
end
local function totals(key)
  local v = redis.call('HMGET', key, 't', 'c', 'n', 'ht', 'hc')
  return { num(v[1]), num(v[2]), num(v[3]), num(v[4]), num(v[5]) }
end
-- creates the entry if needed and keeps its expiry one period past its window
local function touch(key, scope, window, now, start_ms, end_ms, retain)
  if redis.call('HSETNX', key, 's', scope) == 1 then
    redis.call('HSET', key, 'w', window)
    redis.call('SADD', base .. 'idx', key)
  end
  if end_ms then
    redis.call('PEXPIRE', key, math.max(1, (end_ms - now) + (end_ms - start_ms)))
  elseif retain ~= nil and retain ~= '' then
    redis.call('PEXPIRE', key, tonumber(retain))
  end
end
local function drop_reservation(id)
  local rkey = base .. 'r:' .. id
  local held = redis.call('HMGET', rkey, 't', 'c', 'n')
  redis.call('ZREM', base .. 'exp', id)
  if not held[3] then return false end
  local tokens, cost = num(held[1]), num(held[2])
  for i = 1, num(held[3]) do
    local key = redis.call('HGET', rkey, 'k' .. i)
    if key and redis.call('EXISTS', key) == 1 then
      redis.call('HINCRBY', key, 'ht', 0 - tokens)
      redis.call('HINCRBY', key, 'hc', 0 - cost)
    end
  end
  redis.call('DEL', rkey)
  return true
end
local function sweep(now)
  local due = redis.call('ZRANGEBYSCORE', base .. 'exp', '-inf', now)
  for _, id in ipairs(due) do drop_reservation(id) end
end
`;

/** ARGV: now, id, tokens, costMicros, ttlMs, then 6 per line. Returns `{1}` or `{0, scope, window, unit, limit, spent, held, requested}`. */
export const reserveScript = `${prelude}
local now = clock_now(ARGV[1])
sweep(now)
local id, tokens, cost, ttl = ARGV[2], tonumber(ARGV[3]), tonumber(ARGV[4]), tonumber(ARGV[5])
if redis.call('EXISTS', base .. 'r:' .. id) == 1 then
  return redis.error_reply('AW_DUPLICATE reservation id "' .. id .. '" is already live')
end
local lines = {}
for i = 6, #ARGV, 6 do
  local scope, period, max_tokens, max_cost, retain, limit_keys = ARGV[i], ARGV[i + 1], ARGV[i + 2], ARGV[i + 3], ARGV[i + 4], ARGV[i + 5]
  local window, start_ms, end_ms = window_of(period, now)
  local key = entry_key(scope, window)
  local current = totals(key)
  if max_tokens ~= '' then
    local limit = tonumber(max_tokens) + adjustment(limit_keys, 'tokens')
    if current[1] + current[4] + tokens > limit then return { 0, scope, window, 'tokens', limit, current[1], current[4], tokens } end
  end
  if max_cost ~= '' then
    local limit = tonumber(max_cost) + adjustment(limit_keys, 'costMicros')
    if current[2] + current[5] + cost > limit then return { 0, scope, window, 'costMicros', limit, current[2], current[5], cost } end
  end
  lines[#lines + 1] = { key, scope, window, start_ms, end_ms, retain }
end
local rkey = base .. 'r:' .. id
redis.call('HSET', rkey, 't', tokens, 'c', cost, 'n', #lines)
for i, line in ipairs(lines) do
  touch(line[1], line[2], line[3], now, line[4], line[5], line[6])
  redis.call('HINCRBY', line[1], 'ht', tokens)
  redis.call('HINCRBY', line[1], 'hc', cost)
  redis.call('HSET', rkey, 'k' .. i, line[1])
end
redis.call('ZADD', base .. 'exp', now + ttl, id)
return { 1 }
`;

/** ARGV: now, reservationId (or ''), tokens, costMicros, then 6 per line. Returns 12 values per line: scope, window, before (5), after (5). */
export const settleScript = `${prelude}
local now = clock_now(ARGV[1])
sweep(now)
if ARGV[2] ~= '' then drop_reservation(ARGV[2]) end
local tokens, cost = tonumber(ARGV[3]), tonumber(ARGV[4])
local out = {}
for i = 5, #ARGV, 6 do
  local scope, period, retain = ARGV[i], ARGV[i + 1], ARGV[i + 4]
  local window, start_ms, end_ms = window_of(period, now)
  local key = entry_key(scope, window)
  local before = totals(key)
  touch(key, scope, window, now, start_ms, end_ms, retain)
  redis.call('HINCRBY', key, 't', tokens)
  redis.call('HINCRBY', key, 'c', cost)
  redis.call('HINCRBY', key, 'n', 1)
  local after = totals(key)
  out[#out + 1] = scope
  out[#out + 1] = window
  for j = 1, 5 do out[#out + 1] = before[j] end
  for j = 1, 5 do out[#out + 1] = after[j] end
end
return out
`;

/** ARGV: now, id. Returns 1 when the reservation was live. */
export const releaseScript = `${prelude}
local now = clock_now(ARGV[1])
sweep(now)
if drop_reservation(ARGV[2]) then return 1 end
return 0
`;

/** ARGV: now, then 3 per line (scope, period, limit keys), or none for every entry. Returns now, then per entry: scope, window, totals (5), and with lines the two adjustments (tokens, cost). */
export const snapshotScript = `${prelude}
local now = clock_now(ARGV[1])
sweep(now)
local out = { now }
local function emit(scope, window, key)
  local current = totals(key)
  out[#out + 1] = scope
  out[#out + 1] = window
  for j = 1, 5 do out[#out + 1] = current[j] end
end
if #ARGV > 1 then
  for i = 2, #ARGV, 3 do
    local window = window_of(ARGV[i + 1], now)
    emit(ARGV[i], window, entry_key(ARGV[i], window))
    out[#out + 1] = adjustment(ARGV[i + 2], 'tokens')
    out[#out + 1] = adjustment(ARGV[i + 2], 'costMicros')
  end
else
  for _, key in ipairs(redis.call('SMEMBERS', base .. 'idx')) do
    local names = redis.call('HMGET', key, 's', 'w')
    if names[1] then emit(names[1], names[2] or '', key) else redis.call('SREM', base .. 'idx', key) end
  end
end
return out
`;

/** ARGV: unit, name, delta. Returns the new adjustment. */
export const adjustScript = `${prelude}
return redis.call('HINCRBY', base .. 'adjust', ARGV[1] .. '|' .. ARGV[2], ARGV[3])
`;
