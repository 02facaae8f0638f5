// The receipt's code, shown to staff once (after registration, or when a new code is issued): to read out,
// print or put on the DOCX receipt. The code is not kept anywhere: closing this is the last time it shows.
// A panel on the page rather than a modal, so the case page stays usable while the applicant is served.
import { useState } from 'react';
import { Alert, App, Button, Card, Flex, Typography } from 'antd';
import { DownloadOutlined, PrinterOutlined } from '@ant-design/icons';
import type { TrackingCodeIssued } from '@bancheng/core';
import { isApiError } from '../../../api/client.ts';
import { useT } from '../../../i18n/index.tsx';
import { downloadReceipt } from '../api/tracking.ts';

export function ReceiptPanel({
  caseId,
  number,
  receipt,
  onClose,
}: {
  caseId: string;
  number: string;
  receipt: TrackingCodeIssued;
  onClose: () => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const download = async () => {
    if (busy) return;
    setBusy(true);
    try {
      await downloadReceipt(caseId, number, receipt.trackingCode);
    } catch (e) {
      void message.error(isApiError(e) ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card
      size="small"
      title={t('tracking.receiptTitle')}
      data-testid="receipt"
      style={{ borderColor: '#91caff' }}
      actions={[
        <Button key="print" type="text" icon={<PrinterOutlined />} onClick={() => window.print()}>
          {t('tracking.print')}
        </Button>,
        <Button
          key="docx"
          type="text"
          icon={<DownloadOutlined />}
          loading={busy}
          onClick={() => void download()}
          data-testid="receipt-docx"
        >
          {t('tracking.receiptDocx')}
        </Button>,
        <Button key="done" type="link" onClick={onClose} data-testid="receipt-close">
          {t('tracking.receiptDone')}
        </Button>,
      ]}
    >
      <Typography.Paragraph>{t('tracking.receiptNumber', { number })}</Typography.Paragraph>
      <Flex align="baseline" gap={8} wrap>
        <Typography.Text type="secondary">{t('tracking.codeLabel')}</Typography.Text>
        <Typography.Title
          level={3}
          copyable
          data-testid="receipt-code"
          style={{ fontFamily: 'monospace', margin: 0 }}
        >
          {receipt.trackingCode}
        </Typography.Title>
      </Flex>
      <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
        {t('tracking.receiptHint')}
      </Typography.Paragraph>
      <Flex vertical gap={8}>
        <Alert
          type={receipt.sms === 'queued' ? 'success' : 'warning'}
          showIcon
          title={t(receipt.sms === 'queued' ? 'tracking.smsQueued' : 'tracking.smsSkipped')}
        />
        <Alert type="info" showIcon title={t('tracking.shownOnce')} />
      </Flex>
    </Card>
  );
}
