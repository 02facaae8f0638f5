// The organisation as a tree (bureau → units → departments) with add, rename and delete.
import { useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { App, Button, Card, Flex, Popconfirm, Tag, Tooltip, Tree, Typography } from 'antd';
import type { TreeDataNode } from 'antd';
import { ApartmentOutlined, DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import type { Department, OrgUnit } from '@bancheng/core';
import { useT } from '../../../i18n/index.tsx';
import { PageTitle } from '../../../ui/PageTitle.tsx';
import { EmptyBlock, ErrorBlock, LoadingBlock } from '../../../ui/QueryState.tsx';
import { useApiError } from '../../../ui/useApiError.tsx';
import { sortedUnits, useDeleteDepartment, useDeleteUnit, useOrgTree } from '../hooks/useOrg.ts';
import { OrgNameModal } from './OrgNameModal.tsx';
import type { OrgDialog } from './OrgNameModal.tsx';

function IconAction({
  title,
  icon,
  onClick,
  danger,
  loading,
  testId,
}: {
  title: string;
  icon: ReactNode;
  onClick?: () => void;
  danger?: boolean;
  loading?: boolean;
  testId?: string;
}) {
  return (
    <Tooltip title={title}>
      <Button
        size="small"
        type="text"
        danger={danger}
        icon={icon}
        aria-label={title}
        loading={loading}
        data-testid={testId}
        onClick={(e) => {
          e.stopPropagation();
          onClick?.();
        }}
      />
    </Tooltip>
  );
}

export function OrgTreeEditor() {
  const t = useT();
  const { message } = App.useApp();
  const showError = useApiError();
  const tree = useOrgTree();
  const deleteUnit = useDeleteUnit();
  const deleteDepartment = useDeleteDepartment();
  const [dialog, setDialogState] = useState<OrgDialog | null>(null);
  const [dialogOpen, setDialogOpen] = useState(false);
  const setDialog = (next: OrgDialog) => {
    setDialogState(next);
    setDialogOpen(true);
  };
  const [collapsed, setCollapsed] = useState<Set<string>>(new Set());

  const units = useMemo(() => sortedUnits(tree.data), [tree.data]);
  const bureau = units.find((u) => u.kind === 'bureau') ?? units[0];

  const onDeleteUnit = (unit: OrgUnit) =>
    deleteUnit.mutateAsync(
      { id: unit.id, version: unit.version },
      {
        onSuccess: () => {
          message.success(t('common.deleted'));
        },
        onError: (e) => showError(e, undefined, t('common.delete')),
      },
    );
  const onDeleteDepartment = (department: Department) =>
    deleteDepartment.mutateAsync(
      { id: department.id, version: department.version },
      {
        onSuccess: () => {
          message.success(t('common.deleted'));
        },
        onError: (e) => showError(e, undefined, t('common.delete')),
      },
    );

  const departmentNode = (d: Department): TreeDataNode => ({
    key: `d:${d.id}`,
    isLeaf: true,
    title: (
      <Flex justify="space-between" align="center" gap={8} wrap data-testid={`org-department-${d.id}`}>
        <span>
          <Tag>{t('org.kindDepartment')}</Tag>
          {d.name}
        </span>
        <span>
          <IconAction
            title={t('org.renameDepartment')}
            icon={<EditOutlined />}
            onClick={() => setDialog({ kind: 'renameDepartment', department: d })}
          />
          <Popconfirm
            title={t('org.deleteDepartmentConfirm', { name: d.name })}
            okText={t('common.delete')}
            cancelText={t('common.cancel')}
            okButtonProps={{ danger: true }}
            onConfirm={() => void onDeleteDepartment(d).catch(() => undefined)}
          >
            <IconAction
              title={t('common.delete')}
              icon={<DeleteOutlined />}
              danger
              loading={deleteDepartment.isPending && deleteDepartment.variables?.id === d.id}
            />
          </Popconfirm>
        </span>
      </Flex>
    ),
  });

  const unitNode = (unit: OrgUnit, children: TreeDataNode[]): TreeDataNode => ({
    key: `u:${unit.id}`,
    title: (
      <Flex justify="space-between" align="center" gap={8} wrap>
        <span>
          <Tag color={unit.kind === 'bureau' ? 'red' : 'blue'}>
            {unit.kind === 'bureau' ? t('org.kindBureau') : t('org.kindUnit')}
          </Tag>
          <Typography.Text strong>{unit.name}</Typography.Text>{' '}
          <Typography.Text type="secondary">
            {t('org.departmentsCount', { count: unit.departments.length })}
          </Typography.Text>
        </span>
        <span>
          <IconAction
            title={t('org.addDepartment')}
            icon={<PlusOutlined />}
            onClick={() => setDialog({ kind: 'createDepartment', unitId: unit.id })}
          />
          <IconAction
            title={t('org.renameUnit')}
            icon={<EditOutlined />}
            onClick={() => setDialog({ kind: 'renameUnit', unit })}
          />
          {unit.kind === 'unit' ? (
            <Popconfirm
              title={t('org.deleteUnitConfirm', { name: unit.name })}
              okText={t('common.delete')}
              cancelText={t('common.cancel')}
              okButtonProps={{ danger: true }}
              onConfirm={() => void onDeleteUnit(unit).catch(() => undefined)}
            >
              <IconAction
                title={t('common.delete')}
                icon={<DeleteOutlined />}
                danger
                loading={deleteUnit.isPending && deleteUnit.variables?.id === unit.id}
              />
            </Popconfirm>
          ) : null}
        </span>
      </Flex>
    ),
    children,
  });

  const treeData: TreeDataNode[] = useMemo(() => {
    const depts = (u: OrgUnit) =>
      [...u.departments].sort((a, b) => a.sortOrder - b.sortOrder).map(departmentNode);
    const roots = units.filter((u) => u.parentId === null || !units.some((p) => p.id === u.parentId));
    const build = (u: OrgUnit): TreeDataNode =>
      unitNode(u, [...units.filter((c) => c.parentId === u.id).map(build), ...depts(u)]);
    return roots.map(build);
    // The node renderers only depend on what is listed here.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [
    units,
    t,
    deleteUnit.isPending,
    deleteUnit.variables,
    deleteDepartment.isPending,
    deleteDepartment.variables,
  ]);

  const allKeys = useMemo(() => units.map((u) => `u:${u.id}`), [units]);
  const expandedKeys = allKeys.filter((k) => !collapsed.has(k));

  return (
    <>
      <PageTitle
        title={t('org.title')}
        extra={
          <>
            <Button
              icon={<ApartmentOutlined />}
              disabled={!bureau}
              onClick={() => bureau && setDialog({ kind: 'createUnit', parentId: bureau.id })}
              data-testid="org-add-unit"
            >
              {t('org.addUnit')}
            </Button>
            <Button
              type="primary"
              icon={<PlusOutlined />}
              disabled={units.length === 0}
              onClick={() => setDialog({ kind: 'createDepartment' })}
              data-testid="org-add-department"
            >
              {t('org.addDepartment')}
            </Button>
          </>
        }
      />
      <Card>
        {tree.isPending ? (
          <LoadingBlock />
        ) : tree.isError ? (
          <ErrorBlock error={tree.error} onRetry={() => void tree.refetch()} />
        ) : treeData.length === 0 ? (
          <EmptyBlock description={t('org.empty')} />
        ) : (
          <Tree
            blockNode
            showLine
            selectable={false}
            treeData={treeData}
            expandedKeys={expandedKeys}
            onExpand={(keys) => {
              const open = new Set(keys.map(String));
              setCollapsed(new Set(allKeys.filter((k) => !open.has(k))));
            }}
          />
        )}
      </Card>
      <OrgNameModal open={dialogOpen} dialog={dialog} tree={tree.data} onClose={() => setDialogOpen(false)} />
    </>
  );
}
