import path from 'node:path';
import request from 'supertest';
import { RegistryService } from '../../src/cadres/registry.service';
import { loadDemoData } from '../../src/seed/demo-data-loader';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * A post is appointed by its own level or a higher one: a sibling commune or a ward naming itself
 * the appointing authority of another unit's post would run that post's cases in the post's place.
 */
describe("a post's appointing authority", () => {
  let t: TestApp;
  const http = () => request(t.server as never);
  const admin = () => ({ Authorization: `Bearer ${t.token('u-admin', ['admin'], 'ou-ha-noi')}` });
  const createPost = (id: string, orgUnitId: string, appointingAuthority: string) =>
    http()
      .post('/positions')
      .set(admin())
      .send({ id, title: 'Trưởng phòng thử', orgUnitId, appointingAuthority, rank: 2 });

  beforeAll(async () => {
    t = await startTestApp('position_authority');
    // The demo registry loads through the same rule: a ward chair appointed by the city's people's committee.
    await loadDemoData(
      path.resolve(__dirname, '../../seeds/demo/ha-noi.json'),
      t.app.get(RegistryService),
      new Date(),
    );
  });
  afterAll(async () => {
    await t?.close();
  });

  it('refuses a sibling or lower unit, naming the field and the rule, and creates nothing', async () => {
    for (const [id, orgUnitId, appointingAuthority] of [
      // Another commune's people's committee for a ward's department head (before: 201).
      ['pos-t-3', 'ou-phuong-son-tay-culture-society', 'ou-xa-doai-phuong-peoples-committee'],
      // A ward's people's committee for a city department's post (before: 201).
      ['pos-t-4', 'ou-ha-noi-home-affairs', 'ou-phuong-son-tay-peoples-committee'],
      // The ward itself, a territory below the city, for the same post.
      ['pos-t-5', 'ou-ha-noi-home-affairs', 'ou-phuong-son-tay'],
      // A department of the ward below the post's own unit.
      ['pos-t-6', 'ou-phuong-son-tay-peoples-committee', 'ou-phuong-son-tay-culture-society'],
    ]) {
      const refused = await createPost(id, orgUnitId, appointingAuthority).expect(422);
      expect(refused.body).toMatchObject({
        rule: 'position.authority_not_above',
        field: 'appointingAuthority',
      });
      expect(refused.body.message).toMatch(
        new RegExp(
          `^appointingAuthority: ${appointingAuthority} is not ${orgUnitId}, a unit above it`,
        ),
      );
    }
    const posts = await http().get('/positions').set(admin()).expect(200);
    expect(posts.body.filter((post: { id: string }) => post.id.startsWith('pos-t-'))).toEqual([]);
  });

  it("accepts the post's own unit, a unit above it and the committees of a territory above it", async () => {
    for (const [id, orgUnitId, appointingAuthority] of [
      ['pos-t-7', 'ou-phuong-son-tay-culture-society', 'ou-phuong-son-tay-culture-society'],
      ['pos-t-8', 'ou-phuong-son-tay-culture-society', 'ou-phuong-son-tay-peoples-committee'],
      ['pos-t-9', 'ou-ha-noi-organization-committee', 'ou-ha-noi-party-committee'],
      ['pos-t-10', 'ou-phuong-son-tay-culture-society', 'ou-ha-noi-peoples-committee'],
      // A territory is of neither branch: it may appoint to either.
      ['pos-t-11', 'ou-ha-noi-home-affairs', 'ou-ha-noi'],
      ['pos-t-12', 'ou-ha-noi-organization-committee', 'ou-ha-noi'],
    ])
      await createPost(id, orgUnitId, appointingAuthority).expect(201);
  });

  it("refuses a people's committee for a Party body's post and a Party committee for a State body's", async () => {
    for (const [id, orgUnitId, appointingAuthority] of [
      // Ban Tổ chức Thành ủy by the city's People's Committee (before: 201).
      ['pos-b-1', 'ou-ha-noi-organization-committee', 'ou-ha-noi-peoples-committee'],
      // A commune's Party committee by the commune's People's Committee (before: 201).
      ['pos-b-2', 'ou-xa-doai-phuong-party-committee', 'ou-xa-doai-phuong-peoples-committee'],
      // A ward's State department by the ward's Party committee.
      ['pos-b-3', 'ou-phuong-son-tay-culture-society', 'ou-phuong-son-tay-party-committee'],
    ]) {
      const refused = await createPost(id, orgUnitId, appointingAuthority).expect(422);
      expect(refused.body).toMatchObject({
        rule: 'position.authority_other_branch',
        field: 'appointingAuthority',
      });
      expect(refused.body.message).toMatch(
        new RegExp(`^appointingAuthority: ${appointingAuthority} \\(`),
      );
    }
    const posts = await http().get('/positions').set(admin()).expect(200);
    expect(posts.body.filter((post: { id: string }) => post.id.startsWith('pos-b-'))).toEqual([]);
  });
});
