// The one-time notice (一次性告知, work plan 三(一)): the whole procedure and every requirement told at once.
// Its template's headings, and the rule that each heading carries real content, not the template's blanks.
import type { Lang } from '../shared/errors.ts';

/** The headings a notice must fill, in order; each may be written in Chinese or in English. */
export const ONE_TIME_NOTICE_SECTIONS = ['basis', 'procedure', 'materials', 'timeLimit', 'place'] as const;
export type OneTimeNoticeSection = (typeof ONE_TIME_NOTICE_SECTIONS)[number];

export const ONE_TIME_NOTICE_HEADINGS: Record<OneTimeNoticeSection, Record<Lang, string>> = {
  basis: { zh: '办理依据', en: 'Legal basis' },
  procedure: { zh: '办理程序', en: 'Procedure' },
  materials: { zh: '所需材料', en: 'Materials required' },
  timeLimit: { zh: '办理时限', en: 'Time limit' },
  place: { zh: '办理地点及联系方式', en: 'Where to go and contact' },
};

const CHINESE_ORDINALS = ['一', '二', '三', '四', '五'];

/** The blank notice the action form opens with: each heading, numbered, with empty items under the lists. */
export function oneTimeNoticeTemplate(lang: Lang): string {
  return ONE_TIME_NOTICE_SECTIONS.map((section, i) => {
    const heading = ONE_TIME_NOTICE_HEADINGS[section][lang];
    const numbered = lang === 'zh' ? `${CHINESE_ORDINALS[i] ?? ''}、${heading}：` : `${i + 1}. ${heading}:`;
    const items = section === 'procedure' || section === 'materials' ? ['1. ', '2. '] : [];
    return [numbered, ...items].join('\n');
  }).join('\n');
}

/** A heading line: an optional ordinal (一、 / 1. / 1、 / (1)), the heading, a colon, and maybe content. */
function headingOf(line: string): { section: OneTimeNoticeSection; rest: string } | null {
  const m =
    /^\s*(?:[一二三四五六七八九十]+[、.．]|\d+[、.．)）]|[(（]\d+[)）])?\s*([^:：]+?)\s*[:：](.*)$/u.exec(
      line,
    );
  if (!m) return null;
  const title = (m[1] ?? '').trim().toLowerCase();
  for (const section of ONE_TIME_NOTICE_SECTIONS) {
    const { zh, en } = ONE_TIME_NOTICE_HEADINGS[section];
    if (title === zh || title === en.toLowerCase()) return { section, rest: m[2] ?? '' };
  }
  return null;
}

/** What is left of a line without its list marker (1. / 1) / （1） / - / •) and blanks. */
function contentOf(line: string): string {
  return line
    .replace(/^\s*(?:\d+[、.．)）]|[(（]\d+[)）]|[-•·*])\s*/u, '')
    .replace(/[\s_＿…。.,，、;；:：-]+/gu, '');
}

export interface OneTimeNoticeProblem {
  section: OneTimeNoticeSection;
  /** missing: the heading is not there; empty: nothing but the template's blanks under it. */
  problem: 'missing' | 'empty';
}

/**
 * The headings of a notice that lack real content, in template order; an empty list means the notice may
 * be given. Text before the first heading and under headings of one's own is allowed and not checked.
 */
export function checkOneTimeNotice(notice: string): OneTimeNoticeProblem[] {
  const content = new Map<OneTimeNoticeSection, string>();
  let current: OneTimeNoticeSection | null = null;
  for (const line of notice.split(/\r?\n/)) {
    const heading = headingOf(line);
    if (heading) {
      current = heading.section;
      content.set(current, (content.get(current) ?? '') + contentOf(heading.rest));
    } else if (current !== null) {
      content.set(current, (content.get(current) ?? '') + contentOf(line));
    }
  }
  const problems: OneTimeNoticeProblem[] = [];
  for (const section of ONE_TIME_NOTICE_SECTIONS) {
    const text = content.get(section);
    if (text === undefined) problems.push({ section, problem: 'missing' });
    // At least two letters or digits: a lone mark is a blank left in, not content.
    else if ((text.match(/[\p{L}\p{N}]/gu) ?? []).length < 2) problems.push({ section, problem: 'empty' });
  }
  return problems;
}

/** The notice's field message: the first heading in trouble, named in the reader's language. */
export function oneTimeNoticeMessage(problems: readonly OneTimeNoticeProblem[], lang: Lang): string | null {
  const first = problems[0];
  if (!first) return null;
  const names = problems.map((p) => ONE_TIME_NOTICE_HEADINGS[p.section][lang]);
  if (lang === 'zh') return `请在以下标题下填写具体内容（不能保留模板空白）：${names.join('、')}`;
  return `fill in real content under these headings (not the template's blanks): ${names.join(', ')}`;
}
