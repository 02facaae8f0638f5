// Search and keyset pagination of the case lists, the same cases and the same answers on both databases:
// one, two, three and more characters; exact phone and credit code; case numbers; LIKE's and FTS5's
// special characters taken literally; only what the reader may see; pages that neither repeat nor skip;
// counts that stop at the cap; cursors from elsewhere refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIST_COUNT_CAP, creditCodeCheckChar, encodeListCursor } from '@bancheng/core';
import { SEARCH_SCAN_LIMIT } from '../src/modules/cases/case-list-repository.ts';
import { createTestApp, DIALECTS, type Client, type TestApp } from './harness.ts';
import { seedCase } from './factories.ts';

interface Listed {
  items: { id: string; number: string; receivedAt: string }[];
  total: number;
  totalExact: boolean;
  nextCursor: string | null;
}

const CASES = [
  { matterTitle: '核发食品经营许可证', description: '申请人咨询网上办理流程', name: '甲乙丙商贸有限公司' },
  { matterTitle: '营业执照变更登记', description: '变更经营范围，增加食品销售', name: '星河便利店' },
  { matterTitle: '特种设备使用登记', description: '锅炉注册 100%_完成 "引号"', name: 'Alpha Trading 公司' },
  { matterTitle: '价格投诉', description: '菜市场缺斤短两', name: '张三丰' },
];

describe.each(DIALECTS)('case search and pages [%s]', (dialect) => {
  let t: TestApp;
  let shouwen: Client, ducha: Client, outsider: Client;
  const ids: string[] = [];
  const numbers: string[] = [];

  beforeAll(async () => {
    t = await createTestApp(dialect);
    for (const [i, c] of CASES.entries()) {
      const detail = await seedCase(t, {
        state: 'open',
        matterTitle: c.matterTitle,
        description: c.description,
        applicant: {
          kind: 'enterprise',
          name: c.name,
          phone: `1390000100${String(i)}`,
          creditCode: `91411381MA45ABC${String(i)}1${creditCodeCheckChar(`91411381MA45ABC${String(i)}1`)}`,
        },
      });
      ids.push(detail.id);
      numbers.push(detail.number);
    }
    [shouwen, ducha, outsider] = [
      await t.signIn('shouwen'),
      await t.signIn('ducha'),
      await t.signIn('jgjc1'),
    ];
  });
  afterAll(async () => {
    await t.dispose();
  });

  const list = async (c: Client, query: string): Promise<Listed> => {
    const res = await c.request('GET', `/api/cases?${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<Listed>();
  };
  const found = async (q: string, c: Client = ducha) =>
    (await list(c, `view=all&pageSize=100&q=${encodeURIComponent(q)}`)).items
      .map((i) => ids.indexOf(i.id))
      .filter((i) => i >= 0)
      .sort();

  it('finds one, two, three and more characters anywhere in the case, case-insensitively', async () => {
    expect(await found('食品')).toEqual([0, 1]);
    expect(await found('证')).toEqual([0]);
    expect(await found('食品经营')).toEqual([0]);
    expect(await found('经营')).toEqual([0, 1]);
    expect(await found('缺斤短两')).toEqual([3]);
    expect(await found('alpha trading')).toEqual([2]);
    expect(await found('ALPHA')).toEqual([2]);
    expect(await found('星河')).toEqual([1]);
    expect(await found('张')).toEqual([3]);
    expect(await found('不存在的内容')).toEqual([]);
  });

  it('looks up a whole phone number or credit code exactly, and part of one as text', async () => {
    expect(await found('13900001002')).toEqual([2]);
    expect(await found('91411381MA45ABC31Q')).toEqual([3]);
    expect(await found('91411381ma45abc31q')).toEqual([3]);
    expect(await found('00001001')).toEqual([1]);
    const number = numbers[1] ?? '';
    expect(await found(number)).toEqual([1]);
  });

  it('takes LIKE and full-text special characters literally', async () => {
    expect(await found('100%_')).toEqual([2]);
    expect(await found('%')).toEqual([]);
    expect(await found('"引号"')).toEqual([2]);
    expect(await found('_')).toEqual([]);
    expect(await found('" OR "')).toEqual([]);
    expect(await found('食品 AND')).toEqual([]);
  });

  it('searches only what the reader may see', async () => {
    expect(await found('食品', outsider)).toEqual([]);
    expect(await found('食品', shouwen)).toEqual([0, 1]);
    expect(
      (await list(outsider, `view=department&q=${encodeURIComponent('食品')}`)).items.filter((i) =>
        ids.includes(i.id),
      ),
    ).toEqual([]);
  });

  it('pages through a list and a search newest first, each case once, with an exact count', async () => {
    for (const q of ['', '&q=' + encodeURIComponent('登记')]) {
      const all = await list(ducha, `view=all&pageSize=100${q}`);
      expect(all.totalExact).toBe(true);
      expect(all.total).toBe(all.items.length);
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const page: Listed = await list(
          ducha,
          `view=all&pageSize=2${q}${cursor === null ? '' : `&cursor=${cursor}`}`,
        );
        expect(page.total).toBe(all.total);
        seen.push(...page.items.map((i) => i.id));
        cursor = page.nextCursor;
        pages += 1;
      } while (cursor !== null && pages < 100);
      expect(seen).toEqual(all.items.map((i) => i.id));
      if (q === '') {
        const times = all.items.map((i) => i.receivedAt);
        expect([...times].sort().reverse()).toEqual(times);
      }
    }
  });

  it('refuses a cursor it did not make, or one of the other kind of list, with a field error', async () => {
    const bad = await ducha.request('GET', '/api/cases?view=all&cursor=not-a-cursor!');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toHaveProperty('cursor');
    const searchCursor = encodeListCursor({ kind: 'search', searchId: 5 });
    const mixed = await ducha.request('GET', `/api/cases?view=all&cursor=${searchCursor}`);
    expect(mixed.statusCode).toBe(400);
    expect(mixed.json().error.fields).toHaveProperty('cursor');
    const old = await ducha.request('GET', '/api/cases?view=all&page=100000');
    expect(old.statusCode).toBe(400);
    const big = await ducha.request('GET', '/api/cases?view=all&pageSize=1000');
    expect(big.statusCode).toBe(400);
  });
});

describe.each(DIALECTS)('case list counts [%s]', (dialect) => {
  let t: TestApp;
  let ducha: Client;
  let id: string;
  let number: string;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    ({ id, number } = await seedCase(t, { state: 'open', description: '菜市场缺斤短两' }));
    ducha = await t.signIn('ducha');
  });
  afterAll(async () => {
    await t.dispose();
  });
  const list = async (query: string): Promise<Listed> => {
    const res = await ducha.request('GET', `/api/cases?${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<Listed>();
  };

  it('stops counting at the cap and says so', async () => {
    const db = t.ctx.database.db;
    const template = await db.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const rows = Array.from({ length: LIST_COUNT_CAP + 5 }, (_, i) => ({
      ...template,
      id: `cap-${String(i)}`,
      number: `CAP-${String(i)}`,
      seq: 100000 + i,
    }));
    for (let i = 0; i < rows.length; i += 200) {
      await db
        .insertInto('cases')
        .values(rows.slice(i, i + 200))
        .execute();
    }
    const page = await list('view=all&pageSize=5');
    expect(page.total).toBe(LIST_COUNT_CAP);
    expect(page.totalExact).toBe(false);
    const search = await list(`view=all&pageSize=5&q=${encodeURIComponent('缺斤短两')}`);
    expect(search.totalExact).toBe(false);
    const narrow = await list(`view=all&pageSize=5&q=${encodeURIComponent(number)}`);
    expect(narrow).toMatchObject({ total: 1, totalExact: true, nextCursor: null });
  });

  it('examines a bounded number of matches per request and goes on from where it stopped', async () => {
    const db = t.ctx.database.db;
    const mine = await seedCase(t, { state: 'open', description: '旧案：锅炉年检逾期' });
    const other = await db
      .selectFrom('people')
      .select(['id', 'department_id'])
      .where('username', '=', 'jgjc1')
      .executeTakeFirstOrThrow();
    const template = await db
      .selectFrom('cases')
      .selectAll()
      .where('id', '=', mine.id)
      .executeTakeFirstOrThrow();
    const rows = Array.from({ length: SEARCH_SCAN_LIMIT + 50 }, (_, i) => ({
      ...template,
      id: `scan-${String(i)}`,
      number: `SCAN-${String(i)}`,
      seq: 200000 + i,
      department_id: other.department_id,
      first_responder_id: other.id,
      registered_by: other.id,
    }));
    for (let i = 0; i < rows.length; i += 250) {
      await db
        .insertInto('cases')
        .values(rows.slice(i, i + 250))
        .execute();
    }
    const shouwen = await t.signIn('shouwen');
    const q = `view=all&pageSize=5&q=${encodeURIComponent('锅炉年检')}`;
    const first = (await shouwen.request('GET', `/api/cases?${q}`)).json<Listed>();
    // The newest matches are all another department's: this request stopped before reaching the case.
    expect(first.items).toEqual([]);
    expect(first.totalExact).toBe(false);
    expect(first.nextCursor).not.toBeNull();
    const second = (
      await shouwen.request('GET', `/api/cases?${q}&cursor=${first.nextCursor ?? ''}`)
    ).json<Listed>();
    expect(second.items.map((i) => i.id)).toEqual([mine.id]);
    expect(second.nextCursor).toBeNull();
  });
});
