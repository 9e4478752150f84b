import { Page } from 'playwright-core';
import { RegistryService } from '../../src/cadres/registry.service';
import { PersonCommand } from '../../src/cadres/person/person.commands';
import { AN, BINH, DemoTown, startDemoTown } from './support/town-fixture';
import { axeViolations, signIn } from './support/browser';

jest.setTimeout(240_000);

/**
 * The person page after a re-appointment decided ahead and after a dismissal, in Chromium: the
 * renewed post is held on with its new term and the next notice day; a record with no post held
 * says so in a sentence. The records are written as the case sagas write them (the e2e specs
 * test/reappointment/reappointment-record and test/removal take the cases through).
 */
describe('the person page after a re-appointment and after a dismissal', () => {
  let town: DemoTown;

  beforeAll(async () => {
    town = await startDemoTown('web_person_posts');
  });
  afterAll(async () => {
    await town?.close();
  });

  const record = (personId: string, command: PersonCommand, seed: string) =>
    town.t.app.get(RegistryService).runPersonCommand(
      personId,
      command,
      {
        actorId: 'system:saga',
        roles: ['admin'],
        correlationId: `test:${seed}`,
        causationId: null,
        occurredAt: new Date().toISOString(),
      },
      { idSeed: `test:${seed}` },
    );
  const personPage = async (personId: string): Promise<Page> => {
    const { page } = await signIn(town.browser, town.base, 'staff-1');
    await page.goto(`${town.base}/cadres/${personId}`);
    await page.getByRole('heading', { name: 'Chức vụ đang giữ' }).waitFor();
    return page;
  };

  it('shows the post re-appointed to as held on, with its new term end and the next notice day', async () => {
    // Nguyễn Văn An's term (45-QĐ/TU) ends 2027-03-01; a re-appointment decided now from that day.
    await record(
      AN,
      {
        type: 'AssignPost',
        data: {
          personId: AN,
          positionId: 'pos-ha-noi-deputy-head-organization',
          from: '2027-03-01',
          termEnd: '2032-03-01',
          decisionRef: '401-QĐ/TU',
          caseId: 'c-an-renewed',
          procedure: 'reappointment',
          reappointmentNoticeOn: '2031-12-01',
        },
      },
      'an-renewed',
    );
    const page = await personPage(AN);
    const held = page.getByTestId('posts-held').locator('tbody tr');
    await held.first().waitFor();
    const row = (await held.allInnerTexts()).map((text) => text.replace(/\s+/g, ' ').trim());
    // Before: "… 01/03/2027 45-QĐ/TU Thôi giữ từ 01/03/2027", and the new term among the posts
    // to be taken up.
    expect(row).toEqual([
      'Phó Trưởng ban Tổ chức Thành ủy Hà Nội 01/03/2022 01/03/2032 45-QĐ/TU Nhiệm kỳ mới từ 01/03/2027 theo 401-QĐ/TU',
    ]);
    expect(await page.getByText('Thôi giữ từ').count()).toBe(0);
    expect(await page.getByTestId('upcoming-posts').count()).toBe(0);
    // Before: "Không có" although the decision names the notice's day.
    // (The demo's recorded term ending 01/03/2027 has had its own notice given, listed first.)
    expect(
      (await page.getByTestId('reappointment-notices').innerText()).trim().split('\n').at(-1),
    ).toBe(
      'Phó Trưởng ban Tổ chức Thành ủy Hà Nội · Hết nhiệm kỳ 01/03/2032 · Thông báo ngày 01/12/2031',
    );
    expect(await axeViolations(page)).toEqual([]);
    await page.context().close();
  });

  it('says the person holds no post after a dismissal, instead of a bare table header', async () => {
    const today = new Date(Date.now() + 7 * 3600e3).toISOString().slice(0, 10);
    await record(
      BINH,
      {
        type: 'EndPost',
        data: {
          personId: BINH,
          positionId: 'pos-ha-noi-deputy-director-home-affairs',
          on: today,
          reason: 'dismissal (case c-binh-dismissed)',
          decisionRef: '12-QĐ/TU',
          caseId: 'c-binh-dismissed',
        },
      },
      'binh-dismissed',
    );
    const page = await personPage(BINH);
    await page.getByTestId('no-posts-held').getByText('Không giữ chức vụ nào').waitFor();
    expect(await page.getByTestId('posts-held').isVisible()).toBe(false);
    expect(await page.getByTestId('past-post-ended-by').innerText()).toContain('12-QĐ/TU');
    await page.context().close();
  });
});
