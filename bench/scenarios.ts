// The scenarios and ceilings one round runs, built once per run from the loaded data: who signs in,
// which case ids each reader may see, which phone number and case number to search for.
import type { LoadSpec, RequestTemplate } from './load-generator.ts';
import type { Session } from './refusal-chain.ts';

/** The people the scenarios act as, by role, from the demo bureau or the generator's summary. */
export interface Cast {
  password: string;
  firstResponder: string;
  deptHead: string;
  leaderInCharge: string;
  principalLeader: string;
  supervisionOffice: string;
  /** Whose to-do list is read: on generated data the busiest first responder. */
  todoReader: string;
  /** Accounts sign-in rotates over: more than five at once on one account is an attack (0006). */
  signInAccounts: string[];
}

export const DEMO_CAST: Cast = {
  password: 'Demo@2026',
  firstResponder: 'shouwen',
  deptHead: 'keshi',
  leaderInCharge: 'fenguan',
  principalLeader: 'juzhang',
  supervisionOffice: 'ducha',
  todoReader: 'shouwen',
  signInAccounts: [
    'shouwen',
    'djzc2',
    'keshi',
    'spsc1',
    'spsc2',
    'spsckz',
    'jgjc1',
    'jgjc2',
    'jgjckz',
    'xbk1',
    'xbk2',
    'xbkkz',
    'cqsc1',
    'cqsc2',
    'cqsckz',
    'dczf1',
  ],
};

export type CeilingId = 'hello' | 'sqliteInsert' | 'pgInsert' | 'scrypt';

export interface Scenario {
  id: string;
  label: string;
  /** Which process answers: the application server or the ceiling server. */
  server: 'app' | 'ceiling';
  unit: 'req/s' | 'chains/s';
  /** The ceiling this scenario is a fraction of. */
  ceiling: CeilingId | null;
  load: Pick<LoadSpec, 'kind' | 'templates' | 'vars' | 'chain'>;
  /** Measured while a burst of public report submissions reaches two server processes (run.ts). */
  publicBurst?: true;
}

export async function signIn(url: string, username: string, password: string): Promise<Session> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!res.ok) throw new Error(`sign-in of ${username} failed: ${res.status} ${await res.text()}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const me = (await res.json()) as { csrfToken: string };
  return { cookie, csrf: me.csrfToken };
}

interface CaseItem {
  id: string;
  number: string;
  state: string;
}

async function getJson<T>(url: string, session: Session, path: string, init: RequestInit = {}): Promise<T> {
  const res = await fetch(`${url}${path}`, {
    ...init,
    headers: { cookie: session.cookie, 'x-csrf-token': session.csrf, ...init.headers },
  });
  if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${path} failed: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

const MATTER_TYPES = ['licensing', 'service', 'complaint', 'enquiry', 'petition', 'assigned'];
const STATES = ['closed', 'open', 'replied', 'atDeptHead', 'refused', 'resolving'];

/** Case ids a reader may see, from their own lists (page 1 of several filters, 100 a page: the most a list gives). */
async function visibleCases(url: string, session: Session, view: string): Promise<CaseItem[]> {
  const filters = ['', ...MATTER_TYPES.map((m) => `&matterType=${m}`), ...STATES.map((s) => `&state=${s}`)];
  const seen = new Map<string, CaseItem>();
  for (const filter of filters) {
    const list = await getJson<{ items: CaseItem[] }>(
      url,
      session,
      `/api/cases?view=${view}&pageSize=100${filter}`,
    );
    for (const item of list.items) seen.set(item.id, item);
  }
  return [...seen.values()];
}

function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

export function registrationBody(now: Date): string {
  return JSON.stringify({
    applicant: {
      kind: 'enterprise',
      name: '基准测试商贸有限公司',
      creditCode: '91411381MA45RX1A2T',
      phone: '13700009999',
    },
    channel: 'counter',
    receivedAt: new Date(now.getTime() - 3_600_000).toISOString(),
    matterType: 'licensing',
    matterTitle: '食品经营许可证新办',
    description: '企业申请办理食品经营许可证，现场提交营业执照副本及经营场所证明，材料基本齐全。',
  });
}

export interface Prepared {
  scenarios: Scenario[];
  /** What the scenarios were built from, for the report. */
  facts: { departmentCases: number; phone: string; caseNumber: string };
}

export async function prepareScenarios(options: {
  url: string;
  cast: Cast;
  dialect: 'sqlite' | 'postgres';
  now: Date;
}): Promise<Prepared> {
  const { url, cast } = options;
  const as = async (username: string) => signIn(url, username, cast.password);
  const firstResponder = await as(cast.firstResponder);
  const deptHead = await as(cast.deptHead);
  const leaderInCharge = await as(cast.leaderInCharge);
  const principalLeader = await as(cast.principalLeader);
  const office = await as(cast.supervisionOffice);
  const todoReader = cast.todoReader === cast.firstResponder ? firstResponder : await as(cast.todoReader);

  const departmentCases = await visibleCases(url, deptHead, 'department');
  // A generated case received before today: not one an earlier run over the same data set registered
  // (those all share one phone number).
  const beforeToday = isoDate(new Date(options.now.getTime() - 86_400_000));
  const own = await getJson<{ items: CaseItem[] }>(
    url,
    firstResponder,
    `/api/cases?view=mine&pageSize=20&to=${beforeToday}`,
  );
  const anyOwn = own.items[0];
  const anyCase = departmentCases[0] ?? anyOwn;
  if (!anyOwn || !anyCase) throw new Error('the data set has no case of the first responder to search for');
  const { phone } = await getJson<{ phone: string }>(
    url,
    firstResponder,
    `/api/cases/${anyOwn.id}/reveal-phone`,
    {
      method: 'POST',
    },
  );
  const caseNumber = anyCase.number;

  const get = (session: Session, path: string): RequestTemplate => ({
    method: 'GET',
    path,
    headers: { cookie: session.cookie },
  });
  const requests = (...templates: RequestTemplate[]): Scenario['load'] => ({ kind: 'requests', templates });
  const year = options.now.getUTCFullYear();
  const from = `${year - 1}-01-01`;
  const to = isoDate(options.now);
  const body = registrationBody(options.now);
  const insertCeiling: CeilingId = options.dialect === 'sqlite' ? 'sqliteInsert' : 'pgInsert';

  const search = (term: string, label: string): Scenario[] => [
    {
      id: `search-${label}-all`,
      label: `search ${label} (supervision office, all)`,
      server: 'app',
      unit: 'req/s',
      ceiling: 'hello',
      load: requests(get(office, `/api/cases?view=all&q=${encodeURIComponent(term)}`)),
    },
    {
      id: `search-${label}-department`,
      label: `search ${label} (department head, department)`,
      server: 'app',
      unit: 'req/s',
      ceiling: 'hello',
      load: requests(get(deptHead, `/api/cases?view=department&q=${encodeURIComponent(term)}`)),
    },
  ];

  const scenarios: Scenario[] = [
    {
      id: 'ceiling-hello',
      label: 'ceiling: Fastify hello-world',
      server: 'ceiling',
      unit: 'req/s',
      ceiling: null,
      load: requests({ method: 'GET', path: '/hello' }),
    },
    {
      id: `ceiling-${insertCeiling}`,
      label: `ceiling: bare ${options.dialect === 'sqlite' ? 'node:sqlite' : 'pg'} committed insert`,
      server: 'ceiling',
      unit: 'req/s',
      ceiling: null,
      load: requests({
        method: 'POST',
        path: options.dialect === 'sqlite' ? '/sqlite-insert' : '/pg-insert',
        body,
      }),
    },
    {
      id: 'ceiling-scrypt',
      label: 'ceiling: scrypt (one password check)',
      server: 'ceiling',
      unit: 'req/s',
      ceiling: null,
      load: requests({ method: 'POST', path: '/scrypt', body: '{}' }),
    },
    {
      id: 'register',
      label: 'register a case',
      server: 'app',
      unit: 'req/s',
      ceiling: insertCeiling,
      load: requests({
        method: 'POST',
        path: '/api/cases',
        headers: { cookie: firstResponder.cookie, 'x-csrf-token': firstResponder.csrf },
        body,
      }),
    },
    {
      id: 'refusal-chain',
      label: 'whole refusal chain (7 requests)',
      server: 'app',
      unit: 'chains/s',
      ceiling: null,
      load: {
        kind: 'refusalChain',
        chain: { firstResponder, deptHead, leaderInCharge, principalLeader, registerBody: body },
      },
    },
    {
      id: 'todo',
      label: 'to-do list (first responder)',
      server: 'app',
      unit: 'req/s',
      ceiling: 'hello',
      load: requests(get(todoReader, '/api/cases?view=todo')),
    },
    {
      id: 'case-page',
      label: 'case page with timeline (department head)',
      server: 'app',
      unit: 'req/s',
      ceiling: 'hello',
      load: {
        kind: 'requests',
        templates: [get(deptHead, '/api/cases/{{caseId}}')],
        vars: { caseId: shuffled(departmentCases.map((c) => c.id)) },
      },
    },
    // Only PostgreSQL is shared by several server processes: the burst needs a second one.
    ...(options.dialect === 'postgres'
      ? [
          {
            id: 'public-burst',
            label: 'case page while one address bursts public reports at two servers (department head)',
            server: 'app' as const,
            unit: 'req/s' as const,
            ceiling: 'hello' as const,
            load: {
              kind: 'requests' as const,
              templates: [get(deptHead, '/api/cases/{{caseId}}')],
              vars: { caseId: shuffled(departmentCases.map((c) => c.id)) },
            },
            publicBurst: true as const,
          },
        ]
      : []),
    {
      id: 'department-list',
      label: 'department list with filters',
      server: 'app',
      unit: 'req/s',
      ceiling: 'hello',
      load: requests(
        get(deptHead, `/api/cases?view=department&state=closed&matterType=licensing&from=${from}&to=${to}`),
        get(deptHead, `/api/cases?view=department&state=open&pageSize=50`),
        get(deptHead, `/api/cases?view=department&matterType=service&from=${from}&to=${to}`),
        get(deptHead, `/api/cases?view=department&from=${year}-01-01&to=${to}&pageSize=50`),
      ),
    },
    ...search('食品', '食品'),
    ...search('营业执照', '营业执照'),
    ...search(phone, 'phone'),
    ...search(caseNumber, 'case-number'),
    {
      id: 'sign-in',
      label: 'sign-in',
      server: 'app',
      unit: 'req/s',
      ceiling: 'scrypt',
      load: {
        kind: 'requests',
        templates: [
          {
            method: 'POST',
            path: '/api/auth/login',
            body: JSON.stringify({ username: '{{account}}', password: cast.password }),
          },
        ],
        vars: { account: cast.signInAccounts },
      },
    },
  ];
  return {
    scenarios,
    facts: {
      departmentCases: departmentCases.length,
      phone: maskPhone(phone),
      caseNumber,
    },
  };
}

function maskPhone(phone: string): string {
  return phone.length > 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : phone;
}

/** A fixed shuffle (the same on every run), so consecutive requests read unrelated cases. */
function shuffled<T>(items: T[]): T[] {
  const out = [...items];
  let seed = 1;
  for (let i = out.length - 1; i > 0; i--) {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    const j = seed % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}
