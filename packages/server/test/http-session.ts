// A signed-in browser, over real HTTP: the session cookie and CSRF token it got from one server can be
// sent to any other, as nginx sends each request to whichever upstream it picks.
import { DEMO_PASSWORD } from '../src/bootstrap/demo/demo-bureau.ts';

export interface HttpResponse {
  status: number;
  headers: Headers;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read whatever the route answers
  body: any;
}

export interface HttpSession {
  personId: string;
  cookie: string;
  csrfToken: string;
}

export interface SendOptions {
  session?: HttpSession;
  body?: unknown;
  form?: FormData;
  /** The client's address as nginx would pass it on (the servers run with TRUST_PROXY). */
  clientAddress?: string;
}

export async function send(
  baseUrl: string,
  method: string,
  path: string,
  options: SendOptions = {},
): Promise<HttpResponse> {
  const headers: Record<string, string> = {};
  if (options.session) {
    headers['cookie'] = options.session.cookie;
    headers['x-csrf-token'] = options.session.csrfToken;
  }
  if (options.clientAddress) headers['x-forwarded-for'] = options.clientAddress;
  let body: string | FormData | undefined;
  if (options.form) body = options.form;
  else if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  const res = await fetch(`${baseUrl}${path}`, { method, headers, ...(body !== undefined && { body }) });
  const type = res.headers.get('content-type') ?? '';
  const parsed: unknown = type.includes('application/json')
    ? await res.json()
    : Buffer.from(await res.arrayBuffer());
  return { status: res.status, headers: res.headers, body: parsed };
}

/** Signs in through `baseUrl`; throws unless the sign-in succeeds. */
export async function signInOver(
  baseUrl: string,
  username: string,
  options: { password?: string; clientAddress?: string } = {},
): Promise<HttpSession> {
  const res = await send(baseUrl, 'POST', '/api/auth/login', {
    body: { username, password: options.password ?? DEMO_PASSWORD },
    ...(options.clientAddress && { clientAddress: options.clientAddress }),
  });
  if (res.status !== 200) throw new Error(`sign-in of ${username} failed: ${res.status}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0] ?? '')
    .find((c) => c.startsWith('bc_session='));
  if (!cookie) throw new Error('no session cookie');
  return { personId: res.body.id as string, csrfToken: res.body.csrfToken as string, cookie };
}

/** Asks `check` again every 100 ms until it returns a value, or gives up after `withinMs`. */
export async function eventually<T>(
  what: string,
  check: () => Promise<T | undefined>,
  withinMs = 20_000,
): Promise<T> {
  const until = performance.now() + withinMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (performance.now() > until) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
