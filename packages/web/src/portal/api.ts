// The public site's own small fetch wrapper: same origin, no session, the chosen language, the error
// envelope turned into a thrown PublicApiError. (Not the staff app's client: that one sends the CSRF token
// and belongs to the staff app's chunk.)
import type { ErrorResponse } from '@bancheng/core';
import type { Lang } from './i18n.ts';

export class PublicApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fields: Record<string, string> | undefined;
  constructor(status: number, code: string, message: string, fields?: Record<string, string>) {
    super(message);
    this.name = 'PublicApiError';
    this.status = status;
    this.code = code;
    this.fields = fields;
  }
}

async function answer<T>(res: Response): Promise<T> {
  if (res.ok) return (await res.json()) as T;
  let body: ErrorResponse | undefined;
  try {
    body = (await res.json()) as ErrorResponse;
  } catch {
    body = undefined;
  }
  throw new PublicApiError(
    res.status,
    body?.error.code ?? 'NETWORK',
    body?.error.message ?? res.statusText,
    body?.error.fields,
  );
}

export async function getJson<T>(path: string, lang: Lang): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, { headers: { accept: 'application/json', 'accept-language': lang } });
  } catch {
    throw new PublicApiError(0, 'NETWORK', '');
  }
  return answer<T>(res);
}

export async function postJson<T>(path: string, body: unknown, lang: Lang): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', 'accept-language': lang },
      body: JSON.stringify(body),
    });
  } catch {
    throw new PublicApiError(0, 'NETWORK', '');
  }
  return answer<T>(res);
}

export async function postForm<T>(path: string, form: FormData, lang: Lang): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method: 'POST',
      headers: { accept: 'application/json', 'accept-language': lang },
      body: form,
    });
  } catch {
    throw new PublicApiError(0, 'NETWORK', '');
  }
  return answer<T>(res);
}
