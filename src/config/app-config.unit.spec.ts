import { ConfigError, loadConfig } from './app-config';
import { trustProxySetting } from './trust-proxy';

describe('configuration from the environment', () => {
  it('works with no variables at all, using local defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/cadreflow',
      REDIS_URL: 'redis://127.0.0.1:6379',
      EVENT_STORE: 'postgres',
      PORT: 3000,
      EVENT_STORE_APPEND_STATEMENTS: 2,
      BULK_WRITE_HOLD_MS: 3000,
      JWT_MAX_LIFETIME_SECONDS: 12 * 3600,
    });
    expect(loadConfig({ JWT_MAX_LIFETIME_SECONDS: '3600' }).JWT_MAX_LIFETIME_SECONDS).toBe(3600);
  });

  it.each(['redis://127.0.0.1:6379/1x', 'redis://127.0.0.1:6379/1.5', 'redis://h/0/extra'])(
    'refuses REDIS_URL %s: its database is not a whole number (before: a stack trace, or database 1)',
    (url) => {
      expect(() => loadConfig({ REDIS_URL: url })).toThrow(
        `invalid configuration: REDIS_URL must be a redis:// URL, its database (after the host) a whole number (got "${url}")`,
      );
    },
  );

  it.each([
    'redis://127.0.0.1:6379',
    'redis://127.0.0.1:6379/3',
    'rediss://:pw@cache:6380/0?family=6',
  ])('takes REDIS_URL %s', (url) => expect(loadConfig({ REDIS_URL: url }).REDIS_URL).toBe(url));

  it('takes a variable set to nothing as unset, as README says (QUEUE_PREFIX= keeps the default)', () => {
    const config = loadConfig({ QUEUE_PREFIX: '', PORT: '', LOG_LEVEL: '' });
    expect(config).toMatchObject({ QUEUE_PREFIX: 'cadreflow', PORT: 3000, LOG_LEVEL: 'info' });
  });

  it.each([
    [{ PORT: 'abc' }, 'invalid configuration: PORT must be a whole number (got "abc")'],
    [{ PORT: '70000' }, 'invalid configuration: PORT must be between 1 and 65535 (got "70000")'],
    [
      { EVENT_STORE_APPEND_STATEMENTS: '0' },
      'invalid configuration: EVENT_STORE_APPEND_STATEMENTS must be between 1 and 32 (got "0")',
    ],
    [
      { BULK_WRITE_HOLD_MS: '-1' },
      'invalid configuration: BULK_WRITE_HOLD_MS must be between 0 and 60000 (got "-1")',
    ],
    [
      { EVENT_STORE: 'mysql' },
      'invalid configuration: EVENT_STORE must be "postgres" or "kurrentdb" (got "mysql")',
    ],
    [
      { DATABASE_URL: 'mysql://x' },
      'invalid configuration: DATABASE_URL must be a postgres:// URL (got "mysql://x")',
    ],
    [
      { JWT_MAX_LIFETIME_SECONDS: '999999999' },
      'invalid configuration: JWT_MAX_LIFETIME_SECONDS must be between 60 and 604800 (7 days) (got "999999999")',
    ],
  ])('refuses %j in one line naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(new ConfigError(message));
  });

  it('reads the OIDC sign-in: the client id and the JWKS are required with the issuer, whose iss tokens must carry', () => {
    const oidc = {
      OIDC_ISSUER: 'https://id.example.gov.vn/realms/cadre',
      OIDC_CLIENT_ID: 'cadreflow-web',
      JWT_JWKS_URL: 'https://id.example.gov.vn/realms/cadre/certs',
    };
    expect(loadConfig(oidc)).toMatchObject({
      ...oidc,
      OIDC_SCOPES: 'openid profile',
      JWT_ISSUER: oidc.OIDC_ISSUER,
    });
    expect(loadConfig({ ...oidc, JWT_ISSUER: 'other' }).JWT_ISSUER).toBe('other');
    expect(loadConfig({ ...oidc, OIDC_SCOPES: 'cadreflow openid' }).OIDC_SCOPES).toBe(
      'cadreflow openid',
    );
    expect(() => loadConfig({ ...oidc, OIDC_CLIENT_ID: '' })).toThrow(
      "invalid configuration: OIDC_CLIENT_ID must be set with OIDC_ISSUER: the web app's public client id",
    );
    expect(() => loadConfig({ ...oidc, JWT_JWKS_URL: '' })).toThrow(
      "invalid configuration: OIDC_ISSUER needs JWT_JWKS_URL, the provider's keys (jwks_uri in https://id.example.gov.vn/realms/cadre/.well-known/openid-configuration)",
    );
    expect(() => loadConfig({ ...oidc, OIDC_SCOPES: 'profile email' })).toThrow(
      'invalid configuration: OIDC_SCOPES must be space-separated scopes including "openid" (got "profile email")',
    );
    expect(() => loadConfig({ ...oidc, OIDC_ISSUER: 'id.example.gov.vn' })).toThrow(
      /OIDC_ISSUER must be the http\(s\) URL/,
    );
  });

  it('reads TRUST_PROXY as a hop count or a list of proxy addresses, and refuses "trust everyone"', () => {
    expect(trustProxySetting(loadConfig({}).TRUST_PROXY)).toBe(false);
    expect(trustProxySetting(loadConfig({ TRUST_PROXY: '2' }).TRUST_PROXY)).toBe(2);
    expect(
      trustProxySetting(loadConfig({ TRUST_PROXY: '10.0.0.0/8, fd00::/8,loopback' }).TRUST_PROXY),
    ).toEqual(['10.0.0.0/8', 'fd00::/8', 'loopback']);
    // "true" would believe whatever X-Forwarded-For a client sends: its limit would be its own choice.
    expect(() => loadConfig({ TRUST_PROXY: 'true' })).toThrow(
      /TRUST_PROXY must be "false", a number/,
    );
    // Shaped like addresses, but none can be: refused by name, not by the proxy list at start.
    expect(() => loadConfig({ TRUST_PROXY: '999.1.1.1/8' })).toThrow(
      'invalid configuration: TRUST_PROXY must list proxy addresses or CIDRs: "999.1.1.1/8": 999.1.1.1 is not an IP address (got "999.1.1.1/8")',
    );
    expect(() => loadConfig({ TRUST_PROXY: 'loopback, 10.0.0.0/33' })).toThrow(
      '"10.0.0.0/33": a prefix of an IPv4 address is at most /32',
    );
    expect(() => loadConfig({ TRUST_PROXY: 'fd00::/129' })).toThrow(
      'a prefix of an IPv6 address is at most /128',
    );
  });

  it('keeps the timer reconcile interval at 30 s or less', () => {
    expect(loadConfig({}).TIMER_RECONCILE_INTERVAL_MS).toBe(30_000);
    expect(loadConfig({ TIMER_RECONCILE_INTERVAL_MS: '500' }).TIMER_RECONCILE_INTERVAL_MS).toBe(
      500,
    );
    expect(() => loadConfig({ TIMER_RECONCILE_INTERVAL_MS: '60000' })).toThrow(
      'TIMER_RECONCILE_INTERVAL_MS must be between 100 and 30000',
    );
  });

  it('signs checkpoints at most once a second and no less often than a Node timer can wait', () => {
    expect(loadConfig({}).CHECKPOINT_INTERVAL_MS).toBe(3_600_000);
    expect(loadConfig({ CHECKPOINT_INTERVAL_MS: '0' }).CHECKPOINT_INTERVAL_MS).toBe(0);
    expect(loadConfig({ CHECKPOINT_INTERVAL_MS: '1000' }).CHECKPOINT_INTERVAL_MS).toBe(1000);
    expect(loadConfig({ CHECKPOINT_INTERVAL_MS: '2147483647' }).CHECKPOINT_INTERVAL_MS).toBe(
      2_147_483_647,
    );
    const range =
      'CHECKPOINT_INTERVAL_MS must be 0 (off) or between 1000 and 2147483647 (milliseconds)';
    for (const refused of ['50', '999', '-1', '2592000000', '2147483648'])
      expect(() => loadConfig({ CHECKPOINT_INTERVAL_MS: refused })).toThrow(
        new ConfigError(`invalid configuration: ${range} (got "${refused}")`),
      );
    expect(() => loadConfig({ CHECKPOINT_INTERVAL_MS: 'hourly' })).toThrow(
      new ConfigError(
        'invalid configuration: CHECKPOINT_INTERVAL_MS must be a whole number (got "hourly")',
      ),
    );
  });

  it('waits for services at start only when STARTUP_WAIT_SECONDS says so, up to an hour', () => {
    expect(loadConfig({}).STARTUP_WAIT_SECONDS).toBe(0);
    expect(loadConfig({ STARTUP_WAIT_SECONDS: '120' }).STARTUP_WAIT_SECONDS).toBe(120);
    expect(() => loadConfig({ STARTUP_WAIT_SECONDS: 'soon' })).toThrow(
      'STARTUP_WAIT_SECONDS must be a whole number',
    );
    expect(() => loadConfig({ STARTUP_WAIT_SECONDS: '7200' })).toThrow(
      'STARTUP_WAIT_SECONDS must be between 0 and 3600',
    );
  });

  it('never prints a secret it refuses, nor the password inside a connection URL', () => {
    const messageFor = (env: NodeJS.ProcessEnv): string => {
      try {
        loadConfig(env);
      } catch (error) {
        return (error as Error).message;
      }
      throw new Error(`${JSON.stringify(env)} was accepted`);
    };
    const secret = messageFor({ JWT_SECRET: 'short-s3cret' });
    expect(secret).toBe('invalid configuration: JWT_SECRET must be at least 16 characters');
    expect(secret).not.toContain('s3cret');

    const database = messageFor({ DATABASE_URL: 'mysql://app:Hunter2@db.internal:3306/cf' });
    expect(database).toBe(
      'invalid configuration: DATABASE_URL must be a postgres:// URL (got "mysql://app:***@db.internal:3306/cf")',
    );
    // A password with an unencoded "@" is hidden whole, not cut at its first "@".
    const redis = messageFor({ REDIS_URL: 'http://default:p@ss@cache:6379' });
    expect(redis).toContain('(got "http://default:***@cache:6379")');
    expect(redis).not.toMatch(/p@ss|ss@/);
    // No password: nothing to hide, the value helps the operator.
    expect(messageFor({ REDIS_URL: 'cache:6379' })).toContain('(got "cache:6379")');
  });

  it('requires KURRENTDB_URL when the event store is KurrentDB', () => {
    expect(() => loadConfig({ EVENT_STORE: 'kurrentdb' })).toThrow(
      /KURRENTDB_URL must be a kurrentdb:\/\//,
    );
    expect(
      loadConfig({
        EVENT_STORE: 'kurrentdb',
        KURRENTDB_URL: 'kurrentdb://127.0.0.1:2113?tls=false',
      }).EVENT_STORE,
    ).toBe('kurrentdb');
  });

  it('refuses the development sign-in in production', () => {
    expect(loadConfig({ DEV_SIGN_IN: 'true' }).DEV_SIGN_IN).toBe('true');
    expect(loadConfig({}).DEV_SIGN_IN).toBe('false');
    expect(() => loadConfig({ DEV_SIGN_IN: 'true', NODE_ENV: 'production' })).toThrow(
      'invalid configuration: DEV_SIGN_IN=true is refused when NODE_ENV=production (use an identity provider)',
    );
    expect(() => loadConfig({ DEV_SIGN_IN: 'yes' })).toThrow(ConfigError);
  });
});
