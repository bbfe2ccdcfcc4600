/**
 * Which property and header names hold a secret. A name is split into words on `-`, `_`,
 * `.`, spaces and camelCase (`x-api-key`, `authToken`, `AWS_SECRET_ACCESS_KEY` all become
 * word lists) and judged by its words, never by substrings: `db_password` and
 * `client_secret` are secrets, `tokens`, `passage`, `keyboard`, `monkey` and `secretary`
 * are not. A name that ends in a word about a secret rather than the secret itself
 * (`token_count`, `password_length`, `secret_name`) is not one either.
 */

/** Words that make a name a secret on their own. */
const SECRET_WORDS = new Set([
  'password',
  'passwd',
  'pwd',
  'passphrase',
  'secret',
  'token',
  'apikey',
  'authorization',
  'cookie',
  'cookies',
  'credential',
  'credentials',
  'jwt',
  'bearer',
  'privatekey',
  'accesskey',
  'secretkey',
  'sessionid',
  'sessiontoken',
  'authtoken',
  'accesstoken',
  'refreshtoken',
  'clientsecret',
  'otp',
  'totp',
]);

/** Two words in a row that make a secret (`api key`, `private key`, `session id`). */
const SECRET_PAIRS = new Set([
  'api key',
  'private key',
  'access key',
  'secret key',
  'signing key',
  'encryption key',
  'master key',
  'auth key',
  'session id',
  'session key',
  'connection string',
  'x auth',
]);

/** Last words that make the name describe a secret instead of holding one. */
const DESCRIBING_WORDS = new Set(['count', 'counts', 'limit', 'limits', 'length', 'type', 'kind', 'name', 'usage', 'total', 'max', 'min', 'size', 'budget', 'estimate', 'expiry', 'expires', 'ttl', 'present', 'set', 'required', 'hint', 'policy']);

/**
 * The words of a name, lower case: `authToken` → `auth token`, `X-API-Key` → `x api key`,
 * `AWSSecretKey` → `aws secret key`.
 */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[\s_.\-:/[\]]+/)
    .filter((word) => word.length > 0);
}

/**
 * True when a property or header named `name` holds a secret.
 * @example
 * isSecretName('x-api-key'); // true
 * isSecretName('aws_secret_access_key'); // true
 * isSecretName('tokens'); // false
 */
export function isSecretName(name: string): boolean {
  if (name.length === 0 || name.length > 200) return false;
  const known = verdicts.get(name);
  if (known !== undefined) return known;
  const verdict = judgeName(name);
  // Names repeat (the same keys in every call): remember a bounded number of verdicts.
  if (verdicts.size >= 2_000) verdicts.clear();
  verdicts.set(name, verdict);
  return verdict;
}

/** Verdicts by name; pure (the rules never change), so sharing it across wardens is safe. */
const verdicts = new Map<string, boolean>();

function judgeName(name: string): boolean {
  const words = nameWords(name);
  if (words.length === 0) return false;
  if (words.length > 1 && DESCRIBING_WORDS.has(words[words.length - 1]!)) return false;
  for (let index = 0; index < words.length; index++) {
    if (SECRET_WORDS.has(words[index]!)) return true;
    if (index + 1 < words.length && SECRET_PAIRS.has(`${words[index]} ${words[index + 1]}`)) return true;
  }
  // `set-cookie` splits into `set cookie`, caught above; names glued without separators
  // (`xapikey`, `dbpassword`) are caught by their ending.
  const glued = words.join('');
  return /(?:apikey|password|passwd|secret|token|privatekey|accesskey)$/.test(glued) && !/(?:tokens|secrets)$/.test(glued);
}
