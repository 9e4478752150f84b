import { ConfigError, loadConfig } from './app-config';

describe('configuration from the environment', () => {
  it('works with no variables at all, using local defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/cadreflow',
      REDIS_URL: 'redis://127.0.0.1:6379',
      EVENT_STORE: 'postgres',
      PORT: 3000,
      EVENT_STORE_APPEND_STATEMENTS: 2,
    });
  });

  it.each([
    [{ PORT: 'abc' }, 'invalid configuration: PORT must be a whole number (got "abc")'],
    [{ PORT: '70000' }, 'invalid configuration: PORT must be between 1 and 65535 (got "70000")'],
    [
      { EVENT_STORE_APPEND_STATEMENTS: '0' },
      'invalid configuration: EVENT_STORE_APPEND_STATEMENTS must be between 1 and 32 (got "0")',
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
      { JWT_SECRET: 'short' },
      'invalid configuration: JWT_SECRET must be at least 16 characters (got "short")',
    ],
  ])('refuses %j in one line naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(new ConfigError(message));
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
