// The parts of a report's page: what was reported and by whom (masked; the reveal is a button, audited),
// the materials, the linked cases, the supervision orders, the referral and the history. Everything the
// reporter or staff typed is shown as text, never as markup.
import { useState } from 'react';
import {
  App,
  Button,
  Card,
  Descriptions,
  Empty,
  Flex,
  Input,
  List,
  Modal,
  Select,
  Tag,
  Timeline,
  Typography,
  Upload,
} from 'antd';
import { DownloadOutlined, EyeOutlined, LinkOutlined, UploadOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { ATTACHMENT_EXTENSIONS } from '@bancheng/core';
import type { ReportAttachment, ReportDetail, SupervisionOrder } from '@bancheng/core';
import { useT, type MessageKey } from '../../../i18n/index.tsx';
import { formatDateTime } from '../../../ui/dates.ts';
import { testId } from '../../../ui/testId.ts';
import { useApiError } from '../../../ui/useApiError.tsx';
import { useFormSubmission } from '../../../ui/useFormKeys.ts';
import { useIsMobile } from '../../../ui/useIsMobile.ts';
import { departmentOptions, useOrgTree } from '../../org/hooks/useOrg.ts';
import { CaseStateTag } from '../../cases/components/CaseTags.tsx';
import {
  linkCase,
  revealReporter,
  unlinkCase,
  uploadReportMaterial,
  type RevealedReporter,
} from '../api/ledger.ts';
import { useCasesToLink, useReportStep } from '../hooks/useLedger.ts';
import { OrderLight, OrderStateTag, ReportSourceTag, TriageText } from './ReportTags.tsx';
import { whereOf } from './LedgerList.tsx';

const MB = 1024 * 1024;
/** The size the server takes per file; shown as a hint, the server decides. */
const MAX_MATERIAL_MB = 10;

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < MB) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / MB).toFixed(1)} MB`;
}

const pre = { whiteSpace: 'pre-wrap', wordBreak: 'break-all' } as const;

/** The reporter as the record holds them: masked, and for the handling office a reveal (audited). */
function Reporter({ r }: { r: ReportDetail }) {
  const t = useT();
  const { modal } = App.useApp();
  const showError = useApiError();
  const [revealed, setRevealed] = useState<RevealedReporter | null>(null);
  const [busy, setBusy] = useState(false);
  const mayReveal = r.actions.includes('revealReporter') && !r.reporter.anonymous;
  const reveal = () =>
    modal.confirm({
      title: t('report.revealTitle'),
      content: t('report.revealText'),
      okText: t('report.revealOk'),
      cancelText: t('common.cancel'),
      okButtonProps: { ...testId('reveal-confirm') },
      onOk: () => {
        if (busy) return;
        setBusy(true);
        return revealReporter(r.id)
          .then(setRevealed)
          .catch((e: unknown) => showError(e, undefined, t('report.revealTitle')))
          .finally(() => setBusy(false));
      },
    });
  return (
    <Flex vertical gap={4} data-testid="report-reporter">
      <span>
        {r.reporter.anonymous ? (
          <Tag>{t('report.anonymous')}</Tag>
        ) : (
          <Typography.Text data-user-text data-testid="report-reporter-masked">
            {r.reporter.maskedName}
          </Typography.Text>
        )}{' '}
        <Typography.Text type="secondary">
          {t(r.reporter.hasPhone ? 'report.hasPhone' : 'report.noPhone')}
          {r.reporter.wantsSms ? ` · ${t('report.wantsSms')}` : ''}
        </Typography.Text>
      </span>
      {revealed ? (
        <Typography.Text data-testid="report-reporter-revealed">
          {t('report.revealedName')}
          {t('common.colon')}
          <span data-user-text>{revealed.name ?? t('report.revealedNone')}</span> ·{' '}
          {t('report.revealedPhone')}
          {t('common.colon')}
          {revealed.phone ?? t('report.revealedNone')}
        </Typography.Text>
      ) : mayReveal || (r.actions.includes('revealReporter') && r.reporter.hasPhone) ? (
        <div>
          <Button
            size="small"
            icon={<EyeOutlined />}
            onClick={() => void reveal()}
            loading={busy}
            data-testid="report-reveal"
          >
            {t('report.reveal')}
          </Button>
        </div>
      ) : null}
    </Flex>
  );
}

export function ReportInfo({ r }: { r: ReportDetail }) {
  const t = useT();
  const isMobile = useIsMobile();
  const items = [
    {
      key: 'what',
      label: t('report.what'),
      span: 'filled' as const,
      children: (
        <Typography.Paragraph style={{ ...pre, margin: 0 }} data-testid="report-what" data-user-text>
          {r.what}
        </Typography.Paragraph>
      ),
    },
    { key: 'where', label: t('report.unit'), children: <span data-user-text>{whereOf(r)}</span> },
    { key: 'source', label: t('report.source'), children: <ReportSourceTag source={r.source} /> },
    {
      key: 'receivedAt',
      label: t('report.receivedAt'),
      children: <time dateTime={r.receivedAt}>{formatDateTime(r.receivedAt)}</time>,
    },
    ...(r.happenedOn ? [{ key: 'happenedOn', label: t('report.happenedOn'), children: r.happenedOn }] : []),
    ...(r.caseTrackingCode
      ? [
          {
            key: 'code',
            label: t('report.caseTrackingCode'),
            children: <span data-user-text>{r.caseTrackingCode}</span>,
          },
        ]
      : []),
    ...(r.registeredBy
      ? [{ key: 'registeredBy', label: t('report.registeredBy'), children: r.registeredBy.displayName }]
      : []),
    ...(r.flagCaseId
      ? [
          {
            key: 'flag',
            label: t('report.flagCase'),
            children: (
              <Link to={`/cases/${encodeURIComponent(r.flagCaseId)}`}>{t('report.openFlagCase')}</Link>
            ),
          },
        ]
      : []),
    { key: 'triage', label: t('ledger.colTriage'), children: <TriageText triage={r.triage} /> },
    { key: 'reporter', label: t('report.reporter'), span: 'filled' as const, children: <Reporter r={r} /> },
    ...(r.publicAnswer
      ? [
          {
            key: 'publicAnswer',
            label: t('report.publicAnswer'),
            span: 'filled' as const,
            children: (
              <Flex vertical gap={2}>
                <Typography.Text style={pre} data-testid="report-public-answer" data-user-text>
                  {r.publicAnswer.text}
                </Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  <time dateTime={r.publicAnswer.answeredAt}>
                    {formatDateTime(r.publicAnswer.answeredAt)}
                  </time>
                </Typography.Text>
              </Flex>
            ),
          },
        ]
      : []),
    ...(r.reply
      ? [
          {
            key: 'reply',
            label: t('report.reply'),
            span: 'filled' as const,
            children: (
              <Flex vertical gap={2}>
                <Typography.Text style={pre} data-testid="report-reply" data-user-text>
                  {r.reply.text}
                </Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  <time dateTime={r.reply.repliedAt}>{formatDateTime(r.reply.repliedAt)}</time>
                  {r.reply.smsQueued ? ` · ${t('report.replySms')}` : ''}
                </Typography.Text>
              </Flex>
            ),
          },
        ]
      : []),
  ];
  return (
    <Card size={isMobile ? 'small' : undefined} data-testid="report-info">
      <Descriptions column={isMobile ? 1 : 2} items={items} size="small" />
    </Card>
  );
}

/** A list of files with download links (the report's materials, an order's). */
export function AttachmentList({
  items,
  urlOf,
}: {
  items: readonly ReportAttachment[];
  urlOf: (a: ReportAttachment) => string;
}) {
  const t = useT();
  if (items.length === 0)
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('report.materialsEmpty')} />;
  return (
    <List
      size="small"
      dataSource={[...items]}
      renderItem={(a) => (
        <List.Item data-testid="report-attachment">
          <Flex justify="space-between" gap={8} wrap style={{ width: '100%' }}>
            <a href={urlOf(a)} download={a.fileName} style={{ wordBreak: 'break-all' }} data-user-text>
              <DownloadOutlined /> {a.fileName}
            </a>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {formatSize(a.size)} · {a.uploadedBy ? a.uploadedBy.displayName : t('report.fromReporter')} ·{' '}
              <time dateTime={a.uploadedAt}>{formatDateTime(a.uploadedAt)}</time>
            </Typography.Text>
          </Flex>
        </List.Item>
      )}
    />
  );
}

/** An upload button: one request per file, the server judges what a file is. */
export function UploadButton({
  label,
  upload,
  onDone,
  testid,
}: {
  label: string;
  upload: (file: File) => Promise<ReportAttachment>;
  onDone: () => void;
  testid: string;
}) {
  const t = useT();
  const { message } = App.useApp();
  const showError = useApiError();
  const [pending, setPending] = useState(0);
  return (
    <Upload
      multiple
      showUploadList={false}
      accept={ATTACHMENT_EXTENSIONS.join(',')}
      customRequest={({ file, onSuccess, onError }) => {
        const picked = file as File;
        setPending((n) => n + 1);
        upload(picked)
          .then((added) => {
            onSuccess?.(added);
            message.success(t('report.materialAdded', { name: added.fileName }));
            onDone();
          })
          .catch((error: unknown) => {
            onError?.(error as Error);
            showError(error, undefined, t('report.materialFailed', { name: picked.name }));
          })
          .finally(() => setPending((n) => n - 1));
      }}
    >
      <Button icon={<UploadOutlined />} loading={pending > 0} data-testid={testid}>
        {label}
      </Button>
    </Upload>
  );
}

export function ReportMaterials({
  r,
  urlOf,
  onChanged,
}: {
  r: ReportDetail;
  urlOf: (a: ReportAttachment) => string;
  onChanged: () => void;
}) {
  const t = useT();
  const isMobile = useIsMobile();
  const may = r.actions.includes('addMaterial');
  return (
    <Card
      title={t('report.materials')}
      size={isMobile ? 'small' : undefined}
      data-testid="report-materials"
      extra={
        may ? (
          <UploadButton
            label={t('report.addMaterial')}
            upload={(file) => uploadReportMaterial(r.id, file)}
            onDone={onChanged}
            testid="report-material-upload"
          />
        ) : null
      }
    >
      <AttachmentList items={r.attachments} urlOf={urlOf} />
      {may ? (
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0, fontSize: 12 }}>
          {t('report.materialHint', { mb: MAX_MATERIAL_MB })}
        </Typography.Paragraph>
      ) : null}
    </Card>
  );
}

/** 关联事项: search by number, applicant or department, link; unlink after a confirmation. */
export function ReportCases({ r }: { r: ReportDetail }) {
  const t = useT();
  const isMobile = useIsMobile();
  const { modal, message } = App.useApp();
  const showError = useApiError();
  const tree = useOrgTree();
  const [open, setOpen] = useState(false);
  const [q, setQ] = useState('');
  const [departmentId, setDepartmentId] = useState<string | undefined>(undefined);
  const results = useCasesToLink(q, departmentId, open);
  const submission = useFormSubmission();
  const link = useReportStep(r.id, (v: { caseId: string; key: string }) => linkCase(r.id, v.caseId, v.key));
  const unlink = useReportStep(r.id, (caseId: string) => unlinkCase(r.id, caseId));
  const mayLink = r.actions.includes('linkCase');
  const mayUnlink = r.actions.includes('unlinkCase');
  const linked = new Set(r.linkedCases.map((c) => c.caseId));

  const doLink = (caseId: string) => {
    if (!submission.begin()) return;
    link
      .mutateAsync({ caseId, key: submission.keys.keyFor({ caseId }) })
      .then(() => {
        submission.keys.reset();
        message.success(t('report.linked'));
      })
      .catch((e: unknown) => showError(e, undefined, t('report.linkCase')))
      .finally(() => submission.end());
  };
  const doUnlink = (caseId: string, number: string) =>
    modal.confirm({
      title: t('report.unlinkTitle'),
      content: t('report.unlinkText', { number }),
      okText: t('report.unlink'),
      cancelText: t('common.cancel'),
      okButtonProps: { danger: true, ...testId('unlink-confirm') },
      onOk: () =>
        unlink.mutateAsync(caseId).catch((e: unknown) => showError(e, undefined, t('report.unlink'))),
    });

  return (
    <Card
      title={t('report.cases')}
      size={isMobile ? 'small' : undefined}
      data-testid="report-cases"
      extra={
        mayLink ? (
          <Button icon={<LinkOutlined />} onClick={() => setOpen(true)} data-testid="report-link-open">
            {t('report.linkCase')}
          </Button>
        ) : null
      }
    >
      {r.linkedCases.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('report.casesEmpty')} />
      ) : (
        <List
          size="small"
          dataSource={r.linkedCases}
          renderItem={(c) => (
            <List.Item
              data-testid="report-linked-case"
              data-case-id={c.caseId}
              actions={
                mayUnlink
                  ? [
                      <Button
                        key="unlink"
                        size="small"
                        type="link"
                        danger
                        onClick={() => void doUnlink(c.caseId, c.number)}
                        data-testid="report-unlink"
                      >
                        {t('report.unlink')}
                      </Button>,
                    ]
                  : undefined
              }
            >
              <Flex vertical gap={2} style={{ minWidth: 0 }}>
                <span>
                  <Link to={`/cases/${encodeURIComponent(c.caseId)}`}>{c.number}</Link>{' '}
                  <CaseStateTag state={c.state} />
                </span>
                <Typography.Text type="secondary" style={{ fontSize: 12 }} data-user-text>
                  {c.matterTitle} · {c.departmentName}
                </Typography.Text>
              </Flex>
            </List.Item>
          )}
        />
      )}
      <Modal
        open={open}
        title={t('report.linkCase')}
        onCancel={() => setOpen(false)}
        footer={null}
        width={isMobile ? '100%' : 720}
      >
        <Flex wrap gap={8} style={{ marginBottom: 12 }}>
          <Input.Search
            allowClear
            placeholder={t('report.linkSearch')}
            aria-label={t('report.linkSearch')}
            enterButton={t('common.search')}
            onSearch={(v) => setQ(v.trim())}
            style={{ width: isMobile ? '100%' : 360 }}
            data-testid="report-link-search"
          />
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'search' }}
            placeholder={t('report.linkDepartment')}
            aria-label={t('report.linkDepartment')}
            style={{ width: isMobile ? '100%' : 240 }}
            value={departmentId}
            options={departmentOptions(tree.data)}
            onChange={(v?: string) => setDepartmentId(v)}
          />
        </Flex>
        <List
          size="small"
          loading={results.isFetching}
          dataSource={results.data?.items ?? []}
          locale={{ emptyText: t('report.linkNoResults') }}
          renderItem={(c) => (
            <List.Item
              data-testid="report-link-result"
              actions={[
                linked.has(c.id) ? (
                  <Tag key="linked" color="green">
                    {t('report.linked')}
                  </Tag>
                ) : (
                  <Button
                    key="link"
                    size="small"
                    type="primary"
                    loading={link.isPending && link.variables?.caseId === c.id}
                    onClick={() => doLink(c.id)}
                    data-testid="report-link-case"
                  >
                    {t('report.link')}
                  </Button>
                ),
              ]}
            >
              <Flex vertical gap={2} style={{ minWidth: 0 }}>
                <span>
                  <Typography.Text strong>{c.number}</Typography.Text> <CaseStateTag state={c.state} />
                </span>
                <Typography.Text type="secondary" style={{ fontSize: 12 }} data-user-text>
                  {c.matterTitle} · {c.applicantName} · {c.departmentName} · {formatDateTime(c.receivedAt)}
                </Typography.Text>
              </Flex>
            </List.Item>
          )}
        />
      </Modal>
    </Card>
  );
}

/** One supervision order: where to, the due date and its light, what the department said, the verdicts. */
export function OrderCard({
  o,
  urlOf,
  extra,
}: {
  o: SupervisionOrder;
  urlOf: (a: ReportAttachment) => string;
  extra?: React.ReactNode;
}) {
  const t = useT();
  const history = [
    ...o.answers.map((a) => ({ at: a.answeredAt, kind: 'answer' as const, a })),
    ...o.verifications.map((v) => ({ at: v.verifiedAt, kind: 'verify' as const, v })),
  ].sort((x, y) => Date.parse(x.at) - Date.parse(y.at));
  return (
    <Card
      size="small"
      type="inner"
      data-testid="report-order"
      data-order-id={o.id}
      data-state={o.state}
      title={
        <Flex wrap gap={8} align="center">
          <span data-user-text>
            {o.unitName} {o.departmentName}
          </span>
          <OrderStateTag state={o.state} />
          {o.state !== 'accepted' ? <OrderLight light={o.light} /> : null}
        </Flex>
      }
      extra={extra}
    >
      <Flex vertical gap={8}>
        <Typography.Text
          type={o.overdue && o.state !== 'accepted' ? 'danger' : 'secondary'}
          data-testid="order-due"
        >
          {t('report.orderDue', { days: o.dueWorkdays, date: o.dueDate })}
          {o.state !== 'accepted' && o.overdue ? ` · ${t('report.orderOverdue')}` : ''}
          {o.state !== 'accepted' && !o.overdue && o.dueSoon ? ` · ${t('report.orderDueSoon')}` : ''}
        </Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('report.orderIssued', { name: o.issuedBy.displayName, at: formatDateTime(o.issuedAt) })}
        </Typography.Text>
        <div>
          <Typography.Text strong>{t('report.orderInstructions')}</Typography.Text>
          <Typography.Paragraph style={{ ...pre, margin: 0 }} data-user-text>
            {o.instructions}
          </Typography.Paragraph>
        </div>
        <div>
          <Typography.Text strong>{t('report.orderAnswers')}</Typography.Text>
          {history.length === 0 ? (
            <div>
              <Typography.Text type="secondary">{t('report.orderNoAnswer')}</Typography.Text>
            </div>
          ) : (
            <Timeline
              style={{ marginTop: 8 }}
              items={history.map((h) =>
                h.kind === 'answer'
                  ? {
                      key: `a-${h.at}`,
                      color: 'blue',
                      content: (
                        <Flex vertical gap={2} data-testid="order-answer">
                          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                            {t('report.orderAnswer', {
                              name: h.a.answeredBy.displayName,
                              at: formatDateTime(h.a.answeredAt),
                            })}
                          </Typography.Text>
                          <Typography.Text style={pre} data-user-text>
                            {h.a.text}
                          </Typography.Text>
                        </Flex>
                      ),
                    }
                  : {
                      key: `v-${h.at}`,
                      color: h.v.accepted ? 'green' : 'orange',
                      content: (
                        <Typography.Text style={pre} data-testid="order-verification">
                          {h.v.accepted
                            ? t('report.orderVerified', {
                                name: h.v.verifiedBy.displayName,
                                at: formatDateTime(h.v.verifiedAt),
                              })
                            : t('report.orderSentBack', {
                                name: h.v.verifiedBy.displayName,
                                at: formatDateTime(h.v.verifiedAt),
                                reason: h.v.reason ?? '',
                              })}
                        </Typography.Text>
                      ),
                    },
              )}
            />
          )}
        </div>
        {o.attachments.length > 0 ? <AttachmentList items={o.attachments} urlOf={urlOf} /> : null}
      </Flex>
    </Card>
  );
}

export function ReportOrders({ r, urlOf }: { r: ReportDetail; urlOf: (a: ReportAttachment) => string }) {
  const t = useT();
  const isMobile = useIsMobile();
  if (r.triage !== 'inScope' && r.orders.length === 0) return null;
  return (
    <Card title={t('report.orders')} size={isMobile ? 'small' : undefined} data-testid="report-orders">
      {r.orders.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('report.ordersEmpty')} />
      ) : (
        <Flex vertical gap={12}>
          {r.orders.map((o) => (
            <OrderCard key={o.id} o={o} urlOf={urlOf} />
          ))}
        </Flex>
      )}
    </Card>
  );
}

export function ReportReferral({ r }: { r: ReportDetail }) {
  const t = useT();
  const isMobile = useIsMobile();
  const ref = r.referral;
  if (!ref) return null;
  return (
    <Card title={t('report.referral')} size={isMobile ? 'small' : undefined} data-testid="report-referral">
      <Flex vertical gap={8}>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('report.referredBy', { name: ref.referredBy.displayName, at: formatDateTime(ref.referredAt) })}
        </Typography.Text>
        <div>
          <Typography.Text strong>{t('report.referralNote')}</Typography.Text>
          <Typography.Paragraph style={{ ...pre, margin: 0 }} data-user-text>
            {ref.note}
          </Typography.Paragraph>
        </div>
        {ref.finding ? (
          <Flex vertical gap={4} data-testid="report-finding">
            <span>
              <Typography.Text strong>{t('report.finding')}</Typography.Text>{' '}
              <Tag color={ref.finding.substantiated ? 'red' : 'green'} data-testid="finding-result">
                {t(
                  ref.finding.substantiated
                    ? 'report.findingSubstantiated'
                    : 'report.findingNotSubstantiated',
                )}
              </Tag>
            </span>
            <Typography.Paragraph style={{ ...pre, margin: 0 }} data-user-text>
              {ref.finding.notes}
            </Typography.Paragraph>
            {ref.finding.accountability ? (
              <Typography.Text style={pre}>
                {t('report.findingAccountability')}
                {t('common.colon')}
                <span data-user-text>{ref.finding.accountability}</span>
              </Typography.Text>
            ) : null}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('report.findingBy', {
                name: ref.finding.foundBy.displayName,
                at: formatDateTime(ref.finding.foundAt),
              })}
            </Typography.Text>
          </Flex>
        ) : (
          <Typography.Text type="secondary">{t('report.findingPending')}</Typography.Text>
        )}
      </Flex>
    </Card>
  );
}

interface HistoryEntry {
  at: string;
  label: MessageKey;
  who?: string;
}

/** 办理记录: the report's steps in order, from the facts the record holds. */
export function historyOf(r: ReportDetail): HistoryEntry[] {
  const entries: HistoryEntry[] = [
    {
      at: r.receivedAt,
      label: r.registeredBy ? 'reportEvent.report.registered' : 'reportEvent.report.received',
      ...(r.registeredBy && { who: r.registeredBy.displayName }),
    },
  ];
  if (r.publicAnswer) entries.push({ at: r.publicAnswer.answeredAt, label: 'reportEvent.report.triage' });
  for (const c of r.linkedCases) entries.push({ at: c.linkedAt, label: 'reportEvent.report.linkCase' });
  for (const a of r.attachments)
    if (a.uploadedBy)
      entries.push({
        at: a.uploadedAt,
        label: 'reportEvent.report.addMaterial',
        who: a.uploadedBy.displayName,
      });
  for (const o of r.orders) {
    entries.push({ at: o.issuedAt, label: 'reportEvent.report.supervise', who: o.issuedBy.displayName });
    for (const a of o.answers)
      entries.push({
        at: a.answeredAt,
        label: 'reportEvent.report.answerOrder',
        who: a.answeredBy.displayName,
      });
    for (const v of o.verifications)
      entries.push({
        at: v.verifiedAt,
        label: 'reportEvent.report.verifyOrder',
        who: v.verifiedBy.displayName,
      });
  }
  if (r.referral) {
    entries.push({
      at: r.referral.referredAt,
      label: 'reportEvent.report.referToDiscipline',
      who: r.referral.referredBy.displayName,
    });
    if (r.referral.finding)
      entries.push({
        at: r.referral.finding.foundAt,
        label: 'reportEvent.report.recordFinding',
        who: r.referral.finding.foundBy.displayName,
      });
  }
  if (r.reply) entries.push({ at: r.reply.repliedAt, label: 'reportEvent.report.reply' });
  return entries.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}

export function ReportHistory({ r }: { r: ReportDetail }) {
  const t = useT();
  const isMobile = useIsMobile();
  const entries = historyOf(r);
  return (
    <Card title={t('report.history')} size={isMobile ? 'small' : undefined} data-testid="report-history">
      <Timeline
        items={entries.map((e, i) => ({
          key: `${e.at}-${i}`,
          content: (
            <Flex vertical gap={0} data-testid="report-history-entry">
              <Typography.Text>
                {t(e.label)}
                {e.who ? ` · ${e.who}` : ''}
              </Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                <time dateTime={e.at}>{formatDateTime(e.at)}</time>
              </Typography.Text>
            </Flex>
          ),
        }))}
      />
    </Card>
  );
}
