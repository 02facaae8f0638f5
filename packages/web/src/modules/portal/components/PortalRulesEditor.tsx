// 公开规定: the administrator writes the first-inquiry rules as a draft, previews them as the public site
// shows them, publishes (after a confirmation) and reads the history of published versions.
import { useEffect, useState } from 'react';
import { App, Button, Card, Flex, Form, Input, List, Modal, Popconfirm, Typography } from 'antd';
import type { PortalRulesContent } from '@bancheng/core';
import { useT } from '../../../i18n/index.tsx';
import { PageTitle } from '../../../ui/PageTitle.tsx';
import { ErrorBlock, LoadingBlock } from '../../../ui/QueryState.tsx';
import { formatDateTime } from '../../../ui/dates.ts';
import { useApiError } from '../../../ui/useApiError.tsx';
import { usePortalRules, usePublishDraft, useSaveDraft } from '../api/portal.ts';

/** Plain text with blank lines as paragraphs, shown as text. */
export function PlainParagraphs({ text }: { text: string }) {
  return (
    <>
      {text
        .split(/\n\s*\n/)
        .filter((p) => p.trim() !== '')
        .map((p, i) => (
          <Typography.Paragraph key={i} style={{ whiteSpace: 'pre-wrap' }}>
            {p}
          </Typography.Paragraph>
        ))}
    </>
  );
}

export function PortalRulesEditor() {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<PortalRulesContent>();
  const showError = useApiError();
  const query = usePortalRules();
  const save = useSaveDraft();
  const publish = usePublishDraft();
  const [preview, setPreview] = useState<PortalRulesContent | null>(null);
  const [dirty, setDirty] = useState(false);
  const data = query.data;
  const base = data?.draft ?? data?.current ?? null;

  useEffect(() => {
    if (base) {
      form.setFieldsValue({
        title: base.title,
        summary: base.summary,
        rules: base.rules,
        duties: base.duties,
      });
      setDirty(false);
    }
  }, [base, form]);

  if (query.isPending) return <LoadingBlock />;
  if (query.isError) return <ErrorBlock error={query.error} onRetry={() => void query.refetch()} />;

  const onSave = (values: PortalRulesContent) => {
    if (save.isPending) return;
    save.mutate(
      { ...values, version: query.data.draft?.version ?? 0 },
      {
        onSuccess: () => {
          setDirty(false);
          void message.success(t('portal.saved'));
        },
        onError: (e) => showError(e, form, t('portal.saveDraft')),
      },
    );
  };
  const onPublish = () => {
    const draft = query.data.draft;
    if (!draft || dirty) {
      void message.warning(t('portal.saveFirst'));
      return;
    }
    publish.mutate(draft.version, {
      onSuccess: () => void message.success(t('portal.published')),
      onError: (e) => showError(e, undefined, t('portal.publish')),
    });
  };
  const required = [{ required: true, whitespace: true, message: t('common.required') }];
  const { draft, current, history } = query.data;

  return (
    <>
      <PageTitle
        title={t('portal.title')}
        extra={
          <Flex gap={8} wrap>
            <Button href="/public/" target="_blank" rel="noopener">
              {t('portal.openPublic')}
            </Button>
            <Button href="/admin/posters" data-testid="portal-posters">
              {t('portal.posters')}
            </Button>
          </Flex>
        }
      />
      <Card>
        <Typography.Paragraph type="secondary">{t('portal.intro')}</Typography.Paragraph>
        <Typography.Paragraph data-testid="portal-current">
          {current
            ? t('portal.current', {
                number: current.number,
                who: current.shipped ? t('portal.system') : (current.publishedBy ?? ''),
                time: formatDateTime(current.publishedAt ?? current.createdAt),
              })
            : t('portal.noCurrent')}
        </Typography.Paragraph>
        <Typography.Paragraph type={draft ? 'warning' : 'secondary'} data-testid="portal-draft">
          {draft
            ? t('portal.draft', {
                number: draft.number,
                who: draft.createdBy,
                time: formatDateTime(draft.createdAt),
              })
            : t('portal.noDraft')}
        </Typography.Paragraph>
        <Form
          form={form}
          name="portal-rules"
          layout="vertical"
          onFinish={onSave}
          onValuesChange={() => setDirty(true)}
        >
          <Form.Item label={t('portal.fieldTitle')} name="title" rules={required}>
            <Input maxLength={100} data-testid="portal-title" />
          </Form.Item>
          <Form.Item label={t('portal.fieldSummary')} name="summary" rules={required}>
            <Input.TextArea rows={3} maxLength={600} showCount data-testid="portal-summary" />
          </Form.Item>
          <Form.Item label={t('portal.fieldRules')} name="rules" rules={required}>
            <Input.TextArea rows={10} maxLength={20000} data-testid="portal-rules" />
          </Form.Item>
          <Form.Item label={t('portal.fieldDuties')} name="duties" rules={required}>
            <Input.TextArea rows={8} maxLength={20000} data-testid="portal-duties" />
          </Form.Item>
          <Flex gap={8} wrap>
            <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="portal-save">
              {t('portal.saveDraft')}
            </Button>
            <Button
              onClick={() => void form.validateFields().then(setPreview, () => undefined)}
              data-testid="portal-preview"
            >
              {t('portal.preview')}
            </Button>
            <Popconfirm title={t('portal.publishConfirm')} onConfirm={onPublish} disabled={!draft}>
              <Button danger disabled={!draft} loading={publish.isPending} data-testid="portal-publish">
                {t('portal.publish')}
              </Button>
            </Popconfirm>
          </Flex>
        </Form>
      </Card>
      <Card title={t('portal.history')} style={{ marginTop: 16 }}>
        <List
          dataSource={history}
          data-testid="portal-history"
          renderItem={(v) => (
            <List.Item>
              <List.Item.Meta
                title={t('portal.historyItem', { number: v.number, title: v.title })}
                description={t('portal.historyWho', {
                  writer: v.shipped ? t('portal.system') : v.createdBy,
                  publisher: v.shipped ? t('portal.system') : (v.publishedBy ?? ''),
                  time: formatDateTime(v.publishedAt ?? v.createdAt),
                })}
              />
            </List.Item>
          )}
        />
      </Card>
      <Modal
        open={preview !== null}
        title={t('portal.previewTitle')}
        onCancel={() => setPreview(null)}
        footer={null}
        width={720}
      >
        {preview && (
          <div data-testid="portal-preview-body">
            <Typography.Title level={3}>{preview.title}</Typography.Title>
            <Card size="small" style={{ marginBottom: 12 }}>
              <PlainParagraphs text={preview.summary} />
            </Card>
            <Typography.Title level={4}>{t('portal.fieldRules')}</Typography.Title>
            <PlainParagraphs text={preview.rules} />
            <Typography.Title level={4}>{t('portal.fieldDuties')}</Typography.Title>
            <PlainParagraphs text={preview.duties} />
          </div>
        )}
      </Modal>
    </>
  );
}
