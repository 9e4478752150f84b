import { isIP } from 'node:net';
import { ConfigError } from './config-error';

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

const RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/**
 * What is wrong with a TRUST_PROXY list the pattern lets through (an address no address can be,
 * a prefix longer than its address), or undefined: the proxy list itself would otherwise refuse
 * it at start without naming the variable.
 */
export function trustProxyEntryProblem(value: string): string | undefined {
  if (value === 'false' || /^\d+$/.test(value)) return undefined;
  for (const entry of trustProxySetting(value) as string[]) {
    if (RANGE_NAMES.has(entry)) continue;
    const [address, prefix] = entry.split('/');
    const version = isIP(address);
    if (version === 0) return `"${entry}": ${address} is not an IP address`;
    const longest = version === 4 ? 32 : 128;
    if (prefix !== undefined && Number(prefix) > longest)
      return `"${entry}": a prefix of an IPv${version} address is at most /${longest}`;
  }
  return undefined;
}

/** Refuses, naming the variable, a TRUST_PROXY list with an entry no address can be. */
export function refuseImpossibleProxies(value: string): void {
  const problem = trustProxyEntryProblem(value);
  if (problem)
    throw new ConfigError(
      `invalid configuration: TRUST_PROXY must list proxy addresses or CIDRs: ${problem} (got "${value}")`,
    );
}
