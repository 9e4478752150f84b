// TEMPORARY, not committed: logs every statement of one opening and one step.
import { Client } from 'pg';
import { JwtVerifier } from '../../src/identity/jwt-verifier';
import { DEV_JWT_SECRET } from '../../src/identity/dev-secret';
import { benchEnvironment, seedDemoData, ServiceUnderTest } from './service-under-test';
import { TimedHttp, RouteTimings } from './timed-http';
import { driveAppointment, registerSubject } from './appointment-lifecycle';
import { migrateUp } from '../../src/database/migrate';

async function main() {
  const db = `cf_trace_${process.pid}`;
  const admin = new Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/postgres' });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${db}`);
  const url = `postgres://postgres@127.0.0.1:5432/${db}`;
  await migrateUp(url);
  const env = { ...benchEnvironment(url, 3999), RUN_WORKERS: process.env.TRACE_WORKERS ?? 'false' };
  seedDemoData(env);
  const service = new ServiceUnderTest(env);
  await service.start();
  const verifier = new JwtVerifier({ secret: DEV_JWT_SECRET, maxLifetimeSeconds: 43_200 });
  const sign = (userId: string, role: string) =>
    verifier.sign({ userId, roles: [role as never], orgUnit: 'ou-ha-noi' }, 43_000);
  const tokens = { admin: sign('admin-1', 'admin'), staff: sign('staff-1', 'organization_staff'), secretary: sign('secretary-1', 'ballot_secretary'), leader: sign('leader-1', 'leadership') };
  const http = new TimedHttp('http://127.0.0.1:3999', new RouteTimings());
  for (const i of [0, 1]) {
    const s = { caseId: `c-tr-${i}`, personId: `p-tr-${i}`, positionId: `pos-tr-${i}` };
    await registerSubject(http, tokens, s);
    if (i === 1) { await admin.query(`ALTER SYSTEM SET log_min_duration_statement = 0`); await admin.query('SELECT pg_reload_conf()'); await new Promise(r => setTimeout(r, 300)); console.log('MARK', new Date().toISOString()); }
    await driveAppointment(http, tokens, s);
  }
  console.log('END', new Date().toISOString());
  await admin.query(`ALTER SYSTEM RESET log_min_duration_statement`); await admin.query('SELECT pg_reload_conf()');
  await service.stop();
  await admin.query(`DROP DATABASE ${db} WITH (FORCE)`);
  await admin.end();
}
main().catch((e) => { console.error(e); process.exit(1); });
