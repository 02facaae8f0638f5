// Converting a DOCX with LibreOffice and counting the PDF's pages with poppler, for the page-count tests.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The PDF LibreOffice makes of `docx`, and its page count; `keepPngAs` also renders page 1 to a PNG. */
export function convertDocx(
  docx: Buffer,
  options: { keepPngAs?: string } = {},
): { pages: number; pdf: Buffer } {
  const dir = mkdtempSync(join(tmpdir(), 'bancheng-docx-'));
  try {
    const file = join(dir, 'document.docx');
    writeFileSync(file, docx);
    // A private profile per run: two conversions at once must not share LibreOffice's user installation.
    execFileSync(
      'soffice',
      [
        `-env:UserInstallation=file://${join(dir, 'profile')}`,
        '--headless',
        '--convert-to',
        'pdf',
        '--outdir',
        dir,
        file,
      ],
      { stdio: 'pipe', timeout: 120_000 },
    );
    const pdfPath = join(dir, 'document.pdf');
    const info = execFileSync('pdfinfo', [pdfPath], { encoding: 'utf8' });
    const pages = Number(/^Pages:\s+(\d+)/m.exec(info)?.[1] ?? NaN);
    if (options.keepPngAs) {
      execFileSync('pdftoppm', [
        '-png',
        '-r',
        '80',
        '-f',
        '1',
        '-l',
        '1',
        '-singlefile',
        pdfPath,
        options.keepPngAs,
      ]);
    }
    return { pages, pdf: readFileSync(pdfPath) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A realistic opinion of exactly `length` characters: sentences, not one repeated character. */
export function opinionOf(length: number, topic: string): string {
  const sentences = [
    `经审查，${topic}涉及的经营场所位于住宅楼内，按照《食品安全法》及省食品小作坊管理条例的规定，`,
    '食品生产加工场所应当与居住场所有效隔离，现场不具备隔离条件，',
    '且周边居民已有油烟和噪声方面的投诉记录，本级难以作出准予许可的决定。',
    '建议申请人考虑在工业园区标准化厂房或小作坊集中区另行选址，局里可提供选址和布局方面的指导，',
    '同时告知其可先办理预包装食品销售备案，在新址具备条件后再申请生产许可。',
  ];
  let text = '';
  for (let i = 0; text.length < length; i++) text += sentences[i % sentences.length];
  return text.slice(0, length - 1) + '。';
}
