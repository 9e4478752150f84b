import { spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PostgresEventStore } from '../../src/event-store/postgres/postgres-event-store';
import { JwtVerifier } from '../../src/identity/jwt-verifier';
import { rebuildProjection } from '../../src/projections/projection-rebuild';
import { REGISTERED_PROJECTIONS } from '../../src/projections/registered-projections';
import { createTestDatabase, TestDatabase } from '../support/test-database';

const ROOT = path.resolve(__dirname, '../..');
const SECRET = 'cli-flags-test-secret-0123456789';

const CLIS = {
  token: 'dist/identity/token.cli.js',
  seed: 'dist/seed/seed.cli.js',
  projections: 'dist/projections/projections.cli.js',
  audit: 'dist/audit/audit.cli.js',
} as const;

/** A CLI as `npm run <name>` runs it: the built output, in a child process, stdout not a terminal. */
function run(cli: keyof typeof CLIS, args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [CLIS[cli], ...args], {
    cwd: ROOT,
    env: { ...process.env, JWT_SECRET: SECRET, ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { rc: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(() => {
  // What the CLIs' npm pre-scripts do: build dist/ when a source is newer than the last build.
  const build = spawnSync(process.execPath, ['scripts/build-if-stale.js'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  if (build.status !== 0) throw new Error(`build failed:\n${build.stdout}${build.stderr}`);
}, 180_000);

describe.each(Object.keys(CLIS) as (keyof typeof CLIS)[])('npm run %s', (cli) => {
  it('answers --help with its usage and rc 0', () => {
    const { rc, stdout } = run(cli, ['--help']);
    expect(rc).toBe(0);
    expect(stdout).toContain(`Usage: ${cli}`);
  });

  it('refuses an unknown flag with rc 2, naming it, before doing anything', () => {
    const { rc, stdout, stderr } = run(cli, ['--bogus'], {
      DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none',
    });
    expect(rc).toBe(2);
    expect(stderr).toContain("unknown option '--bogus'");
    expect(stdout).toBe('');
  });
});

describe('the pre-script where only built output is (the Docker image)', () => {
  it('does nothing: no tsc, no stamp, exit 0', () => {
    const image = fs.mkdtempSync(path.join(os.tmpdir(), 'cadreflow-image-'));
    try {
      fs.mkdirSync(path.join(image, 'scripts'));
      fs.mkdirSync(path.join(image, 'dist'));
      fs.mkdirSync(path.join(image, 'src'));
      fs.copyFileSync(
        path.join(ROOT, 'scripts/build-if-stale.js'),
        path.join(image, 'scripts/build-if-stale.js'),
      );
      fs.writeFileSync(path.join(image, 'src/new.ts'), 'export {};\n');
      const result = spawnSync(process.execPath, ['scripts/build-if-stale.js', '--web'], {
        cwd: image,
        encoding: 'utf8',
        env: { ...process.env, npm_execpath: '/nonexistent/npm-cli.js' },
      });
      expect(result.status).toBe(0);
      expect(result.stdout + result.stderr).toBe('');
      expect(fs.readdirSync(path.join(image, 'dist'))).toEqual([]);
    } finally {
      fs.rmSync(image, { recursive: true, force: true });
    }
  });
});

describe('subcommands and arguments', () => {
  it.each([
    [['verify', '--bogus'], "unknown option '--bogus'"],
    [['verify'], 'say what to verify'],
    [['verify', '--all', '--stream', 'cadre-p-1'], '--all and --stream name two things'],
    [['check'], "unknown command 'check'"],
  ])('audit %j: rc 2', (args, message) => {
    const { rc, stderr } = run('audit', args);
    expect(rc).toBe(2);
    expect(stderr).toContain(message);
  });

  it('projections rebuild of an unknown projection lists the known ones: rc 2', () => {
    const { rc, stderr } = run('projections', ['rebuild', 'nope']);
    expect(rc).toBe(2);
    expect(stderr).toContain('unknown projection "nope"; known: audit_history');
  });

  it('audit verify --help explains the subcommand', () => {
    const { rc, stdout } = run('audit', ['verify', '--help']);
    expect(rc).toBe(0);
    expect(stdout).toContain('--stream <id>');
  });
});

describe('npm run token', () => {
  const verifier = new JwtVerifier({ secret: SECRET, maxLifetimeSeconds: 43200 });
  // No database answers here: the org unit goes unchecked (see the database describe below).
  const offline = { DATABASE_URL: 'postgres://postgres@127.0.0.1:1/cadreflow_none' };

  it('sets person_id from --person, so the subject rule knows the user is that cadre', async () => {
    const { rc, stdout } = run(
      'token',
      [
        '--user',
        'u-1',
        '--roles',
        'organization_staff,leadership',
        '--org-unit',
        'ou-ha-noi',
        '--person',
        'p-nguyen-van-an',
      ],
      offline,
    );
    expect(rc).toBe(0);
    const actor = await verifier.verify(stdout.trim());
    expect(actor).toMatchObject({
      userId: 'u-1',
      roles: ['organization_staff', 'leadership'],
      orgUnit: 'ou-ha-noi',
      personId: 'p-nguyen-van-an',
    });
    const claims = JSON.parse(Buffer.from(stdout.split('.')[1], 'base64url').toString());
    expect(claims.person_id).toBe('p-nguyen-van-an');
  });

  it('leaves person_id out without --person', async () => {
    const { stdout } = run(
      'token',
      ['--user', 'u-1', '--roles', 'auditor', '--org-unit', 'ou-1'],
      offline,
    );
    expect((await verifier.verify(stdout.trim())).personId).toBeUndefined();
  });

  it('refuses an unknown role with rc 2 and lists the known ones', () => {
    const { rc, stdout, stderr } = run(
      'token',
      ['--user', 'u-1', '--roles', 'organization_staff,organisation_staff', '--org-unit', 'ou-1'],
      offline,
    );
    expect(rc).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('unknown role "organisation_staff"');
    expect(stderr).toContain(
      'known roles: organization_staff, ballot_secretary, leadership, inspector, auditor, admin, records_clerk',
    );
  });

  it('mints with a warning when no database answers to check the org unit against', async () => {
    const { rc, stdout, stderr } = run(
      'token',
      ['--user', 'u-1', '--roles', 'auditor', '--org-unit', 'ou-unchecked'],
      offline,
    );
    expect(rc).toBe(0);
    expect((await verifier.verify(stdout.trim())).orgUnit).toBe('ou-unchecked');
    expect(stderr).toContain('token: warning: could not check org unit "ou-unchecked"');
    expect(stderr).toContain('the token is minted unchecked');
  });

  it('names a missing required option', () => {
    const { rc, stderr } = run('token', ['--user', 'u-1', '--roles', 'admin']);
    expect(rc).toBe(2);
    expect(stderr).toContain('required option --org-unit not specified');
  });
});

describe('the CLIs on a database', () => {
  let db: TestDatabase;
  let env: Record<string, string>;
  let target: string;

  beforeAll(async () => {
    db = await createTestDatabase('cli_flags');
    // A password in the URL (trust authentication ignores it) must never be printed.
    const url = new URL(db.url);
    url.password = 'not-to-be-printed';
    env = { DATABASE_URL: url.toString() };
    target = `database ${url.pathname.slice(1)} at postgres@127.0.0.1:5432`;
  });

  afterAll(async () => {
    await db.drop();
  });

  it('seed names the database it loads into, without the password', () => {
    const { rc, stdout, stderr } = run('seed', [], env);
    expect(rc).toBe(0);
    expect(stderr).toContain(`seed: ${target}`);
    expect(stdout).toMatch(/seed: loaded \d+ new org units/);
    expect(stdout + stderr).not.toContain('not-to-be-printed');
  });

  it('audit verify --all passes on the seeded registry and names the database', () => {
    const { rc, stdout, stderr } = run('audit', ['verify', '--all'], env);
    expect(stderr).toContain(`audit: ${target}`);
    expect(stdout).toMatch(/^[1-9]\d* streams checked, 0 broken$/m);
    expect(rc).toBe(0);
  });

  it('audit verify --stream on a stream with no events is an error, not "1 streams checked"', () => {
    const { rc, stdout, stderr } = run('audit', ['verify', '--stream', 'cadre-nobody'], env);
    expect(rc).toBe(1);
    expect(stderr).toContain('stream cadre-nobody has no events');
    expect(stdout).toContain('0 streams checked, 0 broken, 1 not found');
  });

  it('audit verify --stream says how far the signed checkpoint covers the stream, as GET /audit/verify?stream= does', async () => {
    const keys = fs.mkdtempSync(path.join(os.tmpdir(), 'cadreflow-cli-checkpoints-'));
    try {
      const { privateKey, publicKey } = generateKeyPairSync('ed25519');
      fs.writeFileSync(
        path.join(keys, 'signer.pem'),
        privateKey.export({ format: 'pem', type: 'pkcs8' }),
      );
      fs.mkdirSync(path.join(keys, 'public'));
      fs.writeFileSync(
        path.join(keys, 'public', 'k1.pem'),
        publicKey.export({ format: 'pem', type: 'spki' }),
      );
      const withCheckpoints = {
        ...env,
        CHECKPOINT_DIR: path.join(keys, 'checkpoints'),
        CHECKPOINT_SIGNING_KEY_FILE: path.join(keys, 'signer.pem'),
        CHECKPOINT_KEY_ID: 'k1',
        CHECKPOINT_PUBLIC_KEYS_DIR: path.join(keys, 'public'),
      };
      fs.mkdirSync(withCheckpoints.CHECKPOINT_DIR);
      const { rows } = await db.pool.query<{ stream_id: string; last: number }>(
        `SELECT stream_id, max(revision)::int AS last FROM events
          GROUP BY stream_id ORDER BY stream_id LIMIT 1`,
      );
      const [{ stream_id: streamId, last }] = rows;
      const verify = () => run('audit', ['verify', '--stream', streamId], withCheckpoints);

      expect(verify().stdout).toContain(
        `${streamId}: no signed checkpoint yet: nothing is covered`,
      );
      expect(run('audit', ['checkpoint'], withCheckpoints).stdout).toMatch(
        /^signed checkpoint 1: /,
      );
      // Before: only "ok (n events)", "1 streams checked, 0 broken" and the history's line.
      const covered = verify();
      expect(covered.rc).toBe(0);
      expect(covered.stdout).toContain(
        `${streamId}: covered by checkpoint 1 up to revision ${last}\n`,
      );

      const note = (stream: string, id: string) =>
        new PostgresEventStore(db.pool).append(
          stream,
          [
            {
              id,
              type: 'AuditNote',
              data: {},
              metadata: {
                actorId: 'u-cli',
                correlationId: 'c',
                causationId: null,
                occurredAt: new Date().toISOString(),
              },
            },
          ],
          { expectedRevision: 'any' },
        );
      await note(streamId, 'cli-after-the-checkpoint');
      expect(verify().stdout).toContain(
        `${streamId}: covered by checkpoint 1 up to revision ${last} (1 event(s) after it not yet covered)`,
      );
      await note('cadre-cli-after-the-checkpoint', 'cli-new-stream');
      const fresh = run(
        'audit',
        ['verify', '--stream', 'cadre-cli-after-the-checkpoint'],
        withCheckpoints,
      );
      expect(fresh.stdout).toContain(
        'cadre-cli-after-the-checkpoint: not yet covered by checkpoint 1 (1 event(s) after it)',
      );
    } finally {
      fs.rmSync(keys, { recursive: true, force: true });
    }
  });

  it('token refuses an org unit the registry does not hold (rc 2), mints for one it does', async () => {
    const refused = run(
      'token',
      ['--user', 'u-1', '--roles', 'organization_staff', '--org-unit', 'ou-nonexistent'],
      env,
    );
    expect(refused.rc).toBe(2);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toContain('token: org unit "ou-nonexistent" is not in the registry');
    expect(refused.stderr).toContain('403 scope.unknown_unit');
    const { rows } = await db.pool.query<{ id: string }>('SELECT id FROM org_units LIMIT 1');
    const known = rows[0].id;
    const minted = run(
      'token',
      ['--user', 'u-1', '--roles', 'organization_staff', '--org-unit', known],
      env,
    );
    expect(minted.rc).toBe(0);
    expect(minted.stderr).not.toContain('warning');
    expect(minted.stderr).toContain(`token: ${target}: org unit "${known}" is in its registry`);
    expect(minted.stderr).not.toContain('not-to-be-printed');
    const verifier = new JwtVerifier({ secret: SECRET, maxLifetimeSeconds: 43200 });
    expect((await verifier.verify(minted.stdout.trim())).orgUnit).toBe(known);
  });

  it('projections rebuild prints plain progress lines when stderr is not a terminal', () => {
    const { rc, stdout, stderr } = run('projections', ['rebuild', 'people'], env);
    expect(rc).toBe(0);
    expect(stderr).toContain(`projections: ${target}`);
    expect(stderr).toContain('rebuild people: from position 0');
    // 100 % once only, when swapped in: not on the first line, with every event applied but no swap.
    const lines = stderr.split('\n').filter((line) => /^rebuild people: \d+%/.test(line));
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.slice(0, -1).filter((line) => line.includes(': 100%'))).toEqual([]);
    expect(lines[lines.length - 1]).toMatch(/^rebuild people: 100% \| (\d+)\/\1 events$/);
    expect(stderr).not.toContain('\u001b['); // no terminal control sequences
    expect(stdout).toMatch(/^rebuilt people: \d+ events/m);
  });

  it('projections rebuild says it resumed an interrupted rebuild, and where', async () => {
    const store = new PostgresEventStore(db.pool);
    const people = REGISTERED_PROJECTIONS.find((projection) => projection.name === 'people')!;
    let batches = 0;
    // Cut after two committed batches of 1 event (as a lost connection would).
    await expect(
      rebuildProjection({
        pool: db.pool,
        store,
        projection: people,
        batchSize: 1,
        onProgress: () => {
          batches += 1;
          if (batches === 2) throw new Error('connection cut');
        },
      }),
    ).rejects.toThrow('connection cut');
    const { rc, stdout, stderr } = run('projections', ['rebuild', 'people'], env);
    expect(rc).toBe(0);
    expect(stderr).toMatch(/^rebuild people: resumed at [1-9]\d* events \(position [^)]+\)/m);
    expect(stdout).toMatch(/^rebuilt people: \d+ events \(resumed\)/m);
  });

  it('projections status names the database', () => {
    const { rc, stderr } = run('projections', ['status'], env);
    expect(rc).toBe(0);
    expect(stderr).toContain(`projections: ${target}`);
  });
});
