import { Command } from 'commander';
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
  .option('--hours <n>', 'validity in hours', '8')
  .action(
    (options: { user: string; roles: string; orgUnit: string; name?: string; hours: string }) => {
      const secret = process.env.JWT_SECRET ?? DEV_JWT_SECRET;
      const verifier = new JwtVerifier({ secret });
      const token = verifier.sign(
        {
          userId: options.user,
          roles: options.roles
            .split(',')
            .map((r) => r.trim())
            .filter(Boolean),
          orgUnit: options.orgUnit,
          name: options.name,
        },
        Math.round(Number(options.hours) * 3600),
      );
      process.stdout.write(`${token}\n`);
    },
  );

program.parse(process.argv);
