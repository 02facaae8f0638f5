// 督办单 for the department head it is addressed to: the matter (what, where, when, materials, linked
// cases — never who reported it: the server's schema for this page has no such field), the order with
// its due date and light, what was answered and verified so far, and while it is open the answer form
// with materials.
import { App, Button, Card, Col, Descriptions, Flex, Form, Input, Result, Row, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router-dom';
import { REPORT_TEXT_MAX } from '@bancheng/core';
import type { OrderDetail } from '@bancheng/core';
import { isApiError } from '../../../api/client.ts';
import { useT } from '../../../i18n/index.tsx';
import { formatDateTime } from '../../../ui/dates.ts';
import { lengthRule, limitCount } from '../../../ui/formRules.ts';
import { ErrorBlock, LoadingBlock } from '../../../ui/QueryState.tsx';
import { testId } from '../../../ui/testId.ts';
import { useApiError } from '../../../ui/useApiError.tsx';
import { useFormSubmission } from '../../../ui/useFormKeys.ts';
import { useIsMobile } from '../../../ui/useIsMobile.ts';
import { CaseStateTag } from '../../cases/components/CaseTags.tsx';
import { answerOrder, orderAttachmentUrl, uploadOrderMaterial } from '../api/ledger.ts';
import { useOrder, useOrderStep } from '../hooks/useLedger.ts';
import { whereOf } from './LedgerList.tsx';
import { AttachmentList, OrderCard, UploadButton } from './ReportSections.tsx';
import { OrderStateTag } from './ReportTags.tsx';

const pre = { whiteSpace: 'pre-wrap', wordBreak: 'break-all' } as const;

function TheMatter({ d }: { d: OrderDetail }) {
  const t = useT();
  const isMobile = useIsMobile();
  const r = d.report;
  return (
    <Card title={t('order.matter')} size={isMobile ? 'small' : undefined} data-testid="order-matter">
      <Typography.Paragraph type="secondary">{t('order.matterHint')}</Typography.Paragraph>
      <Descriptions
        size="small"
        column={1}
        items={[
          {
            key: 'what',
            label: t('report.what'),
            children: (
              <Typography.Paragraph style={{ ...pre, margin: 0 }} data-testid="order-what" data-user-text>
                {r.what}
              </Typography.Paragraph>
            ),
          },
          { key: 'where', label: t('report.unit'), children: <span data-user-text>{whereOf(r)}</span> },
          {
            key: 'receivedAt',
            label: t('report.receivedAt'),
            children: <time dateTime={r.receivedAt}>{formatDateTime(r.receivedAt)}</time>,
          },
          ...(r.happenedOn
            ? [{ key: 'happenedOn', label: t('report.happenedOn'), children: r.happenedOn }]
            : []),
        ]}
      />
      <Typography.Title level={5}>{t('report.materials')}</Typography.Title>
      <AttachmentList items={r.attachments} urlOf={(a) => orderAttachmentUrl(d.order.id, a.id)} />
      {r.linkedCases.length > 0 ? (
        <>
          <Typography.Title level={5}>{t('report.cases')}</Typography.Title>
          <Flex vertical gap={4}>
            {r.linkedCases.map((c) => (
              <span key={c.caseId}>
                <Link to={`/cases/${encodeURIComponent(c.caseId)}`}>{c.number}</Link>{' '}
                <CaseStateTag state={c.state} />{' '}
                <Typography.Text type="secondary" data-user-text>
                  {c.matterTitle}
                </Typography.Text>
              </span>
            ))}
          </Flex>
        </>
      ) : null}
    </Card>
  );
}

function AnswerForm({ d }: { d: OrderDetail }) {
  const t = useT();
  const { modal, message } = App.useApp();
  const [form] = Form.useForm<{ text?: string }>();
  const showError = useApiError();
  const submission = useFormSubmission();
  const answer = useOrderStep(d.order.id, (v: { text: string; key: string }) =>
    answerOrder(d.order.id, { text: v.text }, v.key),
  );
  const upload = useOrderStep(d.order.id, (file: File) => uploadOrderMaterial(d.order.id, file));

  const onFinish = (values: { text?: string }) => {
    if (!submission.begin()) return;
    const text = (values.text ?? '').trim();
    modal.confirm({
      title: t('reportForm.confirmTitle'),
      content: t('order.confirmAnswer'),
      okText: t('reportForm.confirmOk'),
      cancelText: t('common.cancel'),
      okButtonProps: { ...testId('order-confirm') },
      onOk: () =>
        answer
          .mutateAsync({ text, key: submission.keys.keyFor({ text }) })
          .then(() => {
            submission.keys.reset();
            form.resetFields();
            message.success(t('order.answered'));
          })
          .catch((e: unknown) => showError(e, form, t('order.answer')))
          .finally(() => submission.end()),
      onCancel: () => submission.end(),
    });
  };

  return (
    <Card title={t('order.answer')} data-testid="order-answer-form">
      <Form form={form} name="orderAnswer" layout="vertical" onFinish={onFinish}>
        <Form.Item
          label={t('order.answerText')}
          name="text"
          rules={[
            { required: true, whitespace: true, message: t('common.required') },
            lengthRule(REPORT_TEXT_MAX, t('common.tooLong', { max: REPORT_TEXT_MAX })),
          ]}
        >
          <Input.TextArea
            {...limitCount(REPORT_TEXT_MAX)}
            autoSize={{ minRows: 5, maxRows: 16 }}
            placeholder={t('order.answerPlaceholder')}
            data-testid="order-answer-text"
          />
        </Form.Item>
        <Flex wrap gap={8} justify="space-between">
          <UploadButton
            label={t('order.addAttachment')}
            upload={(file) => upload.mutateAsync(file)}
            onDone={() => undefined}
            testid="order-attachment-upload"
          />
          <Button
            type="primary"
            htmlType="submit"
            loading={answer.isPending}
            disabled={answer.isPending}
            data-testid="order-submit"
          >
            {t('order.submit')}
          </Button>
        </Flex>
      </Form>
    </Card>
  );
}

export function OrderView({ id }: { id: string }) {
  const t = useT();
  const navigate = useNavigate();
  const query = useOrder(id);
  if (query.isPending) return <LoadingBlock />;
  if (query.isError) {
    if (isApiError(query.error) && query.error.status === 404) {
      return (
        <Result
          status="404"
          title="404"
          subTitle={t('order.notFound')}
          extra={
            <Button type="primary" onClick={() => void navigate('/')}>
              {t('common.backHome')}
            </Button>
          }
        />
      );
    }
    return <ErrorBlock error={query.error} onRetry={() => void query.refetch()} />;
  }
  const d = query.data;
  const lastVerdict = d.order.verifications.at(-1);
  return (
    <Flex vertical gap={16} data-testid="order-page" data-order-id={d.order.id} data-state={d.order.state}>
      <div>
        <Button
          type="link"
          icon={<ArrowLeftOutlined />}
          onClick={() => void navigate(-1)}
          style={{ padding: 0 }}
        >
          {t('common.back')}
        </Button>
      </div>
      <Card>
        <Flex wrap align="center" gap={8}>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t('order.title')} · {d.report.number}
          </Typography.Title>
          <OrderStateTag state={d.order.state} />
        </Flex>
        {d.order.state === 'open' && lastVerdict && !lastVerdict.accepted ? (
          <Typography.Text type="warning" data-testid="order-sent-back">
            {t('order.sentBack')}
            {t('common.colon')}
            <span data-user-text>{lastVerdict.reason}</span>
          </Typography.Text>
        ) : null}
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <TheMatter d={d} />
        </Col>
        <Col xs={24} lg={10}>
          <Flex vertical gap={16}>
            <OrderCard o={d.order} urlOf={(a) => orderAttachmentUrl(d.order.id, a.id)} />
            {d.mayAnswer ? <AnswerForm d={d} /> : null}
          </Flex>
        </Col>
      </Row>
    </Flex>
  );
}
