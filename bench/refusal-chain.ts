// The whole refusal chain, as the people of one department's responsibility chain make it over HTTP:
// the first responder registers and proposes a refusal, the department head and the leader in charge
// pass it up, the principal leader refuses with a workable suggestion, the first responder records the
// written reply and the applicant's feedback, and the case is closed. Seven requests, each carrying the
// version the previous one answered.
import type { Send } from './load-generator.ts';

export interface Session {
  cookie: string;
  csrf: string;
}

export interface RefusalChainSpec {
  firstResponder: Session;
  deptHead: Session;
  leaderInCharge: Session;
  principalLeader: Session;
  /** A registration body (JSON) that the first responder may register. */
  registerBody: string;
}

export interface ChainOutcome {
  requests: number;
  statuses: number[];
  error?: string;
}

interface CaseAnswer {
  id: string;
  version: number;
  state: string;
}

export async function runRefusalChain(send: Send, spec: RefusalChainSpec, n: number): Promise<ChainOutcome> {
  const statuses: number[] = [];
  const post = async (who: Session, path: string, body: unknown): Promise<CaseAnswer> => {
    const res = await send({
      method: 'POST',
      path,
      headers: { cookie: who.cookie, 'x-csrf-token': who.csrf },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    statuses.push(res.status);
    if (res.status >= 300) throw new Error(`POST ${path} → ${res.status} ${res.body}`);
    return JSON.parse(res.body) as CaseAnswer;
  };
  try {
    let c = await post(spec.firstResponder, '/api/cases', spec.registerBody);
    const act = async (who: Session, action: Record<string, unknown>) => {
      c = await post(who, `/api/cases/${c.id}/actions`, { version: c.version, action });
    };
    await act(spec.firstResponder, {
      type: 'proposeRefusal',
      reason: 'notPermitted',
      reasonText: `基准测试第 ${n} 条：法律政策不允许，提请说“不”`,
    });
    await act(spec.deptHead, {
      type: 'decide',
      decision: 'escalate',
      opinion: '本科室无法办理，提请分管领导',
    });
    await act(spec.leaderInCharge, { type: 'decide', decision: 'escalate', opinion: '提请主要领导决定' });
    await act(spec.principalLeader, {
      type: 'decide',
      decision: 'refuse',
      opinion: '确实不能办',
      workableSuggestion: '可按规定补齐材料后另行申请',
    });
    await act(spec.firstResponder, {
      type: 'recordReply',
      method: 'written',
      content: '书面答复不能办理的原因及说“行”建议',
    });
    await act(spec.firstResponder, { type: 'recordFeedback', accepted: true, text: '申请人表示理解' });
    if (c.state !== 'closed') throw new Error(`the chain ended in ${c.state}, not closed`);
    return { requests: statuses.length, statuses };
  } catch (error) {
    return { requests: statuses.length, statuses, error: String(error) };
  }
}
