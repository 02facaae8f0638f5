// The side menu: which pages exist and which roles see them (everyone when `roles` is absent).
import type { Role } from '@bancheng/core';
import type { MessageKey } from '../i18n/index.tsx';

export interface NavItem {
  key: 'home' | 'todo' | 'notifications' | 'cases' | 'matters' | 'chains' | 'org' | 'people' | 'audit';
  path: string;
  label: MessageKey;
  roles?: readonly Role[];
}

export const AUDIT_READERS: readonly Role[] = ['admin', 'supervisionOffice', 'disciplineInspection'];

/** Who may register a request (受理登记): first responders, who then own it. */
export const CASE_REGISTRARS: readonly Role[] = ['firstResponder'];

export const NAV_ITEMS: readonly NavItem[] = [
  { key: 'home', path: '/', label: 'menu.home' },
  { key: 'todo', path: '/cases?view=todo', label: 'menu.todo' },
  { key: 'notifications', path: '/notifications', label: 'menu.notifications' },
  { key: 'cases', path: '/cases', label: 'menu.cases' },
  // Administrators and department heads keep matter lists (the page and the server check the chain today).
  { key: 'matters', path: '/matters', label: 'menu.matters', roles: ['admin', 'deptHead'] },
  { key: 'chains', path: '/chains', label: 'menu.chains' },
  { key: 'org', path: '/admin/org', label: 'menu.org', roles: ['admin'] },
  { key: 'people', path: '/admin/people', label: 'menu.people', roles: ['admin'] },
  { key: 'audit', path: '/admin/audit', label: 'menu.audit', roles: AUDIT_READERS },
];

export function visibleNavItems(roles: readonly Role[]): NavItem[] {
  return NAV_ITEMS.filter((item) => !item.roles || item.roles.some((r) => roles.includes(r)));
}

/** The menu key for a location: the to-do list is the case list with view=todo; else the longest path. */
export function navKeyFor(pathname: string, search = ''): NavItem['key'] | undefined {
  if (pathname === '/cases' && new URLSearchParams(search).get('view') === 'todo') return 'todo';
  const matches = NAV_ITEMS.filter(
    (i) => !i.path.includes('?') && (i.path === '/' ? pathname === '/' : pathname.startsWith(i.path)),
  );
  return matches.sort((a, b) => b.path.length - a.path.length)[0]?.key;
}
