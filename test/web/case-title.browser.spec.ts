import { axeViolations, signIn } from './support/browser';
import { caseAtVetting } from './support/case-at-vetting';
import { addDays, vietnamToday } from '../support/registry-fixture';
import { BINH, DemoTown, ORGANIZATION_HEAD_POST, startDemoTown } from './support/town-fixture';

jest.setTimeout(300_000);

/**
 * A case page is titled as staff name the case — its procedure, the person and the post — in its
 * heading and in the browser's tab, with its id as a muted reference under the heading ("Mã hồ sơ:
 * …"). Before, both read "Hồ sơ c-web-case-title", the id the case was opened with; then the
 * heading still carried "(Hồ sơ c-…)", and the facts listed the stream revision as "Phiên bản".
 */
describe('the case page title, in the browser', () => {
  let town: DemoTown;
  const caseId = 'c-web-case-title';

  beforeAll(async () => {
    town = await startDemoTown('web_case_title');
    // Opened for the post; the final ballot chose Lê Văn Cường, whom the case is now about.
    await caseAtVetting(town, caseId);
  });

  afterAll(async () => {
    await town?.close();
  });

  it('names the procedure, the person and the post, and keeps the id as secondary text', async () => {
    const staff = town.bearer('staff-1', ['organization_staff']);
    const view = await town.http().get(`/cases/${caseId}`).set(staff).expect(200);
    const post = view.body.names.positions[ORGANIZATION_HEAD_POST] as string;
    expect(post).toBeTruthy();
    const title = `Bổ nhiệm — Lê Văn Cường — ${post}`;

    const { page } = await signIn(town.browser, town.base, 'staff-1');
    await page.goto(`${town.base}/cases/${caseId}`);
    const heading = page.locator('h1');
    await page.getByTestId('case-id').waitFor();
    expect(await heading.innerText()).toBe(title);
    expect(await page.getByTestId('case-id').innerText()).toBe(`Mã hồ sơ: ${caseId}`);
    // The revision sent back with each write is labelled as what it is, not as the case's version.
    await page.getByText('Phiên bản dữ liệu', { exact: true }).waitFor();
    expect(await page.title()).toBe(`${title} — Công tác cán bộ`);
    expect(await axeViolations(page)).toEqual([]);

    // Another screen and back: the tab follows the page it shows.
    await page.goto(`${town.base}/inbox`);
    await page.getByRole('heading', { level: 1, name: 'Hộp việc' }).waitFor();
    expect(await page.title()).toBe('Hộp việc — Công tác cán bộ');
    await page.goBack();
    await page.getByTestId('case-id').waitFor();
    expect(await heading.innerText()).toBe(title);
    expect(await page.title()).toBe(`${title} — Công tác cán bộ`);
    await page.context().close();
  });

  it('names a discipline case by the person and its track, then by the form decided, its id below', async () => {
    const disciplineId = 'd-web-case-title';
    const today = vietnamToday();
    const as = (user: string, role: string) => town.bearer(user, [role]);
    await town
      .http()
      .post('/discipline-cases')
      .set(as('inspector-1', 'inspector'))
      .send({
        id: disciplineId,
        definition: 'discipline.party',
        personId: BINH,
        orgUnitId: 'ou-ha-noi-home-affairs',
        summary: 'Vi phạm quy định quản lý ngân sách',
        violation: {
          category: 'budget',
          committedOn: addDays(today, -30),
          description: 'Vi phạm quy định quản lý ngân sách',
          source: 'inspection',
        },
      })
      .expect(201);
    const idText = `Mã hồ sơ: ${disciplineId}`;
    const { page } = await signIn(town.browser, town.base, 'inspector-1');
    await page.goto(`${town.base}/discipline-cases/${disciplineId}`);
    const heading = page.locator('h1');
    await page.getByTestId('case-id').waitFor();
    // Before: «Hồ sơ kỷ luật d-web-case-title» in the heading and the tab.
    expect(await heading.innerText()).toBe('Kỷ luật — Trần Thị Bình — Đảng');
    expect(await page.getByTestId('case-id').innerText()).toBe(idText);
    expect(await page.title()).toBe('Kỷ luật — Trần Thị Bình — Đảng — Công tác cán bộ');
    expect(await axeViolations(page)).toEqual([]);

    // Decided: the form names it.
    const step = { heldOn: today, minutesRef: 'BB', conclusion: 'Kết luận' };
    for (const [stepId, user, role, extra] of [
      ['verification', 'inspector-1', 'inspector', { violationConfirmed: true }],
      ['self-criticism', 'staff-1', 'organization_staff', {}],
      ['review', 'inspector-1', 'inspector', {}],
    ] as const)
      await town
        .http()
        .post(`/discipline-cases/${disciplineId}/steps/${stepId}`)
        .set(as(user, role))
        .send({ ...step, ...extra })
        .expect(200);
    await town
      .http()
      .post(`/discipline-cases/${disciplineId}/steps/ballot`)
      .set(as('secretary-1', 'ballot_secretary'))
      .send({
        heldOn: today,
        minutesRef: 'BB',
        tally: {
          members: 5,
          summoned: 5,
          present: 5,
          invalid: 0,
          noDiscipline: 0,
          votesByForm: { warning: 5 },
        },
      })
      .expect(200);
    await town
      .http()
      .post(`/discipline-cases/${disciplineId}/steps/decision`)
      .set(as('leader-1', 'leadership'))
      .send({
        heldOn: today,
        number: '12-QĐ/UBKT',
        signer: 'Chủ nhiệm UBKT',
        form: 'warning',
        effectiveFrom: today,
      })
      .expect(200);
    await page.reload();
    await page.getByTestId('case-id').waitFor();
    expect(await heading.innerText()).toBe('Kỷ luật — Trần Thị Bình — Cảnh cáo');
    expect(await page.getByTestId('case-id').innerText()).toBe(idText);
    expect(await page.title()).toBe('Kỷ luật — Trần Thị Bình — Cảnh cáo — Công tác cán bộ');
    await page.context().close();
  });
});
