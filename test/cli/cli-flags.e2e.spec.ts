import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { JwtVerifier } from '../../src/identity/jwt-verifier';
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

  it('sets person_id from --person, so the subject rule knows the user is that cadre', async () => {
    const { rc, stdout } = run('token', [
      '--user',
      'u-1',
      '--roles',
      'organization_staff,leadership',
      '--org-unit',
      'ou-ha-noi',
      '--person',
      'p-nguyen-van-an',
    ]);
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
    const { stdout } = run('token', ['--user', 'u-1', '--roles', 'auditor', '--org-unit', 'ou-1']);
    expect((await verifier.verify(stdout.trim())).personId).toBeUndefined();
  });

  it('refuses an unknown role with rc 2 and lists the known ones', () => {
    const { rc, stdout, stderr } = run('token', [
      '--user',
      'u-1',
      '--roles',
      'organization_staff,organisation_staff',
      '--org-unit',
      'ou-1',
    ]);
    expect(rc).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('unknown role "organisation_staff"');
    expect(stderr).toContain(
      'known roles: organization_staff, ballot_secretary, leadership, inspector, auditor, admin, records_clerk',
    );
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

  it('projections rebuild prints plain progress lines when stderr is not a terminal', () => {
    const { rc, stdout, stderr } = run('projections', ['rebuild', 'people'], env);
    expect(rc).toBe(0);
    expect(stderr).toContain(`projections: ${target}`);
    expect(stderr).toMatch(/^rebuild people: 100% \| (\d+)\/\1 events/m);
    expect(stderr).not.toContain('\u001b['); // no terminal control sequences
    expect(stdout).toMatch(/^rebuilt people: \d+ events/m);
  });

  it('projections status names the database', () => {
    const { rc, stderr } = run('projections', ['status'], env);
    expect(rc).toBe(0);
    expect(stderr).toContain(`projections: ${target}`);
  });
});
