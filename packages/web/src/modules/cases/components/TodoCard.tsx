// 工作台 · 我的待办: how many cases wait for me, and the first few of them.
import { Badge, Card, Flex, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useT } from '../../../i18n/index.tsx';
import { EmptyBlock, ErrorBlock, LoadingBlock } from '../../../ui/QueryState.tsx';
import { useCases } from '../hooks/useCases.ts';
import { CaseStateTag, DueText } from './CaseTags.tsx';

const SHOWN = 5;

export function TodoCard() {
  const t = useT();
  const todo = useCases({ view: 'todo', pageSize: SHOWN });
  const total = todo.data?.total ?? 0;

  return (
    <Card
      data-testid="home-todo"
      title={
        <Flex align="center" gap={8}>
          {t('home.todoTitle')}
          <Badge
            count={total}
            showZero
            overflowCount={999}
            color={total > 0 ? '#cf1322' : '#8c8c8c'}
            data-testid="home-todo-count"
          />
        </Flex>
      }
      extra={<Link to="/cases?view=todo">{t('home.todoMore')}</Link>}
    >
      {todo.isPending ? (
        <LoadingBlock />
      ) : todo.isError ? (
        <ErrorBlock error={todo.error} onRetry={() => void todo.refetch()} />
      ) : todo.data.items.length === 0 ? (
        <EmptyBlock description={t('home.todoEmpty')} />
      ) : (
        <Flex vertical gap={0}>
          {todo.data.items.map((c, i) => (
            <Link
              key={c.id}
              to={`/cases/${encodeURIComponent(c.id)}`}
              data-testid="home-todo-item"
              style={{
                display: 'block',
                padding: '8px 0',
                borderTop: i === 0 ? undefined : '1px solid #f0f0f0',
              }}
            >
              <Flex justify="space-between" align="start" gap={8} wrap>
                <Flex vertical style={{ minWidth: 0, flex: '1 1 220px' }}>
                  <Typography.Text strong ellipsis>
                    {c.matterTitle}
                  </Typography.Text>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {c.number} · {c.applicantName} · {c.departmentName}
                  </Typography.Text>
                </Flex>
                <Flex vertical align="end" gap={2}>
                  <CaseStateTag state={c.state} />
                  {c.dueDate || c.levelDue ? <DueText c={c} /> : null}
                </Flex>
              </Flex>
            </Link>
          ))}
        </Flex>
      )}
    </Card>
  );
}
