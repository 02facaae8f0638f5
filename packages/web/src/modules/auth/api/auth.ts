import type { ChangePasswordBody, LanguageBody, LoginBody, Me } from '@bancheng/core';
import { api, isApiError, setCsrfToken } from '../../../api/client.ts';

export const meKey = ['me'] as const;

/** The signed-in person, or null when nobody is signed in. */
export async function fetchMe(): Promise<Me | null> {
  try {
    const me = await api<Me>('/api/auth/me');
    setCsrfToken(me.csrfToken);
    return me;
  } catch (error) {
    if (isApiError(error) && error.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw error;
  }
}

export async function login(body: LoginBody): Promise<Me> {
  const me = await api<Me>('/api/auth/login', { method: 'POST', body });
  setCsrfToken(me.csrfToken);
  return me;
}

export async function logout(): Promise<void> {
  await api<void>('/api/auth/logout', { method: 'POST' });
  setCsrfToken(null);
}

export function changePassword(body: ChangePasswordBody): Promise<void> {
  return api<void>('/api/auth/password', { method: 'POST', body });
}

/** The language one reads in: the server writes one's email and SMS in it. */
export function setLanguage(body: LanguageBody): Promise<void> {
  return api<void>('/api/auth/language', { method: 'PUT', body });
}
