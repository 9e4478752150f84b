import { Command, Option } from 'commander';
import { cliProgram, EXIT_USAGE } from '../cli/cli-program';
import { ConfigError, loadConfig } from '../config/app-config';
import { ROLES } from './actor';
import { JwtVerifier } from './jwt-verifier';
import { checkOrgUnit } from './token-org-unit';
import { DEV_JWT_SECRET } from './dev-secret';

/**
 * Mints a development bearer token, signed with the service's own JWT_SECRET (or the development
 * secret) and within its JWT_MAX_LIFETIME_SECONDS:
 *   npm run token -- --user u1 --roles organization_staff --org-unit ou-1 [--person p-1]
 * The org unit is checked against DATABASE_URL's registry when that database answers.
 */
const program: Command = cliProgram('token', 'mint a development bearer token (printed on stdout)')
  .option('--user <id>', 'required: user id (the token subject, `sub`)')
  .option('--roles <list>', `required: comma-separated roles, any of: ${ROLES.join(', ')}`)
  .option('--org-unit <id>', 'required: org unit the grant belongs to (`org_unit`)')
  .option('--name <name>', 'display name')
  .option(
    '--person <id>',
    "the user's own person record when they are a cadre (`person_id`): they may not act on their own cases",
  )
  .addOption(
    new Option('--hours <n>', 'validity in hours, at most JWT_MAX_LIFETIME_SECONDS').default(
      undefined,
      '8',
    ),
  )
  .action(
    async (options: {
      user?: string;
      roles?: string;
      orgUnit?: string;
      name?: string;
      person?: string;
      hours?: string;
    }) => {
      // Checked here rather than by commander's requiredOption, which would answer a mistyped
      // flag (`--org_unit`) with "--org-unit not specified" instead of naming the unknown one.
      const { user, roles: roleList, orgUnit } = options;
      if (!user || !roleList || !orgUnit) {
        const missing = [!user && '--user', !roleList && '--roles', !orgUnit && '--org-unit'];
        program.error(
          `token: required option ${missing.filter(Boolean).join(', ')} not specified`,
          {
            exitCode: EXIT_USAGE,
            code: 'token.missingOption',
          },
        );
      }
      const roles = rolesFrom(roleList);
      // The service's own configuration: the same secret and the same lifetime limit it enforces.
      const config = loadConfig(process.env);
      const verifier = new JwtVerifier({
        secret: config.JWT_SECRET ?? DEV_JWT_SECRET,
        issuer: config.JWT_ISSUER,
        audience: config.JWT_AUDIENCE,
        maxLifetimeSeconds: config.JWT_MAX_LIFETIME_SECONDS,
      });
      const seconds =
        options.hours === undefined
          ? Math.min(8 * 3600, config.JWT_MAX_LIFETIME_SECONDS)
          : Math.round(Number(options.hours) * 3600);
      if (!(seconds > 0 && seconds <= config.JWT_MAX_LIFETIME_SECONDS)) {
        program.error(
          `token: --hours must be more than 0 and at most ${config.JWT_MAX_LIFETIME_SECONDS / 3600} (JWT_MAX_LIFETIME_SECONDS=${config.JWT_MAX_LIFETIME_SECONDS}); got ${options.hours}`,
          { exitCode: EXIT_USAGE, code: 'token.hours' },
        );
      }
      await requireKnownOrgUnit(orgUnit);
      const token = verifier.sign(
        {
          userId: user,
          roles,
          orgUnit,
          name: options.name,
          personId: options.person,
        },
        seconds,
      );
      process.stdout.write(`${token}\n`);
    },
  );

/**
 * A unit the registry does not hold makes a token every call refuses (403 scope.unknown_unit):
 * refused (rc 2) when DATABASE_URL's database answers; minted with a warning when it does not.
 */
async function requireKnownOrgUnit(orgUnit: string): Promise<void> {
  const check = await checkOrgUnit(orgUnit);
  if (check.kind === 'unknown') {
    program.error(
      `token: org unit "${orgUnit}" is not in the registry (${check.database}); every call with such a token is refused 403 scope.unknown_unit. Give a unit of GET /org-units, or set DATABASE_URL to the service's database`,
      { exitCode: EXIT_USAGE, code: 'token.unknownOrgUnit' },
    );
  }
  // As the other CLIs name the database they work on: the registry the unit was found in.
  if (check.kind === 'known')
    process.stderr.write(`token: ${check.database}: org unit "${orgUnit}" is in its registry\n`);
  if (check.kind === 'unchecked') {
    process.stderr.write(
      `token: warning: could not check org unit "${orgUnit}" against the registry (${check.database}: ${check.reason}); the token is minted unchecked, and if the unit is not in the service's registry every call is refused 403 scope.unknown_unit\n`,
    );
  }
}

/** The comma-separated `--roles`, each a role the service knows; at least one. */
function rolesFrom(roleList: string): string[] {
  const roles = roleList
    .split(',')
    .map((r) => r.trim())
    .filter(Boolean);
  const unknown = roles.filter((role) => !(ROLES as readonly string[]).includes(role));
  if (unknown.length > 0 || roles.length === 0) {
    program.error(
      `token: ${roles.length === 0 ? 'no role given' : `unknown role${unknown.length > 1 ? 's' : ''} ${unknown.map((r) => `"${r}"`).join(', ')}`}; known roles: ${ROLES.join(', ')}`,
      { exitCode: EXIT_USAGE, code: 'token.unknownRole' },
    );
  }
  return roles;
}

program.parseAsync(process.argv).catch((error: unknown) => {
  // Invalid configuration (JWT_SECRET too short, …): one line naming the variable, rc 1.
  if (!(error instanceof ConfigError)) throw error;
  process.stderr.write(`token: ${error.message}\n`);
  process.exit(1);
});
