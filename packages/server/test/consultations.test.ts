// Cross-department matters on both databases (work plan 四(一)): co-departments named, added and removed
// (told, audited, on their to-do lists), a matter with no competent department, and a consultation
// convened by a leader with invitees who read the case and have it on their to-do list until the
// convener records it; its minutes as DOCX.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { createTestApp, DIALECTS, type Client, type TestApp } from './harness.ts';
import { readDocx } from './docx-reading.ts';

describe.each(DIALECTS)('consultations and co-departments [%s]', (dialect) => {
  let t: TestApp;
  const dept: Record<string, string> = {};
  const people: Record<string, Client> = {};
  const as = async (username: string) => (people[username] ??= await t.signIn(username));
  const send = (c: Client, method: 'POST' | 'PUT', url: string, body: unknown, key?: string) =>
    t.inject({
      method,
      url,
      headers: {
        cookie: c.cookie,
        'x-csrf-token': c.csrfToken,
        ...(key !== undefined && { 'idempotency-key': key }),
      },
      payload: body as Record<string, unknown>,
    });
  const todoIds = async (username: string) =>
    (
      (await (await as(username)).request('GET', '/api/cases?view=todo&pageSize=100')).json().items as {
        id: string;
      }[]
    ).map((i) => i.id);
  const kindsOf = async (username: string, caseId: string) =>
    (
      (await (await as(username)).request('GET', '/api/notifications?pageSize=200')).json().items as {
        kind: string;
        caseId: string | null;
      }[]
    )
      .filter((n) => n.caseId === caseId)
      .map((n) => n.kind);
  const count = async (table: 'audit_events' | 'case_consultation_people' | 'case_co_departments') =>
    Number(
      (
        await t.ctx.database.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number | string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const register = async (extra: Record<string, unknown>) => {
    const res = await (
      await as('shouwen')
    ).request('POST', '/api/cases', {
      applicant: { kind: 'enterprise', name: '跨科室测试有限公司', phone: '13912345678' },
      channel: 'visit',
      receivedAt: '2026-11-20T09:00:00+08:00',
      matterType: 'service',
      matterTitle: '异地迁入企业档案调取',
      description: '需要多个科室配合',
      ...extra,
    });
    expect(res.statusCode).toBe(201);
    return res.json() as { id: string; version: number; number: string };
  };

  beforeAll(async () => {
    t = await createTestApp(dialect);
    const rows = await t.ctx.database.db.selectFrom('departments').select(['id', 'name']).execute();
    for (const r of rows) dept[r.name] = r.id;
  });
  afterAll(async () => {
    await t.dispose();
  });

  it('leads a matter with no competent department from the first-inquiry department', async () => {
    const shouwen = await as('shouwen');
    const elsewhere = await shouwen.request('POST', '/api/cases', {
      applicant: { kind: 'person', name: '无主管', phone: '13912345670' },
      channel: 'phone',
      receivedAt: '2026-11-20T09:00:00+08:00',
      matterType: 'enquiry',
      matterTitle: '新业态经营范围',
      description: '没有明确主管部门',
      departmentId: dept['消费者权益保护科'],
      noCompetentDepartment: true,
    });
    expect(elsewhere.statusCode).toBe(400);
    expect(elsewhere.json().error.fields).toEqual({ departmentId: expect.stringContaining('首问科室牵头') });
    const c = await register({ noCompetentDepartment: true });
    const detail = (await shouwen.request('GET', `/api/cases/${c.id}`)).json();
    expect(detail).toMatchObject({
      noCompetentDepartment: true,
      crossDepartment: true,
      departmentName: '登记注册科',
      coDepartments: [],
    });
    // With no co-department, a consultation can still be asked for.
    expect(detail.abilities.actions).toContain('requestConsultation');
    expect(detail.abilities.conveners.map((p: { username: string }) => p.username)).toEqual(
      expect.arrayContaining(['fenguan', 'juzhang']),
    );
  });

  it('tells co-departments when named, puts the case on their to-do list, and lets the lead change them', async () => {
    const c = await register({ coDepartmentIds: [dept['消费者权益保护科']] });
    for (const u of ['xbk1', 'xbk2', 'xbkkz']) {
      expect(await kindsOf(u, c.id)).toEqual(['coDepartmentNamed']);
    }
    expect(await todoIds('xbk1')).toContain(c.id);
    expect(await todoIds('jgjc1')).not.toContain(c.id);

    // Another first responder of the lead department may not; an outsider gets 404; nothing changes.
    await Promise.all(['djzc2', 'cqsc1', 'keshi'].map(as));
    const before = { audit: await count('audit_events'), co: await count('case_co_departments') };
    const body = { version: c.version, departmentIds: [dept['消费者权益保护科'], dept['价格监督检查科']] };
    const other = await send(await as('djzc2'), 'PUT', `/api/cases/${c.id}/co-departments`, body);
    expect(other.statusCode).toBe(403);
    expect(other.json().error.code).toBe('CO_DEPARTMENTS_NOT_YOURS');
    const outsider = await send(await as('cqsc1'), 'PUT', `/api/cases/${c.id}/co-departments`, body);
    expect(outsider.statusCode).toBe(404);
    const lead = await send(await as('keshi'), 'PUT', `/api/cases/${c.id}/co-departments`, {
      ...body,
      departmentIds: [dept['登记注册科']],
    });
    expect(lead.statusCode).toBe(400);
    expect({ audit: await count('audit_events'), co: await count('case_co_departments') }).toEqual(before);

    // The lead department head adds 价格监督检查科: its people are told, once, even when sent twice.
    const added = await send(
      await as('keshi'),
      'PUT',
      `/api/cases/${c.id}/co-departments`,
      body,
      'add-jgjc-1',
    );
    expect(added.statusCode).toBe(200);
    const again = await send(
      await as('keshi'),
      'PUT',
      `/api/cases/${c.id}/co-departments`,
      body,
      'add-jgjc-1',
    );
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json().version).toBe(added.json().version);
    expect(
      added
        .json()
        .coDepartments.map((d: { departmentName: string }) => d.departmentName)
        .sort(),
    ).toEqual(['价格监督检查科', '消费者权益保护科'].sort());
    expect(await kindsOf('jgjc1', c.id)).toEqual(['coDepartmentNamed']);
    expect(await kindsOf('xbk1', c.id)).toEqual(['coDepartmentNamed']);
    expect(await todoIds('jgjc1')).toContain(c.id);

    // 价格监督检查科 contributes, then the first responder removes it: its contribution stays on record.
    const jgjc1 = await as('jgjc1');
    const contributed = await jgjc1.request('POST', `/api/cases/${c.id}/contributions`, {
      departmentId: dept['价格监督检查科'],
      text: '已核查价格备案情况',
    });
    expect(contributed.statusCode).toBe(200);
    const removed = await send(await as('shouwen'), 'PUT', `/api/cases/${c.id}/co-departments`, {
      version: added.json().version,
      departmentIds: [dept['消费者权益保护科']],
    });
    expect(removed.statusCode).toBe(200);
    const stale = await send(await as('shouwen'), 'PUT', `/api/cases/${c.id}/co-departments`, {
      version: added.json().version,
      departmentIds: [],
    });
    expect(stale.statusCode).toBe(409);
    const contributions = (
      await (await as('shouwen')).request('GET', `/api/cases/${c.id}/contributions`)
    ).json();
    expect(contributions.items).toEqual([
      expect.objectContaining({ departmentName: '价格监督检查科', text: '已核查价格备案情况' }),
    ]);
    const detail = removed.json();
    const changes = detail.timeline.filter((e: { type: string }) => e.type === 'case.coDepartmentsChanged');
    expect(changes.map((e: { payload: unknown }) => e.payload)).toEqual([
      { added: [dept['价格监督检查科']], removed: [] },
      { added: [], removed: [dept['价格监督检查科']] },
    ]);
    expect(changes.map((e: { actor: { username: string } }) => e.actor.username)).toEqual([
      'keshi',
      'shouwen',
    ]);
    // No longer a co-department: off its to-do list, and its people no longer read the case.
    expect(await todoIds('jgjc1')).not.toContain(c.id);
    expect((await jgjc1.request('GET', `/api/cases/${c.id}`)).statusCode).toBe(404);
  });

  it('runs a consultation convened by a leader in charge, with invitees who read it until it is recorded', async () => {
    const c = await register({ coDepartmentIds: [dept['消费者权益保护科']] });
    const shouwen = await as('shouwen');
    const act = (who: Client, version: number, action: Record<string, unknown>) =>
      who.request('POST', `/api/cases/${c.id}/actions`, { version, action });
    // A leader of no department concerned cannot convene (城区分局's leader in charge).
    const cqfj = (
      await t.ctx.database.db
        .selectFrom('people')
        .select('id')
        .where('username', '=', 'cqfj')
        .executeTakeFirstOrThrow()
    ).id;
    const bad = await act(shouwen, c.version, {
      type: 'requestConsultation',
      proposal: '建议',
      convenerId: cqfj,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('CONSULTATION_CONVENER_INVALID');
    // The co-department's leader in charge (赵红) convenes: 共同主管领导.
    const fenguan2 = await as('fenguan2');
    const requested = await act(shouwen, c.version, {
      type: 'requestConsultation',
      proposal: '建议由登记注册科牵头发函调取电子档案，消保科配合答复企业。',
      convenerId: fenguan2.personId,
    });
    expect(requested.statusCode).toBe(200);
    expect(requested.json().state).toBe('inConsultation');
    expect(requested.json().facts.consultations.at(-1)).toMatchObject({
      proposal: '建议由登记注册科牵头发函调取电子档案，消保科配合答复企业。',
      convener: { username: 'fenguan2' },
      people: [{ person: { username: 'fenguan2' }, role: 'convener', present: null }],
      meeting: null,
    });
    expect(await kindsOf('fenguan2', c.id)).toContain('consultationRequested');
    expect(await todoIds('fenguan2')).toContain(c.id);

    // Before the invitation the other unit's people see nothing.
    const cqsc1 = await as('cqsc1');
    const spsc1 = await as('spsc1');
    expect((await cqsc1.request('GET', `/api/cases/${c.id}`)).statusCode).toBe(404);
    expect((await spsc1.request('GET', `/api/cases/${c.id}`)).statusCode).toBe(404);
    // Only the convener invites; an outsider gets 404 and nothing changes.
    await as('cqsc2');
    const before = await count('case_consultation_people');
    const invite = { personIds: [cqsc1.personId, spsc1.personId] };
    const byLead = await send(shouwen, 'POST', `/api/cases/${c.id}/consultation/invitees`, invite);
    expect(byLead.statusCode).toBe(403);
    expect(byLead.json().error.code).toBe('NOT_THE_CONVENER');
    const byOutsider = await send(
      await as('cqsc2'),
      'POST',
      `/api/cases/${c.id}/consultation/invitees`,
      invite,
    );
    expect(byOutsider.statusCode).toBe(404);
    expect(
      (await (await as('cqsc2')).request('GET', `/api/cases/${c.id}/consultation/candidates`)).statusCode,
    ).toBe(404);
    const unknown = await send(fenguan2, 'POST', `/api/cases/${c.id}/consultation/invitees`, {
      personIds: ['00000000-0000-4000-8000-000000000000'],
    });
    expect(unknown.statusCode).toBe(400);
    expect(await count('case_consultation_people')).toBe(before);

    const candidates = (await fenguan2.request('GET', `/api/cases/${c.id}/consultation/candidates`)).json();
    expect(candidates.items.map((p: { username: string }) => p.username)).toEqual(
      expect.arrayContaining(['cqsc1', 'spsc1']),
    );
    const invited = await send(
      fenguan2,
      'POST',
      `/api/cases/${c.id}/consultation/invitees`,
      invite,
      'invite-1',
    );
    expect(invited.statusCode).toBe(200);
    const replayed = await send(
      fenguan2,
      'POST',
      `/api/cases/${c.id}/consultation/invitees`,
      invite,
      'invite-1',
    );
    expect(replayed.headers['idempotent-replayed']).toBe('true');
    expect(await count('case_consultation_people')).toBe(before + 2);
    expect(invited.json().abilities.inviteToConsultation).toBe(true);
    for (const [who, username] of [
      [cqsc1, 'cqsc1'],
      [spsc1, 'spsc1'],
    ] as const) {
      expect(await kindsOf(username, c.id)).toEqual(['consultationInvited']);
      expect(await todoIds(username)).toContain(c.id);
      const page = await who.request('GET', `/api/cases/${c.id}`);
      expect(page.statusCode).toBe(200);
      // Readers, not workers: no action, no invitation.
      expect(page.json().abilities).toMatchObject({ actions: [], inviteToConsultation: false });
    }
    const invitedEvents = invited
      .json()
      .timeline.filter((e: { type: string }) => e.type === 'case.consultationInvited');
    expect(invitedEvents).toHaveLength(1);

    // Only the convener records it: the first responder may not.
    const record = {
      type: 'recordConsultation',
      heldAt: '2026-11-20T15:00:00+08:00',
      place: '市局三楼会议室',
      presentIds: [cqsc1.personId],
      participants: '登记注册科、消保科负责人',
      conclusion: 'resolvable',
      record: '会商决定：登记注册科三个工作日内发函调取电子档案，消保科配合答复企业。',
    };
    const version = invited.json().version;
    expect((await act(shouwen, version, record)).statusCode).toBe(403);
    const recorded = await act(fenguan2, version, record);
    expect(recorded.statusCode).toBe(200);
    expect(recorded.json().state).toBe('resolving');
    const consultation = recorded.json().facts.consultations.at(-1);
    expect(consultation.meeting).toMatchObject({
      place: '市局三楼会议室',
      recordedBy: { username: 'fenguan2' },
    });
    expect(
      consultation.people.map((p: { person: { username: string }; present: boolean }) => [
        p.person.username,
        p.present,
      ]),
    ).toEqual([
      ['fenguan2', true],
      ['spsc1', false],
      ['cqsc1', true],
    ]);
    // The conclusion drives the case: a follow-up duty for the convener.
    const due = (await fenguan2.request('GET', '/api/follow-ups')).json();
    expect(due.items).toContainEqual(expect.objectContaining({ caseId: c.id, level: null }));
    // Off the invitees' to-do lists; they still read what they took part in; outsiders still 404.
    expect(await todoIds('cqsc1')).not.toContain(c.id);
    expect((await cqsc1.request('GET', `/api/cases/${c.id}`)).statusCode).toBe(200);
    expect((await (await as('cqsc2')).request('GET', `/api/cases/${c.id}`)).statusCode).toBe(404);
    const all = (await cqsc1.request('GET', '/api/cases?view=all&pageSize=100')).json().items;
    expect(all.map((i: { id: string }) => i.id)).toContain(c.id);
    // No more invitations once recorded.
    const late = await send(fenguan2, 'POST', `/api/cases/${c.id}/consultation/invitees`, invite);
    expect(late.statusCode).toBe(409);

    // The minutes (会商纪要) as DOCX, for whoever reads the case.
    const res: LightMyRequestResponse = await cqsc1.request(
      'GET',
      `/api/cases/${c.id}/consultation-minutes.docx`,
    );
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain('consultation-minutes-');
    const { text } = readDocx(res.rawPayload);
    for (const expected of [
      '会商纪要',
      '异地迁入企业档案调取',
      '会商召集人：赵红',
      '会商地点：市局三楼会议室',
      '会商时间：2026年11月20日 15:00',
      '出席人员：赵红、彭涛',
      '未出席人员：黄磊',
      '共同办理科室：消费者权益保护科',
      '建议由登记注册科牵头发函调取电子档案',
      '能办：按会商意见办理，召集人跟踪问效',
      '消保科配合答复企业',
    ]) {
      expect(text).toContain(expected);
    }
    expect(
      (await (await as('cqsc2')).request('GET', `/api/cases/${c.id}/consultation-minutes.docx`)).statusCode,
    ).toBe(404);
  });

  it('sends a consultation that finds no way back to the chain, where the first responder may propose a refusal', async () => {
    const c = await register({ coDepartmentIds: [dept['消费者权益保护科']] });
    const shouwen = await as('shouwen');
    const fenguan = await as('fenguan');
    const act = (who: Client, version: number, action: Record<string, unknown>) =>
      who.request('POST', `/api/cases/${c.id}/actions`, { version, action });
    // No convener named: the lead department's leader in charge (李明).
    const requested = await act(shouwen, c.version, { type: 'requestConsultation', proposal: '建议会商' });
    expect(requested.json().facts.consultations.at(-1).convener.username).toBe('fenguan');
    const recorded = await act(fenguan, requested.json().version, {
      type: 'recordConsultation',
      heldAt: '2026-11-20T15:00:00+08:00',
      participants: '各科室',
      conclusion: 'notResolvable',
      record: '确因法规限制无法办理，退回首问负责人按程序提级。',
    });
    expect(recorded.json().state).toBe('open');
    const back = (await shouwen.request('GET', `/api/cases/${c.id}`)).json();
    expect(back.abilities.actions).toContain('proposeRefusal');
    // The minutes say so.
    const { text } = readDocx(
      (await shouwen.request('GET', `/api/cases/${c.id}/consultation-minutes.docx`)).rawPayload,
    );
    expect(text).toContain('仍不能办：退回首问负责人，按四级责任链条逐级审批');
  });
});
