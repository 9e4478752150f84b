import { addDays, eventually, vietnamToday } from '../support/registry-fixture';
import { axeViolations, signIn } from './support/browser';
import { AN, BINH, DemoTown, ORGANIZATION_HEAD_POST, startDemoTown } from './support/town-fixture';

jest.setTimeout(300_000);

/** The audit page's "state as of" a moment typed, in Chromium against the real service. */
describe('the audit page’s state as of a moment', () => {
  let town: DemoTown;
  let caseId = '';

  beforeAll(async () => {
    town = await startDemoTown('web_audit_as_of');
    const staff = town.bearer('staff-1', ['organization_staff']);
    const opened = await town
      .http()
      .post('/cases')
      .set(staff)
      .send({
        procedure: 'appointment',
        definition: 'appointment.internal',
        personId: AN,
        positionId: ORGANIZATION_HEAD_POST,
        orgUnitId: 'ou-ha-noi-party-committee',
        summary: 'Bổ nhiệm Trưởng ban Tổ chức Thành ủy',
      })
      .expect(201);
    caseId = opened.body.id;
    await town
      .http()
      .post(`/cases/${caseId}/steps/leadership-round-1`)
      .set(staff)
      .send({ heldOn: vietnamToday(), minutesRef: 'BB-01', conclusion: 'Thống nhất' })
      .expect(200);
  });

  afterAll(async () => {
    await town?.close();
  });

  it('says in Vietnamese that the case was not open yet, with a header that agrees, and what a moment looks like', async () => {
    const { page } = await signIn(town.browser, town.base, 'auditor-1');
    await page.goto(`${town.base}/cases/${caseId}/history`);
    await page.getByTestId('as-of-state').waitFor();
    const moment = page.getByLabel('Thời điểm (dd/mm/yyyy HH:mm:ss, giờ Việt Nam)');
    // Before: "Hồ sơ không tồn tại — case c-… did not exist yet on 2019-12-31T17:00:00.000Z"
    // under "Sau sự kiện thứ 1/2: Mở hồ sơ".
    await moment.fill('01/01/2020 00:00:00');
    await page.getByRole('button', { name: 'Xem' }).click();
    await page
      .getByTestId('as-of-before-opening')
      .getByText('Hồ sơ chưa được mở vào thời điểm 01/01/2020 00:00:00')
      .waitFor();
    expect(await page.getByTestId('as-of-position').innerText()).toBe(
      'Trước sự kiện thứ 1/2: hồ sơ chưa được mở',
    );
    expect(await page.getByTestId('as-of-state').count()).toBe(0);
    expect(await page.locator('.error').count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    // A moment typed another way: the error says the form it takes (before: "dd/mm/yyyy" only).
    await moment.fill('2026-12-07 04:26');
    await page.getByRole('button', { name: 'Xem' }).click();
    await page.locator('#as-of-time-error', { hasText: 'dd/mm/yyyy hh:mm:ss' }).waitFor();
    // The slider back on an event: its state again.
    await page.getByRole('button', { name: 'Hiện tại' }).click();
    await page.getByTestId('as-of-state').waitFor();
    expect(await page.getByTestId('as-of-position').innerText()).toMatch(/^Sau sự kiện thứ 2\/2/);
    await page.context().close();
  });

  // Before: the typed time was sent as its first millisecond (07:47:47.000), so the time the
  // timeline shows for an event (recorded at 07:47:47.505…), typed back, gave the state before it.
  it('the time the timeline shows for an event, typed back, shows the state after that event', async () => {
    const { page } = await signIn(town.browser, town.base, 'auditor-1');
    await page.goto(`${town.base}/cases/${caseId}/history`);
    const asOf = page.locator('section[aria-labelledby="as-of-title"]');
    await page.getByTestId('as-of-state').waitFor();
    await page.locator('#as-of-slider').fill('0');
    await page.getByTestId('as-of-position').getByText('Sau sự kiện thứ 1/2').waitFor();
    await page.getByTestId('as-of-state').waitFor();
    expect(await asOf.getByText('BB-01').count()).toBe(0);
    // The slider's "sự kiện thứ 1" is the timeline's "1." (before: the line read "0.", its
    // revision), the revision a detail beside.
    const first = page.locator('ol.timeline > li').first();
    expect(await first.locator('strong').innerText()).toBe('1. Mở hồ sơ');
    expect(await first.getByTestId('timeline-revision').innerText()).toBe('(phiên bản 0)');
    // Vietnamese names first, the stored ids a muted detail (before: "Mở hồ sơ CaseOpened",
    // "appointment.internal@3 / state-2025-10-08").
    expect(await first.locator('div').first().innerText()).not.toContain('CaseOpened');
    expect(await first.getByTestId('timeline-stored-type').innerText()).toBe('CaseOpened');
    const rules = await first.getByTestId('timeline-rules').innerText();
    expect(rules).toMatch(
      /^Bổ nhiệm[^/]* \(v\d+\) \/ Các quy định có hiệu lực ngày \d{2}\/\d{2}\/\d{4}/,
    );
    expect(await first.getByTestId('timeline-rule-keys').innerText()).toMatch(
      /^appointment\.internal@\d+ \/ state-/,
    );
    expect(await page.locator('ol.timeline > li').nth(1).locator('strong').innerText()).toMatch(
      /^2\. /,
    );
    const shown = /\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}:\d{2}/.exec(
      await page.locator('ol.timeline > li').nth(1).innerText(),
    )?.[0];
    expect(shown).toBeDefined();
    await page.getByLabel('Thời điểm (dd/mm/yyyy HH:mm:ss, giờ Việt Nam)').fill(shown!);
    await page.getByRole('button', { name: 'Xem' }).click();
    await page.getByTestId('as-of-position').getByText('Sau sự kiện thứ 2/2').waitFor();
    await asOf.getByText('BB-01').waitFor();
    expect(await page.locator('.error').count()).toBe(0);
    await page.context().close();
  });

  it('keeps the moment in the address: a reload, back and forward show the same state', async () => {
    const { page } = await signIn(town.browser, town.base, 'auditor-1');
    await page.goto(`${town.base}/cases/${caseId}/history`);
    await page.getByTestId('as-of-state').waitFor();
    const moment = page.getByLabel('Thời điểm (dd/mm/yyyy HH:mm:ss, giờ Việt Nam)');
    await moment.fill('01/01/2020 00:00:00');
    await page.getByRole('button', { name: 'Xem' }).click();
    const notOpenYet = page
      .getByTestId('as-of-before-opening')
      .getByText('Hồ sơ chưa được mở vào thời điểm 01/01/2020 00:00:00');
    await notOpenYet.waitFor();
    // Before: the address stayed …/history, and a reload showed the case as it is now.
    expect(new URL(page.url()).searchParams.get('asOf')).toBe('2020-01-01T00:00:00+07:00');
    await page.reload();
    await notOpenYet.waitFor();
    expect(await moment.inputValue()).toBe('01/01/2020 00:00:00');
    await page.getByRole('button', { name: 'Hiện tại' }).click();
    await page.getByTestId('as-of-state').waitFor();
    expect(new URL(page.url()).searchParams.has('asOf')).toBe(false);
    await page.goBack();
    await notOpenYet.waitFor();
    expect(await moment.inputValue()).toBe('01/01/2020 00:00:00');
    await page.goForward();
    await page.getByTestId('as-of-state').waitFor();
    expect(await page.getByTestId('as-of-position').innerText()).toMatch(/^Sau sự kiện thứ 2\/2/);
    expect(await moment.inputValue()).toBe('');
    await page.context().close();
  });
  // Before: the discipline case's state as of a moment was read with no purpose (the access log
  // showed "—"), while the history read on the same screen was logged «Kiểm toán hồ sơ».
  it('reads a discipline case as of a moment for the audit, as the access log says, offering no action', async () => {
    const disciplineId = 'd-audit-as-of';
    const today = vietnamToday();
    await town
      .http()
      .post('/discipline-cases')
      .set(town.bearer('inspector-1', ['inspector']))
      .send({
        id: disciplineId,
        definition: 'discipline.party',
        personId: BINH,
        orgUnitId: 'ou-ha-noi-home-affairs',
        summary: 'Vi phạm quy định quản lý đất đai',
        violation: {
          category: 'land_management',
          committedOn: addDays(today, -30),
          description: 'Ký cấp đất sai quy hoạch',
          source: 'inspection',
          severity: 'warning',
        },
      })
      .expect(201);
    const auditor = town.bearer('auditor-1', ['auditor']);
    // The history is a projection: the page reads it once, so it is awaited first.
    await eventually(
      () => town.http().get(`/cases/${disciplineId}/history`).set(auditor),
      (answer) => answer.body.events?.length === 1,
    );
    // The inspector takes this case's steps: its state as of a moment offers them none.
    const { page } = await signIn(town.browser, town.base, 'inspector-1');
    // A moment after its opening, as the address keeps one typed (Vietnam time).
    const moment = `${new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 19)}+07:00`;
    await page.goto(
      `${town.base}/cases/${disciplineId}/history?asOf=${encodeURIComponent(moment)}`,
    );
    await page.getByTestId('as-of-position').getByText('Sau sự kiện thứ 1/1').waitFor();
    await page.getByTestId('as-of-state').waitFor();
    expect(await page.getByTestId('as-of-state').getByRole('button').count()).toBe(0);
    await page.context().close();
    const reads = await eventually(
      async () =>
        (
          await town
            .http()
            .get(`/audit/access-log?actor=inspector-1&resource=${disciplineId}`)
            .set(auditor)
            .expect(200)
        ).body.items as {
          route: string;
          query: Record<string, unknown> | null;
          purpose: string | null;
        }[],
      (items) => items.some((item) => 'asOf' in (item.query ?? {})),
    );
    const asOfReads = reads.filter((item) => 'asOf' in (item.query ?? {}));
    expect(asOfReads.length).toBeGreaterThan(0);
    expect(reads.map((item) => item.purpose)).toEqual(reads.map(() => 'audit'));
    // The access log screen names the purpose in Vietnamese.
    const audit = await signIn(town.browser, town.base, 'auditor-1');
    await audit.page.goto(`${town.base}/audit`);
    const rows = audit.page
      .getByTestId('access-log')
      // «Đọc gì» names the person the case is about (Trần Thị Bình), not the case's id.
      .locator('tbody tr', { hasText: 'Trần Thị Bình' })
      // The inspector's reads through the screen (this spec's own reads over HTTP give none).
      .filter({ has: audit.page.locator('td[title="inspector-1"]') });
    await rows.first().waitFor();
    // The purpose is the column before «Kết quả» (each read's outcome, all read here).
    const why = await rows.locator('td:nth-last-child(2)').allInnerTexts();
    expect(why).toEqual(why.map(() => 'Kiểm toán hồ sơ'));
    const outcomes = await rows.locator('td:last-child').allInnerTexts();
    expect(outcomes).toEqual(why.map(() => 'Đã đọc'));
    expect(why.length).toBeGreaterThanOrEqual(reads.length);
    await audit.page.context().close();
  });

  // Before: the correction of the unannounced nomination read «lý do: undefined» on the timeline
  // and «bởi …: không công bố» on the case page, for the auditor and the inspector alike.
  it('the auditor reads why an unannounced nomination was corrected, on the timeline and the case page', async () => {
    const today = vietnamToday();
    const nomination = (votes: number) => ({
      heldOn: today,
      minutesRef: 'BB-02',
      members: 25,
      summoned: 25,
      present: 24,
      invalid: 0,
      candidates: [{ personId: AN, votes }],
    });
    await town
      .http()
      .post(`/cases/${caseId}/steps/expanded-nomination`)
      .set(town.bearer('secretary-1', ['ballot_secretary']))
      .send(nomination(16))
      .expect(200);
    await town
      .http()
      .post(`/cases/${caseId}/steps/expanded-nomination/corrections`)
      .set(town.bearer('staff-1', ['organization_staff']))
      .send({ reason: 'Nhầm phiếu', ...nomination(19) })
      .expect(200);
    await eventually(
      () =>
        town
          .http()
          .get(`/cases/${caseId}/history`)
          .set(town.bearer('auditor-1', ['auditor'])),
      (answer) =>
        (answer.body.events ?? []).some((e: { type: string }) => e.type === 'StepCorrected'),
    );
    for (const user of ['auditor-1', 'inspector-1']) {
      const { page } = await signIn(town.browser, town.base, user);
      await page.goto(`${town.base}/cases/${caseId}/history`);
      const line = page.getByTestId('timeline-correction');
      await line.waitFor();
      expect({ user, line: await line.innerText() }).toEqual({
        user,
        line: 'Sửa bước «Hội nghị tập thể lãnh đạo mở rộng – giới thiệu nhân sự» — lý do: Nhầm phiếu',
      });
      const timeline = await page.locator('ol.timeline').innerText();
      expect(timeline).not.toContain('undefined');
      expect(timeline).not.toMatch(/\b(16|19) phiếu/);
      await page.getByTestId('step-correction').waitFor();
      const note = await page.getByTestId('step-correction').innerText();
      expect(note).toMatch(/bởi .+ — lý do: Nhầm phiếu/);
      expect(note).not.toContain('không công bố');
      await page.context().close();
    }
  });
});
