/** A hop count, or addresses / CIDRs / express's names for address ranges, comma-separated. */
export const TRUST_PROXY_PATTERN =
  /^(false|\d{1,2}|(loopback|linklocal|uniquelocal|[0-9A-Fa-f.:]+(\/\d{1,3})?)(\s*,\s*(loopback|linklocal|uniquelocal|[0-9A-Fa-f.:]+(\/\d{1,3})?))*)$/;

/**
 * TRUST_PROXY as express's `trust proxy` setting: false (the default: the client is the socket's
 * peer, X-Forwarded-For is ignored), a hop count (the client is that many addresses from the end
 * of X-Forwarded-For), or the proxies' addresses (the client is the last address not among them).
 */
export function trustProxySetting(value: string): false | number | string[] {
  if (value === 'false') return false;
  if (/^\d+$/.test(value)) return Number(value);
  return value.split(',').map((entry) => entry.trim());
}
