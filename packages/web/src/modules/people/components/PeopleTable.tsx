// Staff accounts: search, filter, page; add, edit, disable/enable and reset passwords.
import { useState } from 'react';
import { App, Button, Card, Flex, Input, Popconfirm, Select, Space, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import {
  EditOutlined,
  KeyOutlined,
  PlusOutlined,
  StopOutlined,
  CheckCircleOutlined,
} from '@ant-design/icons';
import { ROLES } from '@bancheng/core';
import type { Person, Role } from '@bancheng/core';
import { useT } from '../../../i18n/index.tsx';
import { PageTitle } from '../../../ui/PageTitle.tsx';
import { EmptyBlock, ErrorBlock } from '../../../ui/QueryState.tsx';
import { useApiError } from '../../../ui/useApiError.tsx';
import { departmentOptions, useOrgTree } from '../../org/hooks/useOrg.ts';
import { usePeople, useSetPersonEnabled } from '../hooks/usePeople.ts';
import { PersonFormModal } from './PersonFormModal.tsx';
import { ResetPasswordModal } from './ResetPasswordModal.tsx';

export function PeopleTable() {
  const t = useT();
  const { message } = App.useApp();
  const showError = useApiError();
  const tree = useOrgTree();
  const [q, setQ] = useState('');
  const [departmentId, setDepartmentId] = useState<string | undefined>();
  const [role, setRole] = useState<Role | undefined>();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const people = usePeople({ q: q || undefined, departmentId, role, page, pageSize });
  const setEnabled = useSetPersonEnabled();
  const [formOpen, setFormOpen] = useState(false);
  const [editing, setEditing] = useState<Person | undefined>();
  const [resetting, setResetting] = useState<Person | null>(null);

  const toggle = (person: Person, enabled: boolean) =>
    setEnabled
      .mutateAsync({ id: person.id, version: person.version, enabled })
      .then(() => message.success(enabled ? t('people.enabled') : t('people.disabled')))
      .catch((e: unknown) => showError(e, undefined, enabled ? t('people.enable') : t('people.disable')));

  const columns: TableColumnsType<Person> = [
    { title: t('people.colName'), dataIndex: 'displayName', key: 'displayName', fixed: 'left', width: 110 },
    { title: t('people.colUsername'), dataIndex: 'username', key: 'username', width: 120 },
    {
      title: t('people.colDepartment'),
      key: 'department',
      render: (_, p) => `${p.unitName} / ${p.departmentName}`,
      width: 200,
    },
    {
      title: t('people.colRoles'),
      key: 'roles',
      render: (_, p) => (
        <Flex wrap gap={4}>
          {p.roles.map((r) => (
            <Tag key={r} color={r === 'admin' ? 'volcano' : 'blue'}>
              {t(`role.${r}`)}
            </Tag>
          ))}
        </Flex>
      ),
    },
    {
      title: t('people.colStatus'),
      key: 'status',
      width: 130,
      render: (_, p) => (
        <Flex wrap gap={4}>
          {p.status === 'active' ? (
            <Tag color="green">{t('people.statusActive')}</Tag>
          ) : (
            <Tag color="default">{t('people.statusDisabled')}</Tag>
          )}
          {p.lockedUntil && new Date(p.lockedUntil).getTime() > Date.now() ? (
            <Tag color="red">{t('people.statusLocked')}</Tag>
          ) : null}
          {p.mustChangePassword ? <Tag color="gold">{t('people.statusMustChange')}</Tag> : null}
        </Flex>
      ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 260,
      render: (_, p) => {
        const busy = setEnabled.isPending && setEnabled.variables?.id === p.id;
        return (
          <Space size={0} wrap>
            <Button
              type="link"
              size="small"
              icon={<EditOutlined />}
              onClick={() => {
                setEditing(p);
                setFormOpen(true);
              }}
            >
              {t('common.edit')}
            </Button>
            {p.status === 'active' ? (
              <Popconfirm
                title={t('people.disableConfirm', { name: p.displayName })}
                okText={t('people.disable')}
                cancelText={t('common.cancel')}
                okButtonProps={{ danger: true }}
                onConfirm={() => void toggle(p, false)}
              >
                <Button type="link" size="small" danger icon={<StopOutlined />} loading={busy}>
                  {t('people.disable')}
                </Button>
              </Popconfirm>
            ) : (
              <Popconfirm
                title={t('people.enableConfirm', { name: p.displayName })}
                okText={t('people.enable')}
                cancelText={t('common.cancel')}
                onConfirm={() => void toggle(p, true)}
              >
                <Button type="link" size="small" icon={<CheckCircleOutlined />} loading={busy}>
                  {t('people.enable')}
                </Button>
              </Popconfirm>
            )}
            <Button type="link" size="small" icon={<KeyOutlined />} onClick={() => setResetting(p)}>
              {t('people.resetPassword')}
            </Button>
          </Space>
        );
      },
    },
  ];

  return (
    <>
      <PageTitle
        title={t('people.title')}
        extra={
          <Button
            type="primary"
            icon={<PlusOutlined />}
            data-testid="people-create"
            onClick={() => {
              setEditing(undefined);
              setFormOpen(true);
            }}
          >
            {t('people.create')}
          </Button>
        }
      />
      <Card>
        <Flex wrap gap={8} style={{ marginBottom: 16 }}>
          <Input.Search
            allowClear
            placeholder={t('people.searchPlaceholder')}
            aria-label={t('people.searchPlaceholder')}
            enterButton={t('common.search')}
            style={{ width: 300, maxWidth: '100%' }}
            onSearch={(value) => {
              setQ(value.trim());
              setPage(1);
            }}
          />
          <Select
            allowClear
            placeholder={t('people.filterDepartment')}
            aria-label={t('people.filterDepartment')}
            style={{ width: 220, maxWidth: '100%' }}
            options={departmentOptions(tree.data)}
            showSearch={{ optionFilterProp: 'search' }}
            value={departmentId}
            onChange={(v: string | undefined) => {
              setDepartmentId(v);
              setPage(1);
            }}
          />
          <Select
            allowClear
            placeholder={t('people.filterRole')}
            aria-label={t('people.filterRole')}
            style={{ width: 180, maxWidth: '100%' }}
            options={ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))}
            value={role}
            onChange={(v: Role | undefined) => {
              setRole(v);
              setPage(1);
            }}
          />
        </Flex>
        {people.isError ? (
          <ErrorBlock error={people.error} onRetry={() => void people.refetch()} />
        ) : (
          <Table<Person>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={people.data?.items ?? []}
            loading={people.isFetching}
            scroll={{ x: 1000 }}
            locale={{ emptyText: <EmptyBlock description={t('people.empty')} /> }}
            pagination={{
              current: page,
              pageSize,
              total: people.data?.total ?? 0,
              showSizeChanger: true,
              pageSizeOptions: [10, 20, 50, 100],
              showTotal: (total) => t('common.total', { total }),
              onChange: (p, size) => {
                setPage(size === pageSize ? p : 1);
                setPageSize(size);
              },
            }}
          />
        )}
      </Card>
      <PersonFormModal open={formOpen} person={editing} onClose={() => setFormOpen(false)} />
      <ResetPasswordModal person={resetting} onClose={() => setResetting(null)} />
    </>
  );
}
