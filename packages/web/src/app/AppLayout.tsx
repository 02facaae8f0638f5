// The signed-in frame: header (inbox bell, name, language, sign-out), side menu by role, a drawer on phones.
import { useState } from 'react';
import type { ReactNode } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { App, Button, Drawer, Flex, Layout, Menu, Popconfirm, Tooltip, Typography } from 'antd';
import type { MenuProps } from 'antd';
import {
  GlobalOutlined,
  QrcodeOutlined,
  AlertOutlined,
  ApartmentOutlined,
  AuditOutlined,
  BellOutlined,
  BookOutlined,
  FieldTimeOutlined,
  CalendarOutlined,
  CheckSquareOutlined,
  FileTextOutlined,
  HomeOutlined,
  KeyOutlined,
  LogoutOutlined,
  MenuOutlined,
  NodeIndexOutlined,
  TeamOutlined,
  UnorderedListOutlined,
  UserOutlined,
  UserSwitchOutlined,
  SafetyCertificateOutlined,
  SendOutlined,
} from '@ant-design/icons';
import type { Me } from '@bancheng/core';
import { useT } from '../i18n/index.tsx';
import { LangSwitch } from '../ui/LangSwitch.tsx';
import { useApiError } from '../ui/useApiError.tsx';
import { useIsMobile } from '../ui/useIsMobile.ts';
import { useLanguageSync, useLogout } from '../modules/auth/hooks/useAuth.ts';
import { NotificationBell } from '../modules/notifications/components/NotificationBell.tsx';
import { navKeyFor, visibleNavItems } from './navigation.ts';
import { PageBoundary } from './PageBoundary.tsx';
import type { NavItem } from './navigation.ts';

const ICONS: Record<NavItem['key'], ReactNode> = {
  home: <HomeOutlined />,
  todo: <CheckSquareOutlined />,
  notifications: <BellOutlined />,
  cases: <FileTextOutlined />,
  matters: <UnorderedListOutlined />,
  chains: <NodeIndexOutlined />,
  deputies: <UserSwitchOutlined />,
  org: <ApartmentOutlined />,
  people: <TeamOutlined />,
  settings: <FieldTimeOutlined />,
  calendar: <CalendarOutlined />,
  audit: <AuditOutlined />,
  flags: <AlertOutlined />,
  ledger: <BookOutlined />,
  orders: <SendOutlined />,
  referrals: <SafetyCertificateOutlined />,
  portal: <GlobalOutlined />,
  posters: <QrcodeOutlined />,
};

const HEADER_BG = '#12355b';

export function AppLayout({ me }: { me: Me }) {
  const t = useT();
  const { message } = App.useApp();
  const location = useLocation();
  const navigate = useNavigate();
  const isMobile = useIsMobile();
  const [drawerOpen, setDrawerOpen] = useState(false);
  const logout = useLogout();
  useLanguageSync(me);
  const showError = useApiError();

  const selected = navKeyFor(location.pathname, location.search);
  const items: MenuProps['items'] = visibleNavItems(me.abilities).map((item) => ({
    key: item.key,
    icon: ICONS[item.key],
    label: (
      <Link to={item.path} data-testid={`menu-${item.key}`} onClick={() => setDrawerOpen(false)}>
        {t(item.label)}
      </Link>
    ),
  }));
  const menu = <Menu mode="inline" selectedKeys={selected ? [selected] : []} items={items} />;

  const onLogout = () =>
    logout
      .mutateAsync()
      .then(() => {
        message.success(t('header.loggedOut'));
        void navigate('/login', { replace: true });
      })
      .catch((e: unknown) => showError(e, undefined, t('header.logout')));

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header
        className="no-print"
        style={{
          background: HEADER_BG,
          padding: isMobile ? '0 8px' : '0 24px',
          display: 'flex',
          alignItems: 'center',
          gap: 8,
          position: 'sticky',
          top: 0,
          zIndex: 100,
        }}
      >
        {isMobile ? (
          <Button
            type="text"
            icon={<MenuOutlined style={{ color: '#fff' }} />}
            aria-label={t('common.menu')}
            onClick={() => setDrawerOpen(true)}
            data-testid="menu-toggle"
          />
        ) : null}
        <Link to="/" style={{ color: '#fff', minWidth: 0, flex: '1 1 auto', overflow: 'hidden' }}>
          <Typography.Text
            strong
            ellipsis
            style={{ color: '#fff', fontSize: isMobile ? 16 : 18, display: 'block' }}
          >
            {isMobile ? t('app.name') : t('app.title')}
          </Typography.Text>
        </Link>
        <Flex align="center" gap={isMobile ? 0 : 4} className="app-header-actions">
          <NotificationBell />
          <LangSwitch style={{ color: '#fff' }} compact={isMobile} />
          <Tooltip title={t('header.changePassword')}>
            <Button
              type="text"
              style={{ color: '#fff' }}
              icon={isMobile ? <KeyOutlined /> : <UserOutlined />}
              aria-label={isMobile ? t('header.changePassword') : undefined}
              onClick={() => void navigate('/password')}
              data-testid="header-password"
            >
              {isMobile ? null : <span data-testid="header-name">{me.displayName}</span>}
            </Button>
          </Tooltip>
          <Popconfirm
            title={t('header.logoutConfirm')}
            okText={t('header.logout')}
            cancelText={t('common.cancel')}
            placement="bottomRight"
            onConfirm={() => void onLogout()}
          >
            <Button
              type="text"
              style={{ color: '#fff' }}
              icon={<LogoutOutlined />}
              loading={logout.isPending}
              aria-label={t('header.logout')}
              data-testid="logout"
            >
              {isMobile ? null : t('header.logout')}
            </Button>
          </Popconfirm>
        </Flex>
      </Layout.Header>
      <Layout>
        {isMobile ? (
          <Drawer
            open={drawerOpen}
            onClose={() => setDrawerOpen(false)}
            placement="left"
            size={260}
            title={me.displayName}
            styles={{ body: { padding: 0 } }}
          >
            {menu}
          </Drawer>
        ) : (
          <Layout.Sider
            className="no-print"
            width={232}
            theme="light"
            style={{
              borderRight: '1px solid #f0f0f0',
              position: 'sticky',
              top: 64,
              height: 'calc(100vh - 64px)',
              overflow: 'auto',
            }}
          >
            {menu}
          </Layout.Sider>
        )}
        <Layout.Content className="app-content" style={{ padding: isMobile ? 12 : 24, minWidth: 0 }}>
          <main>
            <PageBoundary key={location.pathname}>
              <Outlet />
            </PageBoundary>
          </main>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
