// 附件: the files kept with the case — name, size, who added it and when, and a download link. People
// working the case may add files; the server decides who may and which files are accepted.
import { App, Button, Card, Table, Typography, Upload } from 'antd';
import type { TableColumnsType } from 'antd';
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { ATTACHMENT_EXTENSIONS } from '@bancheng/core';
import type { CaseAttachment } from '@bancheng/core';
import { useT } from '../../../i18n/index.tsx';
import { formatDateTime } from '../../../ui/dates.ts';
import { EmptyBlock, ErrorBlock, LoadingBlock } from '../../../ui/QueryState.tsx';
import { useApiError } from '../../../ui/useApiError.tsx';
import { useIsMobile } from '../../../ui/useIsMobile.ts';
import { attachmentUrl } from '../api/attachments.ts';
import { useAttachments, useUploadAttachment } from '../hooks/useAttachments.ts';

const MB = 1024 * 1024;

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < MB) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / MB).toFixed(1)} MB`;
}

function AddButton({ caseId, maxBytes }: { caseId: string; maxBytes: number }) {
  const t = useT();
  const { message } = App.useApp();
  const showError = useApiError();
  const upload = useUploadAttachment(caseId);
  const limit = t('attachments.limit', { mb: Math.floor(maxBytes / MB) });
  return (
    <Upload
      multiple
      showUploadList={false}
      accept={ATTACHMENT_EXTENSIONS.join(',')}
      beforeUpload={(file) => {
        // Spares a long upload the server would refuse; what the file really is, only the server judges.
        if (file.size > maxBytes) {
          message.error(`${file.name}${t('common.colon')}${limit}`);
          return Upload.LIST_IGNORE;
        }
        return true;
      }}
      customRequest={({ file, onSuccess, onError }) => {
        const picked = file as File;
        upload.mutate(picked, {
          onSuccess: (added) => {
            onSuccess?.(added);
            message.success(t('attachments.added', { name: added.fileName }));
          },
          onError: (error) => {
            onError?.(error);
            showError(error, undefined, t('attachments.uploadFailed', { name: picked.name }));
          },
        });
      }}
    >
      <Button icon={<UploadOutlined />} loading={upload.isPending} data-testid="attachment-upload">
        {t('attachments.add')}
      </Button>
    </Upload>
  );
}

export function CaseAttachments({ caseId }: { caseId: string }) {
  const t = useT();
  const isMobile = useIsMobile();
  const query = useAttachments(caseId);
  const list = query.data;

  const columns: TableColumnsType<CaseAttachment> = [
    {
      title: t('attachments.name'),
      key: 'name',
      render: (_, a) => (
        <a href={attachmentUrl(caseId, a.id)} download={a.fileName} data-testid="attachment-download">
          <DownloadOutlined /> {a.fileName}
        </a>
      ),
    },
    { title: t('attachments.size'), key: 'size', width: 100, render: (_, a) => formatSize(a.size) },
    {
      title: t('attachments.uploadedBy'),
      key: 'uploadedBy',
      width: 120,
      responsive: ['md'],
      render: (_, a) => a.uploadedBy.displayName,
    },
    {
      title: t('attachments.uploadedAt'),
      key: 'uploadedAt',
      width: 180,
      responsive: ['md'],
      render: (_, a) => <time dateTime={a.uploadedAt}>{formatDateTime(a.uploadedAt)}</time>,
    },
  ];

  return (
    <Card
      title={t('attachments.title')}
      size={isMobile ? 'small' : undefined}
      data-testid="case-attachments"
      extra={list?.abilities.upload ? <AddButton caseId={caseId} maxBytes={list.maxBytes} /> : null}
    >
      {query.isPending ? (
        <LoadingBlock />
      ) : query.isError ? (
        <ErrorBlock error={query.error} onRetry={() => void query.refetch()} />
      ) : query.data.items.length === 0 ? (
        <EmptyBlock description={t('attachments.empty')} />
      ) : (
        <Table<CaseAttachment>
          size="small"
          rowKey="id"
          columns={columns}
          dataSource={query.data.items}
          pagination={false}
        />
      )}
      {list?.abilities.upload ? (
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0, fontSize: 12 }}>
          {t('attachments.hint', { mb: Math.floor(list.maxBytes / MB) })}
        </Typography.Paragraph>
      ) : null}
    </Card>
  );
}
