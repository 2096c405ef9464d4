import { useEffect } from 'react';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from 'react-router';
import { AuthProvider } from './lib/auth';
import { setUnauthenticatedHandler, setSession } from './lib/api';
import { bindMessage } from './lib/feedback';
import { queryClient } from './lib/query-client';
import { router } from './routes';

dayjs.locale('zh-cn');

/** Binds antd's context-aware message API for the request client, and the 401 → /login redirect. */
function Bindings() {
  const { message } = AntApp.useApp();
  useEffect(() => {
    bindMessage(message);
    setUnauthenticatedHandler(() => {
      setSession(null);
      queryClient.clear();
      const here = window.location.pathname + window.location.search;
      if (!window.location.pathname.startsWith('/login')) {
        void router.navigate(`/login?redirect=${encodeURIComponent(here)}`, { replace: true });
      }
    });
  }, [message]);
  return null;
}

export function App() {
  return (
    <ConfigProvider
      locale={zhCN}
      button={{ autoInsertSpace: false }}
      theme={{
        token: { colorPrimary: '#1664d9', borderRadius: 6, fontFamily: "-apple-system, BlinkMacSystemFont, 'PingFang SC', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Helvetica Neue', Arial, sans-serif" },
      }}
    >
      <AntApp>
        <Bindings />
        <QueryClientProvider client={queryClient}>
          <AuthProvider>
            {/* Router updates are not transitions: a navigation whose render waits (suspends) must not leave the
                previous page on screen under the new address (the filter-in-the-address lists, issue 15). */}
            <RouterProvider router={router} useTransitions={false} />
          </AuthProvider>
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}
