// A report's page (反映详情): header, what was reported, the reporter (masked, revealed on request), the
// materials, linked cases, supervision orders, the referral and the history; beside them exactly the
// steps the server says the reader may take now. On phones the steps come right after the header.
import { useState } from 'react';
import type { ReactNode } from 'react';
import { Button, Card, Col, Flex, Result, Row, Tag, Typography } from 'antd';
import {
  ArrowLeftOutlined,
  AuditOutlined,
  CheckCircleOutlined,
  DownloadOutlined,
  FileSearchOutlined,
  MessageOutlined,
  SafetyCertificateOutlined,
  SendOutlined,
} from '@ant-design/icons';
import { Link, useNavigate } from 'react-router-dom';
import { useQueryClient } from '@tanstack/react-query';
import type { ReportDetail } from '@bancheng/core';
import { isApiError } from '../../../api/client.ts';
import { useT } from '../../../i18n/index.tsx';
import { ErrorBlock, LoadingBlock } from '../../../ui/QueryState.tsx';
import { useIsMobile } from '../../../ui/useIsMobile.ts';
import { ledgerKeys, reportAttachmentUrl, reportDocxUrl } from '../api/ledger.ts';
import { useReport } from '../hooks/useLedger.ts';
import { ReportActionModal, type ReportFormAction } from './ReportActionModal.tsx';
import {
  ReportCases,
  ReportHistory,
  ReportInfo,
  ReportMaterials,
  ReportOrders,
  ReportReferral,
} from './ReportSections.tsx';
import { ReportSourceTag, ReportStateTag } from './ReportTags.tsx';

const FORM_ACTIONS: readonly ReportFormAction[] = [
  'triage',
  'verifyOrder',
  'reply',
  'supervise',
  'referToDiscipline',
  'recordFinding',
];

const ICONS: Record<ReportFormAction, ReactNode> = {
  triage: <FileSearchOutlined />,
  supervise: <SendOutlined />,
  verifyOrder: <CheckCircleOutlined />,
  referToDiscipline: <SafetyCertificateOutlined />,
  recordFinding: <AuditOutlined />,
  reply: <MessageOutlined />,
};

/** The step the report waits for comes first and stands out. */
const PRIMARY: readonly ReportFormAction[] = ['triage', 'verifyOrder', 'recordFinding', 'reply'];

function ReportActions({ r }: { r: ReportDetail }) {
  const t = useT();
  const isMobile = useIsMobile();
  const [active, setActive] = useState<ReportFormAction | null>(null);
  const actions = FORM_ACTIONS.filter((a) => r.actions.includes(a));
  const primary = actions.find((a) => PRIMARY.includes(a));
  // A department head reads the report only through their order's page, which has the answer form.
  const orderToAnswer = r.actions.includes('answerOrder')
    ? r.orders.find((o) => o.state === 'open')
    : undefined;
  return (
    <Card title={t('report.actionsTitle')} size={isMobile ? 'small' : undefined} data-testid="report-actions">
      <Flex vertical gap={8}>
        {actions.length === 0 && !orderToAnswer ? (
          <Typography.Text type="secondary" data-testid="report-no-actions">
            {t('report.noActions')}
          </Typography.Text>
        ) : null}
        {actions.map((action) => (
          <Button
            key={action}
            block
            type={action === primary ? 'primary' : 'default'}
            icon={ICONS[action]}
            onClick={() => setActive(action)}
            data-testid={`report-action-${action}`}
            style={{ whiteSpace: 'normal', height: 'auto', minHeight: 32, textAlign: 'start' }}
          >
            {t(`reportAction.${action}`)}
          </Button>
        ))}
        {orderToAnswer ? (
          <Link to={`/ledger/orders/${encodeURIComponent(orderToAnswer.id)}`}>
            <Button block type="primary" data-testid="report-action-answerOrder">
              {t('reportAction.answerOrder')}
            </Button>
          </Link>
        ) : null}
        <Flex wrap gap={4} style={{ marginTop: 4 }}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('report.roles')}
            {t('common.colon')}
          </Typography.Text>
          {r.roles.map((role) => (
            <Tag key={role} style={{ fontSize: 12 }}>
              {t(`reportRole.${role}`)}
            </Tag>
          ))}
        </Flex>
      </Flex>
      <ReportActionModal r={r} action={active} onClose={() => setActive(null)} />
    </Card>
  );
}

function Header({ r }: { r: ReportDetail }) {
  const t = useT();
  const isMobile = useIsMobile();
  return (
    <Card size={isMobile ? 'small' : undefined}>
      <Flex justify="space-between" align="start" wrap gap={12}>
        <Flex wrap align="center" gap={8}>
          <Typography.Title level={isMobile ? 4 : 3} style={{ margin: 0 }} data-testid="report-number">
            {r.number}
          </Typography.Title>
          <ReportStateTag state={r.state} outcome={r.outcome} />
          <ReportSourceTag source={r.source} />
        </Flex>
        <Button icon={<DownloadOutlined />} href={reportDocxUrl(r.id)} data-testid="report-docx">
          {t('report.docx')}
        </Button>
      </Flex>
    </Card>
  );
}

export function ReportView({ id }: { id: string }) {
  const t = useT();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const query = useReport(id);

  if (query.isPending) return <LoadingBlock />;
  if (query.isError) {
    if (isApiError(query.error) && query.error.status === 404) {
      return (
        <Result
          status="404"
          title="404"
          subTitle={t('report.notFound')}
          extra={
            <Button type="primary" onClick={() => void navigate('/ledger')}>
              {t('report.backToLedger')}
            </Button>
          }
        />
      );
    }
    return <ErrorBlock error={query.error} onRetry={() => void query.refetch()} />;
  }
  const r = query.data;
  const urlOf = (a: { id: string }) => reportAttachmentUrl(r.id, a.id);
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ledgerKeys.detail(id) });

  return (
    <Flex
      vertical
      gap={16}
      data-testid="report-page"
      data-report-id={r.id}
      data-version={r.version}
      data-state={r.state}
    >
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
      <Header r={r} />
      <Row gutter={[16, 16]}>
        <Col xs={{ span: 24, order: 1 }} lg={{ span: 8, order: 2 }}>
          <div style={{ position: 'sticky', top: 88 }}>
            <ReportActions r={r} />
          </div>
        </Col>
        <Col xs={{ span: 24, order: 2 }} lg={{ span: 16, order: 1 }}>
          <Flex vertical gap={16}>
            <ReportInfo r={r} />
            <ReportMaterials r={r} urlOf={urlOf} onChanged={refresh} />
            <ReportCases r={r} />
            <ReportOrders r={r} urlOf={urlOf} />
            <ReportReferral r={r} />
            <ReportHistory r={r} />
          </Flex>
        </Col>
      </Row>
    </Flex>
  );
}
