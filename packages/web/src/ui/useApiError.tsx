// Shows a failed request: `fields` as Form field errors, `message` as a notification.
import { useCallback } from 'react';
import { App } from 'antd';
import type { FormInstance } from 'antd';
import { isApiError } from '../api/client.ts';
import { useT } from '../i18n/index.tsx';

function toNamePath(path: string): (string | number)[] {
  return path.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

export function useApiError() {
  const { notification } = App.useApp();
  const t = useT();
  return useCallback(
    (error: unknown, form?: FormInstance, title?: string) => {
      if (!isApiError(error)) {
        notification.error({ title: title ?? t('error.unexpected'), description: String(error) });
        return;
      }
      const unmatched: string[] = [];
      if (error.fields) {
        const registered = form
          ? new Set(Object.keys(form.getFieldsValue() as Record<string, unknown>))
          : null;
        const matched: { name: (string | number)[]; errors: string[] }[] = [];
        for (const [path, message] of Object.entries(error.fields)) {
          const name = toNamePath(path);
          if (registered?.has(String(name[0]))) matched.push({ name, errors: [message] });
          else unmatched.push(message);
        }
        if (form && matched.length > 0) form.setFields(matched);
      }
      notification.error({
        title: title ?? t('error.unexpected'),
        description: (
          <>
            <div>{error.message}</div>
            {unmatched.map((m) => (
              <div key={m}>{m}</div>
            ))}
          </>
        ),
      });
    },
    [notification, t],
  );
}
