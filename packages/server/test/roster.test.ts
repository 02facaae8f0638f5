import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type { Roster } from '@bancheng/core';
import { DEMO_BUREAU } from '../src/bootstrap/demo/demo-bureau.ts';
import { createTestApp, DIALECTS, tableCounts, type Client, type TestApp } from './harness.ts';

const HEADERS = ['单位（科室）', '首问负责人', '单位（科室）负责人', '分管领导', '主要领导'];
const DEPARTMENT_COUNT = DEMO_BUREAU.reduce((n, u) => n + u.departments.length, 0);
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

interface Part {
  name: string;
  value: string | Buffer;
  filename?: string;
  contentType?: string;
}

/** A multipart/form-data body built by hand, so the test controls every byte the server reads. */
function multipart(parts: Part[]): { payload: Buffer; contentType: string } {
  const boundary = `----bancheng-roster-${Math.random().toString(16).slice(2)}`;
  const chunks: Buffer[] = [];
  for (const p of parts) {
    const disposition = `form-data; name="${p.name}"${p.filename ? `; filename="${p.filename}"` : ''}`;
    const head =
      `--${boundary}\r\nContent-Disposition: ${disposition}\r\n` +
      (p.contentType ? `Content-Type: ${p.contentType}\r\n` : '') +
      '\r\n';
    chunks.push(Buffer.from(head, 'utf8'), Buffer.from(p.value), Buffer.from('\r\n', 'utf8'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`, 'utf8'));
  return { payload: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

function cellText(cell: ExcelJS.Cell): string {
  return cell.text.trim();
}

async function loadSheet(data: Buffer): Promise<{ wb: ExcelJS.Workbook; ws: ExcelJS.Worksheet }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(data as unknown as ArrayBuffer);
  const ws = wb.worksheets[0];
  if (!ws) throw new Error('no worksheet');
  return { wb, ws };
}

function headerRowOf(ws: ExcelJS.Worksheet): number {
  for (let r = 1; r <= 10; r++) if (cellText(ws.getRow(r).getCell(1)) === HEADERS[0]) return r;
  throw new Error('no header row');
}

function rowOf(ws: ExcelJS.Worksheet, department: string): ExcelJS.Row {
  for (let r = headerRowOf(ws) + 1; r <= ws.rowCount; r++) {
    if (cellText(ws.getRow(r).getCell(1)).endsWith(`/${department}`)) return ws.getRow(r);
  }
  throw new Error(`no row for ${department}`);
}

async function toBuffer(wb: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe.each(DIALECTS)('the roster as XLSX [%s]', (dialect) => {
  let t: TestApp;
  let admin: Client;

  const download = async (client: Client, date?: string) => {
    const res = await t.inject({
      method: 'GET',
      url: `/api/chains/roster.xlsx${date ? `?date=${date}` : ''}`,
      headers: { cookie: client.cookie },
    });
    expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
    return res;
  };
  const upload = (client: Client, parts: Part[], lang?: string) => {
    const { payload, contentType } = multipart(parts);
    return t.inject({
      method: 'POST',
      url: '/api/chains/roster/import',
      headers: {
        cookie: client.cookie,
        'x-csrf-token': client.csrfToken,
        'content-type': contentType,
        ...(lang && { 'accept-language': lang }),
      },
      payload,
    });
  };
  const filePart = (data: Buffer, filename = 'roster.xlsx'): Part => ({
    name: 'file',
    value: data,
    filename,
    contentType: XLSX_TYPE,
  });
  const roster = async (date: string): Promise<Roster> =>
    (await admin.request('GET', `/api/chains?date=${date}`)).json<Roster>();
  const importEvents = async () =>
    (
      await t.ctx.database.db
        .selectFrom('audit_events')
        .select('id')
        .where('type', 'in', ['roster.imported', 'chain.set'])
        .execute()
    ).length;

  // Every test gets its own database: these tests change the demo bureau, and none may depend on
  // another having run before it (the order is shuffled).
  beforeEach(async () => {
    t = await createTestApp(dialect);
    admin = await t.signIn('admin');
  });
  afterEach(async () => {
    await t.dispose();
  });

  it('downloads the roster in the layout of Attachment 3', async () => {
    const res = await download(admin, '2026-03-01');
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-type']).toBe(XLSX_TYPE);
    expect(String(res.headers['content-disposition'])).toMatch(/^attachment;/);
    expect(String(res.headers['content-disposition'])).toContain('2026-03-01');
    expect(res.rawPayload.subarray(0, 2).toString('latin1')).toBe('PK');

    const { ws } = await loadSheet(res.rawPayload);
    const header = headerRowOf(ws);
    expect([1, 2, 3, 4, 5].map((c) => cellText(ws.getRow(header).getCell(c)))).toEqual(HEADERS);
    expect(cellText(ws.getRow(header).getCell(6))).toBe('');

    const rows: string[][] = [];
    for (let r = header + 1; r <= ws.rowCount; r++) {
      const cells = [1, 2, 3, 4, 5].map((c) => cellText(ws.getRow(r).getCell(c)));
      if (cells.some((c) => c !== '')) rows.push(cells);
    }
    expect(rows).toHaveLength(DEPARTMENT_COUNT);
    const names = rows.map((r) => r[0]);
    for (const unit of DEMO_BUREAU) {
      for (const d of unit.departments) expect(names).toContain(`${unit.name}/${d.name}`);
    }
    expect(rows.find((r) => r[0] === '演示市市场监督管理局/登记注册科')).toEqual([
      '演示市市场监督管理局/登记注册科',
      '杨帆（djzc2）、张伟（shouwen）',
      '陈静（keshi）',
      '李明（fenguan）',
      '王建国（juzhang）',
    ]);
  });

  it('lets any signed-in person download it, nobody without a session', async () => {
    const shouwen = await t.signIn('shouwen');
    await download(shouwen);
    const anonymous = await t.inject({ method: 'GET', url: '/api/chains/roster.xlsx' });
    expect(anonymous.statusCode).toBe(401);
  });

  /** Imports the roster with 登记注册科's head and first responders and 价格监督检查科's leader in charge
   * changed from 2026-07-01. */
  const importEditedRoster = async () => {
    const { wb, ws } = await loadSheet((await download(admin, '2026-03-01')).rawPayload);
    rowOf(ws, '登记注册科').getCell(3).value = '杨帆（djzc2）';
    rowOf(ws, '登记注册科').getCell(2).value = '张伟（shouwen）';
    rowOf(ws, '价格监督检查科').getCell(4).value = '李明'; // by name alone, which is unique
    return upload(admin, [{ name: 'effectiveFrom', value: '2026-07-01' }, filePart(await toBuffer(wb))]);
  };

  it('imports an edited roster from a date on, all departments at once', async () => {
    const before = await tableCounts(t);
    const res = await importEditedRoster();
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ departments: DEPARTMENT_COUNT, effectiveFrom: '2026-07-01' });

    const after = await roster('2026-07-01');
    const reg = after.chains.find((c) => c.departmentName === '登记注册科');
    expect(reg?.deptHead?.username).toBe('djzc2');
    expect(reg?.firstResponders.map((p) => p.username)).toEqual(['shouwen']);
    expect(reg?.changedOn).toBe('2026-07-01');
    expect(after.chains.find((c) => c.departmentName === '价格监督检查科')?.leaderInCharge?.username).toBe(
      'fenguan',
    );
    // Unchanged departments keep their assignments: nothing new is written for them.
    const food = after.chains.find((c) => c.departmentName === '食品生产安全监管科');
    expect(food?.deptHead?.username).toBe('spsckz');
    // Before the date the old roster still holds.
    const old = (await roster('2026-06-30')).chains.find((c) => c.departmentName === '登记注册科');
    expect(old?.deptHead?.username).toBe('keshi');
    expect(old?.firstResponders.map((p) => p.username)).toEqual(['djzc2', 'shouwen']);

    // Two new assignments (登记注册科's head, 价格监督检查科's leader in charge); three closed on the
    // date (keshi as head, djzc2 as first responder, fenguan2 as leader in charge); none deleted.
    const counts = await tableCounts(t);
    expect(counts['chain_assignments']).toBe((before['chain_assignments'] ?? 0) + 2);
    const closed = await t.ctx.database.db
      .selectFrom('chain_assignments')
      .innerJoin('people', 'people.id', 'chain_assignments.person_id')
      .select(['people.username', 'chain_assignments.position'])
      .where('chain_assignments.effective_to', '=', '2026-07-01')
      .orderBy('people.username')
      .execute();
    expect(closed).toEqual([
      { username: 'djzc2', position: 'firstResponder' },
      { username: 'fenguan2', position: 'leaderInCharge' },
      { username: 'keshi', position: 'deptHead' },
    ]);

    const events = await t.ctx.database.db
      .selectFrom('audit_events')
      .select(['type', 'actor_id', 'payload'])
      .where('type', '=', 'roster.imported')
      .execute();
    expect(events).toHaveLength(1);
    expect(events[0]?.actor_id).toBe(admin.personId);
    expect(JSON.parse(events[0]?.payload ?? '{}')).toEqual({
      effectiveFrom: '2026-07-01',
      departments: DEPARTMENT_COUNT,
    });

    // The downloaded roster on that date reflects the import.
    const { ws: again } = await loadSheet((await download(admin, '2026-07-01')).rawPayload);
    expect(cellText(rowOf(again, '登记注册科').getCell(3))).toBe('杨帆（djzc2）');
  });

  it('refuses a file with bad rows, listing each row, and imports nothing', async () => {
    const { wb, ws } = await loadSheet((await download(admin, '2026-07-01')).rawPayload);
    const badDept = rowOf(ws, '督察室');
    badDept.getCell(1).value = '演示市市场监督管理局/不存在科';
    const badPerson = rowOf(ws, '消费者权益保护科');
    badPerson.getCell(3).value = '无此人（nobody）';
    const badRows = [badDept.number, badPerson.number].sort((a, b) => a - b);
    const before = await tableCounts(t);
    const eventsBefore = await importEvents();

    const res = await upload(admin, [
      { name: 'effectiveFrom', value: '2026-09-01' },
      filePart(await toBuffer(wb)),
    ]);
    expect(res.statusCode, res.body).toBe(400);
    const error = res.json().error;
    expect(error.code).toBe('ROSTER_INVALID');
    const rows = error.details.rows as { row: number; message: string; problems: unknown[] }[];
    expect(rows.map((r) => r.row).sort((a, b) => a - b)).toEqual(badRows);
    expect(rows.find((r) => r.row === badDept.number)).toEqual({
      row: badDept.number,
      message: '找不到科室“演示市市场监督管理局/不存在科”',
      problems: [{ code: 'departmentNotFound', params: { value: '演示市市场监督管理局/不存在科' } }],
    });
    expect(rows.find((r) => r.row === badPerson.number)?.problems).toEqual([
      { code: 'usernameNotFound', params: { username: 'nobody', position: 'deptHead' } },
    ]);
    expect(rows.find((r) => r.row === badPerson.number)?.message).toContain('nobody');
    // In English for an English reader: the same codes, the message worded in English.
    const english = await upload(
      admin,
      [{ name: 'effectiveFrom', value: '2026-09-01' }, filePart(await toBuffer(wb))],
      'en',
    );
    expect(english.statusCode).toBe(400);
    const englishRows = english.json().error.details.rows as { row: number; message: string }[];
    expect(englishRows.find((r) => r.row === badPerson.number)?.message).toBe(
      'Department head: no active person has the username “nobody”',
    );

    expect(await tableCounts(t)).toEqual(before);
    expect(await importEvents()).toBe(eventsBefore);
    expect((await roster('2026-09-01')).chains.every((c) => c.changedOn !== '2026-09-01')).toBe(true);
  });

  it('refuses a whole file when some rows fail only as they are applied (date before the last change)', async () => {
    // Every row is well-formed, but 2026-05-01 is before the 2026-07-01 change of two departments;
    // the other rows alone would apply, yet nothing may be half-imported.
    expect((await importEditedRoster()).statusCode).toBe(200);
    const { wb, ws } = await loadSheet((await download(admin, '2026-07-01')).rawPayload);
    const changed = [rowOf(ws, '登记注册科').number, rowOf(ws, '价格监督检查科').number].sort(
      (a, b) => a - b,
    );
    // A row that would apply on its own, so a partial import would show in the counts.
    rowOf(ws, '食品生产安全监管科').getCell(3).value = '黄磊（spsc1）';
    const before = await tableCounts(t);
    const eventsBefore = await importEvents();
    const res = await upload(admin, [
      { name: 'effectiveFrom', value: '2026-05-01' },
      filePart(await toBuffer(wb)),
    ]);
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.code).toBe('ROSTER_INVALID');
    const rows = res.json().error.details.rows as { row: number; message: string }[];
    expect(rows.map((r) => r.row).sort((a, b) => a - b)).toEqual(changed);
    for (const r of rows) expect(r.message).toBe('不能早于最近一次变更日期');
    expect(await tableCounts(t)).toEqual(before);
    expect(await importEvents()).toBe(eventsBefore);
    expect((await roster('2026-05-01')).chains.every((c) => c.changedOn !== '2026-05-01')).toBe(true);
  });

  it('refuses a file that is not an XLSX', async () => {
    const before = await tableCounts(t);
    for (const data of [
      Buffer.from('单位（科室）,首问负责人\n办公室,张伟\n'),
      Buffer.from('PK\u0003\u0004junk'),
    ]) {
      const res = await upload(admin, [
        { name: 'effectiveFrom', value: '2026-09-01' },
        filePart(data, 'roster.csv'),
      ]);
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error.code).toBe('ROSTER_INVALID');
      expect(res.json().error.details.rows).toEqual([
        { row: 0, message: '文件不是有效的 XLSX 表格', problems: [{ code: 'notXlsx', params: {} }] },
      ]);
    }
    expect(await tableCounts(t)).toEqual(before);
  });

  it('refuses a workbook without the roster header', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Sheet1').addRow(['科室', '人员']);
    const res = await upload(admin, [
      { name: 'effectiveFrom', value: '2026-09-01' },
      filePart(await toBuffer(wb)),
    ]);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('ROSTER_INVALID');
  });

  it('requires effectiveFrom and the file', async () => {
    const { wb } = await loadSheet((await download(admin)).rawPayload);
    const data = await toBuffer(wb);
    const before = await tableCounts(t);

    const noDate = await upload(admin, [filePart(data)]);
    expect(noDate.statusCode).toBe(400);
    expect(noDate.json().error.code).toBe('VALIDATION_FAILED');
    expect(noDate.json().error.fields).toEqual({ effectiveFrom: expect.any(String) });

    const badDate = await upload(admin, [{ name: 'effectiveFrom', value: '2026-02-30' }, filePart(data)]);
    expect(badDate.statusCode).toBe(400);
    expect(badDate.json().error.fields.effectiveFrom).toBeTruthy();

    const noFile = await upload(admin, [{ name: 'effectiveFrom', value: '2026-09-01' }]);
    expect(noFile.statusCode).toBe(400);
    expect(noFile.json().error.fields).toEqual({ file: expect.any(String) });

    const json = await admin.request('POST', '/api/chains/roster/import', { effectiveFrom: '2026-09-01' });
    expect(json.statusCode).toBe(415);
    expect(await tableCounts(t)).toEqual(before);
  });

  // Names may contain the unit/department separator '/'; a roster downloaded unchanged must upload again.
  it('round-trips a roster whose department name contains a slash', async () => {
    const units = (await admin.request('GET', '/api/org/tree')).json<{
      units: { departments: { id: string; name: string; version: number }[] }[];
    }>().units;
    const price = units.flatMap((u) => u.departments).find((d) => d.name === '价格监督检查科');
    if (!price) throw new Error('no 价格监督检查科');
    const renamed = await admin.request('PATCH', `/api/org/departments/${price.id}`, {
      name: '价格/收费监督检查科',
      version: price.version,
    });
    expect(renamed.statusCode, renamed.body).toBe(200);

    const { wb, ws } = await loadSheet((await download(admin, '2026-10-01')).rawPayload);
    expect(cellText(rowOf(ws, '价格/收费监督检查科').getCell(1))).toBe(
      '演示市市场监督管理局/价格/收费监督检查科',
    );
    const res = await upload(admin, [
      { name: 'effectiveFrom', value: '2026-10-01' },
      filePart(await toBuffer(wb)),
    ]);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ departments: DEPARTMENT_COUNT, effectiveFrom: '2026-10-01' });
  });
});
