// Test factories: a case in any workflow state, made through the real case service (the functions the API
// calls, as the demo cases are), so every seeded case went through the workflow rules, its decisions and
// its audit events. Tests that only need a case *at* a state start from here instead of walking it there
// through a dozen HTTP calls.
import type {
  CaseActionBody,
  CaseDetail,
  CaseOutcome,
  CaseState,
  DecisionLevel,
  RegisterCaseBody,
} from '@bancheng/core';
import { clockOf, type AppContext } from '../src/platform/context.ts';
import { actOnCase, registerCase } from '../src/modules/cases/case-service.ts';
import { findPersonRowByUsername } from '../src/modules/people/people-repository.ts';

type ActionOf<T extends CaseActionBody['type']> = Extract<CaseActionBody, { type: T }>;
type Fields<T> = T extends unknown ? Omit<T, 'type'> : never;

export interface SeedCaseOptions extends Partial<Omit<RegisterCaseBody, 'applicant'>> {
  /** The state the case is left in. */
  state: CaseState;
  applicant?: Partial<RegisterCaseBody['applicant']>;
  /** Username of the first responder who registers it; default `shouwen` (登记注册科 of the demo bureau). */
  by?: string;
  /** How a `closed` case was closed; default `done` (closed at once, as a case handled on the spot). */
  outcome?: CaseOutcome;
  /** For `resolving`: the level that finds a way (能办); default 2, the department head. */
  resolvedAt?: DecisionLevel;
  proposal?: Partial<Fields<ActionOf<'proposeRefusal'>>>;
  /** Each level's opinion on the approval form. */
  opinions?: Partial<Record<DecisionLevel, string>>;
  workableSuggestion?: string;
  reply?: Fields<ActionOf<'recordReply'>>;
  feedback?: Partial<Fields<ActionOf<'recordFeedback'>>>;
  /** The note of `closeDone`, or the notice of `giveOneTimeNotice`. */
  closing?: string;
}

const HOUR_MS = 3_600_000;

/** A one-time notice with every heading of the template filled (core cases/one-time-notice.ts). */
export const FILLED_NOTICE = [
  '一、办理依据：《食品经营许可和备案管理办法》',
  '二、办理程序：网上申请，窗口受理，现场核查',
  '三、所需材料：营业执照、经营场所证明',
  '四、办理时限：受理后10个工作日',
  '五、办理地点及联系方式：市民之家二楼12号窗口，0377-62306039',
].join('\n');

/** Registers a case and takes it, step by step through the case service, to `options.state`. */
export async function seedCase(app: { ctx: AppContext }, options: SeedCaseOptions): Promise<CaseDetail> {
  const { ctx } = app;
  const db = ctx.database.db;
  const {
    state,
    applicant,
    by = 'shouwen',
    outcome = state === 'closed' ? 'done' : undefined,
    resolvedAt = 2,
    proposal,
    opinions = {},
    workableSuggestion = '可按说“行”建议另行申办',
    reply = {
      method: 'written',
      sentOn: new Date(clockOf(ctx).getTime() + 8 * HOUR_MS).toISOString().slice(0, 10),
      delivery: 'post',
      address: '演示市人民路1号',
      content: '书面答复不能办理的原因及说“行”建议',
    },
    feedback,
    closing,
    ...registration
  } = options;
  const registrar = await findPersonRowByUsername(db, by);
  if (!registrar) throw new Error(`seedCase: no person ${by}`);

  let coDepartmentIds = registration.coDepartmentIds ?? [];
  if (state === 'inConsultation' && coDepartmentIds.length === 0) {
    // A consultation needs a cross-department case: any other department helps.
    const other = await db
      .selectFrom('departments')
      .select('id')
      .where('id', '!=', registration.departmentId ?? registrar.department_id)
      .orderBy('sort_order')
      .orderBy('id')
      .executeTakeFirstOrThrow();
    coDepartmentIds = [other.id];
  }

  let detail = await registerCase(
    ctx,
    { personId: registrar.id, address: null },
    {
      channel: 'counter',
      receivedAt: new Date(clockOf(ctx).getTime() - HOUR_MS).toISOString(),
      matterType: 'licensing',
      matterTitle: `测试事项（${state}）`,
      description: '由测试工厂登记的事项',
      ...registration,
      applicant: { kind: 'person', name: '测试申请人', phone: '13900000000', ...applicant },
      coDepartmentIds,
    },
  );

  const firstResponder = () => detail.firstResponder.id;
  const holderAt = (level: DecisionLevel) => {
    const holder = {
      2: detail.chain.deptHead,
      3: detail.chain.leaderInCharge,
      4: detail.chain.principalLeader,
    }[level];
    if (!holder) throw new Error(`seedCase: nobody holds level ${level} of the case's department`);
    return holder.id;
  };
  const take = async (personId: string, action: CaseActionBody) => {
    detail = await actOnCase(
      ctx,
      { personId, address: null },
      { id: detail.id, request: { version: detail.version, action } },
    );
  };
  const propose = () =>
    take(firstResponder(), {
      type: 'proposeRefusal',
      reason: 'notPermitted',
      reasonText: '测试：提请说“不”',
      ...proposal,
    });
  /** Escalates until the case waits at `level` (one person holding two levels decides once). */
  const escalateTo = async (level: DecisionLevel) => {
    while (detail.currentLevel !== null && detail.currentLevel < level) {
      const at = detail.currentLevel as DecisionLevel;
      await take(holderAt(at), {
        type: 'decide',
        decision: 'escalate',
        opinion: opinions[at] ?? `第 ${at} 级：提请上级`,
      });
    }
    if (detail.currentLevel !== level) throw new Error(`seedCase: the case did not reach level ${level}`);
  };
  const refuse = async () => {
    await propose();
    await escalateTo(4);
    await take(holderAt(4), {
      type: 'decide',
      decision: 'refuse',
      opinion: opinions[4] ?? '确实不能办',
      workableSuggestion,
    });
  };

  switch (state) {
    case 'open':
      break;
    case 'atDeptHead':
    case 'atLeaderInCharge':
    case 'atPrincipalLeader':
      await propose();
      await escalateTo({ atDeptHead: 2, atLeaderInCharge: 3, atPrincipalLeader: 4 }[state] as DecisionLevel);
      break;
    case 'resolving':
      await propose();
      await escalateTo(resolvedAt);
      await take(holderAt(resolvedAt), {
        type: 'decide',
        decision: 'resolvable',
        opinion: opinions[resolvedAt] ?? '可以办理',
      });
      break;
    case 'inConsultation':
      await take(firstResponder(), { type: 'requestConsultation', proposal: '提请分管领导会商' });
      break;
    case 'refused':
      await refuse();
      break;
    case 'replied':
      await refuse();
      await take(firstResponder(), { type: 'recordReply', ...reply });
      break;
    case 'closed':
      if (outcome === 'refused') {
        await refuse();
        await take(firstResponder(), { type: 'recordReply', ...reply });
        await take(firstResponder(), { type: 'recordFeedback', accepted: true, ...feedback });
      } else if (outcome === 'oneTimeNotice') {
        await take(firstResponder(), { type: 'giveOneTimeNotice', notice: closing ?? FILLED_NOTICE });
      } else {
        await take(firstResponder(), { type: 'closeDone', note: closing ?? '当场办结' });
      }
      break;
  }
  if (detail.state !== state) throw new Error(`seedCase: wanted ${state}, the case is ${detail.state}`);
  return detail;
}
