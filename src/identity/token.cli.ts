import { Command } from 'commander';
import { loadConfig } from '../config/app-config';
import { JwtVerifier } from './jwt-verifier';
import { DEV_JWT_SECRET } from './dev-secret';

/** Mints a development bearer token: npm run token -- --user u1 --roles organization_staff --org-unit ou-1 */
const program = new Command()
  .name('token')
  .requiredOption('--user <id>', 'user id (the token subject)')
  .requiredOption(
    '--roles <list>',
    'comma-separated roles, e.g. organization_staff,ballot_secretary',
  )
  .requiredOption('--org-unit <id>', 'org unit the grant belongs to')
  .option('--name <name>', 'display name')
  .option('--person <id>', "the user's own person record, when they are a cadre")
  .option('--hours <n>', 'validity in hours (default 8, at most JWT_MAX_LIFETIME_SECONDS)')
  .action(
    (options: {
      user: string;
      roles: string;
      orgUnit: string;
      name?: string;
      person?: string;
      hours?: string;
    }) => {
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
        process.stderr.write(
          `token: --hours must be more than 0 and at most ${config.JWT_MAX_LIFETIME_SECONDS / 3600} (JWT_MAX_LIFETIME_SECONDS=${config.JWT_MAX_LIFETIME_SECONDS}); got ${options.hours}\n`,
        );
        process.exit(1);
      }
      const token = verifier.sign(
        {
          userId: options.user,
          roles: options.roles
            .split(',')
            .map((r) => r.trim())
            .filter(Boolean),
          orgUnit: options.orgUnit,
          name: options.name,
          personId: options.person,
        },
        seconds,
      );
      process.stdout.write(`${token}\n`);
    },
  );

program.parse(process.argv);
