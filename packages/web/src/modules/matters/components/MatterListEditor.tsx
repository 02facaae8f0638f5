// 事项清单: a department's matters, their type and statutory time limit; its head or an administrator
// adds, edits, deactivates and takes them back. Which lists a person may keep is decided by the server
// (`canManage`); the department picker offers administrators every department and heads their own.
import { useMemo, useState } from 'react';
import { Alert, App, Button, Card, Flex, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import type { SelectProps, TableColumnsType } from 'antd';
import { EditOutlined, PlusOutlined, StopOutlined, UndoOutlined } from '@ant-design/icons';
import type { Matter, Me } from '@bancheng/core';
import { useT } from '../../../i18n/index.tsx';
import { PageTitle } from '../../../ui/PageTitle.tsx';
import { testId } from '../../../ui/testId.ts';
import { EmptyBlock, ErrorBlock } from '../../../ui/QueryState.tsx';
import { useApiError } from '../../../ui/useApiError.tsx';
import { departmentOptions, useOrgTree } from '../../org/hooks/useOrg.ts';
import { useDeactivateMatter, useMatters, useUpdateMatter } from '../hooks/useMatters.ts';
import { MatterFormModal } from './MatterFormModal.tsx';

function headedDepartments(me: Me) {
  const byId = new Map<string, string>();
  for (const p of me.chainPositions) {
    if (p.position === 'deptHead') byId.set(p.departmentId, `${p.unitName} · ${p.departmentName}`);
  }
  return [...byId].map(([value, label]) => ({ value, label, search: label }));
}

export function MatterListEditor({ me }: { me: Me }) {
  const t = useT();
  const { message } = App.useApp();
  const showError = useApiError();
  const isAdmin = me.abilities['org.manage'];
  const tree = useOrgTree();
  // Administrators pick any department (grouped by unit); a head picks among the ones they head.
  const grouped = useMemo(() => (isAdmin ? departmentOptions(tree.data) : null), [isAdmin, tree.data]);
  const headed = useMemo(() => headedDepartments(me), [me]);
  const options: SelectProps['options'] = grouped ?? headed;
  const firstOption = grouped ? grouped.flatMap((g) => g.options)[0]?.value : headed[0]?.value;
  const [chosen, setChosen] = useState<string | undefined>();
  const departmentId = chosen ?? firstOption;
  const matters = useMatters(departmentId, true);
  const update = useUpdateMatter();
  const deactivate = useDeactivateMatter();
  const [formOpen, setFormOpen] = useState(false);
  const [editing, setEditing] = useState<Matter | undefined>();
  const canManage = matters.data?.canManage ?? false;

  const deactivateOne = (m: Matter) =>
    deactivate
      .mutateAsync({ id: m.id, version: m.version })
      .then(() => message.success(t('matters.deactivated')))
      .catch((e: unknown) => showError(e, undefined, t('matters.deactivate')));
  const reactivateOne = (m: Matter) =>
    update
      .mutateAsync({ id: m.id, body: { version: m.version, active: true } })
      .then(() => message.success(t('matters.reactivated')))
      .catch((e: unknown) => showError(e, undefined, t('matters.reactivate')));

  const columns: TableColumnsType<Matter> = [
    { title: t('matters.colTitle'), dataIndex: 'title', key: 'title', width: 260 },
    {
      title: t('matters.colType'),
      key: 'type',
      width: 170,
      render: (_, m) => <Tag>{t(`matterType.${m.matterType}`)}</Tag>,
    },
    {
      title: t('matters.colTimeLimit'),
      key: 'timeLimit',
      width: 120,
      render: (_, m) =>
        m.timeLimitWorkdays === null ? (
          <Typography.Text type="secondary">{t('matters.noTimeLimit')}</Typography.Text>
        ) : (
          t('matters.workdays', { n: m.timeLimitWorkdays })
        ),
    },
    { title: t('matters.colRemarks'), dataIndex: 'remarks', key: 'remarks' },
    {
      title: t('matters.colStatus'),
      key: 'status',
      width: 90,
      render: (_, m) =>
        m.active ? (
          <Tag color="green">{t('matters.active')}</Tag>
        ) : (
          <Tag color="default">{t('matters.inactive')}</Tag>
        ),
    },
  ];
  if (canManage) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      width: 170,
      render: (_, m) => (
        <Space size={0} wrap>
          <Button
            type="link"
            size="small"
            icon={<EditOutlined />}
            data-testid={`matter-edit-${m.id}`}
            onClick={() => {
              setEditing(m);
              setFormOpen(true);
            }}
          >
            {t('common.edit')}
          </Button>
          {m.active ? (
            <Popconfirm
              title={t('matters.deactivateConfirm', { title: m.title })}
              okText={t('matters.deactivate')}
              cancelText={t('common.cancel')}
              okButtonProps={{ danger: true, ...testId('matter-deactivate-confirm') }}
              onConfirm={() => void deactivateOne(m)}
            >
              <Button
                type="link"
                size="small"
                danger
                icon={<StopOutlined />}
                loading={deactivate.isPending && deactivate.variables?.id === m.id}
                data-testid={`matter-deactivate-${m.id}`}
              >
                {t('matters.deactivate')}
              </Button>
            </Popconfirm>
          ) : (
            <Button
              type="link"
              size="small"
              icon={<UndoOutlined />}
              loading={update.isPending && update.variables?.id === m.id}
              onClick={() => void reactivateOne(m)}
            >
              {t('matters.reactivate')}
            </Button>
          )}
        </Space>
      ),
    });
  }

  return (
    <>
      <PageTitle
        title={t('matters.title')}
        subtitle={t('matters.subtitle')}
        extra={
          canManage && departmentId ? (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              data-testid="matter-create"
              onClick={() => {
                setEditing(undefined);
                setFormOpen(true);
              }}
            >
              {t('matters.create')}
            </Button>
          ) : null
        }
      />
      <Card>
        <Flex wrap gap={8} style={{ marginBottom: 16 }}>
          <Select
            placeholder={t('matters.department')}
            aria-label={t('matters.department')}
            style={{ width: 300, maxWidth: '100%' }}
            loading={isAdmin && tree.isPending}
            options={options}
            showSearch={{ optionFilterProp: 'search' }}
            value={departmentId}
            onChange={(v: string) => setChosen(v)}
            data-testid="matters-department"
          />
        </Flex>
        {!departmentId && !(isAdmin && tree.isPending) ? (
          <EmptyBlock description={t('matters.noDepartments')} />
        ) : matters.isError ? (
          <ErrorBlock error={matters.error} onRetry={() => void matters.refetch()} />
        ) : (
          <>
            {matters.data && !canManage ? (
              <Alert type="info" showIcon title={t('matters.readOnly')} style={{ marginBottom: 16 }} />
            ) : null}
            <Table<Matter>
              rowKey="id"
              size="middle"
              columns={columns}
              dataSource={matters.data?.items ?? []}
              loading={matters.isFetching}
              scroll={{ x: 900 }}
              pagination={false}
              locale={{ emptyText: <EmptyBlock description={t('matters.empty')} /> }}
            />
          </>
        )}
      </Card>
      {departmentId ? (
        <MatterFormModal
          open={formOpen}
          departmentId={departmentId}
          matter={editing}
          onClose={() => setFormOpen(false)}
        />
      ) : null}
    </>
  );
}
