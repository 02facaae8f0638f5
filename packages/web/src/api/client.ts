// The one fetch wrapper: same-origin cookies, JSON, the chosen language, the CSRF token on every
// non-GET request, and the error envelope turned into a thrown ApiError.
import type { ErrorResponse } from '@bancheng/core';

type ApiLang = 'zh' | 'en';

let language: ApiLang = 'zh';
let csrfToken: string | null = null;

export function setApiLanguage(lang: ApiLang): void {
  language = lang;
}

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

export class ApiError extends Error {
  readonly code: string;
  readonly status: number;
  readonly fields: Record<string, string> | undefined;
  readonly details: Record<string, unknown> | undefined;
  constructor(
    status: number,
    code: string,
    message: string,
    fields?: Record<string, string>,
    details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.fields = fields;
    this.details = details;
  }
}

export function isApiError(error: unknown, code?: string): error is ApiError {
  return error instanceof ApiError && (code === undefined || error.code === code);
}

const FALLBACK: Record<ApiLang, { network: string; unexpected: string }> = {
  zh: { network: '无法连接服务器，请检查网络后重试', unexpected: '服务器返回了无法识别的响应' },
  en: {
    network: 'Cannot reach the server; check the network and try again',
    unexpected: 'Unexpected server response',
  },
};

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** A JSON body, or FormData sent as multipart. */
  body?: unknown;
  query?: Record<string, string | number | undefined | null>;
  signal?: AbortSignal;
  /** Sent as `Idempotency-Key`: a repeat of the request with it is answered once (api/idempotency.ts). */
  idempotencyKey?: string | undefined;
}

export function buildUrl(path: string, query?: RequestOptions['query']): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

function isErrorResponse(value: unknown): value is ErrorResponse {
  if (typeof value !== 'object' || value === null || !('error' in value)) return false;
  const error = (value as { error: unknown }).error;
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as { code?: unknown }).code === 'string' &&
    typeof (error as { message?: unknown }).message === 'string'
  );
}

export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'Accept-Language': language === 'zh' ? 'zh-CN' : 'en',
  };
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  if (options.idempotencyKey) headers['Idempotency-Key'] = options.idempotencyKey;
  let body: BodyInit | undefined;
  if (options.body instanceof FormData) {
    body = options.body;
  } else if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.body);
  }

  let response: Response;
  try {
    response = await fetch(buildUrl(path, options.query), {
      method,
      headers,
      body,
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, 'NETWORK', FALLBACK[language].network);
  }

  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let data: unknown = undefined;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = undefined;
    }
  }
  if (!response.ok) {
    if (isErrorResponse(data)) {
      const { code, message, fields, details } = data.error;
      throw new ApiError(response.status, code, message, fields, details);
    }
    throw new ApiError(
      response.status,
      'UNEXPECTED',
      `${FALLBACK[language].unexpected} (${response.status})`,
    );
  }
  if (text && data === undefined) {
    throw new ApiError(response.status, 'UNEXPECTED', FALLBACK[language].unexpected);
  }
  return data as T;
}

/**
 * A file from a POST (the receipt DOCX, which may carry a code that must not go in a URL): fetched with
 * the session and CSRF token like any request, then saved by the browser under `fileName`.
 */
export async function downloadPosted(path: string, body: unknown, fileName: string): Promise<void> {
  const headers: Record<string, string> = {
    'Content-Type': 'application/json',
    'Accept-Language': language === 'zh' ? 'zh-CN' : 'en',
  };
  if (csrfToken) headers['x-csrf-token'] = csrfToken;
  const response = await fetch(buildUrl(path), {
    method: 'POST',
    headers,
    body: JSON.stringify(body),
    credentials: 'same-origin',
  });
  if (!response.ok) {
    const data: unknown = await response.json().catch(() => undefined);
    if (isErrorResponse(data)) {
      const { code, message, fields, details } = data.error;
      throw new ApiError(response.status, code, message, fields, details);
    }
    throw new ApiError(response.status, 'UNEXPECTED', FALLBACK[language].unexpected);
  }
  const url = URL.createObjectURL(await response.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  URL.revokeObjectURL(url);
}
