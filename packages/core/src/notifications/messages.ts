// What each notification kind says, in both languages. A notification is stored as its kind and these
// parameters (notifications.params, migration 0020) and rendered in the reader's language when it is
// listed, and in the recipient's language when it is mailed. `NOTIFICATION_MESSAGES` is a Record over
// NOTIFICATION_KINDS: a new kind does not compile until it has its parameters and both texts here.
import type { Lang } from '../shared/errors.ts';
import type { Decision, DecisionLevel } from '../cases/states.ts';
import type { NotificationKind } from './schema.ts';

/** A case a notification names: its number and matter title (the title is user-entered data). */
interface CaseRef {
  caseNumber: string;
  matterTitle: string;
}

/** The parameters each kind is stored with. Only plain data: numbers, dates, ids of vocabularies, names. */
export interface NotificationParamsByKind {
  caseArrived: CaseRef & { level: DecisionLevel };
  decisionMade: CaseRef & { level: DecisionLevel | null; decision: Decision };
  caseRefused: CaseRef & { replyDeadline: string };
  replyDueSoon: CaseRef & { replyDeadline: string };
  replyOverdue: CaseRef & { replyDeadline: string };
  levelDueSoon: CaseRef & { level: DecisionLevel; due: string };
  levelOverdue: CaseRef & { level: DecisionLevel; due: string };
  matterDueSoon: CaseRef & { dueDate: string };
  matterOverdue: CaseRef & { dueDate: string };
  caseHandedOver: CaseRef;
  /** `to`: whether this copy goes to the deputy or to the holder they act for. */
  deputyAppointed: {
    to: 'deputy' | 'holder';
    deputyName: string;
    holderName: string;
    fromDate: string;
    toDate: string;
  };
  /** `lastDay` is set when the appointment ended early; null when it was withdrawn before it began. */
  deputyEnded: {
    to: 'deputy' | 'holder';
    deputyName: string;
    holderName: string;
    fromDate: string;
    toDate: string;
    lastDay: string | null;
  };
  calendarMissing: { year: number };
  /** The applicant rated the outcome 不满意 or worse (`rating`), or disagreed with the answer (`feedback`). */
  applicantFlagged: { caseNumber: string; reason: 'rating' | 'feedback' };
  /** The applicant asked on the tracking page for the case to be handled again. */
  reopenRequested: CaseRef;
  /** Your department was named a co-department of the case (协作配合). */
  coDepartmentNamed: CaseRef;
  /** You were asked to convene a consultation (会商召集人). */
  consultationRequested: CaseRef;
  /** The convener invited you to a consultation. */
  consultationInvited: CaseRef;
  /** The case reached a level nobody holds or acts for today (administrators, the next level up). */
  levelVacant: CaseRef & { level: DecisionLevel };
  /** A report reached the office handling it; `source` where it came from. Never the reporter. */
  reportReceived: { reportNumber: string; source: string };
  supervisionOrdered: { reportNumber: string; departmentName: string; due: string };
  orderAnswered: { reportNumber: string; departmentName: string };
  orderSentBack: { reportNumber: string; departmentName: string };
  orderDueSoon: { reportNumber: string; departmentName: string; due: string };
  orderOverdue: { reportNumber: string; departmentName: string; due: string };
  referralReceived: { reportNumber: string };
}

export type NotificationParams<K extends NotificationKind = NotificationKind> = NotificationParamsByKind[K];

/** A kind with its parameters: what a service plans and the inbox stores. */
export type NotificationMessage = {
  [K in NotificationKind]: { kind: K; params: NotificationParamsByKind[K] };
}[NotificationKind];

export interface RenderedNotification {
  title: string;
  body: string;
}

type Texts<P> = Record<Lang, (p: P) => RenderedNotification>;

const LEVEL: Record<Lang, Record<DecisionLevel, string>> = {
  zh: { 2: '科室负责人', 3: '分管领导', 4: '主要领导' },
  en: { 2: 'the department head', 3: 'the leader in charge', 4: 'the principal leader' },
};
const DECISION: Record<Lang, Record<Decision, string>> = {
  zh: { resolvable: '能办', escalate: '提级', refuse: '确实不能办' },
  en: { resolvable: 'resolvable', escalate: 'escalate', refuse: 'refuse (confirmed)' },
};

const zhRef = (p: CaseRef) => `${p.caseNumber}「${p.matterTitle}」`;
const enRef = (p: CaseRef) => `${p.caseNumber} “${p.matterTitle}”`;
const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export const NOTIFICATION_MESSAGES: { [K in NotificationKind]: Texts<NotificationParamsByKind[K]> } = {
  caseArrived: {
    zh: (p) => ({
      title: `待您审批：${p.caseNumber}`,
      body: `说“不”事项 ${zhRef(p)} 已提级至${LEVEL.zh[p.level]}，请审批。`,
    }),
    en: (p) => ({
      title: `Awaiting your approval: ${p.caseNumber}`,
      body: `The proposed refusal ${enRef(p)} has been escalated to ${LEVEL.en[p.level]}; please decide.`,
    }),
  },
  decisionMade: {
    zh: (p) => ({
      title: `您提出的说“不”已有审批意见：${p.caseNumber}`,
      body: `${p.level ? LEVEL.zh[p.level] : '审批人'}对 ${zhRef(p)} 的意见：${DECISION.zh[p.decision]}。`,
    }),
    en: (p) => ({
      title: `Your proposed refusal has a decision: ${p.caseNumber}`,
      body: `${capital(p.level ? LEVEL.en[p.level] : 'the approver')} decided on ${enRef(p)}: ${DECISION.en[p.decision]}.`,
    }),
  },
  caseRefused: {
    zh: (p) => ({
      title: `请于 ${p.replyDeadline} 前答复：${p.caseNumber}`,
      body: `${zhRef(p)} 经主要领导审定确实不能办，请在 ${p.replyDeadline} 前将理由和说“行”建议答复申请人。`,
    }),
    en: (p) => ({
      title: `Reply by ${p.replyDeadline}: ${p.caseNumber}`,
      body: `The principal leader confirmed the refusal of ${enRef(p)}. Give the applicant the reasons and the workable suggestion by ${p.replyDeadline}.`,
    }),
  },
  replyDueSoon: {
    zh: (p) => ({
      title: `答复期限将至：${p.caseNumber}`,
      body: `${zhRef(p)} 应于 ${p.replyDeadline} 前答复申请人，请及时答复。`,
    }),
    en: (p) => ({
      title: `Reply due soon: ${p.caseNumber}`,
      body: `The applicant of ${enRef(p)} must be answered by ${p.replyDeadline}; please reply in time.`,
    }),
  },
  replyOverdue: {
    zh: (p) => ({
      title: `答复已逾期：${p.caseNumber}`,
      body: `${zhRef(p)} 应于 ${p.replyDeadline} 前答复申请人，现已逾期，请立即答复。`,
    }),
    en: (p) => ({
      title: `Reply overdue: ${p.caseNumber}`,
      body: `The applicant of ${enRef(p)} should have been answered by ${p.replyDeadline}; the reply is overdue, reply now.`,
    }),
  },
  levelDueSoon: {
    zh: (p) => ({
      title: `${LEVEL.zh[p.level]}审批期限将至：${p.caseNumber}`,
      body: `说“不”事项 ${zhRef(p)} 请${LEVEL.zh[p.level]}于 ${p.due} 前审批。`,
    }),
    en: (p) => ({
      title: `Approval by ${LEVEL.en[p.level]} due soon: ${p.caseNumber}`,
      body: `The proposed refusal ${enRef(p)} is to be decided by ${LEVEL.en[p.level]} by ${p.due}.`,
    }),
  },
  levelOverdue: {
    zh: (p) => ({
      title: `${LEVEL.zh[p.level]}审批已超时：${p.caseNumber}`,
      body: `说“不”事项 ${zhRef(p)} 应由${LEVEL.zh[p.level]}于 ${p.due} 前审批，现已超时，请督促办理。`,
    }),
    en: (p) => ({
      title: `Approval by ${LEVEL.en[p.level]} overdue: ${p.caseNumber}`,
      body: `The proposed refusal ${enRef(p)} should have been decided by ${LEVEL.en[p.level]} by ${p.due}; it is overdue, please follow it up.`,
    }),
  },
  matterDueSoon: {
    zh: (p) => ({
      title: `事项法定时限将至：${p.caseNumber}`,
      body: `${zhRef(p)} 的法定办理时限为 ${p.dueDate}，请及时办理。`,
    }),
    en: (p) => ({
      title: `Statutory time limit due soon: ${p.caseNumber}`,
      body: `The statutory time limit of ${enRef(p)} is ${p.dueDate}; please handle it in time.`,
    }),
  },
  matterOverdue: {
    zh: (p) => ({
      title: `事项已超过法定时限：${p.caseNumber}`,
      body: `${zhRef(p)} 的法定办理时限为 ${p.dueDate}，现已超时，请督促办理。`,
    }),
    en: (p) => ({
      title: `Statutory time limit passed: ${p.caseNumber}`,
      body: `The statutory time limit of ${enRef(p)} was ${p.dueDate}; it has passed, please follow it up.`,
    }),
  },
  caseHandedOver: {
    zh: (p) => ({
      title: `转交给您办理：${p.caseNumber}`,
      body: `${zhRef(p)} 已转交给您，您现在是首问负责人，请及时办理。`,
    }),
    en: (p) => ({
      title: `Handed over to you: ${p.caseNumber}`,
      body: `${enRef(p)} has been handed over to you; you are now its first responder, please handle it in time.`,
    }),
  },
  deputyAppointed: {
    zh: (p) =>
      p.to === 'deputy'
        ? {
            title: `您被指定为${p.holderName}的代理人`,
            body: `${p.fromDate} 至 ${p.toDate}，由您代理${p.holderName}在责任链条中的职务；审批时表单显示“（代）”及双方姓名。`,
          }
        : {
            title: `${p.deputyName}将代理您的职务`,
            body: `${p.fromDate} 至 ${p.toDate}，${p.deputyName}代理您在责任链条中的职务。`,
          },
    en: (p) =>
      p.to === 'deputy'
        ? {
            title: `You are appointed to act for ${p.holderName}`,
            body: `From ${p.fromDate} to ${p.toDate} you act for ${p.holderName} in their responsibility chain position; the approval form shows “(acting)” and both names.`,
          }
        : {
            title: `${p.deputyName} will act for you`,
            body: `From ${p.fromDate} to ${p.toDate}, ${p.deputyName} acts for you in your responsibility chain position.`,
          },
  },
  deputyEnded: {
    zh: (p) => ({
      title: p.to === 'deputy' ? `您对${p.holderName}的代理已结束` : `${p.deputyName}对您的代理已结束`,
      body:
        p.lastDay === null
          ? `原定 ${p.fromDate} 至 ${p.toDate} 的代理已撤销。`
          : `代理提前结束，最后一天为 ${p.lastDay}。`,
    }),
    en: (p) => ({
      title:
        p.to === 'deputy'
          ? `Your acting for ${p.holderName} has ended`
          : `${p.deputyName} no longer acts for you`,
      body:
        p.lastDay === null
          ? `The appointment planned from ${p.fromDate} to ${p.toDate} has been withdrawn.`
          : `The appointment ended early; its last day was ${p.lastDay}.`,
    }),
  },
  calendarMissing: {
    zh: (p) => ({
      title: `${String(p.year)}年节假日安排尚未载入`,
      body:
        `本系统尚未载入国务院办公厅${String(p.year)}年节假日安排。截止日期落在${String(p.year)}年的事项暂按周末推算` +
        `（周一至周五为工作日），可能与实际放假、调休不符。请在“节假日安排”页面录入或导入${String(p.year)}年安排。`,
    }),
    en: (p) => ({
      title: `The ${String(p.year)} holiday schedule is not loaded`,
      body:
        `The State Council's ${String(p.year)} holiday schedule is not loaded. Due dates in ${String(p.year)} are counted ` +
        `with weekends only (Monday to Friday as working days), which may differ from the real holidays and ` +
        `adjusted working days. Enter or import the ${String(p.year)} schedule on the Holiday schedule page.`,
    }),
  },
  applicantFlagged: {
    zh: (p) => {
      const what = p.reason === 'rating' ? '申请人评价为不满意' : '申请人对答复不认可';
      return {
        title: `${what}：${p.caseNumber}`,
        body: `事项 ${p.caseNumber} ${what}，已列入督查室待核实清单。`,
      };
    },
    en: (p) => {
      const what =
        p.reason === 'rating'
          ? 'the applicant rated the outcome dissatisfied'
          : 'the applicant disagreed with the answer';
      return {
        title: `${capital(what)}: ${p.caseNumber}`,
        body: `For ${p.caseNumber}, ${what}; it is on the supervision office's list to look into.`,
      };
    },
  },
  reopenRequested: {
    zh: (p) => ({
      title: `申请人申请重新办理：${p.caseNumber}`,
      body: `事项 ${zhRef(p)} 的申请人在答复后申请重新办理，事项已退回您处重新办理。`,
    }),
    en: (p) => ({
      title: `The applicant asked to handle it again: ${p.caseNumber}`,
      body: `The applicant of ${enRef(p)} asked after the answer for it to be handled again; it is back with you.`,
    }),
  },
  coDepartmentNamed: {
    zh: (p) => ({
      title: `请协作办理：${p.caseNumber}`,
      body: `您所在科室被列为 ${zhRef(p)} 的共同办理科室，请配合牵头科室办理并记录协作情况。`,
    }),
    en: (p) => ({
      title: `Please work with the lead department: ${p.caseNumber}`,
      body: `Your department was named a co-department of ${enRef(p)}; please support the lead department and record your contribution.`,
    }),
  },
  consultationRequested: {
    zh: (p) => ({
      title: `请召集会商：${p.caseNumber}`,
      body: `${zhRef(p)} 协调无果，牵头科室提请您召集会商研究，请邀请参会人员并记录会商结论。`,
    }),
    en: (p) => ({
      title: `Please convene a consultation: ${p.caseNumber}`,
      body: `Coordination on ${enRef(p)} failed; the lead department asks you to convene a consultation, invite the participants and record its conclusion.`,
    }),
  },
  consultationInvited: {
    zh: (p) => ({
      title: `会商邀请：${p.caseNumber}`,
      body: `您受邀参加 ${zhRef(p)} 的会商研究，请查阅事项材料并按时参会。`,
    }),
    en: (p) => ({
      title: `Invitation to a consultation: ${p.caseNumber}`,
      body: `You are invited to the consultation on ${enRef(p)}; please read the case and attend.`,
    }),
  },
  levelVacant: {
    zh: (p) => ({
      title: `审批层级空缺：${p.caseNumber}`,
      body:
        `说“不”事项 ${zhRef(p)} 已提级至${LEVEL.zh[p.level]}，但该层级今日无人在岗、也无代理人，事项无法审批。` +
        `请尽快在责任链条中补齐人员或指定代理人。`,
    }),
    en: (p) => ({
      title: `Approval level vacant: ${p.caseNumber}`,
      body:
        `The proposed refusal ${enRef(p)} reached ${LEVEL.en[p.level]}, but nobody holds that level or acts for it ` +
        `today, so it cannot be decided. Please fill the responsibility chain or appoint a deputy.`,
    }),
  },
  reportReceived: {
    zh: (p) => ({
      title: `收到反映：${p.reportNumber}`,
      body: `新的“办不成事”反映 ${p.reportNumber} 已进入待研判，请及时初步研判。`,
    }),
    en: (p) => ({
      title: `Report received: ${p.reportNumber}`,
      body: `A new report ${p.reportNumber} is waiting for its preliminary assessment.`,
    }),
  },
  supervisionOrdered: {
    zh: (p) => ({
      title: `督办单：${p.reportNumber}`,
      body: `督查部门就反映 ${p.reportNumber} 向${p.departmentName}下发督办单，请于 ${p.due} 前办理并反馈。`,
    }),
    en: (p) => ({
      title: `Supervision order: ${p.reportNumber}`,
      body: `A supervision order on report ${p.reportNumber} was issued to ${p.departmentName}; answer by ${p.due}.`,
    }),
  },
  orderAnswered: {
    zh: (p) => ({
      title: `督办已反馈：${p.reportNumber}`,
      body: `${p.departmentName}已反馈反映 ${p.reportNumber} 的督办单，请核实。`,
    }),
    en: (p) => ({
      title: `Order answered: ${p.reportNumber}`,
      body: `${p.departmentName} answered the supervision order on report ${p.reportNumber}; please verify it.`,
    }),
  },
  orderSentBack: {
    zh: (p) => ({
      title: `督办反馈被退回：${p.reportNumber}`,
      body: `反映 ${p.reportNumber} 的督办反馈（${p.departmentName}）未通过核实，已退回，请查看退回理由并重新办理。`,
    }),
    en: (p) => ({
      title: `Answer sent back: ${p.reportNumber}`,
      body: `The answer of ${p.departmentName} to the order on report ${p.reportNumber} was sent back; see the reason and act again.`,
    }),
  },
  orderDueSoon: {
    zh: (p) => ({
      title: `督办即将到期：${p.reportNumber}`,
      body: `${p.departmentName}的督办单（反映 ${p.reportNumber}）将于 ${p.due} 到期（黄灯）。`,
    }),
    en: (p) => ({
      title: `Order due soon: ${p.reportNumber}`,
      body: `The supervision order to ${p.departmentName} on report ${p.reportNumber} is due ${p.due}.`,
    }),
  },
  orderOverdue: {
    zh: (p) => ({
      title: `督办已逾期：${p.reportNumber}`,
      body: `${p.departmentName}的督办单（反映 ${p.reportNumber}）已于 ${p.due} 到期仍未反馈（红灯）。`,
    }),
    en: (p) => ({
      title: `Order overdue: ${p.reportNumber}`,
      body: `The supervision order to ${p.departmentName} on report ${p.reportNumber} was due ${p.due} and is not answered.`,
    }),
  },
  referralReceived: {
    zh: (p) => ({
      title: `移送纪检：${p.reportNumber}`,
      body: `反映 ${p.reportNumber} 已移送纪检监察，请查看材料并记录核查结论。`,
    }),
    en: (p) => ({
      title: `Referral: ${p.reportNumber}`,
      body: `Report ${p.reportNumber} was referred to discipline inspection; review the materials and record the finding.`,
    }),
  },
};

/** A notification's title and body in `lang`. */
export function renderNotification(lang: Lang, message: NotificationMessage): RenderedNotification {
  // The union pairs each kind with its own parameters; TypeScript cannot follow the pairing through the
  // indexed Record, hence the one widening here.
  const texts = NOTIFICATION_MESSAGES[message.kind] as Texts<NotificationMessage['params']>;
  return texts[lang](message.params);
}

/** What the outbox mails: the subject and text around a notification, in the recipient's language. */
export function renderOutboxMessage(
  lang: Lang,
  message: NotificationMessage,
): { subject: string; text: string } {
  const { title, body } = renderNotification(lang, message);
  return lang === 'en'
    ? { subject: `[Bancheng] ${title}`, text: `${body}\n\nSign in to Bancheng to see it.` }
    : { subject: `【办成】${title}`, text: `${body}\n\n请登录办成系统查看。` };
}
