// The receipt's code, shown to staff once (after registration, or when a new code is issued): to read out,
// print or put on the DOCX receipt. The code is not kept anywhere: closing this is the last time it shows.
import { useState } from 'react';
import { Alert, App, Button, Flex, Modal, Typography } from 'antd';
import { DownloadOutlined, PrinterOutlined } from '@ant-design/icons';
import type { TrackingCodeIssued } from '@bancheng/core';
import { isApiError } from '../../../api/client.ts';
import { useT } from '../../../i18n/index.tsx';
import { downloadReceipt } from '../api/tracking.ts';

export function ReceiptModal({
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
    <Modal
      open
      title={t('tracking.receiptTitle')}
      onCancel={onClose}
      footer={
        <Flex gap={8} justify="end" wrap>
          <Button icon={<PrinterOutlined />} onClick={() => window.print()}>
            {t('tracking.print')}
          </Button>
          <Button
            icon={<DownloadOutlined />}
            loading={busy}
            onClick={() => void download()}
            data-testid="receipt-docx"
          >
            {t('tracking.receiptDocx')}
          </Button>
          <Button type="primary" onClick={onClose} data-testid="receipt-close">
            {t('tracking.receiptDone')}
          </Button>
        </Flex>
      }
    >
      <div className="receipt-print" data-testid="receipt">
        <Typography.Paragraph>{t('tracking.receiptNumber', { number })}</Typography.Paragraph>
        <Typography.Paragraph>{t('tracking.codeLabel')}</Typography.Paragraph>
        <Typography.Title level={3} copyable data-testid="receipt-code" style={{ fontFamily: 'monospace' }}>
          {receipt.trackingCode}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('tracking.receiptHint')}</Typography.Paragraph>
        <Alert
          type={receipt.sms === 'queued' ? 'success' : 'warning'}
          showIcon
          title={t(receipt.sms === 'queued' ? 'tracking.smsQueued' : 'tracking.smsSkipped')}
        />
        <Alert style={{ marginTop: 8 }} type="info" showIcon title={t('tracking.shownOnce')} />
      </div>
    </Modal>
  );
}
