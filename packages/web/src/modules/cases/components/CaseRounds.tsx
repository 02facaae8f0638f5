// 审批轮次 and 跟踪问效 on the case page: every earlier round of the approval form (a way that failed, a
// withdrawn proposal) with what was tried and each level's decision, and the follow-up duties of the ways
// found, with their due dates and outcomes. The current round is the approval progress above.
import { Card, Collapse, Flex, Tag, Typography } from 'antd';
import type { CaseDetail } from '@bancheng/core';
import { useT } from '../../../i18n/index.tsx';
import { formatDateTime } from '../../../ui/dates.ts';
import { useIsMobile } from '../../../ui/useIsMobile.ts';
import { LEVEL_LABELS } from './ApprovalProgress.tsx';
import { liveRoundOf } from './ApprovalFormRounds.tsx';

type Round = CaseDetail['rounds'][number];
type FollowUp = CaseDetail['facts']['followUps'][number];

function RoundBody({ round }: { round: Round }) {
  const t = useT();
  return (
    <Flex vertical gap={8} data-testid={`round-${round.round}`}>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t(`case.roundKind.${round.kind}`)} · {round.openedBy.displayName} ·{' '}
        <time dateTime={round.openedAt}>{formatDateTime(round.openedAt)}</time>
      </Typography.Text>
      {round.tried ? (
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
          <Typography.Text strong>
            {t('case.roundTried')}
            {t('common.colon')}
          </Typography.Text>
          {round.tried}
        </Typography.Paragraph>
      ) : null}
      {round.refusalReasonText ? (
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
          <Typography.Text strong>
            {t('case.reason')}
            {t('common.colon')}
          </Typography.Text>
          {round.refusalReason ? `【${t(`refusalReason.${round.refusalReason}`)}】` : ''}
          {round.refusalReasonText}
        </Typography.Paragraph>
      ) : null}
      {round.decisions.length === 0 ? (
        <Typography.Text type="secondary">{t('case.roundNoDecisions')}</Typography.Text>
      ) : (
        round.decisions.map((d) => (
          <Flex key={`${d.level}-${d.decidedAt}`} vertical gap={2}>
            <Flex wrap gap={4} align="center">
              <Typography.Text strong>{t(LEVEL_LABELS[d.level as 2 | 3 | 4])}</Typography.Text>
              <Tag>{t(`decisionShort.${d.decision}`)}</Tag>
            </Flex>
            {d.opinion ? (
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
                {d.opinion}
              </Typography.Paragraph>
            ) : null}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {d.person.displayName} · <time dateTime={d.decidedAt}>{formatDateTime(d.decidedAt)}</time>
            </Typography.Text>
          </Flex>
        ))
      )}
    </Flex>
  );
}

function FollowUpLine({ f }: { f: FollowUp }) {
  const t = useT();
  const status = f.superseded ? (
    <Tag>{t('case.followUpSuperseded')}</Tag>
  ) : f.outcome ? (
    <Tag color={f.outcome === 'implemented' ? 'green' : 'red'}>{t(`followUpOutcome.${f.outcome}`)}</Tag>
  ) : f.recordedAt ? (
    <Tag>{t('case.followUpRecorded')}</Tag>
  ) : (
    <Tag color={f.overdue ? 'red' : 'blue'}>{t('case.followUpOpen')}</Tag>
  );
  return (
    <Flex vertical gap={2} data-testid="case-follow-up" data-open={f.recordedAt === null}>
      <Flex wrap gap={4} align="center">
        <Typography.Text strong>{f.person.displayName}</Typography.Text>
        <Tag>{f.level === null ? t('case.followUpConsultation') : t(LEVEL_LABELS[f.level as 2 | 3 | 4])}</Tag>
        {f.round > 0 ? <Tag>{t('case.roundN', { round: f.round })}</Tag> : null}
        {status}
        {f.dueOn && f.recordedAt === null ? (
          <Typography.Text type={f.overdue ? 'danger' : undefined} data-testid="case-follow-up-due">
            {t('case.followUpDue', { date: f.dueOn })}
            {f.overdue ? ` · ${t('case.overdue')}` : ''}
          </Typography.Text>
        ) : null}
      </Flex>
      {f.note ? (
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
          {f.note}
        </Typography.Paragraph>
      ) : null}
      {f.recordedAt ? (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          <time dateTime={f.recordedAt}>{formatDateTime(f.recordedAt)}</time>
        </Typography.Text>
      ) : null}
    </Flex>
  );
}

export function CaseRounds({ c }: { c: CaseDetail }) {
  const t = useT();
  const isMobile = useIsMobile();
  const live = liveRoundOf(c);
  const earlier = c.rounds.filter((r) => r !== live);
  if (earlier.length === 0 && c.facts.followUps.length === 0) return null;
  return (
    <>
      {earlier.length > 0 ? (
        <Card
          title={t('case.roundsTitle')}
          size={isMobile ? 'small' : undefined}
          data-testid="case-rounds"
          extra={
            live ? (
              <Tag color="blue">{`${t('case.roundCurrent')} · ${t('case.roundN', { round: live.round })}`}</Tag>
            ) : null
          }
        >
          <Collapse
            items={earlier.map((r) => ({
              key: String(r.round),
              label: (
                <Flex wrap gap={8} align="center">
                  {t('case.roundN', { round: r.round })}
                  {r.withdrawnAt ? <Tag>{t('case.roundWithdrawn')}</Tag> : null}
                </Flex>
              ),
              children: <RoundBody round={r} />,
            }))}
          />
        </Card>
      ) : null}
      {c.facts.followUps.length > 0 ? (
        <Card
          title={t('case.followUpsTitle')}
          size={isMobile ? 'small' : undefined}
          data-testid="case-follow-ups"
        >
          <Flex vertical gap={12}>
            {c.facts.followUps.map((f, i) => (
              <FollowUpLine key={`${f.assignedAt}-${i}`} f={f} />
            ))}
          </Flex>
        </Card>
      ) : null}
    </>
  );
}
