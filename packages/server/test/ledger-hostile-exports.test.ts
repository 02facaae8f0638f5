// Issue 9 acceptance 2, the files' part: hostile report texts and file names (markup, event handlers,
// javascript: URLs, SVG, template syntax, spreadsheet formulas, very long strings) come back from the
// report's DOCX and the ledger's XLSX exactly as typed, as text: escaped in the XML, never markup, never a
// formula.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, DIALECTS, type Client, type TestApp } from './harness.ts';
import { PNG } from './ledger-fixtures.ts';
import { readDocx } from './docx-reading.ts';
import { fixedClock } from '../src/platform/clock.ts';

const NOW = '2026-12-01T02:00:00Z';

const HOSTILE = [
  '<script>window.__pwned=1</script>',
  '<img src=x onerror="window.__pwned=2">',
  '<a href="javascript:window.__pwned=3">点我</a>',
  '<svg onload="window.__pwned=4"><circle r="5"/></svg>',
  "{{constructor.constructor('window.__pwned=5')()}}",
  '${window.__pwned=6}',
  ']]><w:r><w:t>注入</w:t></w:r><![CDATA[',
  '=HYPERLINK("http://example.invalid","点击")',
  '+SUM(1,2)&"<b>7</b>"',
  `${'长'.repeat(1500)}<b>8</b>`,
];

describe.each(DIALECTS)('ledger exports keep hostile texts as text [%s]', { timeout: 120_000 }, (dialect) => {
  let t: TestApp;
  let ducha: Client;
  const ids: string[] = [];

  beforeAll(async () => {
    t = await createTestApp(dialect, {}, { clock: fixedClock(NOW) });
    ducha = await t.signIn('ducha');
    const dep = await t.ctx.database.db
      .selectFrom('departments')
      .select(['id', 'unit_id'])
      .where('name', '=', '登记注册科')
      .executeTakeFirstOrThrow();
    for (const [i, what] of HOSTILE.entries()) {
      const res = await ducha.request('POST', '/api/ledger/reports', {
        source: 'letter',
        what,
        unitId: dep.unit_id,
        departmentId: dep.id,
        counter: what.slice(0, 100),
      });
      expect(res.statusCode, `${i}: ${res.body}`).toBe(201);
      const id = res.json<{ report: { id: string } }>().report.id;
      ids.push(id);
      const name = `${what.slice(0, 100).replace(/["\r\n\\]/g, '_')}-${i}.png`;
      const up = await t.inject({
        method: 'POST',
        url: `/api/ledger/reports/${id}/attachments`,
        headers: {
          cookie: ducha.cookie,
          'x-csrf-token': ducha.csrfToken,
          'content-type': 'multipart/form-data; boundary=b',
        },
        payload: Buffer.concat([
          Buffer.from(
            `--b\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: image/png\r\n\r\n`,
            'utf8',
          ),
          PNG,
          Buffer.from('\r\n--b--\r\n', 'utf8'),
        ]),
      });
      expect(up.statusCode, up.body).toBe(201);
    }
  });
  afterAll(async () => {
    await t.dispose();
  });

  it("a report's DOCX shows the text as typed, and its XML holds no markup of the reporter's", async () => {
    for (const [i, what] of HOSTILE.entries()) {
      const res = await ducha.request('GET', `/api/ledger/reports/${ids[i]}/record.docx`);
      expect(res.statusCode).toBe(200);
      const { xml, text } = readDocx(res.rawPayload);
      expect(text).toContain(what);
      // The text is escaped in the XML: none of the reporter's tags or sections stands as markup.
      for (const tag of ['<script', '<img', '<svg', '<a href', '<b>', ']]>', '<![CDATA['])
        expect(xml.includes(tag), `${tag} in the DOCX of report ${i}`).toBe(false);
      // The only runs are the document's own: the injected <w:t>注入</w:t> stays inside a text.
      expect(xml).not.toContain('<w:t>注入</w:t>');
    }
  });

  it("the ledger's XLSX holds every text as a string cell, never markup or a formula", async () => {
    const res = await ducha.request('GET', '/api/ledger/export.xlsx');
    expect(res.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const cells: ExcelJS.Cell[] = [];
    book.eachSheet((sheet) =>
      sheet.eachRow((row) =>
        row.eachCell((cell) => {
          cells.push(cell);
        }),
      ),
    );
    expect(cells.some((c) => c.type === ExcelJS.ValueType.Formula)).toBe(false);
    const texts = cells.map((c) => (typeof c.value === 'string' ? c.value : ''));
    for (const what of HOSTILE) {
      const cell = cells.find((c) => typeof c.value === 'string' && c.value.includes(what));
      expect(cell, `the ledger shows ${what.slice(0, 40)}`).toBeDefined();
      expect(cell!.type).toBe(ExcelJS.ValueType.String);
    }
    expect(texts.join('')).toContain('<script>window.__pwned=1</script>');
  });
});
