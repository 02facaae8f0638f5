// 办理进度查询 (/track): the applicant's page, without signing in. The code is typed into a form and sent
// in a POST body — never put in the address — so it stays out of server logs, proxies and the browser's
// history. Phone-sized first; Chinese by default, English by the switch.
import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Flex,
  Form,
  Input,
  Modal,
  Radio,
  Steps,
  Tag,
  Typography,
} from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import { SATISFACTION_RATINGS, type PublicCaseView, type SatisfactionRating } from '@bancheng/core';
import { isApiError } from '../../../api/client.ts';
import { useT, type MessageKey } from '../../../i18n/index.tsx';
import { LangSwitch } from '../../../ui/LangSwitch.tsx';
import { formatDateTime } from '../../../ui/dates.ts';
import { rateAsApplicant, reopenAsApplicant, trackCase } from '../api/tracking.ts';

const STEP_OF: Record<PublicCaseView['stage'], number> = {
  beingHandled: 1,
  underReview: 2,
  inConsultation: 2,
  resolving: 3,
  answering: 3,
  answered: 3,
  closed: 3,
};

const LEVEL_KEYS: Record<number, MessageKey> = {
  2: 'position.deptHead',
  3: 'position.leaderInCharge',
  4: 'position.principalLeader',
};

function useGuarded() {
  const [busy, setBusy] = useState(false);
  const run = async (work: () => Promise<void>) => {
    if (busy) return;
    setBusy(true);
    try {
      await work();
    } finally {
      setBusy(false);
    }
  };
  return { busy, run };
}

export function PublicTracking() {
  const t = useT();
  const [code, setCode] = useState<string | null>(null);
  const [view, setView] = useState<PublicCaseView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const lookup = useGuarded();

  const onSearch = (values: { code: string }) =>
    lookup.run(async () => {
      setError(null);
      try {
        setView(await trackCase(values.code));
        setCode(values.code);
      } catch (e) {
        setView(null);
        setError(isApiError(e) ? e.message : String(e));
      }
    });

  return (
    <div style={{ minHeight: '100vh', background: '#f5f7fa' }}>
      <div style={{ maxWidth: 640, margin: '0 auto', padding: '16px 12px 48px' }}>
        <Flex justify="space-between" align="center" style={{ marginBottom: 12 }}>
          <div>
            <Typography.Title level={4} style={{ margin: 0 }}>
              {t('tracking.title')}
            </Typography.Title>
            <Typography.Text type="secondary">{t('app.slogan')}</Typography.Text>
          </div>
          <LangSwitch compact />
        </Flex>
        <Card size="small">
          <Form
            layout="vertical"
            onFinish={(v: { code: string }) => void onSearch(v)}
            data-testid="track-form"
          >
            <Form.Item
              name="code"
              label={t('tracking.codeLabel')}
              extra={t('tracking.codeHint')}
              rules={[{ required: true, whitespace: true, message: t('common.required') }]}
            >
              <Input
                size="large"
                autoComplete="off"
                autoCapitalize="characters"
                spellCheck={false}
                placeholder="XXXX-XXXX-XXXX-XXXX"
                data-testid="track-code"
              />
            </Form.Item>
            <Button
              type="primary"
              htmlType="submit"
              size="large"
              block
              icon={<SearchOutlined />}
              loading={lookup.busy}
              data-testid="track-submit"
            >
              {t('tracking.search')}
            </Button>
          </Form>
          {error && (
            <Alert style={{ marginTop: 12 }} type="error" showIcon title={error} data-testid="track-error" />
          )}
        </Card>
        {view && code && <TrackedCase view={view} code={code} onChange={setView} />}
      </div>
    </div>
  );
}

function TrackedCase({
  view,
  code,
  onChange,
}: {
  view: PublicCaseView;
  code: string;
  onChange: (v: PublicCaseView) => void;
}) {
  const t = useT();
  const stageText = t(`tracking.stage.${view.stage}` as MessageKey, {
    level: view.level ? t(LEVEL_KEYS[view.level] ?? 'position.deptHead') : '',
  });
  const done = view.stage === 'closed' || view.stage === 'answered';
  return (
    <Flex vertical gap={12} style={{ marginTop: 12 }} data-testid="track-result" data-stage={view.stage}>
      <Card size="small" title={view.matterTitle}>
        <Descriptions
          size="small"
          column={1}
          items={[
            { key: 'n', label: t('tracking.number'), children: view.number },
            { key: 'r', label: t('tracking.receivedAt'), children: formatDateTime(view.receivedAt) },
            {
              key: 'd',
              label: t('tracking.department'),
              children: `${view.unitName} ${view.departmentName}`,
            },
            ...(view.dueDate ? [{ key: 'due', label: t('tracking.dueDate'), children: view.dueDate }] : []),
            ...(view.replyDeadline
              ? [{ key: 'reply', label: t('tracking.replyDeadline'), children: view.replyDeadline }]
              : []),
          ]}
        />
        <Alert
          style={{ marginTop: 8 }}
          type={done ? 'success' : 'info'}
          showIcon
          title={stageText}
          data-testid="track-stage"
        />
        <Steps
          style={{ marginTop: 12 }}
          orientation="vertical"
          size="small"
          current={STEP_OF[view.stage]}
          status={done ? 'finish' : 'process'}
          items={[
            { title: t('tracking.step.received') },
            { title: t('tracking.step.handling') },
            { title: t('tracking.step.review') },
            { title: t('tracking.step.answered') },
          ]}
        />
        {view.outcome && (
          <Tag color="green" style={{ marginTop: 4 }}>
            {t(`tracking.outcome.${view.outcome}` as MessageKey)}
          </Tag>
        )}
      </Card>
      {view.reply && (
        <Card size="small" title={t('tracking.reply')} data-testid="track-reply">
          <Descriptions
            size="small"
            column={1}
            items={[
              {
                key: 'reason',
                label: t('tracking.reason'),
                children: (
                  <span>
                    {view.reply.reason && <Tag>{t(`refusalReason.${view.reply.reason}` as MessageKey)}</Tag>}
                    {view.reply.reasonText}
                  </span>
                ),
              },
              {
                key: 'suggestion',
                label: t('tracking.suggestion'),
                children: <Typography.Text strong>{view.reply.workableSuggestion}</Typography.Text>,
              },
              ...(view.reply.repliedOn
                ? [{ key: 'on', label: t('tracking.repliedOn'), children: view.reply.repliedOn }]
                : []),
            ]}
          />
        </Card>
      )}
      <RatingCard view={view} code={code} onChange={onChange} />
      <ReopenCard view={view} code={code} onChange={onChange} />
    </Flex>
  );
}

function RatingCard({
  view,
  code,
  onChange,
}: {
  view: PublicCaseView;
  code: string;
  onChange: (v: PublicCaseView) => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ rating: SatisfactionRating; comment?: string }>();
  const send = useGuarded();
  if (view.rating) {
    return (
      <Card size="small" title={t('tracking.rating')} data-testid="track-rated">
        <Tag color={view.rating.rating.includes('issatisfied') ? 'red' : 'green'}>
          {t(`tracking.rating.${view.rating.rating}` as MessageKey)}
        </Tag>
        {view.rating.comment && (
          <Typography.Paragraph style={{ marginTop: 8 }}>{view.rating.comment}</Typography.Paragraph>
        )}
        <Typography.Text type="secondary">{t('tracking.ratedThanks')}</Typography.Text>
      </Card>
    );
  }
  if (!view.may.rate) return null;
  const onFinish = (values: { rating: SatisfactionRating; comment?: string }) =>
    send.run(async () => {
      try {
        onChange(
          await rateAsApplicant({ code, rating: values.rating, comment: values.comment?.trim() ?? '' }),
        );
        void message.success(t('tracking.ratedThanks'));
      } catch (e) {
        void message.error(isApiError(e) ? e.message : String(e));
      }
    });
  return (
    <Card size="small" title={t('tracking.rateTitle')} data-testid="track-rate">
      <Form form={form} layout="vertical" onFinish={(v) => void onFinish(v)}>
        <Form.Item name="rating" rules={[{ required: true, message: t('tracking.pickRating') }]}>
          <Radio.Group style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
            {SATISFACTION_RATINGS.map((r) => (
              <Radio key={r} value={r} data-testid={`rating-${r}`}>
                {t(`tracking.rating.${r}` as MessageKey)}
              </Radio>
            ))}
          </Radio.Group>
        </Form.Item>
        <Form.Item name="comment" label={t('tracking.comment')}>
          <Input.TextArea rows={3} maxLength={1000} showCount data-testid="rating-comment" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={send.busy} data-testid="rating-submit">
          {t('tracking.rateSubmit')}
        </Button>
      </Form>
    </Card>
  );
}

function ReopenCard({
  view,
  code,
  onChange,
}: {
  view: PublicCaseView;
  code: string;
  onChange: (v: PublicCaseView) => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const send = useGuarded();
  if (view.stage === 'beingHandled' && view.reopenRequestedAt) {
    return (
      <Alert
        type="info"
        showIcon
        title={t('tracking.reopened', { at: formatDateTime(view.reopenRequestedAt) })}
      />
    );
  }
  if (view.may.reopenExpired) {
    return (
      <Alert
        type="warning"
        showIcon
        data-testid="track-reopen-expired"
        title={t('tracking.reopenExpired', { date: view.may.reopenUntil ?? '' })}
      />
    );
  }
  if (!view.may.reopen) return null;
  const onFinish = (values: { reason: string }) => {
    Modal.confirm({
      title: t('tracking.reopenConfirmTitle'),
      content: t('tracking.reopenConfirm'),
      okText: t('tracking.reopenSubmit'),
      cancelText: t('common.cancel'),
      onOk: () =>
        send.run(async () => {
          try {
            onChange(await reopenAsApplicant({ code, reason: values.reason.trim() }));
            void message.success(t('tracking.reopenDone'));
          } catch (e) {
            void message.error(isApiError(e) ? e.message : String(e));
          }
        }),
    });
  };
  return (
    <Card size="small" title={t('tracking.reopenTitle')} data-testid="track-reopen">
      <Typography.Paragraph type="secondary">
        {t('tracking.reopenHint', { date: view.may.reopenUntil ?? '' })}
      </Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={onFinish}>
        <Form.Item
          name="reason"
          label={t('tracking.reopenReason')}
          rules={[{ required: true, whitespace: true, message: t('common.required') }]}
        >
          <Input.TextArea rows={3} maxLength={1000} showCount data-testid="reopen-reason" />
        </Form.Item>
        <Button htmlType="submit" block loading={send.busy} data-testid="reopen-submit">
          {t('tracking.reopenSubmit')}
        </Button>
      </Form>
    </Card>
  );
}
