import { useEffect, useRef } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Me } from '@bancheng/core';
import { changePassword, fetchMe, login, logout, setLanguage } from '../api/auth.ts';
import { hasChosenLang, useLang } from '../../../i18n/index.tsx';
import { meKey } from '../api/auth.ts';

export function useMe() {
  return useQuery({ queryKey: meKey, queryFn: fetchMe, staleTime: 60_000, retry: false });
}

/** The signed-in person; only for components rendered after sign-in. */
export function useCurrentMe(): Me {
  const { data } = useMe();
  if (!data) throw new Error('useCurrentMe outside a signed-in page');
  return data;
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: login,
    onSuccess: (me) => {
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== meKey[0] });
      queryClient.setQueryData(meKey, me);
    },
  });
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: logout,
    onSettled: () => {
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== meKey[0] });
      queryClient.setQueryData(meKey, null);
    },
  });
}

export function useChangePassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: changePassword,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: meKey }),
  });
}

/**
 * Keeps the server's idea of the reader's language (their email and SMS) in step with the switch: a
 * language chosen in this browser is sent to the server; without a choice here, the person's own language
 * is shown. Runs in the signed-in frame, once the one-time password is changed.
 */
export function useLanguageSync(me: Me): void {
  const { lang, setLang } = useLang();
  const queryClient = useQueryClient();
  const sending = useRef<string | null>(null);
  useEffect(() => {
    if (me.mustChangePassword || lang === me.language) return;
    if (!hasChosenLang()) {
      setLang(me.language);
      return;
    }
    if (sending.current === lang) return;
    sending.current = lang;
    void setLanguage({ language: lang })
      .then(
        () => queryClient.setQueryData<Me | null>(meKey, (m) => (m ? { ...m, language: lang } : m)),
        () => undefined,
      )
      .finally(() => {
        sending.current = null;
      });
  }, [lang, me.language, me.mustChangePassword, setLang, queryClient]);
}
