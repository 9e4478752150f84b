import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import request from 'supertest';
import { RegistryService } from '../../src/cadres/registry.service';
import { DEMO_USERS } from '../../src/identity/dev-sign-in.controller';
import { DemoData, loadDemoData } from '../../src/seed/demo-data-loader';
import { startTestApp, TestApp } from '../support/test-app';

const DEMO_FILE = path.resolve(__dirname, '../../seeds/demo/ha-noi.json');
const demo = JSON.parse(readFileSync(DEMO_FILE, 'utf8')) as DemoData;

/** State documents number `201/QĐ-UBND` (and council resolutions `2/NQ-HĐND`), Party ones `215-QĐ/TU`. */
const STATE_NUMBER = /^\d+\/(QĐ-UBND|NQ-HĐND)$/;
const PARTY_NUMBER = /^\d+-QĐ\/(TU|ĐU)$/;

/**
 * The demo registry that `npm run seed` loads: Hà Nội on the two-level local government (city,
 * then wards and communes), its elected posts refusing appointment cases, its decision numbers in
 * the form their issuers use, and a registry unit for every demo user of the development sign-in.
 */
describe('the Hà Nội demo registry', () => {
  let t: TestApp;
  const http = () => request(t.server as never);
  const as = (roles: string[], unit = 'ou-ha-noi') => ({
    Authorization: `Bearer ${t.token('u-demo', roles, unit)}`,
  });

  beforeAll(async () => {
    t = await startTestApp('demo_registry');
    const first = await loadDemoData(DEMO_FILE, t.app.get(RegistryService), new Date());
    expect(first).toEqual({
      orgUnits: demo.orgUnits.length,
      positions: demo.positions.length,
      people: demo.people.length,
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('loads nothing new when run again', async () => {
    const again = await loadDemoData(DEMO_FILE, t.app.get(RegistryService), new Date());
    expect(again).toEqual({ orgUnits: 0, positions: 0, people: 0 });
  });

  it('names its events after the seed, not the server’s path to its file, and acts in no role', async () => {
    const { rows } = await t.db.pool.query<{ metadata: Record<string, unknown> }>(
      `SELECT metadata FROM events WHERE stream_id LIKE 'cadre-%' AND metadata->>'actorId' = 'system:seed'`,
    );
    expect(rows.length).toBeGreaterThan(0);
    for (const { metadata } of rows) {
      expect(metadata).toMatchObject({ correlationId: 'seed:demo/ha-noi' });
      expect(metadata).not.toHaveProperty('roles');
    }
  });

  it('has two levels of local government: the city, then its wards and communes', async () => {
    const tree = await http()
      .get('/org-units/ou-ha-noi')
      .set(as(['admin']))
      .expect(200);
    expect(tree.body).toMatchObject({ name: 'Thành phố Hà Nội', kind: 'province', parentId: null });
    const units = tree.body.subtree as { id: string; name: string; kind: string; path: string[] }[];
    expect(units.map((u) => u.kind)).not.toContain('district');
    expect(units.map((u) => u.kind)).not.toContain('town');
    const local = units.filter((u) => u.kind === 'ward' || u.kind === 'commune');
    expect(local.map((u) => u.name).sort((a, b) => a.localeCompare(b, 'vi'))).toEqual([
      'Phường Sơn Tây',
      'Phường Tùng Thiện',
      'Xã Đoài Phương',
      'Xã Quảng Oai',
    ]);
    for (const unit of local) expect(unit.path).toEqual(['ou-ha-noi', unit.id]);
    const names = units.map((u) => u.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'Thành ủy Hà Nội',
        'Ban Tổ chức Thành ủy Hà Nội',
        'Ủy ban Kiểm tra Thành ủy Hà Nội',
        'UBND thành phố Hà Nội',
        'Sở Nội vụ thành phố Hà Nội',
        'Đảng ủy phường Sơn Tây',
        'UBND xã Đoài Phương',
      ]),
    );
  });

  it('fills the chairs and vice-chairs of ward and commune People’s Committees by election, and refuses to appoint to them', async () => {
    const positions = await http()
      .get('/positions')
      .set(as(['admin']))
      .expect(200);
    const chairs = (positions.body as { id: string; title: string; filledBy: string }[]).filter(
      (p) => /^(Phó )?Chủ tịch UBND (phường|xã)/.test(p.title),
    );
    expect(chairs).toHaveLength(8);
    for (const chair of chairs) expect(chair).toMatchObject({ filledBy: 'election' });
    const refused = await http()
      .post('/cases')
      .set(as(['organization_staff']))
      .send({
        procedure: 'appointment',
        definition: 'appointment.internal',
        personId: 'p-pham-thi-dung',
        positionId: 'pos-phuong-son-tay-chair',
        orgUnitId: 'ou-phuong-son-tay-party-committee',
        summary: 'Bổ nhiệm Chủ tịch UBND phường',
      })
      .expect(422);
    expect(refused.body).toMatchObject({ rule: 'position.elected', field: 'positionId' });
    expect(refused.body.message).toContain('bầu cử');
  });

  it('lets a ward’s own staff open an appointment to a post its People’s Committee appoints', async () => {
    const opened = await http()
      .post('/cases')
      .set(as(['organization_staff'], 'ou-phuong-son-tay'))
      .send({
        procedure: 'appointment',
        definition: 'appointment.internal',
        personId: 'p-phan-thi-quynh',
        positionId: 'pos-phuong-son-tay-head-culture-society',
        orgUnitId: 'ou-phuong-son-tay-peoples-committee',
        summary: 'Bổ nhiệm Trưởng phòng Văn hóa - Xã hội',
      })
      .expect(201);
    expect(opened.body).toMatchObject({ status: 'open' });
  });

  it('writes every decision number in its issuer’s form', async () => {
    for (const { id } of demo.people) {
      const record = await http()
        .get(`/cadres/${id}`)
        .set(as(['organization_staff']))
        .expect(200);
      const refs = [...record.body.posts, ...record.body.planningPool].map(
        (entry: { decisionRef: string }) => entry.decisionRef,
      );
      for (const ref of refs)
        expect([ref, STATE_NUMBER.test(ref) || PARTY_NUMBER.test(ref)]).toEqual([ref, true]);
    }
  });

  it('has a registry unit for every demo user of the development sign-in', async () => {
    // A grant for a unit the registry does not hold grants nothing (scope.unknown_unit).
    for (const user of DEMO_USERS)
      await http().get(`/org-units/${user.orgUnit}`).set(as(user.roles, user.orgUnit)).expect(200);
  });
});
