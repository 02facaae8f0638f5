// 工作台 · 跟踪问效: the ways I found (能办) that I must check were carried out, soonest due first. Shown
// only to someone who has follow-ups to make.
import { Badge, Card, Flex, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useT } from '../../../i18n/index.tsx';
import { ErrorBlock, LoadingBlock } from '../../../ui/QueryState.tsx';
import { useFollowUpsDue } from '../hooks/useCases.ts';
import { CaseStateTag } from './CaseTags.tsx';

export function FollowUpsCard() {
  const t = useT();
  const due = useFollowUpsDue();
  const items = due.data?.items ?? [];
  if (due.isSuccess && items.length === 0) return null;
  return (
    <Card
      data-testid="home-follow-ups"
      title={
        <Flex align="center" gap={8}>
          {t('home.followUpsTitle')}
          <Badge
            count={items.length}
            showZero
            overflowCount={999}
            color={items.some((i) => i.overdue) ? '#cf1322' : '#8c8c8c'}
            data-testid="home-follow-ups-count"
          />
        </Flex>
      }
    >
      {due.isPending ? (
        <LoadingBlock />
      ) : due.isError ? (
        <ErrorBlock error={due.error} onRetry={() => void due.refetch()} />
      ) : (
        <Flex vertical gap={0}>
          {items.map((f, i) => (
            <Link
              key={`${f.caseId}-${f.round}`}
              to={`/cases/${encodeURIComponent(f.caseId)}`}
              data-testid="home-follow-up-item"
              style={{
                display: 'block',
                padding: '8px 0',
                borderTop: i === 0 ? undefined : '1px solid #f0f0f0',
              }}
            >
              <Flex justify="space-between" align="start" gap={8} wrap>
                <Flex vertical style={{ minWidth: 0, flex: '1 1 220px' }}>
                  <Typography.Text strong ellipsis>
                    {f.matterTitle}
                  </Typography.Text>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {f.number}
                    {f.round > 0 ? ` · ${t('case.roundN', { round: f.round })}` : ''}
                  </Typography.Text>
                </Flex>
                <Flex vertical align="end" gap={2}>
                  <CaseStateTag state={f.state} />
                  {f.dueOn ? (
                    <Typography.Text type={f.overdue ? 'danger' : 'secondary'} style={{ fontSize: 12 }}>
                      {t('case.followUpDue', { date: f.dueOn })}
                      {f.overdue ? (
                        <Tag color="red" style={{ marginInlineStart: 4 }}>
                          {t('case.overdue')}
                        </Tag>
                      ) : null}
                    </Typography.Text>
                  ) : null}
                </Flex>
              </Flex>
            </Link>
          ))}
        </Flex>
      )}
    </Card>
  );
}
