// What is wrong with a row of an imported file (the holiday schedule's CSV, the roster's XLSX), as a code
// with its parameters, and its words in both languages. The server answers the codes (and the message in
// the request's language, for other clients); the web app words them in the reader's language.
import { z } from 'zod';
import type { Lang } from './errors.ts';

type Params = Record<string, string | number>;
type Words = Record<Lang, (p: Params) => string>;

const v = (p: Params, name: string) => String(p[name] ?? '');

export const IMPORT_PROBLEMS = {
  // The holiday schedule (CSV: date,kind,name).
  notUtf8: {
    zh: () => '文件不是 UTF-8 编码，请另存为“CSV UTF-8”后再导入',
    en: () => 'The file is not UTF-8; save it as “CSV UTF-8” and import it again',
  },
  noHolidays: { zh: () => '文件中没有任何放假日期', en: () => 'The file holds no holiday' },
  dateMissing: { zh: () => '未填写日期', en: () => 'The date is missing' },
  dateInvalid: {
    zh: (p) => `日期“${v(p, 'value')}”无效，应为 YYYY-MM-DD`,
    en: (p) => `The date “${v(p, 'value')}” is not valid; write it as YYYY-MM-DD`,
  },
  kindMissing: {
    zh: () => '未填写类型（休 或 班）',
    en: () => 'The kind is missing (holiday or workday)',
  },
  kindInvalid: {
    zh: (p) => `类型“${v(p, 'value')}”无效，应为 休 或 班`,
    en: (p) => `The kind “${v(p, 'value')}” is not valid; write holiday or workday`,
  },
  nameMissing: { zh: () => '未填写名称', en: () => 'The name is missing' },
  nameTooLong: {
    zh: (p) => `名称超过 ${v(p, 'max')} 个字`,
    en: (p) => `The name is longer than ${v(p, 'max')} characters`,
  },
  nameControl: { zh: () => '名称含有控制字符', en: () => 'The name holds a control character' },
  extraColumns: {
    zh: () => '多余的列：每行只有 日期,类型,名称 三列',
    en: () => 'Extra columns: each row has three, date,kind,name',
  },
  dateNotInYear: {
    zh: (p) => `日期 ${v(p, 'date')} 不在 ${v(p, 'year')} 年内`,
    en: (p) => `The date ${v(p, 'date')} is not in ${v(p, 'year')}`,
  },
  dateListedTwice: {
    zh: (p) => `日期 ${v(p, 'date')} 重复出现`,
    en: (p) => `The date ${v(p, 'date')} is listed twice`,
  },
  dateInBothLists: {
    zh: (p) => `日期 ${v(p, 'date')} 既是放假日又是上班日`,
    en: (p) => `The date ${v(p, 'date')} is both a holiday and a working day`,
  },
} satisfies Record<string, Words>;

export type ImportProblemCode = keyof typeof IMPORT_PROBLEMS;
export const IMPORT_PROBLEM_CODES = Object.keys(IMPORT_PROBLEMS) as [
  ImportProblemCode,
  ...ImportProblemCode[],
];

export const importProblemSchema = z.object({
  code: z.enum(IMPORT_PROBLEM_CODES),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
});
export type ImportProblem = z.infer<typeof importProblemSchema>;

/** A problem in words of `lang`. */
export function describeImportProblem(lang: Lang, problem: ImportProblem): string {
  const words: Words = IMPORT_PROBLEMS[problem.code];
  return words[lang](problem.params);
}

/** A row's problems in words of `lang`, joined as one sentence list. */
export function describeImportProblems(lang: Lang, problems: readonly ImportProblem[]): string {
  return problems.map((p) => describeImportProblem(lang, p)).join(lang === 'zh' ? '；' : '; ');
}
