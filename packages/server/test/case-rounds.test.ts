// When 能办 fails (issue 8): rounds of the approval form, follow-up duties with a due date and their
// outcomes (未落实 reopens the case at the level that found the way), and withdrawing a proposal — over
// HTTP on both databases.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, DIALECTS, type Client, type TestApp } from './harness.ts';
import { fixedClock } from '../src/platform/clock.ts';
import { readDocx } from './docx-reading.ts';

const NOW = '2026-11-23T10:00:00+08:00'; // a Monday: five working days on is Monday 30 November

const registration = (matterTitle: string) => ({
  applicant: { kind: 'person', name: '轮次申请人', phone: '13912345678' },
  channel: 'counter',
  receivedAt: '2026-11-20T09:30:00+08:00',
  matterType: 'licensing',
  matterTitle,
  description: '申请在住宅楼内办理食品经营许可',
});

async function act(c: Client, id: string, action: Record<string, unknown>) {
  const current = (await c.request('GET', `/api/cases/${id}`)).json();
  const res = await c.request('POST', `/api/cases/${id}/actions`, { version: current.version, action });
  if (res.statusCode === 200) {
    expect(res.json()).toEqual((await c.request('GET', `/api/cases/${id}`)).json());
  }
  return res;
}

async function ok(c: Client, id: string, action: Record<string, unknown>) {
  const res = await act(c, id, action);
  if (res.statusCode !== 200) throw new Error(`${String(action.type)}: ${res.statusCode} ${res.body}`);
  return res.json();
}

describe.each(DIALECTS)('case rounds and follow-ups [%s]', (dialect) => {
  let t: TestApp;
  let shouwen: Client, keshi: Client, fenguan: Client, juzhang: Client, outsider: Client;
  beforeAll(async () => {
    t = await createTestApp(dialect, {}, { clock: fixedClock(NOW) });
    shouwen = await t.signIn('shouwen');
    keshi = await t.signIn('keshi');
    fenguan = await t.signIn('fenguan');
    juzhang = await t.signIn('juzhang');
    outsider = await t.signIn('jgjc1');
  });
  afterAll(async () => {
    await t.dispose();
  });

  const register = async (title: string) =>
    (await shouwen.request('POST', '/api/cases', registration(title))).json();
  const propose = (id: string) =>
    ok(shouwen, id, { type: 'proposeRefusal', reason: 'notPermitted', reasonText: '住宅楼不得从事食品加工' });

  it('能办 at level 2, the way fails, a new round is refused at level 4 and answered', async () => {
    const c = await register('能办后失败');
    await propose(c.id);
    const resolved = await ok(keshi, c.id, { type: 'decide', decision: 'resolvable', opinion: '可改址办理' });
    expect(resolved.state).toBe('resolving');
    // The department head owes a follow-up, due five working days on, and sees it in their list.
    expect(resolved.facts.followUps).toEqual([
      expect.objectContaining({
        person: expect.objectContaining({ username: 'keshi' }),
        round: 1,
        level: 2,
        dueOn: '2026-11-30',
        outcome: null,
        recordedAt: null,
        overdue: false,
      }),
    ]);
    const due = (await keshi.request('GET', '/api/follow-ups')).json();
    expect(due.items).toContainEqual(
      expect.objectContaining({ caseId: c.id, level: 2, dueOn: '2026-11-30', state: 'resolving' }),
    );
    expect((await shouwen.request('GET', '/api/follow-ups')).json().items).not.toContainEqual(
      expect.objectContaining({ caseId: c.id }),
    );

    // Without what was tried there is no new round.
    const bare = await act(shouwen, c.id, { type: 'reopenRound', reason: 'notPermitted', reasonText: 'x' });
    expect(bare.statusCode).toBe(400);
    const round2 = await ok(shouwen, c.id, {
      type: 'reopenRound',
      tried: '协助企业寻找商业用房，周边无合适场所',
      reason: 'conditionsLacking',
      reasonText: '客观条件不具备',
    });
    expect(round2.state).toBe('atDeptHead');
    expect(round2.decisions).toEqual([]);
    expect(round2.facts.followUps[0]).toMatchObject({ superseded: true, outcome: null });
    expect((await keshi.request('GET', '/api/follow-ups')).json().items).not.toContainEqual(
      expect.objectContaining({ caseId: c.id }),
    );
    await ok(keshi, c.id, { type: 'decide', decision: 'escalate', opinion: '确无场所，提请分管领导' });
    await ok(fenguan, c.id, { type: 'decide', decision: 'escalate', opinion: '提请主要领导' });
    const refused = await ok(juzhang, c.id, {
      type: 'decide',
      decision: 'refuse',
      opinion: '确实不能办',
      workableSuggestion: '可在商业用房开办后再申请',
    });
    expect(refused.state).toBe('refused');
    const closed = await ok(shouwen, c.id, {
      type: 'recordReply',
      method: 'written',
      sentOn: NOW.slice(0, 10),
      delivery: 'post',
      address: '演示市人民路1号',
      content: '书面答复',
    });
    expect(closed.state).toBe('replied');

    // Both rounds stay on the record, each with its own decisions and what was tried.
    expect(closed.rounds).toMatchObject([
      {
        round: 1,
        kind: 'proposal',
        tried: null,
        refusalReason: 'notPermitted',
        decisions: [{ level: 2, decision: 'resolvable' }],
      },
      {
        round: 2,
        kind: 'reopened',
        tried: '协助企业寻找商业用房，周边无合适场所',
        refusalReason: 'conditionsLacking',
        decisions: [
          { level: 2, decision: 'escalate' },
          { level: 3, decision: 'escalate' },
          { level: 4, decision: 'refuse' },
        ],
      },
    ]);
    // The approval form prints both rounds: the current one in the table, the earlier one after it.
    const form = await shouwen.request('GET', `/api/cases/${c.id}/form.docx`);
    expect(form.statusCode).toBe(200);
    const { text } = readDocx(form.rawPayload);
    expect(text).toContain('已尝试的办法及结果：协助企业寻找商业用房，周边无合适场所');
    expect(text).toContain('本表为第2轮审批，此前各轮见表后。');
    expect(text).toMatch(/第1轮审批（首问负责人提出说“不”/);
    expect(text).toContain('【能办】可改址办理');
    expect(text).toContain('【确实不能办】确实不能办');
  });

  it('a follow-up that finds the way 未落实 reopens a closed case at the level that found it', async () => {
    const c = await register('跟踪未落实');
    await propose(c.id);
    await ok(keshi, c.id, { type: 'decide', decision: 'escalate', opinion: '提请分管领导' });
    await ok(fenguan, c.id, { type: 'decide', decision: 'resolvable', opinion: '协调场地后可办' });
    await ok(shouwen, c.id, { type: 'closeDone', note: '已协调场地并办结' });
    // Only the one who found the way records it.
    const notMine = await act(keshi, c.id, { type: 'recordFollowUp', outcome: 'implemented', note: '回访' });
    expect(notMine.statusCode).toBe(403);
    const noOutcome = await act(fenguan, c.id, { type: 'recordFollowUp', note: '回访' });
    expect(noOutcome.statusCode).toBe(400);
    const reopened = await ok(fenguan, c.id, {
      type: 'recordFollowUp',
      outcome: 'notImplemented',
      note: '回访发现场地未落实',
    });
    expect(reopened).toMatchObject({ state: 'atLeaderInCharge', outcome: null, currentLevel: 3 });
    // The new round starts at level 3, level 2 standing as it decided.
    expect(reopened.rounds.at(-1)).toMatchObject({
      round: 2,
      kind: 'followUpFailed',
      startLevel: 3,
      tried: '回访发现场地未落实',
      decisions: [{ level: 2, decision: 'escalate', opinion: '提请分管领导' }],
    });
    expect(reopened.facts.followUps[0]).toMatchObject({
      outcome: 'notImplemented',
      note: '回访发现场地未落实',
    });
    // The first responder has nothing to do while the form waits at level 3.
    expect((await shouwen.request('GET', `/api/cases/${c.id}`)).json().abilities.actions).toEqual([]);
    expect((await fenguan.request('GET', `/api/cases/${c.id}`)).json().abilities.decisions).toEqual([
      'resolvable',
      'escalate',
    ]);
    // 落实 the second time: the duty closes, the case goes on.
    await ok(fenguan, c.id, { type: 'decide', decision: 'resolvable', opinion: '另择场地可办' });
    const checked = await ok(fenguan, c.id, {
      type: 'recordFollowUp',
      outcome: 'implemented',
      note: '已落实',
    });
    expect(checked.state).toBe('resolving');
    expect(checked.facts.followUps.map((f: { outcome: string }) => f.outcome)).toEqual([
      'notImplemented',
      'implemented',
    ]);
    expect((await fenguan.request('GET', '/api/follow-ups')).json().items).not.toContainEqual(
      expect.objectContaining({ caseId: c.id }),
    );
  });

  it('lets the proposer withdraw before the department head decides, and not after', async () => {
    const c = await register('撤回申请');
    await propose(c.id);
    const other = await act(keshi, c.id, { type: 'withdrawProposal' });
    expect(other.statusCode).toBe(403);
    const withdrawn = await ok(shouwen, c.id, { type: 'withdrawProposal', note: '已补齐材料' });
    expect(withdrawn).toMatchObject({ state: 'open', proposer: null, decisions: [] });
    expect(withdrawn.rounds).toMatchObject([{ round: 1, withdrawnAt: expect.any(String) }]);
    // Proposed again: a new round; once the head has decided it can no longer be withdrawn.
    const again = await propose(c.id);
    expect(again.rounds.map((r: { round: number }) => r.round)).toEqual([1, 2]);
    await ok(keshi, c.id, { type: 'decide', decision: 'escalate', opinion: '提请分管领导' });
    const late = await act(shouwen, c.id, { type: 'withdrawProposal' });
    expect(late.statusCode).toBe(409);
    expect(late.json().error.code).toBe('PROPOSAL_ALREADY_DECIDED');
  });

  it('tells an outsider nothing and changes nothing', async () => {
    const c = await register('外人');
    await propose(c.id);
    const before = (await shouwen.request('GET', `/api/cases/${c.id}`)).json();
    const res = await outsider.request('POST', `/api/cases/${c.id}/actions`, {
      version: before.version,
      action: { type: 'withdrawProposal' },
    });
    expect(res.statusCode).toBe(404);
    expect((await shouwen.request('GET', `/api/cases/${c.id}`)).json()).toEqual(before);
    expect((await outsider.request('GET', '/api/follow-ups')).json().items).toEqual([]);
  });
});
