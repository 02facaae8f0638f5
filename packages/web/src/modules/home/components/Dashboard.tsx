// 工作台: who I am, what waits for me, my roles and departments, and where I sit in responsibility chains.
import { Button, Card, Col, Flex, Row, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import type { TableColumnsType } from 'antd';
import { CHAIN_POSITIONS, chainLevel } from '@bancheng/core';
import type { Me } from '@bancheng/core';
import { useT } from '../../../i18n/index.tsx';
import { EmptyBlock } from '../../../ui/QueryState.tsx';
import { TodoCard } from '../../cases/components/TodoCard.tsx';
import { CalendarWarning } from '../../calendar/components/CalendarWarning.tsx';
import { FollowUpsCard } from '../../cases/components/FollowUpsCard.tsx';
import { OverviewCard } from './OverviewCard.tsx';
import { OrdersTodoCard } from '../../ledger/components/OrdersTodo.tsx';

type Position = Me['chainPositions'][number];

const LEVEL_COLORS = ['blue', 'cyan', 'orange', 'red'] as const;

export function Dashboard({ me }: { me: Me }) {
  const t = useT();
  const positions = [...me.chainPositions].sort(
    (a, b) =>
      a.unitName.localeCompare(b.unitName) ||
      a.departmentName.localeCompare(b.departmentName) ||
      CHAIN_POSITIONS.indexOf(a.position) - CHAIN_POSITIONS.indexOf(b.position),
  );
  const columns: TableColumnsType<Position> = [
    { title: t('home.colUnit'), dataIndex: 'unitName', key: 'unit' },
    { title: t('home.colDepartment'), dataIndex: 'departmentName', key: 'department' },
    {
      title: t('home.colPosition'),
      key: 'position',
      render: (_, p) => (
        <Tag color={LEVEL_COLORS[chainLevel(p.position) - 1]}>{t(`position.${p.position}`)}</Tag>
      ),
    },
  ];

  return (
    <Flex vertical gap={16}>
      <Card>
        <Typography.Title level={3} style={{ marginTop: 0 }} data-testid="home-greeting">
          {t('home.greeting', { name: me.displayName })}
        </Typography.Title>
        <Typography.Paragraph
          type="secondary"
          style={{ marginBottom: me.abilities['case.register'] ? 12 : 0 }}
        >
          {t('app.slogan')} — {t('home.principle')}
        </Typography.Paragraph>
        {me.abilities['case.register'] ? (
          <Link to="/cases/new">
            <Button type="primary" icon={<PlusOutlined />} data-testid="home-register">
              {t('home.register')}
            </Button>
          </Link>
        ) : null}
      </Card>
      <CalendarWarning canManage={me.abilities['calendar.manage']} />
      <OverviewCard enabled={me.abilities['overview.read']} />
      <TodoCard />
      <OrdersTodoCard enabled={me.abilities['ledger.orders']} />
      <FollowUpsCard />
      <Row gutter={[16, 16]}>
        <Col xs={24} md={12}>
          <Card title={t('home.roles')} style={{ height: '100%' }}>
            {me.roles.length === 0 ? (
              <Typography.Text type="secondary">{t('home.noRoles')}</Typography.Text>
            ) : (
              <Flex wrap gap={8} data-testid="home-roles">
                {me.roles.map((r) => (
                  <Tag key={r} color={r === 'admin' ? 'volcano' : 'blue'}>
                    {t(`role.${r}`)}
                  </Tag>
                ))}
              </Flex>
            )}
          </Card>
        </Col>
        <Col xs={24} md={12}>
          <Card title={t('home.departments')} style={{ height: '100%' }}>
            {me.departments.length === 0 ? (
              <Typography.Text type="secondary">{t('home.noDepartments')}</Typography.Text>
            ) : (
              <Flex vertical gap={4}>
                {me.departments.map((d) => (
                  <span key={d.id}>
                    {d.unitName} · <Typography.Text strong>{d.name}</Typography.Text>
                  </span>
                ))}
              </Flex>
            )}
          </Card>
        </Col>
      </Row>
      <Card title={t('home.positions')}>
        <Table<Position>
          rowKey={(p) => `${p.departmentId}:${p.position}`}
          size="middle"
          columns={columns}
          dataSource={positions}
          pagination={false}
          scroll={{ x: 420 }}
          locale={{ emptyText: <EmptyBlock description={t('home.noPositions')} /> }}
        />
      </Card>
    </Flex>
  );
}
