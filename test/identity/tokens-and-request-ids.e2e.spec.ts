import * as jwt from 'jsonwebtoken';
import request from 'supertest';
import { startTestApp, TEST_JWT_SECRET, TestApp } from '../support/test-app';

/**
 * Bearer tokens must end, and soon; a token never travels in the URL (nor reaches the logs from
 * there); the ids a client sends reach the hash-chained event metadata only in a safe form.
 */
describe('tokens and request ids', () => {
  let t: TestApp;
  /** Every line the HTTP logger wrote, at level info. */
  const logged: string[] = [];
  const http = () => request(t.server as never);
  const nowSeconds = () => Math.floor(Date.now() / 1000);
  const claims = { sub: 'u-staff', roles: ['organization_staff'], org_unit: 'ou-ids' };
  /** A token signed with the service's key, with these time claims (iat: now unless given). */
  const tokenWith = (times: Record<string, number>) =>
    jwt.sign({ ...claims, ...times }, TEST_JWT_SECRET, { algorithm: 'HS256' });
  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    t = await startTestApp(
      'tokens-ids',
      { LOG_LEVEL: 'info' },
      { logDestination: { write: (line: string) => logged.push(line) } },
    );
    await http()
      .post('/org-units')
      .set(bearer(t.token('u-admin', ['admin'], 'ou-ids')))
      .send({ id: 'ou-ids', name: 'Thị xã Demo', kind: 'town' })
      .expect(201);
  });
  afterAll(async () => {
    await t?.close();
  });

  describe('token times', () => {
    it('accepts a token the test helper mints (exp within the maximum)', async () => {
      await http()
        .get('/org-units')
        .set(bearer(t.token('u-staff', ['organization_staff'], 'ou-ids')))
        .expect(200);
    });

    it.each([
      ['without exp', () => ({ iat: nowSeconds() }), /^token has no expiry \(exp\)/],
      [
        'with exp in the year 9999',
        () => ({ iat: nowSeconds(), exp: Date.UTC(9999, 11, 31) / 1000 }),
        /^token lifetime exceeds the maximum of 43200 s/,
      ],
      [
        'issued for 13 hours',
        () => ({ iat: nowSeconds() - 3600, exp: nowSeconds() + 12 * 3600 }),
        /^token lifetime exceeds the maximum/,
      ],
      [
        'not valid for another 5 minutes (nbf beyond the 60 s skew)',
        () => ({ nbf: nowSeconds() + 300, exp: nowSeconds() + 3600 }),
        /^token not valid before /,
      ],
      [
        'expired 2 minutes ago (beyond the skew)',
        () => ({ iat: nowSeconds() - 3600, exp: nowSeconds() - 120 }),
        /^token expired at /,
      ],
    ])('refuses a token %s with 401 and the reason', async (_, times, reason) => {
      const response = await http()
        .get('/org-units')
        .set(bearer(tokenWith(times())))
        .expect(401);
      expect(response.body.message).toMatch(reason);
    });

    it('accepts nbf and exp within 60 s of clock skew', async () => {
      await http()
        .get('/org-units')
        .set(bearer(tokenWith({ nbf: nowSeconds() + 30, exp: nowSeconds() + 3600 })))
        .expect(200);
      await http()
        .get('/org-units')
        .set(bearer(tokenWith({ iat: nowSeconds() - 3600, exp: nowSeconds() - 20 })))
        .expect(200);
    });
  });

  describe('a token in the URL', () => {
    it('is refused with 401 token.in_query, even beside a valid header and on a public route, and never logged', async () => {
      const token = t.token('u-staff', ['organization_staff'], 'ou-ids');
      const inQuery = await http().get(`/org-units?access_token=${token}`).expect(401);
      expect(inQuery.body).toMatchObject({ statusCode: 401, rule: 'token.in_query' });
      expect(inQuery.body.message).toMatch(/Authorization: Bearer/);
      await http().get(`/org-units?limit=5&ACCESS_TOKEN=${token}`).set(bearer(token)).expect(401);
      await http().get(`/health?access_token=${token}`).expect(401);

      const lines = logged.filter((line) => line.includes('/org-units?'));
      expect(lines.length).toBeGreaterThan(0);
      expect(lines.join('\n')).toContain('access_token=[REDACTED]');
      expect(logged.join('\n')).not.toContain(token);
    });
  });

  describe('request and correlation ids', () => {
    let registered = 0;
    /** Registers a person with these headers; answers the response and the stored event's metadata. */
    const register = async (headers: Record<string, string>) => {
      registered += 1;
      const id = `p-ids-${registered}`;
      const response = await http()
        .post('/cadres')
        .set(bearer(t.token('u-staff', ['organization_staff'], 'ou-ids')))
        .set(headers)
        .send({
          id,
          fullName: `Người ${id}`,
          dateOfBirth: '1982-05-05',
          gender: 'female',
          ethnicity: 'Kinh',
          partyMember: true,
          educationLevel: 'Thạc sĩ',
          politicalTheoryLevel: 'Cao cấp',
          orgUnitId: 'ou-ids',
        })
        .expect(201);
      const { rows } = await t.db.pool.query<{ metadata: Record<string, unknown> }>(
        `SELECT metadata FROM events WHERE stream_id = $1 ORDER BY revision`,
        [`cadre-${id}`],
      );
      expect(rows.length).toBeGreaterThan(0);
      return { answeredId: response.headers['x-request-id'] as string, metadata: rows[0].metadata };
    };
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

    it('keeps a safe client id as it is, and answers it', async () => {
      const { answeredId, metadata } = await register({
        'X-Request-Id': 'req-2026.12.01:abc_1',
        'X-Correlation-Id': 'corr-appointment-7',
      });
      expect(answeredId).toBe('req-2026.12.01:abc_1');
      expect(metadata).toMatchObject({
        causationId: 'req-2026.12.01:abc_1',
        correlationId: 'corr-appointment-7',
      });
    });

    it('replaces an 8,000-character id with a generated one, answered in X-Request-Id', async () => {
      const long = 'a'.repeat(8000);
      const { answeredId, metadata } = await register({
        'X-Request-Id': long,
        'X-Correlation-Id': long,
      });
      expect(answeredId).toMatch(uuid);
      expect(metadata).toMatchObject({ causationId: answeredId, correlationId: answeredId });
      expect(JSON.stringify(metadata)).not.toContain('aaaaaaaaaa');
    });

    it('replaces markup (<script>) in either header', async () => {
      const { answeredId, metadata } = await register({
        'X-Request-Id': '<script>alert(1)</script>',
        'X-Correlation-Id': '"><script>alert(2)</script>',
      });
      expect(answeredId).toMatch(uuid);
      expect(metadata).toMatchObject({ causationId: answeredId, correlationId: answeredId });
      expect(JSON.stringify(metadata)).not.toMatch(/script|alert/);
    });

    it('takes a 128-character id but not a 129-character one', async () => {
      const longest = 'r'.repeat(128);
      expect((await register({ 'X-Request-Id': longest })).metadata.causationId).toBe(longest);
      const tooLong = await register({ 'X-Request-Id': `${longest}r` });
      expect(tooLong.answeredId).toMatch(uuid);
      expect(tooLong.metadata.causationId).toBe(tooLong.answeredId);
    });
  });
});
