// 牵头与协作科室: the lead department (a matter with no competent department is led by the first-inquiry
// department, and says so), the co-departments, and — for the lead's first responder or head — changing
// them. Removing one asks first; its contributions stay on the record.
import { useState } from 'react';
import { App, Button, Card, Descriptions, Flex, Select, Tag, Typography } from 'antd';
import type { CaseDetail } from '@bancheng/core';
import { useT } from '../../../i18n/index.tsx';
import { useApiError } from '../../../ui/useApiError.tsx';
import { useFormSubmission } from '../../../ui/useFormKeys.ts';
import { departmentOptions, useOrgTree } from '../../org/hooks/useOrg.ts';
import { useSetCoDepartments } from '../hooks/useConsultations.ts';

export function CaseCoDepartments({ c }: { c: CaseDetail }) {
  const t = useT();
  const { message, modal } = App.useApp();
  const showError = useApiError();
  const [editing, setEditing] = useState<string[] | null>(null);
  const tree = useOrgTree();
  const change = useSetCoDepartments(c.id);
  const submission = useFormSubmission();
  if (!c.crossDepartment && !c.abilities.changeCoDepartments) return null;

  const save = (departmentIds: string[]) => {
    const body = { version: c.version, departmentIds };
    if (!submission.begin()) return;
    change.mutate(
      { body, idempotencyKey: submission.keys.keyFor(body) },
      {
        onSuccess: () => {
          submission.keys.reset();
          setEditing(null);
          message.success(t('coDepartments.saved'));
        },
        onError: (e) => showError(e, undefined, t('coDepartments.edit')),
        onSettled: () => submission.end(),
      },
    );
  };
  const onSave = () => {
    if (!editing) return;
    const removed = c.coDepartments.filter((d) => !editing.includes(d.departmentId));
    if (removed.length === 0) return save(editing);
    modal.confirm({
      title: t('coDepartments.edit'),
      content: t('coDepartments.confirmRemove', { names: removed.map((d) => d.departmentName).join('、') }),
      onOk: () => save(editing),
    });
  };
  const options = departmentOptions(tree.data).map((group) => ({
    ...group,
    options: group.options.filter((o) => o.value !== c.departmentId),
  }));

  return (
    <Card title={t('coDepartments.title')} data-testid="case-co-departments">
      <Descriptions column={1} size="small">
        <Descriptions.Item label={t('coDepartments.lead')}>
          <Flex gap={8} wrap align="center">
            <span data-testid="case-lead-department">{c.departmentName}</span>
            {c.noCompetentDepartment ? (
              <Tag color="gold" data-testid="case-no-competent-department">
                {t('coDepartments.noCompetent')}
              </Tag>
            ) : null}
          </Flex>
        </Descriptions.Item>
        <Descriptions.Item label={t('coDepartments.co')}>
          <span data-testid="case-co-department-names">
            {c.coDepartments.map((d) => d.departmentName).join('、') || t('coDepartments.none')}
          </span>
        </Descriptions.Item>
      </Descriptions>
      {c.noCompetentDepartment ? (
        <Typography.Paragraph type="secondary">{t('coDepartments.noCompetentHint')}</Typography.Paragraph>
      ) : null}
      {c.abilities.changeCoDepartments ? (
        editing === null ? (
          <Button
            onClick={() => setEditing(c.coDepartments.map((d) => d.departmentId))}
            data-testid="co-departments-edit"
          >
            {t('coDepartments.edit')}
          </Button>
        ) : (
          <Flex vertical gap={8}>
            <Select
              mode="multiple"
              allowClear
              value={editing}
              onChange={setEditing}
              loading={tree.isPending}
              options={options}
              showSearch={{ optionFilterProp: 'search' }}
              maxCount={10}
              placeholder={t('coDepartments.placeholder')}
              data-testid="co-departments-select"
            />
            <Flex gap={8}>
              <Button onClick={() => setEditing(null)}>{t('coDepartments.cancel')}</Button>
              <Button
                type="primary"
                loading={change.isPending}
                disabled={change.isPending}
                onClick={onSave}
                data-testid="co-departments-save"
              >
                {t('coDepartments.save')}
              </Button>
            </Flex>
          </Flex>
        )
      ) : null}
    </Card>
  );
}
