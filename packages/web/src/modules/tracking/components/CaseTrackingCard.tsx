// 回执与评价 on the case page: when the code was issued and a new one (the first responder, confirmed: the
// old code stops working), the receipt, the ratings (the applicant's and those given by phone) and the
// applicant's reopen requests. A new code is shown here, once; the registration's by RegistrationReceipt.
import { useState } from 'react';
import { App, Button, Card, Flex, Form, Input, List, Modal, Radio, Tag, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useLocation, useNavigate } from 'react-router-dom';
import {
  SATISFACTION_RATINGS,
  type CaseDetail,
  type SatisfactionRating,
  type TrackingCodeIssued,
} from '@bancheng/core';
import { isApiError } from '../../../api/client.ts';
import { useT, type MessageKey } from '../../../i18n/index.tsx';
import { formatDateTime } from '../../../ui/dates.ts';
import { ErrorBlock, LoadingBlock } from '../../../ui/QueryState.tsx';
import { fetchCaseTracking, recordPhoneRating, reissueTrackingCode, trackingKeys } from '../api/tracking.ts';
import { ReceiptPanel } from './ReceiptPanel.tsx';

export function CaseTrackingCard({ c }: { c: CaseDetail }) {
  const t = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [receipt, setReceipt] = useState<TrackingCodeIssued | null>(null);
  const [busy, setBusy] = useState(false);
  const query = useQuery({
    queryKey: trackingKeys.ofCase(c.id),
    queryFn: ({ signal }) => fetchCaseTracking(c.id, signal),
    staleTime: 0,
  });
  const reissue = () =>
    Modal.confirm({
      title: t('tracking.reissueTitle'),
      content: t('tracking.reissueConfirm'),
      okText: t('tracking.reissue'),
      cancelText: t('common.cancel'),
      onOk: async () => {
        if (busy) return;
        setBusy(true);
        try {
          setReceipt(await reissueTrackingCode(c.id));
          await queryClient.invalidateQueries({ queryKey: trackingKeys.ofCase(c.id) });
        } catch (e) {
          void message.error(isApiError(e) ? e.message : String(e));
        } finally {
          setBusy(false);
        }
      },
    });

  return (
    <Card size="small" title={t('tracking.cardTitle')} data-testid="case-tracking">
      {query.isPending ? (
        <LoadingBlock />
      ) : query.isError ? (
        <ErrorBlock error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <Flex vertical gap={12}>
          <Flex justify="space-between" align="center" wrap gap={8}>
            <Typography.Text type="secondary">
              {query.data.codeIssuedAt
                ? t('tracking.codeIssuedAt', { at: formatDateTime(query.data.codeIssuedAt) })
                : t('tracking.noCode')}
            </Typography.Text>
            {query.data.may.reissue && (
              <Button size="small" onClick={reissue} loading={busy} data-testid="tracking-reissue">
                {t('tracking.reissue')}
              </Button>
            )}
          </Flex>
          {query.data.ratings.length > 0 && (
            <List
              size="small"
              dataSource={query.data.ratings}
              renderItem={(r) => (
                <List.Item data-testid="tracking-rating">
                  <Flex vertical gap={2}>
                    <span>
                      <Tag color={r.flagged ? 'red' : 'green'}>
                        {t(`tracking.rating.${r.rating}` as MessageKey)}
                      </Tag>
                      <Typography.Text type="secondary">
                        {t(r.source === 'phone' ? 'tracking.byPhone' : 'tracking.byApplicant')} ·{' '}
                        {formatDateTime(r.ratedAt)}
                      </Typography.Text>
                      {r.flagged && <Tag color="volcano">{t('tracking.flagged')}</Tag>}
                    </span>
                    {r.comment && <Typography.Text>{r.comment}</Typography.Text>}
                  </Flex>
                </List.Item>
              )}
            />
          )}
          {query.data.reopenRequests.map((r) => (
            <Typography.Text key={r.round} data-testid="tracking-reopen">
              {t('tracking.reopenRequested', { at: formatDateTime(r.requestedAt) })}：{r.reason}
            </Typography.Text>
          ))}
          {query.data.may.rate && <PhoneRatingForm caseId={c.id} />}
        </Flex>
      )}
      {receipt && (
        <div style={{ marginTop: 12 }}>
          <ReceiptPanel caseId={c.id} number={c.number} receipt={receipt} onClose={() => setReceipt(null)} />
        </div>
      )}
    </Card>
  );
}

function PhoneRatingForm({ caseId }: { caseId: string }) {
  const t = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ rating: SatisfactionRating; comment?: string }>();
  const [busy, setBusy] = useState(false);
  const onFinish = async (values: { rating: SatisfactionRating; comment?: string }) => {
    if (busy) return;
    setBusy(true);
    try {
      queryClient.setQueryData(
        trackingKeys.ofCase(caseId),
        await recordPhoneRating(caseId, { rating: values.rating, comment: values.comment?.trim() ?? '' }),
      );
      void message.success(t('tracking.phoneRated'));
    } catch (e) {
      void message.error(isApiError(e) ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Form form={form} layout="vertical" onFinish={(v) => void onFinish(v)} data-testid="phone-rating">
      <Form.Item
        name="rating"
        label={t('tracking.phoneRating')}
        rules={[{ required: true, message: t('tracking.pickRating') }]}
      >
        <Radio.Group>
          {SATISFACTION_RATINGS.map((r) => (
            <Radio key={r} value={r}>
              {t(`tracking.rating.${r}` as MessageKey)}
            </Radio>
          ))}
        </Radio.Group>
      </Form.Item>
      <Form.Item name="comment" label={t('tracking.comment')}>
        <Input.TextArea rows={2} maxLength={1000} />
      </Form.Item>
      <Button htmlType="submit" loading={busy}>
        {t('tracking.phoneRatingSubmit')}
      </Button>
    </Form>
  );
}

/** The receipt straight after registration: the code came with the registration's answer, this once. */
export function RegistrationReceipt({ c }: { c: CaseDetail }) {
  const location = useLocation();
  const navigate = useNavigate();
  const receipt = (location.state as { receipt?: TrackingCodeIssued } | null)?.receipt;
  if (!receipt) return null;
  // Closing drops the code from the history entry too: back and forward do not show it again.
  const close = () => void navigate(location.pathname, { replace: true, state: null });
  return <ReceiptPanel caseId={c.id} number={c.number} receipt={receipt} onClose={close} />;
}
