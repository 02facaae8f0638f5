// 评价预警 (/flags): the cases applicants rated 不满意 or worse, or whose answer they did not accept, newest
// first — for the supervision office (督查室) to verify; the ledger of a later issue picks them up.
import { Card, List, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { useT, type MessageKey } from '../../../i18n/index.tsx';
import { formatDateTime } from '../../../ui/dates.ts';
import { PageTitle } from '../../../ui/PageTitle.tsx';
import { EmptyBlock, ErrorBlock, LoadingBlock } from '../../../ui/QueryState.tsx';
import { fetchSupervisionFlags, trackingKeys } from '../api/tracking.ts';

export function SupervisionFlags() {
  const t = useT();
  const query = useQuery({
    queryKey: trackingKeys.flags,
    queryFn: ({ signal }) => fetchSupervisionFlags(signal),
    staleTime: 0,
    refetchOnMount: 'always',
  });
  return (
    <>
      <PageTitle title={t('tracking.flagsTitle')} />
      <Card size="small">
        {query.isPending ? (
          <LoadingBlock />
        ) : query.isError ? (
          <ErrorBlock error={query.error} onRetry={() => void query.refetch()} />
        ) : query.data.items.length === 0 ? (
          <EmptyBlock description={t('tracking.flagsEmpty')} />
        ) : (
          <List
            dataSource={query.data.items}
            renderItem={(f) => (
              <List.Item data-testid="flag" data-case-id={f.caseId}>
                <List.Item.Meta
                  title={
                    <span>
                      <Tag color="volcano">
                        {f.kind === 'rating' && f.rating
                          ? t(`tracking.rating.${f.rating}` as MessageKey)
                          : t('tracking.flag.feedback')}
                      </Tag>
                      <Link to={`/cases/${encodeURIComponent(f.caseId)}`}>
                        {f.caseNumber} {f.matterTitle}
                      </Link>
                    </span>
                  }
                  description={
                    <>
                      <div>
                        {f.departmentName} · {formatDateTime(f.flaggedAt)}
                      </div>
                      {f.comment && <Typography.Text>{f.comment}</Typography.Text>}
                    </>
                  }
                />
              </List.Item>
            )}
          />
        )}
      </Card>
    </>
  );
}
