// A consultation (会商) in Chromium: the lead's first responder asks for one with a feasible suggestion,
// naming the co-department's leader in charge (赵红) as convener; she invites two people from the
// directory, who sign in and find it on their to-do list; she adds a file, records the meeting and its
// conclusion; the minutes (会商纪要) are downloaded from the case page and read back.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  E2E_DIALECTS,
  newPage,
  pickOption,
  shot,
  signIn,
  startE2E,
  whatThePageShows,
  type E2E,
} from './support.ts';
import { act, stateOf } from './case-steps.ts';
import { readDocx } from '../packages/server/test/docx-reading.ts';

/** The case is on this person's to-do list (待办, the menu's link). */
async function onTodoList(page: Page, caseId: string): Promise<boolean> {
  await page.goto('/cases?view=todo');
  await page.getByTestId('cases-tab-todo').waitFor();
  await page.locator('.ant-tabs-tab-active [data-testid="cases-tab-todo"]').waitFor();
  const link = page.locator(`a[data-testid="case-link"][href="/cases/${caseId}"]`);
  // The list has loaded when it shows a row or says it is empty.
  await page
    .locator('a[data-testid="case-link"], .ant-empty')
    .first()
    .waitFor({ timeout: 10_000 })
    .catch(() => undefined);
  return link
    .first()
    .waitFor({ timeout: 3_000 })
    .then(() => true)
    .catch(() => false);
}

describe.each(E2E_DIALECTS)('a consultation convened by a leader in charge [%s]', (dialect) => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E(dialect);
  });
  afterAll(async () => {
    await e2e?.close();
  });

  it('asks, invites two people who see it in their to-do, records the conclusion and downloads the minutes', async () => {
    // Registered with a co-department (消保科), whose people are told and help.
    const lead = await newPage(e2e);
    await signIn(lead, 'shouwen');
    await lead.getByTestId('menu-cases').first().click();
    await lead.getByTestId('case-register').click();
    await lead.locator('#register_applicant_name').fill('孙先生');
    await lead.locator('#register_applicant_phone').fill('13700000017');
    await lead.locator('#register_channel').getByText('窗口').click();
    await pickOption(lead, '#register_matterType', '政务服务事项');
    await lead.locator('#register_matterTitle').fill('异地迁入企业档案调取');
    await lead.locator('#register_description').fill('企业从外省迁入，档案调取流程不通。');
    await pickOption(lead, '#register_coDepartmentIds', '消费者权益保护科');
    await lead.getByTestId('register-submit').click();
    await lead.getByTestId('case-page').waitFor({ timeout: 10_000 });
    const url = lead.url();
    const caseId = (await lead.getByTestId('case-page').getAttribute('data-case-id')) ?? '';
    await expect(lead.getByTestId('case-co-department-names').textContent()).resolves.toBe(
      '消费者权益保护科',
    );

    // Coordination failed: the request carries the proposal and names the convener.
    await act(lead, 'requestConsultation', async (p) => {
      await p.locator('#action_proposal').fill('建议由登记注册科牵头发函调取电子档案，消保科配合答复企业。');
      await pickOption(p, '#action_convenerId', '赵红');
    });
    expect(await stateOf(lead)).toBe('inConsultation');
    await expect(lead.getByTestId('consultation-convener').textContent()).resolves.toBe('赵红');
    // The first responder does not record it: only the convener may.
    await expect(lead.getByTestId('action-recordConsultation').count()).resolves.toBe(0);

    // The convener finds it on her to-do list and invites two people from the directory.
    const convener = await newPage(e2e);
    await signIn(convener, 'fenguan2');
    expect(await onTodoList(convener, caseId)).toBe(true);
    await convener.goto(url);
    await convener.getByTestId('case-consultation').waitFor();
    // Searched by name in the directory, as a person types it.
    const picker = convener.getByTestId('consultation-invite-select');
    for (const name of ['彭涛', '黄磊']) {
      await picker.locator('input').fill(name);
      await convener
        .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: name })
        .first()
        .click();
    }
    await convener.keyboard.press('Escape');
    await expect(picker.locator('.ant-select-selection-item').count()).resolves.toBe(2);
    await convener.getByTestId('consultation-invite-submit').click();
    await expect
      .poll(() => convener.getByTestId('consultation-person').count(), { timeout: 15_000 })
      .toBe(3)
      .catch(async (e: unknown) => {
        await shot(convener, 'consultation-invite-failed');
        throw new Error(`the invitation did not show\n${await whatThePageShows(convener)}`, { cause: e });
      });
    await shot(convener, 'consultation-invited');

    // Both invitees sign in, see it on their to-do list and read the case.
    for (const username of ['cqsc1', 'spsc1']) {
      const invitee = await newPage(e2e);
      await signIn(invitee, username);
      expect(await onTodoList(invitee, caseId)).toBe(true);
      await invitee.goto(url);
      await invitee.getByTestId('case-consultation').waitFor();
      await expect(invitee.getByTestId('case-consultation').textContent()).resolves.toContain(
        '您受邀参加本事项的会商',
      );
      if (username === 'cqsc1') await shot(invitee, 'consultation-invitee');
      await invitee.context().close();
    }

    // The convener adds the meeting's sign-in sheet to the case's attachments and records the meeting.
    await convener.reload();
    await convener.getByTestId('case-attachments').waitFor();
    await convener
      .getByTestId('case-attachments')
      .locator('input[type=file]')
      .setInputFiles({
        name: '会商签到表.pdf',
        mimeType: 'application/pdf',
        buffer: Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n'),
      });
    await convener.getByTestId('attachment-download').first().waitFor({ timeout: 15_000 });
    await act(convener, 'recordConsultation', async (p) => {
      await p.locator('#action_place').fill('市局三楼会议室');
      await p.getByTestId('action-present').getByText('彭涛').click();
      await p.locator('#action_participants').fill('登记注册科、消保科负责人列席');
      await p.getByTestId('conclusion-resolvable').click();
      await p
        .locator('#action_record')
        .fill('会商决定：登记注册科三个工作日内发函调取电子档案，消保科配合答复企业。');
    });
    expect(await stateOf(convener)).toBe('resolving');
    await expect(convener.getByTestId('consultation-conclusion').textContent()).resolves.toContain('能办');
    await shot(convener, 'consultation-recorded');

    // The minutes, downloaded from the case page.
    const [download] = await Promise.all([
      convener.waitForEvent('download'),
      convener.getByTestId('consultation-minutes').click(),
    ]);
    expect(download.suggestedFilename()).toBe(
      `会商纪要-${await convener.getByTestId('case-number').textContent()}.docx`,
    );
    const file = fs.readFileSync((await download.path()) ?? '');
    const { text } = readDocx(file);
    for (const expected of [
      '会商纪要',
      '会商召集人：赵红',
      '会商地点：市局三楼会议室',
      '出席人员：赵红、彭涛',
      '未出席人员：黄磊',
      '建议由登记注册科牵头发函调取电子档案',
      '能办：按会商意见办理，召集人跟踪问效',
      '登记注册科三个工作日内发函调取电子档案',
      '1. 会商签到表.pdf',
    ]) {
      expect(text).toContain(expected);
    }
    await convener.context().close();

    // Recorded: no longer on an invitee's to-do list.
    const invitee = await newPage(e2e);
    await signIn(invitee, 'cqsc1');
    expect(await onTodoList(invitee, caseId)).toBe(false);
    await invitee.context().close();
    await lead.context().close();
  });
});
