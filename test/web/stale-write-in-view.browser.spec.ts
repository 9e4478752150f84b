import { vietnamToday } from '../support/registry-fixture';
import { signIn } from './support/browser';
import { AN, DemoTown, ORGANIZATION_HEAD_POST, startDemoTown } from './support/town-fixture';

jest.setTimeout(300_000);

const CASE = 'c-web-stale-in-view';

/**
 * A write refused because someone recorded the step first (409 concurrency.stale_revision) says
 * so where the user is: the warning «Có người vừa ghi nhận…» takes the keyboard focus and is
 * scrolled into sight, and the form keeps what was typed (before: the warning sat at the top of
 * the page, about 1000 px above «Ghi nhận», and focus fell to <body>).
 */
describe('a stale write is told where the user is', () => {
  let town: DemoTown;
  const today = vietnamToday();
  const staff = () => town.bearer('staff-1', ['organization_staff']);
  const secretary = () => town.bearer('secretary-1', ['ballot_secretary']);
  const step = (stepId: string, who: { Authorization: string }, body: object) =>
    town.http().post(`/cases/${CASE}/steps/${stepId}`).set(who).send(body).expect(200);

  beforeAll(async () => {
    town = await startDemoTown('web_stale_in_view');
    await town
      .http()
      .post('/cases')
      .set(staff())
      .send({
        id: CASE,
        procedure: 'appointment',
        definition: 'appointment.internal',
        personId: AN,
        positionId: ORGANIZATION_HEAD_POST,
        orgUnitId: 'ou-ha-noi-party-committee',
        summary: 'Bổ nhiệm Trưởng ban Tổ chức Thành ủy',
      })
      .expect(201);
    await step('leadership-round-1', staff(), {
      heldOn: today,
      minutesRef: 'BB-01',
      conclusion: 'Thống nhất',
    });
    await step('expanded-nomination', secretary(), {
      heldOn: today,
      minutesRef: 'BB-02',
      members: 25,
      summoned: 25,
      present: 24,
      invalid: 0,
      candidates: [{ personId: AN, votes: 16 }],
    });
  });

  afterAll(async () => {
    await town?.close();
  });

  it('«Ghi nhận» on a ballot another tab recorded: the warning is focused and in sight, the form kept', async () => {
    const { page } = await signIn(town.browser, town.base, 'secretary-1', {
      viewport: { width: 1280, height: 720 },
    });
    await page.goto(`${town.base}/cases/${CASE}`);
    await page.locator('#current-step-title', { hasText: /lần 2/ }).waitFor();
    const typed = {
      'Số biên bản': 'BB-03',
      'Tổng số thành viên': '13',
      'Số được triệu tập': '13',
      'Số có mặt': '13',
      'Đồng ý': '10',
      'Không đồng ý': '3',
      'Không biểu quyết': '0',
      'Phiếu không hợp lệ': '0',
    };
    for (const [label, value] of Object.entries(typed))
      await page.getByLabel(label, { exact: true }).fill(value);
    // The other tab records the same ballot first.
    await step('leadership-round-2', secretary(), {
      heldOn: today,
      minutesRef: 'BB-03B',
      tally: {
        members: 13,
        summoned: 13,
        present: 13,
        for: 10,
        against: 3,
        abstain: 0,
        invalid: 0,
      },
    });
    const record = page.getByRole('button', { name: 'Ghi nhận', exact: true });
    await record.scrollIntoViewIfNeeded();
    await record.click();
    const warning = page
      .getByRole('alert')
      .filter({ hasText: 'Có người vừa ghi nhận một bước trên hồ sơ này' });
    await warning.waitFor();
    // The keyboard is on the warning (before: on <body>).
    const focused = () =>
      page.evaluate(
        `(() => {
          const el = document.activeElement;
          return { tag: el?.tagName, role: el?.getAttribute('role'), text: el?.textContent?.slice(0, 40) };
        })()`,
      ) as Promise<{ tag?: string; role?: string | null; text?: string }>;
    for (let i = 0; i < 20 && (await focused()).role !== 'alert'; i++)
      await page.waitForTimeout(100);
    expect(await focused()).toEqual({
      tag: 'DIV',
      role: 'alert',
      text: expect.stringMatching(/^Có người vừa ghi nhận/),
    });
    // And it is in sight (before: scrolled out above the page's top).
    const box = (await warning.boundingBox())!;
    const height = page.viewportSize()!.height;
    expect({ top: box.y >= 0, bottom: box.y + box.height <= height }).toEqual({
      top: true,
      bottom: true,
    });
    // What was typed is still there, to send again after reloading or to compare.
    for (const [label, value] of Object.entries(typed))
      expect(await page.getByLabel(label, { exact: true }).inputValue()).toBe(value);
    await page.getByRole('button', { name: 'Tải lại' }).click();
    await page.locator('#current-step-title', { hasText: /lần 2/ }).waitFor({ state: 'detached' });
    await page.context().close();
  });
});
