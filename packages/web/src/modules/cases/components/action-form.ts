// What an action's form holds and sends: its values, the request body made from them, the confirmation
// an irreversible step asks for, and the values a form starts with. ActionModal.tsx is the form itself.
import { chinaDayjs, chinaNow, toChinaIso } from '../../../ui/dates.ts';
import type { Dayjs } from 'dayjs';
import { oneTimeNoticeTemplate } from '@bancheng/core';
import type {
  CaseAction,
  CaseActionBody,
  CaseDetail,
  Decision,
  FollowUpOutcome,
  RefusalReason,
  ReplyDelivery,
} from '@bancheng/core';
import type { Lang, MessageKey } from '../../../i18n/index.tsx';
import { chinaToday } from '../../../ui/dates.ts';

export interface Values {
  toPersonId?: string;
  note?: string;
  notice?: string;
  reason?: RefusalReason;
  reasonText?: string;
  decision?: Decision;
  opinion?: string;
  workableSuggestion?: string;
  proposal?: string;
  convenerId?: string;
  heldAt?: Dayjs;
  place?: string;
  presentIds?: string[];
  participants?: string;
  conclusion?: 'resolvable' | 'notResolvable';
  record?: string;
  method?: 'phone' | 'written';
  calledAt?: Dayjs;
  phoneNumber?: string;
  answeredBy?: string;
  sentOn?: Dayjs;
  delivery?: ReplyDelivery;
  address?: string;
  content?: string;
  accepted?: boolean;
  text?: string;
  tried?: string;
  outcome?: FollowUpOutcome;
}

const s = (v: string | undefined) => (v ?? '').trim();
const opt = (v: string | undefined) => (s(v) ? s(v) : undefined);

/** The request body for an action from the form's values. */
export function bodyOf(action: CaseAction, v: Values): CaseActionBody {
  switch (action) {
    case 'handOver':
      return { type: 'handOver', toPersonId: v.toPersonId ?? '', note: opt(v.note) };
    case 'closeDone':
      return { type: 'closeDone', note: s(v.note) };
    case 'giveOneTimeNotice':
      return { type: 'giveOneTimeNotice', notice: s(v.notice) };
    case 'proposeRefusal':
      return { type: 'proposeRefusal', reason: v.reason ?? 'other', reasonText: s(v.reasonText) };
    case 'decide':
      return {
        type: 'decide',
        decision: v.decision ?? 'escalate',
        opinion: s(v.opinion),
        workableSuggestion: v.decision === 'refuse' ? opt(v.workableSuggestion) : undefined,
      };
    case 'requestConsultation':
      return { type: 'requestConsultation', proposal: s(v.proposal), convenerId: v.convenerId };
    case 'recordConsultation':
      return {
        type: 'recordConsultation',
        heldAt: toChinaIso(v.heldAt ?? chinaNow()),
        place: opt(v.place),
        presentIds: v.presentIds ?? [],
        participants: s(v.participants),
        conclusion: v.conclusion ?? 'notResolvable',
        record: s(v.record),
      };
    case 'recordReply':
      return v.method === 'phone'
        ? {
            type: 'recordReply',
            method: 'phone',
            calledAt: toChinaIso(v.calledAt ?? chinaNow()),
            phoneNumber: s(v.phoneNumber),
            answeredBy: s(v.answeredBy),
            content: s(v.content),
          }
        : {
            type: 'recordReply',
            method: 'written',
            // The calendar day picked, as it reads: no time zone turns it into another day.
            sentOn: (v.sentOn ?? chinaDayjs(chinaToday())).format('YYYY-MM-DD'),
            delivery: v.delivery ?? 'post',
            address: s(v.address),
            content: s(v.content),
          };
    case 'recordFeedback':
      return { type: 'recordFeedback', accepted: v.accepted === true, text: opt(v.text) };
    case 'recordFollowUp':
      return { type: 'recordFollowUp', outcome: v.outcome ?? 'implemented', note: s(v.note) };
    case 'reopenRound':
      return {
        type: 'reopenRound',
        tried: s(v.tried),
        reason: v.reason ?? 'other',
        reasonText: s(v.reasonText),
      };
    case 'withdrawProposal':
      return { type: 'withdrawProposal', note: opt(v.note) };
  }
}

/** The confirmation an irreversible step needs, if any. */
export function confirmationOf(body: CaseActionBody): MessageKey | null {
  if (body.type === 'closeDone') return 'actionForm.confirmClose';
  if (body.type === 'giveOneTimeNotice') return 'actionForm.confirmNotice';
  if (body.type === 'decide' && body.decision === 'refuse') return 'actionForm.confirmRefuse';
  if (body.type === 'decide' && body.decision === 'escalate') return 'case.confirmEscalateText';
  if (body.type === 'recordReply') return 'case.confirmReplyText';
  if (body.type === 'recordFeedback') return 'actionForm.confirmFeedback';
  if (body.type === 'withdrawProposal') return 'actionForm.confirmWithdraw';
  if (body.type === 'recordFollowUp' && body.outcome === 'notImplemented')
    return 'actionForm.confirmNotImplemented';
  return null;
}

export function initialValues(
  action: CaseAction,
  c: CaseDetail,
  t: (k: MessageKey) => string,
  lang: Lang,
): Values {
  switch (action) {
    case 'giveOneTimeNotice':
      // The template core checks the notice against: every heading must be filled before it is given.
      return { notice: oneTimeNoticeTemplate(lang) };
    case 'requestConsultation':
      return { convenerId: c.abilities.conveners[0]?.id };
    case 'recordConsultation':
      return { heldAt: chinaNow(), presentIds: [] };
    case 'reopenRound':
      // The reason of the round before, to be kept or changed.
      return { reason: c.refusalReason ?? undefined, reasonText: c.refusalReasonText ?? undefined };
    case 'recordReply': {
      const lines = [
        c.refusalReasonText ? `${t('case.reason')}${t('common.colon')}${c.refusalReasonText}` : '',
        c.workableSuggestion
          ? `${t('case.workableSuggestion')}${t('common.colon')}${c.workableSuggestion}`
          : '',
      ].filter(Boolean);
      return {
        method: 'phone',
        calledAt: chinaNow(),
        answeredBy: c.applicantName,
        sentOn: chinaDayjs(chinaToday()),
        delivery: 'post',
        address: c.applicantAddress ?? '',
        content: lines.join('\n'),
      };
    }
    default:
      return {};
  }
}
