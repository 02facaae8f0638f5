// 审批进度: the four-level chain 首问负责人 → 科室负责人 → 分管领导 → 主要领导 for the current approval
// form, each level's decision, opinion and signer, the level the case waits at, and who holds each post.
import { Alert, Card, Descriptions, Flex, Steps, Tag, Typography } from 'antd';
import type { StepsProps } from 'antd';
import { LEVEL_OF_STATE } from '@bancheng/core';
import type { CaseDetail, Decision, DecisionLevel, PersonRef } from '@bancheng/core';
import { useLang, useT } from '../../../i18n/index.tsx';
import type { MessageKey } from '../../../i18n/index.tsx';
import { formatDateTime } from '../../../ui/dates.ts';
import { useIsMobile } from '../../../ui/useIsMobile.ts';

type CaseDecision = CaseDetail['decisions'][number];

export const LEVEL_LABELS: Record<1 | DecisionLevel, MessageKey> = {
  1: 'case.level1',
  2: 'case.level2',
  3: 'case.level3',
  4: 'case.level4',
};

const DECISION_COLORS: Record<Decision, string> = { resolvable: 'green', escalate: 'orange', refuse: 'red' };

/** The person who holds a level now, from the department's chain. */
export function holderOf(c: CaseDetail, level: DecisionLevel): PersonRef | null {
  return level === 2 ? c.chain.deptHead : level === 3 ? c.chain.leaderInCharge : c.chain.principalLeader;
}

/** The latest decision recorded at a level on the current form. */
export function decisionAt(c: CaseDetail, level: DecisionLevel): CaseDecision | undefined {
  return c.decisions.filter((d) => d.level === level).at(-1);
}

function Signer({ d }: { d: CaseDecision }) {
  const t = useT();
  return (
    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
      {d.person.displayName}
      {d.actingFor ? `（${t('case.actingFor', { name: d.actingFor.displayName })}）` : ''} ·{' '}
      <time dateTime={d.decidedAt}>{formatDateTime(d.decidedAt)}</time>
    </Typography.Text>
  );
}

function DecisionContent({ d, c }: { d: CaseDecision; c: CaseDetail }) {
  const t = useT();
  return (
    <Flex vertical gap={2} data-testid={`progress-level-${d.level}`} data-decision={d.decision}>
      <Flex wrap gap={4}>
        <Tag color={DECISION_COLORS[d.decision]}>{t(`decisionShort.${d.decision}`)}</Tag>
        {d.byProposer ? <Tag>{t('case.byProposer')}</Tag> : null}
      </Flex>
      {d.opinion ? (
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
          {d.opinion}
        </Typography.Paragraph>
      ) : null}
      {d.level === 4 && d.decision === 'refuse' && c.workableSuggestion ? (
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
          <Typography.Text strong>
            {t('case.workableSuggestion')}
            {t('common.colon')}
          </Typography.Text>
          {c.workableSuggestion}
        </Typography.Paragraph>
      ) : null}
      <Signer d={d} />
    </Flex>
  );
}

export function ApprovalProgress({ c }: { c: CaseDetail }) {
  const t = useT();
  const { lang } = useLang();
  const isMobile = useIsMobile();
  const waitingLevel = LEVEL_OF_STATE[c.state] ?? null;
  const proposed = c.proposer !== null || c.decisions.length > 0;

  const firstStep: NonNullable<StepsProps['items']>[number] = {
    title: t('case.level1'),
    status: proposed ? 'finish' : c.state === 'open' ? 'process' : 'wait',
    content: proposed ? (
      <Flex vertical gap={2} data-testid="progress-level-1">
        {c.refusalReason ? (
          <Flex wrap gap={4}>
            <Tag color="volcano">{t('case.proposed')}</Tag>
            <Tag>{t(`refusalReason.${c.refusalReason}`)}</Tag>
          </Flex>
        ) : null}
        {c.refusalReasonText ? (
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
            {c.refusalReasonText}
          </Typography.Paragraph>
        ) : null}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {(c.proposer ?? c.firstResponder).displayName}
        </Typography.Text>
      </Flex>
    ) : (
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {c.firstResponder.displayName}
      </Typography.Text>
    ),
  };

  const levelSteps = ([2, 3, 4] as const).map((level) => {
    const d = decisionAt(c, level);
    const holder = holderOf(c, level);
    const waiting = waitingLevel === level;
    return {
      title: t(LEVEL_LABELS[level]),
      status: d ? (d.decision === 'refuse' ? 'error' : 'finish') : waiting ? 'process' : 'wait',
      content: d ? (
        <DecisionContent d={d} c={c} />
      ) : (
        <Typography.Text
          type={waiting ? undefined : 'secondary'}
          style={{ fontSize: 12 }}
          data-testid={`progress-level-${level}`}
        >
          {waiting
            ? holder
              ? t('case.waitingFor', { name: holder.displayName })
              : t('case.waiting')
            : (holder?.displayName ?? t('case.notSet'))}
        </Typography.Text>
      ),
    } satisfies NonNullable<StepsProps['items']>[number];
  });

  const lastDecided = c.decisions.reduce((max, d) => Math.max(max, d.level), proposed ? 1 : 0);
  const current = waitingLevel ? waitingLevel - 1 : Math.max(lastDecided - 1, 0);
  const names = (people: PersonRef[]) => people.map((p) => p.displayName).join(lang === 'zh' ? '、' : ', ');

  return (
    <Card title={t('case.progressTitle')} size={isMobile ? 'small' : undefined} data-testid="case-progress">
      {proposed ? null : (
        <Alert type="info" showIcon title={t('case.progressNone')} style={{ marginBottom: 16 }} />
      )}
      <Steps
        orientation={isMobile ? 'vertical' : 'horizontal'}
        titlePlacement={isMobile ? 'horizontal' : 'vertical'}
        current={current}
        items={[firstStep, ...levelSteps]}
        style={{ marginBottom: 16 }}
      />
      <Descriptions
        title={<Typography.Text type="secondary">{t('case.holdersTitle')}</Typography.Text>}
        size="small"
        column={{ xs: 1, sm: 2, md: 2, lg: 4, xl: 4, xxl: 4 }}
        items={[
          {
            key: 'firstResponders',
            label: t('case.level1'),
            children: names(c.chain.firstResponders) || t('case.notSet'),
          },
          ...([2, 3, 4] as const).map((level) => ({
            key: String(level),
            label: t(LEVEL_LABELS[level]),
            children: holderOf(c, level)?.displayName ?? t('case.notSet'),
          })),
        ]}
      />
    </Card>
  );
}
