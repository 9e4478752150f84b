/** Settings whose value is a secret: an error names them but never prints what was given. */
const SECRET_SETTINGS = new Set(['JWT_SECRET', 'METRICS_TOKEN', 'CHECKPOINT_SIGNING_KEY']);

/**
 * What a configuration error may print of a value: nothing for a secret, a URL with its password
 * replaced by `***` (DATABASE_URL, REDIS_URL … carry credentials), other values as given.
 * Start-up errors end up in logs and CI output read by more people than the secrets' holders.
 */
export function printableValue(setting: string, value: string): string | undefined {
  if (SECRET_SETTINGS.has(setting)) return undefined;
  if (setting.endsWith('_URL')) return redactUrlPassword(value);
  return value;
}

/** `scheme://user:password@host` → `scheme://user:***@host`; works on malformed URLs too. */
export function redactUrlPassword(url: string): string {
  return url.replace(/^([^:/?#]*:\/\/[^:@/?#]*):[^/?#]*@/, '$1:***@');
}
