// The public site's own small dictionary: Chinese by default, English complete (en is typed against zh).
import { createContext, useContext } from 'react';

export type Lang = 'zh' | 'en';

export const portalZh = {
  'site.name': '首问负责制 · 说“不”事项提级管理',
  'site.bureau': '市场监督管理局',
  'site.skip': '跳到正文',
  'lang.switch': 'English',
  'lang.switchLabel': '切换到英文',
  'nav.home': '首页',
  'nav.rules': '规定和职责',
  'nav.units': '单位和科室',
  'nav.flow': '责任链条',
  'nav.report': '反映“办不成事”',
  'nav.status': '查询进展',
  'common.loading': '正在加载…',
  'common.retry': '重试',
  'common.back': '返回',
  'common.notFound': '没有找到这个页面。',
  'error.network': '网络连接失败，请检查网络后重试。',
  'error.generic': '出错了，请稍后再试。',
  'home.lead': '不说不能办，只说如何办。',
  'home.rulesInBrief': '规定摘要',
  'home.readRules': '阅读完整规定和职责',
  'home.findDepartment': '查找科室的事项清单和责任人',
  'home.seeFlow': '查看四级责任链条流程图',
  'home.reportTitle': '遇到“办不成事”？',
  'home.reportText': '如果您在办事时被简单地说“不能办”，或没有得到答复，可以向督查室反映。可以匿名。',
  'home.report': '我要反映',
  'home.status': '用查询码查询进展',
  'rules.version': '第 {number} 版，{date} 发布',
  'rules.rules': '规定',
  'rules.duties': '职责内容',
  'units.title': '单位和科室',
  'units.lead': '选择科室，查看它的事项清单和四级责任链条。',
  'units.noDepartments': '暂无科室',
  'department.matters': '事项清单',
  'department.noMatters': '这个科室暂未公布事项清单。',
  'department.timeLimit': '办理时限：{days} 个工作日',
  'department.noTimeLimit': '办理时限：按规定',
  'department.chain': '四级责任链条',
  'department.vacant': '暂缺',
  'department.report': '反映这个科室的“办不成事”',
  'department.flow': '查看流程图',
  'matterType.licensing': '行政许可事项',
  'matterType.service': '政务服务事项',
  'matterType.assigned': '党委政府领导交办事项',
  'matterType.petition': '来信来访事项',
  'matterType.complaint': '投诉事项',
  'matterType.enquiry': '业务咨询事项',
  'matterType.blockage': '堵点',
  'matterType.breakpoint': '断点',
  'position.firstResponder': '首问责任人',
  'position.deptHead': '业务科室负责人',
  'position.leaderInCharge': '单位分管领导',
  'position.principalLeader': '单位主要领导',
  'flow.title': '四级责任链条流程图',
  'flow.lead': '首问责任人不能简单说“不能办”，拿不准或办不了的，逐级向上请示，每一级能办即办。',
  'flow.start': '您来办事',
  'flow.level': '第 {level} 级',
  'flow.firstDays': '按事项时限办理，或一次性告知',
  'flow.days': '{days} 个工作日内审批',
  'flow.canDo': '能办：即办，反馈您',
  'flow.cannot': '拿不准或不能办：提请上一级',
  'flow.end': '确实办不成：{days} 个工作日内电话或书面答复，讲明原因和说“行”建议',
  'flow.forDepartment': '{department} 的责任人',
  'report.title': '反映“办不成事”',
  'report.lead': '请写下发生了什么。姓名和电话可以不填（匿名反映）。',
  'report.what': '发生了什么',
  'report.whatHint': '例如：去哪里办什么事，谁说了什么，结果怎样',
  'report.unit': '单位',
  'report.pickUnit': '请选择单位',
  'report.department': '科室',
  'report.pickDepartment': '不清楚 / 不选',
  'report.counter': '窗口（选填）',
  'report.happenedOn': '发生日期（选填）',
  'report.caseCode': '办件查询码（如有，选填）',
  'report.name': '姓名（选填）',
  'report.phone': '手机号（选填）',
  'report.wantsSms': '用短信告诉我查询码和答复',
  'report.attachments': '附件（选填，最多 5 个，图片或 PDF）',
  'report.tooManyFiles': '最多只能上传 5 个附件。',
  'report.privacyTitle': '个人信息如何使用',
  'report.privacy':
    '依照《中华人民共和国个人信息保护法》，您填写的姓名和手机号只用于处理本次反映并向您答复，只有办理本次反映的督查室和纪检人员能看到，被反映的科室看不到；不会用于其他用途，也不会提供给第三方。匿名反映不影响受理。',
  'report.consent': '我已阅读并同意上述个人信息使用说明',
  'report.consentRequired': '请先阅读并同意个人信息使用说明。',
  'report.required': '请填写这一项。',
  'report.verify': '人机验证',
  'report.submit': '提交反映',
  'report.submitting': '正在提交…',
  'report.challengeFailed': '请完成人机验证后再提交。',
  'report.rateLimited': '提交太频繁，请稍后再试。',
  'report.fileRejected': '附件不符合要求：只能上传图片或 PDF，每个不超过 10 MB。',
  'report.fixFields': '请检查标出的项目。',
  'receipt.title': '已收到您的反映',
  'receipt.code': '您的查询码',
  'receipt.once': '查询码只显示这一次。请保存或打印本页，凭查询码查询进展和答复。',
  'receipt.qr': '查询码二维码',
  'receipt.print': '打印 / 保存本页',
  'receipt.sms': '查询码已通过短信发送。',
  'receipt.receivedAt': '收到时间：{time}',
  'receipt.goStatus': '去查询进展',
  'status.title': '查询反映进展',
  'status.lead': '输入提交反映时得到的查询码。',
  'status.code': '查询码',
  'status.submit': '查询',
  'status.notFound': '没有找到这个查询码对应的反映，请核对后重试。',
  'status.stage': '进展',
  'status.stage.received': '已收到，等待研判',
  'status.stage.inProgress': '正在办理',
  'status.stage.answered': '已答复',
  'status.stage.closed': '已办结',
  'status.receivedAt': '收到时间',
  'status.what': '您反映的内容',
  'status.where': '涉及单位（科室）',
  'status.counter': '窗口',
  'status.happenedOn': '发生日期',
  'status.attachments': '附件：{count} 个',
  'status.reply': '答复',
  'status.repliedAt': '答复时间：{time}',
  'status.noReply': '还没有答复，请稍后再来查询。',
  'footer.text': '本站不使用任何外部服务，不做访问统计。',
} as const;

export type PortalKey = keyof typeof portalZh;

export const portalEn: Record<PortalKey, string> = {
  'site.name': 'First-inquiry responsibility · Escalating “no”',
  'site.bureau': 'Administration for Market Regulation',
  'site.skip': 'Skip to content',
  'lang.switch': '中文',
  'lang.switchLabel': 'Switch to Chinese',
  'nav.home': 'Home',
  'nav.rules': 'Rules and duties',
  'nav.units': 'Units and departments',
  'nav.flow': 'Chain of responsibility',
  'nav.report': 'Report a matter not done',
  'nav.status': 'Check progress',
  'common.loading': 'Loading…',
  'common.retry': 'Try again',
  'common.back': 'Back',
  'common.notFound': 'This page was not found.',
  'error.network': 'The network failed. Please check your connection and try again.',
  'error.generic': 'Something went wrong. Please try again later.',
  'home.lead': 'Never just “it cannot be done” — always how it can be done.',
  'home.rulesInBrief': 'The rules in brief',
  'home.readRules': 'Read the full rules and duties',
  'home.findDepartment': 'Find a department’s matter list and the people responsible',
  'home.seeFlow': 'See the flow chart of the four-level chain',
  'home.reportTitle': 'Could not get something done?',
  'home.reportText':
    'If you were simply told “no” or got no answer, you can report it to the supervision office. You may stay anonymous.',
  'home.report': 'Report it',
  'home.status': 'Check progress with your code',
  'rules.version': 'Version {number}, published {date}',
  'rules.rules': 'Rules',
  'rules.duties': 'Duties',
  'units.title': 'Units and departments',
  'units.lead': 'Choose a department to see its matter list and its four-level chain.',
  'units.noDepartments': 'No departments yet',
  'department.matters': 'Matter list',
  'department.noMatters': 'This department has not published a matter list yet.',
  'department.timeLimit': 'Time limit: {days} working days',
  'department.noTimeLimit': 'Time limit: as the regulations set',
  'department.chain': 'Four-level chain',
  'department.vacant': 'Vacant',
  'department.report': 'Report a matter not done in this department',
  'department.flow': 'See the flow chart',
  'matterType.licensing': 'Administrative licensing',
  'matterType.service': 'Government service',
  'matterType.assigned': 'Assigned by Party or government leaders',
  'matterType.petition': 'Letters and visits',
  'matterType.complaint': 'Complaint',
  'matterType.enquiry': 'Business enquiry',
  'matterType.blockage': 'Process blockage',
  'matterType.breakpoint': 'Process breakpoint',
  'position.firstResponder': 'First responder',
  'position.deptHead': 'Department head',
  'position.leaderInCharge': 'Leader in charge',
  'position.principalLeader': 'Principal leader',
  'flow.title': 'Flow chart of the four-level chain',
  'flow.lead':
    'The first responder may not simply say “no”: what they are unsure of or cannot do goes up one level at a time, and each level acts if it can.',
  'flow.start': 'You come with a matter',
  'flow.level': 'Level {level}',
  'flow.firstDays': 'Handles it within the matter’s time limit, or tells you everything needed at once',
  'flow.days': 'Decides within {days} working days',
  'flow.canDo': 'Can be done: done, and you are told',
  'flow.cannot': 'Unsure or cannot: goes to the next level',
  'flow.end':
    'Truly cannot be done: you get a phone or written answer within {days} working days, with the reasons and a workable suggestion',
  'flow.forDepartment': 'The people responsible in {department}',
  'report.title': 'Report a matter not done',
  'report.lead': 'Tell us what happened. Your name and phone are optional (anonymous report).',
  'report.what': 'What happened',
  'report.whatHint': 'For example: where you went, for what, who said what, and the outcome',
  'report.unit': 'Unit',
  'report.pickUnit': 'Choose a unit',
  'report.department': 'Department',
  'report.pickDepartment': 'Not sure / none',
  'report.counter': 'Counter (optional)',
  'report.happenedOn': 'Date it happened (optional)',
  'report.caseCode': 'Tracking code of the case, if any (optional)',
  'report.name': 'Name (optional)',
  'report.phone': 'Mobile number (optional)',
  'report.wantsSms': 'Send me the code and the answer by SMS',
  'report.attachments': 'Attachments (optional, up to 5, images or PDF)',
  'report.tooManyFiles': 'You can attach at most 5 files.',
  'report.privacyTitle': 'How your personal data is used',
  'report.privacy':
    'Under the Personal Information Protection Law of the PRC, the name and mobile number you give are used only to handle this report and answer you. Only the supervision office and discipline inspection staff handling it can see them; the department reported on cannot. They are used for nothing else and given to no third party. An anonymous report is handled just the same.',
  'report.consent': 'I have read and accept how my personal data is used',
  'report.consentRequired': 'Please read and accept how your personal data is used.',
  'report.required': 'Please fill this in.',
  'report.verify': 'Human verification',
  'report.submit': 'Submit the report',
  'report.submitting': 'Submitting…',
  'report.challengeFailed': 'Please complete the human verification before submitting.',
  'report.rateLimited': 'Too many submissions. Please try again later.',
  'report.fileRejected': 'An attachment was refused: images or PDF only, at most 10 MB each.',
  'report.fixFields': 'Please check the marked fields.',
  'receipt.title': 'Your report has been received',
  'receipt.code': 'Your tracking code',
  'receipt.once':
    'The code is shown only this once. Save or print this page; use the code to check progress and read the answer.',
  'receipt.qr': 'QR code of the tracking code',
  'receipt.print': 'Print / save this page',
  'receipt.sms': 'The code was sent to you by SMS.',
  'receipt.receivedAt': 'Received: {time}',
  'receipt.goStatus': 'Check progress',
  'status.title': 'Check a report’s progress',
  'status.lead': 'Enter the tracking code you got when you submitted the report.',
  'status.code': 'Tracking code',
  'status.submit': 'Check',
  'status.notFound': 'No report was found for this code. Please check it and try again.',
  'status.stage': 'Progress',
  'status.stage.received': 'Received, awaiting assessment',
  'status.stage.inProgress': 'Being handled',
  'status.stage.answered': 'Answered',
  'status.stage.closed': 'Closed',
  'status.receivedAt': 'Received',
  'status.what': 'What you reported',
  'status.where': 'Unit (department) concerned',
  'status.counter': 'Counter',
  'status.happenedOn': 'Date it happened',
  'status.attachments': 'Attachments: {count}',
  'status.reply': 'Answer',
  'status.repliedAt': 'Answered: {time}',
  'status.noReply': 'No answer yet. Please check again later.',
  'footer.text': 'This site uses no outside services and keeps no visitor statistics.',
};

export type Translate = (key: PortalKey, params?: Record<string, string | number>) => string;

export function translator(lang: Lang): Translate {
  const dict: Record<PortalKey, string> = lang === 'en' ? portalEn : portalZh;
  return (key, params) =>
    dict[key].replace(/\{(\w+)\}/g, (_, name: string) => String(params?.[name] ?? `{${name}}`));
}

export interface I18n {
  lang: Lang;
  t: Translate;
  setLang(lang: Lang): void;
}

export const I18nContext = createContext<I18n>({ lang: 'zh', t: translator('zh'), setLang: () => {} });
export const useI18n = (): I18n => useContext(I18nContext);

const LANG_KEY = 'bancheng.public.lang';

export function initialLang(): Lang {
  try {
    const stored = window.localStorage.getItem(LANG_KEY);
    if (stored === 'en' || stored === 'zh') return stored;
  } catch {
    // Storage may be off; Chinese is the default.
  }
  return 'zh';
}

export function storeLang(lang: Lang): void {
  try {
    window.localStorage.setItem(LANG_KEY, lang);
  } catch {
    // Not kept: the choice holds for this visit.
  }
}

/** A time as China time (the bureau's), yyyy-mm-dd hh:mm. */
export function chinaTime(iso: string): string {
  const d = new Date(new Date(iso).getTime() + 8 * 3600_000);
  return d.toISOString().slice(0, 16).replace('T', ' ');
}
