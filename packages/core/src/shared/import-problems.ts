// What is wrong with a row of an imported file (the holiday schedule's CSV, the roster's XLSX), as a code
// with its parameters, and its words in both languages. The server answers the codes (and the message in
// the request's language, for other clients); the web app words them in the reader's language.
import { z } from 'zod';
import { fieldMessage, type Lang } from './errors.ts';

type Params = Record<string, string | number>;
type Words = Record<Lang, (p: Params) => string>;

const v = (p: Params, name: string) => String(p[name] ?? '');
const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
/** The chain positions as a roster names them. */
const POSITION: Record<Lang, Record<string, string>> = {
  zh: {
    firstResponder: '首问负责人',
    deptHead: '单位（科室）负责人',
    leaderInCharge: '分管领导',
    principalLeader: '主要领导',
  },
  en: {
    firstResponder: 'first responder',
    deptHead: 'department head',
    leaderInCharge: 'leader in charge',
    principalLeader: 'principal leader',
  },
};

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
  // The responsibility chain roster (XLSX, Attachment 3). Its headers are the form's Chinese ones.
  notXlsx: { zh: () => '文件不是有效的 XLSX 表格', en: () => 'The file is not a valid XLSX workbook' },
  noSheet: { zh: () => '表格中没有工作表', en: () => 'The workbook has no sheet' },
  headerMissing: {
    zh: (p) => `未找到表头“${v(p, 'header')}”`,
    en: (p) => `The header row (starting “${v(p, 'header')}”) was not found`,
  },
  columnHeader: {
    zh: (p) => `第 ${v(p, 'column')} 列应为“${v(p, 'expected')}”，实为“${v(p, 'found')}”`,
    en: (p) => `Column ${v(p, 'column')} should be “${v(p, 'expected')}”, not “${v(p, 'found')}”`,
  },
  noRows: { zh: () => '名单中没有任何科室', en: () => 'The roster lists no department' },
  departmentMissing: { zh: () => '未填写单位（科室）', en: () => 'The department is missing' },
  departmentNotFound: {
    zh: (p) => `找不到科室“${v(p, 'value')}”`,
    en: (p) => `No department “${v(p, 'value')}”`,
  },
  departmentAmbiguous: {
    zh: (p) => `科室“${v(p, 'value')}”不唯一，请写作 单位/科室`,
    en: (p) => `More than one department is called “${v(p, 'value')}”; write it as unit/department`,
  },
  sameDepartment: {
    zh: (p) => `与第 ${v(p, 'row')} 行是同一科室`,
    en: (p) => `The same department as row ${v(p, 'row')}`,
  },
  positionMissing: {
    zh: (p) => `未填写${POSITION.zh[v(p, 'position')] ?? ''}`,
    en: (p) => `The ${POSITION.en[v(p, 'position')] ?? ''} is missing`,
  },
  personNotFound: {
    zh: (p) => `${POSITION.zh[v(p, 'position')] ?? ''}：找不到姓名为“${v(p, 'name')}”的在职人员`,
    en: (p) =>
      `${capital(POSITION.en[v(p, 'position')] ?? '')}: no active person is called “${v(p, 'name')}”`,
  },
  personAmbiguous: {
    zh: (p) => `${POSITION.zh[v(p, 'position')] ?? ''}：姓名“${v(p, 'name')}”有重名，请写作 姓名（用户名）`,
    en: (p) =>
      `${capital(POSITION.en[v(p, 'position')] ?? '')}: more than one person is called “${v(p, 'name')}”; write name (username)`,
  },
  usernameNotFound: {
    zh: (p) => `${POSITION.zh[v(p, 'position')] ?? ''}：找不到用户名为“${v(p, 'username')}”的在职人员`,
    en: (p) =>
      `${capital(POSITION.en[v(p, 'position')] ?? '')}: no active person has the username “${v(p, 'username')}”`,
  },
  usernameMismatch: {
    zh: (p) =>
      `${POSITION.zh[v(p, 'position')] ?? ''}：用户名“${v(p, 'username')}”对应的是“${v(p, 'actual')}”，不是“${v(p, 'name')}”`,
    en: (p) =>
      `${capital(POSITION.en[v(p, 'position')] ?? '')}: the username “${v(p, 'username')}” is “${v(p, 'actual')}”, not “${v(p, 'name')}”`,
  },
  /** The chain refused as it was applied: `field` is a field message key (core FIELD_MESSAGES). */
  chainRefused: {
    zh: (p) => fieldMessage(v(p, 'field'), 'zh'),
    en: (p) => fieldMessage(v(p, 'field'), 'en'),
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
