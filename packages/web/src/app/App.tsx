// Providers: language → antd (locale, theme, App context) → TanStack Query → router.
import { useEffect, useRef, useState } from 'react';
import { BrowserRouter } from 'react-router-dom';
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { isApiError } from '../api/client.ts';
import { LanguageProvider, useLang } from '../i18n/index.tsx';
import { meKey } from '../modules/auth/api/auth.ts';
import { AppRoutes } from './AppRoutes.tsx';

function createQueryClient(): QueryClient {
  // A session that ended, or a password that must be changed first, sends everyone back to the gate.
  const onError = (error: unknown) => {
    if (isApiError(error, 'UNAUTHENTICATED')) client.setQueryData(meKey, null);
    else if (isApiError(error, 'PASSWORD_CHANGE_REQUIRED'))
      void client.invalidateQueries({ queryKey: meKey });
  };
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError }),
    mutationCache: new MutationCache({ onError }),
    defaultOptions: {
      queries: {
        staleTime: 15_000,
        refetchOnWindowFocus: false,
        retry: (count, error) => !isApiError(error) || (error.status >= 500 && count < 2),
      },
    },
  });
  return client;
}

function Themed() {
  const { lang } = useLang();
  const [queryClient] = useState(createQueryClient);
  // What the server words (notifications, messages) is in the language of the request: a new language
  // fetches it again.
  const shownLang = useRef(lang);
  useEffect(() => {
    if (shownLang.current === lang) return;
    shownLang.current = lang;
    void queryClient.invalidateQueries({ predicate: (q) => q.queryKey[0] !== meKey[0] });
  }, [lang, queryClient]);
  return (
    <ConfigProvider
      locale={lang === 'zh' ? zhCN : enUS}
      theme={{ token: { colorPrimary: '#1d5c96', borderRadius: 6 } }}
    >
      <AntApp>
        <QueryClientProvider client={queryClient}>
          <BrowserRouter>
            <AppRoutes />
          </BrowserRouter>
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}

export function App() {
  return (
    <LanguageProvider>
      <Themed />
    </LanguageProvider>
  );
}
