// The demo ledger (监督台账): a few reports in different states, so the ledger is not empty on `npm start`.
// Made by the demo people through the ledger's own service functions, so each went through the real
// workflow, its audit events and notifications: reports from the public site (with a solved
// proof-of-work challenge, received when the demo is loaded) and reports the supervision office
// registered from calls, letters and visits in November 2026, one with an order now overdue (红灯).
import { solveChallenge } from 'altcha-lib/v1';
import type { ReportDetail } from '@bancheng/core';
import { fixedClock, systemClock } from '../../platform/clock.ts';
import type { AppContext } from '../../platform/context.ts';
import { todayOf } from '../../platform/context.ts';
import { subjectOf } from '../../modules/access/index.ts';
import { findAccountByUsername } from '../../modules/people/index.ts';
import {
  answerOrder,
  newChallenge,
  recordReferralFinding,
  referToDiscipline,
  registerReport,
  replyToReporter,
  submitPublicReport,
  superviseReport,
  triageReport,
  verifyOrder,
  type LedgerActor,
} from '../../modules/ledger/index.ts';

const BUREAU = '演示市市场监督管理局';

/** The client address the demo's public reports are counted under (the per-address limit). */
const DEMO_ADDRESS = 'demo-loader';

async function placeOf(ctx: AppContext, unitName: string, departmentName?: string) {
  const db = ctx.database.db;
  const unit = await db.selectFrom('org_units').select('id').where('name', '=', unitName).executeTakeFirst();
  if (!unit) throw new Error(`the demo ledger names an unknown unit: ${unitName}`);
  if (!departmentName) return { unitId: unit.id };
  const dep = await db
    .selectFrom('departments')
    .select('id')
    .where('unit_id', '=', unit.id)
    .where('name', '=', departmentName)
    .executeTakeFirst();
  if (!dep) throw new Error(`the demo ledger names an unknown department: ${departmentName}`);
  return { unitId: unit.id, departmentId: dep.id };
}

async function departmentIdOf(ctx: AppContext, unitName: string, departmentName: string): Promise<string> {
  const { departmentId } = await placeOf(ctx, unitName, departmentName);
  if (!departmentId) throw new Error(`the demo ledger names an unknown department: ${departmentName}`);
  return departmentId;
}

/** A report from the public site, as the form sends it: the challenge solved, the JSON part, no files. */
async function fromSite(demoCtx: AppContext, report: Record<string, unknown>): Promise<void> {
  // By the wall clock whatever the demo's clock says: the challenge's expiry is checked against it.
  const ctx = { ...demoCtx, clock: systemClock };
  const c = await newChallenge(ctx);
  const solution = await solveChallenge(c.challenge, c.salt, c.algorithm, c.maxnumber).promise;
  if (!solution) throw new Error('the demo could not solve its own challenge');
  const altcha = Buffer.from(JSON.stringify({ ...c, number: solution.number, took: solution.took })).toString(
    'base64',
  );
  async function* parts() {
    yield {
      type: 'field' as const,
      fieldname: 'report',
      value: JSON.stringify({ consent: true, ...report }),
    };
    yield { type: 'field' as const, fieldname: 'altcha', value: altcha };
  }
  await submitPublicReport(ctx, DEMO_ADDRESS, parts(), 'zh');
}

export async function loadDemoLedger(ctx: AppContext): Promise<number> {
  const actors = new Map<string, LedgerActor>();
  /** `username` acting at `at` (China time): the subject as of that day. */
  const as = async (username: string, at: string) => {
    const stepCtx = { ...ctx, clock: fixedClock(new Date(at)) };
    let actor = actors.get(`${username}@${at.slice(0, 10)}`);
    if (!actor) {
      const person = await findAccountByUsername(ctx.database.db, username);
      if (!person) throw new Error(`the demo ledger names an unknown person: ${username}`);
      const subject = await subjectOf(ctx.database.db, person.id, todayOf(stepCtx));
      actor = { personId: person.id, address: null, subject };
      actors.set(`${username}@${at.slice(0, 10)}`, actor);
    }
    return { ctx: stepCtx, actor };
  };
  const lastOrder = (r: ReportDetail) => {
    const order = r.orders.at(-1);
    if (!order) throw new Error('the demo report has no order');
    return order.id;
  };

  // 1. A phone call about a counter of 登记注册科: in scope, ordered, answered, verified, replied.
  {
    const a = await as('ducha', '2026-11-09T09:30:00+08:00');
    const { report } = await registerReport(a.ctx, a.actor, {
      source: 'phone',
      receivedAt: '2026-11-09T09:10:00+08:00',
      what: '来电反映：到登记注册科窗口办理营业执照经营范围变更，材料齐全，工作人员称“系统升级”让改日再来，已往返三次。',
      ...(await placeOf(ctx, BUREAU, '登记注册科')),
      counter: '2号窗口',
      name: '李建华',
      phone: '13700000101',
      wantsSms: true,
    });
    let r = await triageReport(a.ctx, a.actor, report.id, {
      decision: 'inScope',
      note: '属于“办不成事”，列入台账督办。',
    });
    r = await superviseReport(a.ctx, a.actor, r.id, {
      departmentId: await departmentIdOf(ctx, BUREAU, '登记注册科'),
      instructions: '请核实窗口未予受理的原因，3个工作日内为申请人办结并反馈。',
      dueWorkdays: 3,
    });
    const h = await as('keshi', '2026-11-11T15:00:00+08:00');
    await answerOrder(h.ctx, h.actor, lastOrder(r), {
      text: '经核实，系统当日确有短时故障，但窗口人员未做登记、未主动联系申请人。已于11月10日为申请人办结变更，并对窗口人员批评教育。',
    });
    const v = await as('ducha', '2026-11-12T10:00:00+08:00');
    r = await verifyOrder(v.ctx, v.actor, lastOrder(r), { accept: true });
    await replyToReporter(v.ctx, v.actor, r.id, {
      text: '您反映的营业执照变更问题已督办，登记注册科已为您办结，并对相关工作人员进行了批评教育。感谢您的监督。',
      sendSms: false,
    });
  }

  // 2. A letter about 食品生产安全监管科: in scope, ordered; the order is now overdue (红灯).
  {
    const a = await as('ducha', '2026-11-23T10:00:00+08:00');
    const { report } = await registerReport(a.ctx, a.actor, {
      source: 'letter',
      receivedAt: '2026-11-23T09:00:00+08:00',
      what: '来信反映：申请食品生产许可延续，提交材料已超过法定时限，至今没有任何答复，也不告知缺什么材料。',
      ...(await placeOf(ctx, BUREAU, '食品生产安全监管科')),
      happenedOn: '2026-10-20',
      name: '演示市佳味食品有限公司 陈经理',
      phone: '13700000102',
      wantsSms: false,
    });
    const r = await triageReport(a.ctx, a.actor, report.id, { decision: 'inScope' });
    await superviseReport(a.ctx, a.actor, r.id, {
      departmentId: await departmentIdOf(ctx, BUREAU, '食品生产安全监管科'),
      instructions: '请查明许可延续申请超时未办的原因，一次性告知所需材料，并反馈办理情况。',
      dueWorkdays: 3,
    });
  }

  // 3. A visit: in scope, referred to discipline inspection, found not substantiated, then answered.
  {
    const a = await as('ducha', '2026-11-16T14:00:00+08:00');
    const { report } = await registerReport(a.ctx, a.actor, {
      source: 'visit',
      receivedAt: '2026-11-16T13:40:00+08:00',
      what: '来访反映：价格监督检查科执法人员检查时暗示“打点一下”可以从轻处理。',
      ...(await placeOf(ctx, BUREAU, '价格监督检查科')),
      happenedOn: '2026-11-13',
      name: '赵立',
      phone: '13700000103',
      wantsSms: false,
    });
    let r = await triageReport(a.ctx, a.actor, report.id, { decision: 'inScope' });
    r = await referToDiscipline(a.ctx, a.actor, r.id, {
      note: '反映执法人员涉嫌索要好处，移送纪检监察室核查。',
    });
    const j = await as('jijian', '2026-11-25T16:00:00+08:00');
    if (!r.referral) throw new Error('the demo referral is missing');
    r = await recordReferralFinding(j.ctx, j.actor, r.referral.id, {
      substantiated: false,
      notes: '经调取执法记录仪视频、询问当事人和在场人员，未发现索要好处的情形；执法人员用语不规范。',
      accountability: '对执法人员进行提醒谈话，规范执法用语。',
    });
    const o = await as('ducha', '2026-11-26T10:00:00+08:00');
    await replyToReporter(o.ctx, o.actor, r.id, {
      text: '您反映的问题已移送纪检监察室核查，未发现索要好处的情形，已对执法人员进行提醒谈话、规范执法用语。感谢您的监督。',
      sendSms: false,
    });
  }

  // 4. A letter to the office still waiting for its preliminary assessment.
  {
    const a = await as('dcs1', '2026-11-30T11:00:00+08:00');
    await registerReport(a.ctx, a.actor, {
      source: 'letter',
      receivedAt: '2026-11-30T10:30:00+08:00',
      what: '来信反映：消费者权益保护科受理投诉后，一个多月没有告知处理进展。',
      ...(await placeOf(ctx, BUREAU, '消费者权益保护科')),
      wantsSms: false,
    });
  }

  // 5. A call about housing management, out of scope: answered and explained (答疑解惑), closed.
  {
    const a = await as('dcs1', '2026-11-26T09:20:00+08:00');
    const { report } = await registerReport(a.ctx, a.actor, {
      source: 'phone',
      receivedAt: '2026-11-26T09:05:00+08:00',
      what: '来电反映：小区物业不按合同维修电梯，希望市场监管局出面处理。',
      ...(await placeOf(ctx, BUREAU)),
      wantsSms: false,
    });
    await triageReport(a.ctx, a.actor, report.id, {
      decision: 'outOfScope',
      publicAnswer:
        '物业服务和维修责任由住房城乡建设部门监管，请向所在区住建局物业管理科反映；电梯存在安全隐患的，可拨打 12345 或本局特种设备安全监察科电话。',
      sendSms: false,
    });
  }

  // From the public site, when the demo is loaded: one about a unit (its discipline inspection receives
  // it, the city office oversees), one about a department of the bureau; both wait for the assessment.
  await fromSite(ctx, {
    what: '在城区分局市场监管股申请食品经营许可，窗口说需要“找人”才能快一点。',
    ...(await placeOf(ctx, '城区分局', '市场监管股')),
    counter: '综合窗口',
    language: 'zh',
  });
  await fromSite(ctx, {
    what: '特种设备使用登记网上申请提交后一直显示“待审核”，打电话没人接。',
    ...(await placeOf(ctx, BUREAU, '特种设备安全监察科')),
    language: 'zh',
  });
  return 7;
}
