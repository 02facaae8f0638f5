// 时间线: every step recorded on the case, newest last: when, who, what, and a short summary.
import type { ReactNode } from 'react';
import { Card, Flex, Tag, Timeline, Typography } from 'antd';
import { CASE_ACTIONS, CASE_STATES, REFUSAL_REASONS, SATISFACTION_RATINGS } from '@bancheng/core';
import type { CaseDetail, CaseState, RefusalReason } from '@bancheng/core';
import { useOrgTree } from '../../org/hooks/useOrg.ts';
import { useT } from '../../../i18n/index.tsx';
import type { MessageKey, TFunction } from '../../../i18n/index.tsx';
import { formatDateTime } from '../../../ui/dates.ts';
import { EmptyBlock } from '../../../ui/QueryState.tsx';
import { DELIVERY_LABELS } from './reply-labels.ts';
import { useIsMobile } from '../../../ui/useIsMobile.ts';

type Entry = CaseDetail['timeline'][number];

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v : undefined);
const isState = (v: unknown): v is CaseState => CASE_STATES.some((s) => s === v);
const isReason = (v: unknown): v is RefusalReason => REFUSAL_REASONS.some((r) => r === v);
const obj = (v: unknown): Record<string, unknown> =>
  typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {};

/** 'case.decide' → 'caseEvent.decide'; unknown types are shown as they are. */
export function eventLabel(t: TFunction, type: string): string {
  const name = type.replace(/^case\./, '');
  if (
    name === 'registered' ||
    name === 'phoneRevealed' ||
    name === 'attachmentAdded' ||
    name === 'contributionRecorded' ||
    name === 'trackingCodeIssued' ||
    name === 'rated' ||
    name === 'reopenedByApplicant' ||
    name === 'coDepartmentsChanged' ||
    name === 'consultationInvited' ||
    name === 'letterNumbered' ||
    CASE_ACTIONS.some((a) => a === name)
  ) {
    return t(`caseEvent.${name}` as MessageKey);
  }
  return type;
}

function Block({ label, text }: { label?: string; text: string }) {
  const t = useT();
  return (
    <Typography.Paragraph
      style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}
      ellipsis={{ rows: 4, expandable: 'collapsible' }}
    >
      {label ? (
        <Typography.Text type="secondary">
          {label}
          {t('common.colon')}
        </Typography.Text>
      ) : null}
      {text}
    </Typography.Paragraph>
  );
}

/** The parts of an event's payload worth reading on the case page. */
function summary(
  t: TFunction,
  e: Entry,
  people: Map<string, string>,
  departments: Map<string, string> = new Map(),
): ReactNode[] {
  // History only: every payload is typed by its event; read here as plain fields to summarise.
  const payload: Record<string, unknown> = e.payload;
  const before = obj(payload['before']);
  const after = obj(payload['after']);
  const a = obj(payload['action']);
  const parts: ReactNode[] = [];
  if (isState(before.state) && isState(after.state) && before.state !== after.state) {
    parts.push(
      <Typography.Text key="state" type="secondary" style={{ fontSize: 12 }}>
        {t('caseEvent.stateChange', {
          from: t(`caseState.${before.state}`),
          to: t(`caseState.${after.state}`),
        })}
      </Typography.Text>,
    );
  }
  const tags: ReactNode[] = [];
  if (a.decision === 'resolvable' || a.decision === 'escalate' || a.decision === 'refuse') {
    tags.push(<Tag key="decision">{t(`decisionShort.${a.decision}`)}</Tag>);
  }
  if (isReason(a.reason)) tags.push(<Tag key="reason">{t(`refusalReason.${a.reason}`)}</Tag>);
  // A satisfaction rating (好差评): its grade, red when it went to the supervision office.
  const rating = payload['rating'];
  if (typeof rating === 'string' && SATISFACTION_RATINGS.some((r) => r === rating)) {
    tags.push(
      <Tag key="rating" color={payload['flagged'] === true ? 'red' : 'green'}>
        {t(`tracking.rating.${rating}` as MessageKey)}
      </Tag>,
    );
  }
  if (a.conclusion === 'resolvable' || a.conclusion === 'notResolvable') {
    tags.push(
      <Tag key="conclusion">
        {t(
          a.conclusion === 'resolvable'
            ? 'actionForm.conclusionResolvable'
            : 'actionForm.conclusionNotResolvable',
        )}
      </Tag>,
    );
  }
  if (a.method === 'phone' || a.method === 'written') {
    tags.push(
      <Tag key="method">
        {t(a.method === 'phone' ? 'actionForm.methodPhone' : 'actionForm.methodWritten')}
      </Tag>,
    );
  }
  // A written reply's way and day sent (the address stays out of the log).
  if (a.delivery === 'post' || a.delivery === 'hand' || a.delivery === 'email') {
    tags.push(
      <Tag key="delivery">
        {t(DELIVERY_LABELS[a.delivery])}
        {str(a.sentOn) ? ` ${String(a.sentOn)}` : ''}
      </Tag>,
    );
  }
  if (str(payload['letterNumber'])) {
    tags.push(<Tag key="letter">{String(payload['letterNumber'])}</Tag>);
  }
  if (typeof a.accepted === 'boolean') {
    tags.push(
      <Tag key="accepted" color={a.accepted ? 'green' : 'red'}>
        {t(a.accepted ? 'caseEvent.accepted' : 'caseEvent.notAccepted')}
      </Tag>,
    );
  }
  if (a.outcome === 'implemented' || a.outcome === 'notImplemented') {
    tags.push(
      <Tag key="outcome" color={a.outcome === 'implemented' ? 'green' : 'red'}>
        {t(`followUpOutcome.${a.outcome}`)}
      </Tag>,
    );
  }
  if (str(a.toPersonId)) {
    tags.push(
      <Tag key="to">
        {t('actionForm.toPerson')} {people.get(String(a.toPersonId)) ?? String(a.toPersonId)}
      </Tag>,
    );
  }
  if (str(a.replyDeadline))
    tags.push(
      <Tag key="due" color="red">
        {t('caseEvent.replyDeadline', { date: String(a.replyDeadline) })}
      </Tag>,
    );
  if (tags.length > 0)
    parts.push(
      <Flex key="tags" wrap gap={4}>
        {tags}
      </Flex>,
    );

  const texts: [MessageKey | null, unknown][] = [
    ['actionForm.tried', a.tried],
    [null, a.reasonText],
    [null, a.opinion],
    ['actionForm.workableSuggestion', a.workableSuggestion],
    [null, a.note],
    [null, a.notice],
    [null, a.proposal],
    ['actionForm.heldAt', typeof a.heldAt === 'string' ? formatDateTime(a.heldAt) : undefined],
    ['actionForm.participants', a.participants],
    [null, a.record],
    ['actionForm.calledAt', typeof a.calledAt === 'string' ? formatDateTime(a.calledAt) : undefined],
    ['actionForm.answeredBy', a.answeredBy],
    [null, a.content],
    [null, a.text],
  ];
  texts.forEach(([label, value], i) => {
    const text = str(value);
    if (text) parts.push(<Block key={`text-${i}`} label={label ? t(label) : undefined} text={text} />);
  });
  // Co-departments changed and people invited to a consultation: names where the page knows them.
  const ids = (v: unknown) => (Array.isArray(v) ? v.map(String) : []);
  const names = (list: string[], of: Map<string, string>) => list.map((id) => of.get(id) ?? id).join('、');
  if (e.type === 'case.coDepartmentsChanged') {
    const added = ids(payload['added']);
    const removed = ids(payload['removed']);
    if (added.length > 0)
      parts.push(
        <Block key="added" text={t('caseEvent.coDepartmentsAdded', { names: names(added, departments) })} />,
      );
    if (removed.length > 0)
      parts.push(
        <Block
          key="removed"
          text={t('caseEvent.coDepartmentsRemoved', { names: names(removed, departments) })}
        />,
      );
  }
  if (e.type === 'case.consultationInvited') {
    const invited = ids(payload['personIds']);
    parts.push(
      <Block
        key="invited"
        text={`${t('caseEvent.invitedCount', { count: invited.length })}${t('common.colon')}${names(invited, people)}`}
      />,
    );
  }
  if (e.type === 'case.registered' && str(after.matterTitle)) {
    parts.push(<Block key="matter" text={String(after.matterTitle)} />);
  }
  return parts;
}

export function CaseTimeline({ c }: { c: CaseDetail }) {
  const t = useT();
  const isMobile = useIsMobile();
  const people = new Map<string, string>();
  for (const p of c.chain.firstResponders) people.set(p.id, p.displayName);
  for (const e of c.timeline) if (e.actor) people.set(e.actor.id, e.actor.displayName);
  for (const x of c.facts.consultations)
    for (const p of x.people) people.set(p.person.id, p.person.displayName);
  // Departments by id: the org tree (a department removed from the case is no longer on it).
  const tree = useOrgTree();
  const departments = new Map<string, string>(
    (tree.data?.units ?? []).flatMap((u) => u.departments.map((d) => [d.id, d.name] as [string, string])),
  );

  return (
    <Card title={t('case.timelineTitle')} size={isMobile ? 'small' : undefined} data-testid="case-timeline">
      {c.timeline.length === 0 ? (
        <EmptyBlock description={t('case.timelineEmpty')} />
      ) : (
        <Timeline
          items={c.timeline.map((e, i) => ({
            key: `${e.at}-${i}`,
            color: e.type === 'case.decide' ? 'orange' : e.type === 'case.registered' ? 'blue' : 'gray',
            // Phones have no room for a time column: the time goes above the entry.
            title: isMobile ? undefined : (
              <time dateTime={e.at} style={{ fontSize: 12 }}>
                {formatDateTime(e.at)}
              </time>
            ),
            content: (
              <Flex vertical gap={2} data-testid="timeline-entry" data-type={e.type}>
                {isMobile ? (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    <time dateTime={e.at}>{formatDateTime(e.at)}</time>
                  </Typography.Text>
                ) : null}
                <span>
                  <Typography.Text strong>{eventLabel(t, e.type)}</Typography.Text>
                  <Typography.Text type="secondary">
                    {' · '}
                    {e.actor?.displayName ?? t('case.system')}
                  </Typography.Text>
                </span>
                {summary(t, e, people, departments)}
              </Flex>
            ),
          }))}
        />
      )}
    </Card>
  );
}
