import request from 'supertest';
import { Browser, Page } from 'playwright-core';
import { addDays, buildRegistry, vietnamToday } from '../support/registry-fixture';
import { startTestApp, TestApp } from '../support/test-app';
import {
  axeViolations,
  buildWebApp,
  launchChromium,
  listeningPort,
  screenshot,
  WEB_DIST,
} from './support/browser';

jest.setTimeout(240_000);

/**
 * The person a case is about opens it in the browser: the page offers them no step form, no
 * "Rút hồ sơ", "Không chấp thuận" nor "Sửa bước" (each would be refused 403 separation.subject)
 * and says why in Vietnamese. A colleague with the same roles keeps every action.
 */
describe('the case page for the person the case is about', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  const roles = ['organization_staff', 'leadership', 'ballot_secretary'];
  const today = vietnamToday();

  /** A tab signed in with the token of `userId` (the demo sign-in has no user who is a cadre). */
  const signInAs = async (
    userId: string,
    personId?: string,
    as: string[] = roles,
    name = userId,
  ): Promise<Page> => {
    const session = {
      token: t.token(userId, as, 'ou-town', personId),
      userId,
      name,
      roles: as,
      orgUnit: 'ou-town',
      expiresAt: new Date(Date.now() + 3600_000).toISOString(),
      via: 'dev',
    };
    const context = await browser.newContext({
      locale: 'vi-VN',
      timezoneId: 'Asia/Ho_Chi_Minh',
      viewport: { width: 1280, height: 900 },
    });
    await context.addInitScript((value: string) => {
      sessionStorage.setItem('cadreflow.session', value);
    }, JSON.stringify(session));
    const page = await context.newPage();
    page.on('pageerror', (error) => process.stdout.write(`page error: ${error.message}\n`));
    return page;
  };

  beforeAll(async () => {
    buildWebApp();
    t = await startTestApp('web_subject_case', { DEV_SIGN_IN: 'true', WEB_DIR: WEB_DIST });
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${listeningPort(t.app.getHttpServer())}`;
    const staff = {
      Authorization: `Bearer ${t.token('u-staff', ['organization_staff'], 'ou-town')}`,
    };
    await buildRegistry(t, staff, {
      positions: [
        { id: 'pos-head', rank: 5 },
        { id: 'pos-deputy', rank: 3 },
      ],
      people: [
        ...['p-binh', 'p-an', 'p-dao'].map((id) => ({ id, pool: ['pos-head'] })),
        { id: 'p-em', pool: ['pos-deputy'] },
        {
          id: 'p-gia',
          posts: [
            { positionId: 'pos-deputy', from: addDays(today, -1700), termEnd: addDays(today, 160) },
          ],
        },
      ],
    });
    const http = () => request(t.server as never);
    await http()
      .post('/cases')
      .set(staff)
      .send({
        id: 'c-self',
        procedure: 'appointment',
        definition: 'appointment.internal',
        personId: 'p-binh',
        positionId: 'pos-head',
        orgUnitId: 'ou-town',
        summary: 'Bổ nhiệm Trưởng ban',
      })
      .expect(201);
    // A step on record, so that "Sửa bước" is offered to those who may correct it.
    await http()
      .post('/cases/c-self/steps/leadership-round-1')
      .set(staff)
      .send({ heldOn: today, minutesRef: 'BB-1', conclusion: 'Thống nhất chủ trương' })
      .expect(200);
    // A case for the post, whose nominations named p-an: a nominee takes no step of it either.
    const secretary = {
      Authorization: `Bearer ${t.token('u-secretary', ['ballot_secretary'], 'ou-town')}`,
    };
    await http()
      .post('/cases')
      .set(staff)
      .send({
        id: 'c-post',
        procedure: 'appointment',
        definition: 'appointment.internal',
        positionId: 'pos-head',
        orgUnitId: 'ou-town',
        summary: 'Bổ nhiệm Trưởng ban (giới thiệu nhân sự)',
      })
      .expect(201);
    await http()
      .post('/cases/c-post/steps/leadership-round-1')
      .set(staff)
      .send({ heldOn: today, minutesRef: 'BB-1', conclusion: 'Thống nhất chủ trương' })
      .expect(200);
    await http()
      .post('/cases/c-post/steps/expanded-nomination')
      .set(secretary)
      .send({
        heldOn: today,
        minutesRef: 'BB-2',
        members: 15,
        summoned: 15,
        present: 15,
        invalid: 0,
        candidates: [
          { personId: 'p-an', votes: 10 },
          { personId: 'p-dao', votes: 5 },
        ],
      })
      .expect(200);
    // A case its ballot rejected: 6 of 13 for is not more than half of the members.
    await http()
      .post('/cases')
      .set(staff)
      .send({
        id: 'c-failed',
        procedure: 'appointment',
        definition: 'appointment.internal',
        personId: 'p-em',
        positionId: 'pos-deputy',
        orgUnitId: 'ou-town',
        summary: 'Bổ nhiệm Phó ban',
      })
      .expect(201);
    const failing = [
      [
        'leadership-round-1',
        staff,
        { heldOn: today, minutesRef: 'BB-1', conclusion: 'Thống nhất' },
      ],
      [
        'expanded-nomination',
        secretary,
        {
          heldOn: today,
          minutesRef: 'BB-2',
          members: 15,
          summoned: 15,
          present: 15,
          invalid: 0,
          candidates: [{ personId: 'p-em', votes: 12 }],
        },
      ],
      [
        'leadership-round-2',
        secretary,
        {
          heldOn: today,
          minutesRef: 'BB-3',
          tally: {
            members: 13,
            summoned: 13,
            present: 13,
            for: 6,
            against: 7,
            abstain: 0,
            invalid: 0,
          },
        },
      ],
    ] as const;
    for (const [step, who, body] of failing)
      await http().post(`/cases/c-failed/steps/${step}`).set(who).send(body).expect(200);
    // A discipline case its ballot closed: no form reached more than half of the 11 members.
    const inspector = {
      Authorization: `Bearer ${t.token('u-inspector', ['inspector'], 'ou-town')}`,
    };
    await http()
      .post('/discipline-cases')
      .set(inspector)
      .send({
        id: 'd-closed',
        definition: 'discipline.party',
        personId: 'p-gia',
        positionId: 'pos-deputy',
        orgUnitId: 'ou-town',
        summary: 'Vi phạm quy định quản lý đất đai',
        violation: {
          category: 'land_management',
          committedOn: addDays(today, -200),
          description: 'Ký cấp đất sai quy hoạch',
          source: 'inspection',
          severity: 'warning',
        },
      })
      .expect(201);
    for (const [stepId, who] of [
      ['verification', inspector],
      ['self-criticism', staff],
      ['review', inspector],
    ] as const)
      await http()
        .post(`/discipline-cases/d-closed/steps/${stepId}`)
        .set(who)
        .send({
          heldOn: today,
          minutesRef: `BB-${stepId}`,
          conclusion: stepId,
          ...(stepId === 'verification' ? { violationConfirmed: true } : {}),
        })
        .expect(200);
    const closed = await http()
      .post('/discipline-cases/d-closed/steps/ballot')
      .set(secretary)
      .send({
        heldOn: today,
        minutesRef: 'BB-KP',
        tally: {
          members: 11,
          summoned: 11,
          present: 11,
          invalid: 0,
          noDiscipline: 6,
          votesByForm: { warning: 5 },
        },
      })
      .expect(200);
    expect(closed.body.closure).toMatchObject({ rule: 'ballot.no_form_reached' });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('shows the subject why they take no step, and no form or button that would be refused', async () => {
    const colleague = await signInAs('u-cuong');
    await colleague.goto(`${base}/cases/c-self`);
    await colleague.locator('#current-step-title').waitFor();
    await colleague.getByRole('button', { name: 'Rút hồ sơ' }).waitFor();
    await colleague.getByRole('button', { name: 'Không chấp thuận' }).waitFor();
    await colleague.getByRole('button', { name: 'Sửa bước' }).waitFor();
    await colleague.getByRole('button', { name: 'Ghi nhận' }).waitFor();
    expect(await colleague.getByTestId('subject-may-not-act').count()).toBe(0);
    await colleague.context().close();

    const subject = await signInAs('u-binh', 'p-binh');
    await subject.goto(`${base}/cases/c-self`);
    await subject.locator('#current-step-title').waitFor();
    await subject
      .getByText(
        'Bạn là người được xem xét trong hồ sơ này nên không thực hiện các bước của hồ sơ.',
      )
      .waitFor();
    for (const name of ['Rút hồ sơ', 'Không chấp thuận', 'Sửa bước', 'Ghi nhận'])
      expect({ name, count: await subject.getByRole('button', { name }).count() }).toEqual({
        name,
        count: 0,
      });
    expect(await axeViolations(subject)).toEqual([]);
    await screenshot(subject, 'subject-case-page');
    await subject.context().close();
  });

  it('offers a nominee of a case for a post no step either, and says why', async () => {
    // Before: the case named no person, so p-an was offered the ballot on himself.
    const nominee = await signInAs('u-an', 'p-an');
    await nominee.goto(`${base}/cases/c-post`);
    await nominee.locator('#current-step-title').waitFor();
    await nominee
      .getByText(
        'Bạn là người được xem xét trong hồ sơ này nên không thực hiện các bước của hồ sơ.',
      )
      .waitFor();
    for (const name of ['Rút hồ sơ', 'Không chấp thuận', 'Sửa bước', 'Ghi nhận'])
      expect({ name, count: await nominee.getByRole('button', { name }).count() }).toEqual({
        name,
        count: 0,
      });
    await nominee.context().close();
  });

  it('tells the subject of a case its ballot rejected why it stopped, in Vietnamese, without the counts', async () => {
    // Before: the rejection's reason was the ballot's text, "ballot failed: 6 of 13 members for, …".
    const subject = await signInAs('u-em', 'p-em');
    await subject.goto(`${base}/cases/c-failed`);
    const rejection = subject.getByTestId('case-rejection');
    await rejection.waitFor();
    expect(await subject.getByTestId('rejection-rule').textContent()).toBe('Biểu quyết không đạt');
    expect(await rejection.textContent()).toContain(
      'Đã ghi kết quả bỏ phiếu; kết quả không công bố với người được xem xét.',
    );
    const page = (await subject.locator('main').textContent()) ?? '';
    expect(page).not.toMatch(/6 of 13|6\/13|withheld/);
    expect(await axeViolations(subject)).toEqual([]);
    await subject.context().close();

    // A colleague with the same roles reads the reason the ballot gave.
    const colleague = await signInAs('u-cuong');
    await colleague.goto(`${base}/cases/c-failed`);
    const shown = colleague.getByTestId('rejection-reason');
    await shown.waitFor();
    expect(await shown.textContent()).toMatch(/13/);
    expect(await shown.textContent()).not.toMatch(/không công bố/);
    await colleague.context().close();
  });

  it('tells the subject of a discipline case its ballot closed, in Vietnamese, that the result is not announced to them', async () => {
    // Before: the closure's reason read the API's placeholder, "withheld from the subject".
    const subject = await signInAs('u-gia', 'p-gia', ['inspector']);
    await subject.goto(`${base}/discipline-cases/d-closed`);
    const reason = subject.getByTestId('closure-rule').locator('xpath=..');
    await reason.waitFor();
    expect(await reason.textContent()).toContain(
      'Đã ghi kết quả bỏ phiếu; kết quả không công bố với người được xem xét.',
    );
    expect((await subject.locator('main').textContent()) ?? '').not.toMatch(/withheld|5 of 11/);
    await subject.context().close();
    // An inspector the ballot's rule names reads the reason the ballot gave.
    const colleague = await signInAs('u-inspector-2', undefined, ['inspector']);
    await colleague.goto(`${base}/discipline-cases/d-closed`);
    const shown = colleague.getByTestId('closure-reason');
    await shown.waitFor();
    expect(await shown.textContent()).not.toMatch(/không công bố/);
    await colleague.context().close();
  });

  it('offers withdrawal and rejection only to the role that opens the case', async () => {
    // Before: a leader was offered both on every open case, and the server refused both (only
    // the role of the first step, organization_staff, may end a case).
    const leader = await signInAs('u-leader', undefined, ['leadership']);
    await leader.goto(`${base}/cases/c-self`);
    await leader.locator('#current-step-title').waitFor();
    for (const name of ['Rút hồ sơ', 'Không chấp thuận'])
      expect({ name, count: await leader.getByRole('button', { name }).count() }).toEqual({
        name,
        count: 0,
      });
    await leader.context().close();
    const staff = await signInAs('u-staff-2', undefined, ['organization_staff']);
    await staff.goto(`${base}/cases/c-self`);
    await staff.getByRole('button', { name: 'Rút hồ sơ' }).waitFor();
    await staff.getByRole('button', { name: 'Không chấp thuận' }).waitFor();
    await staff.context().close();
  });
});
