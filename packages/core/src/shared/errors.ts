// One error vocabulary: stable codes, their HTTP status, and a Chinese and English message for each.

/** The two languages of the interface, its texts and its messages. */
export const LANGS = ['zh', 'en'] as const;
export type Lang = (typeof LANGS)[number];

interface ErrorSpec {
  status: number;
  zh: string;
  en: string;
}

export const ERRORS = {
  VALIDATION_FAILED: { status: 400, zh: '提交的内容有误，请检查标出的字段', en: 'Some fields are invalid' },
  MALFORMED_JSON: { status: 400, zh: '请求内容不是有效的 JSON', en: 'The request body is not valid JSON' },
  INVALID_ENCODING: {
    status: 400,
    zh: '请求内容不是有效的 UTF-8 编码',
    en: 'The request body is not valid UTF-8',
  },
  UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    zh: '不支持的内容类型，请以 JSON 提交',
    en: 'Unsupported content type; send JSON',
  },
  PAYLOAD_TOO_LARGE: { status: 413, zh: '提交的内容过大', en: 'The request body is too large' },
  BAD_REQUEST: { status: 400, zh: '请求无法处理', en: 'The request cannot be processed' },
  MALFORMED_MULTIPART: {
    status: 400,
    zh: '上传的内容不完整或格式不正确，请重新选择文件上传',
    en: 'The upload is incomplete or not valid multipart/form-data',
  },
  MALFORMED_URL: { status: 400, zh: '请求地址无效', en: 'The request URL is not valid' },
  UNAUTHENTICATED: { status: 401, zh: '请先登录', en: 'Please sign in' },
  INVALID_CREDENTIALS: { status: 401, zh: '用户名或密码错误', en: 'Wrong username or password' },
  ACCOUNT_LOCKED: {
    status: 423,
    zh: '密码错误次数过多，账号已暂时锁定，请稍后再试',
    en: 'Too many wrong passwords; the account is locked for a while',
  },
  ADDRESS_LOCKED: {
    status: 429,
    zh: '本地址登录失败次数过多，请稍后再试',
    en: 'Too many failed sign-ins from this address; try again later',
  },
  SIGN_IN_BUSY: {
    status: 429,
    zh: '本地址同时进行的登录尝试过多，请稍后再试',
    en: 'Too many sign-ins from this address at once; try again in a moment',
  },
  ACCOUNT_DISABLED: { status: 403, zh: '账号已停用，请联系管理员', en: 'This account is disabled' },
  PASSWORD_CHANGE_REQUIRED: {
    status: 403,
    zh: '请先修改初始密码',
    en: 'Change your one-time password first',
  },
  CSRF_FAILED: {
    status: 403,
    zh: '页面已过期，请刷新后重试',
    en: 'The page has expired; reload and try again',
  },
  FORBIDDEN: { status: 403, zh: '您没有执行此操作的权限', en: 'You may not do this' },
  NOT_FOUND: { status: 404, zh: '未找到', en: 'Not found' },
  VERSION_CONFLICT: {
    status: 409,
    zh: '数据已被他人修改，请刷新后重试',
    en: 'Someone else changed this first; reload and try again',
  },
  IDEMPOTENCY_KEY_INVALID: {
    status: 400,
    zh: '请求头 Idempotency-Key 无效：应为 8 至 100 个字母、数字、下划线或连字符',
    en: 'The Idempotency-Key header is invalid: 8 to 100 letters, digits, underscores or hyphens',
  },
  IDEMPOTENCY_KEY_REUSED: {
    status: 422,
    zh: '该 Idempotency-Key 已用于另一项不同内容的提交，请重新打开表单后再提交',
    en: 'This Idempotency-Key was already used for a different request; reopen the form and submit again',
  },
  USERNAME_TAKEN: { status: 409, zh: '用户名已被使用', en: 'That username is taken' },
  NAME_TAKEN: { status: 409, zh: '同级下已有同名机构', en: 'That name is already used at this level' },
  MATTER_TITLE_TAKEN: {
    status: 409,
    zh: '本科室的事项清单中已有同名事项',
    en: "The department's matter list already has a matter with that title",
  },
  DEPUTY_OVERLAPS: {
    status: 409,
    zh: '该期间已有代理人，同一时间只能有一位代理人',
    en: 'Someone already deputises in that period: one deputy at a time',
  },
  HOLDS_POSITION: {
    status: 409,
    zh: '该人员仍担任责任链条职务，请先在责任链条中将职务交给他人，再停用账号',
    en: 'This person still holds a chain position: give it to someone else in the chains first',
  },
  DEPUTY_ALREADY_OVER: { status: 409, zh: '该代理已经结束', en: 'That appointment is already over' },
  NOT_EMPTY: {
    status: 409,
    zh: '仍有下属科室、人员或事项，不能删除',
    en: 'It still has departments, people or matters',
  },
  WRONG_PASSWORD: { status: 400, zh: '当前密码不正确', en: 'The current password is wrong' },
  PASSWORD_POLICY: {
    status: 400,
    zh: '密码不符合安全要求',
    en: 'The password does not meet the policy',
  },
  ROSTER_INVALID: {
    status: 400,
    zh: '名单文件有误，未导入任何内容',
    en: 'The roster file has errors; nothing was imported',
  },
  CASE_ACTION_NOT_ALLOWED: {
    status: 409,
    zh: '事项当前状态下不能进行此操作，请刷新后查看',
    en: 'This action is not possible in the current state of the case',
  },
  CASE_NOT_AT_YOUR_LEVEL: {
    status: 403,
    zh: '该事项当前不在您的办理或审批环节',
    en: 'The case is not at your position in the chain',
  },
  OWN_PROPOSAL: { status: 403, zh: '不能审批本人提出的说“不”申请', en: 'Nobody approves their own proposal' },
  PROPOSAL_ALREADY_DECIDED: {
    status: 409,
    zh: '科室负责人已作出审批意见，不能撤回',
    en: 'The department head has decided already: the proposal can no longer be withdrawn',
  },
  DECISION_NOT_AT_THIS_LEVEL: {
    status: 400,
    zh: '本级不能作出该审批结论：只有主要领导可以最终说“不”，主要领导不能再提级',
    en: 'Only the principal leader refuses finally, and cannot escalate further',
  },
  SUGGESTION_REQUIRED: {
    status: 400,
    zh: '确实不能办的，必须同时给出说“行”建议',
    en: 'A final refusal needs a workable suggestion',
  },
  INVALID_HANDOVER: {
    status: 400,
    zh: '只能移交给本科室的其他首问负责人',
    en: 'Hand over only to another first responder of the department',
  },
  PROPOSER_IS_PRINCIPAL: {
    status: 400,
    zh: '主要领导本人不能提出说“不”申请：请统筹资源办理，或移交其他首问负责人',
    en: 'A principal leader cannot propose a refusal they would approve themselves',
  },
  OWN_CASE_REFUSAL: {
    status: 403,
    zh: '您受理或移交过该事项，不能审定其说“不”：请统筹资源办理',
    en: 'Whoever registered or handed over a case cannot confirm its refusal',
  },
  NOT_A_FIRST_RESPONDER: {
    status: 403,
    zh: '您不是该科室的首问负责人，不能以该科室名义受理',
    en: 'You are not a first responder of that department',
  },
  ATTACHMENT_TYPE_NOT_ALLOWED: {
    status: 400,
    zh: '不支持该文件类型：附件只能是 PDF、图片（JPG、PNG、GIF、WebP）或 Office 文档（Word、Excel、PowerPoint、WPS），系统按文件内容判断，与文件名无关',
    en: 'This kind of file is not accepted: attachments are PDF, images (JPG, PNG, GIF, WebP) or Office documents (Word, Excel, PowerPoint, WPS), judged by their content, not their name',
  },
  ATTACHMENT_TOO_LARGE: {
    status: 413,
    zh: '附件超过大小上限，未保存',
    en: 'The attachment is larger than the limit; nothing was saved',
  },
  ATTACHMENT_EMPTY: {
    status: 400,
    zh: '请选择要上传的文件（文件不能为空）',
    en: 'Choose a file to upload (it may not be empty)',
  },
  DATABASE_UNAVAILABLE: {
    status: 503,
    zh: '数据库暂时无法访问或无法写入，请稍后再试',
    en: 'The database is unavailable or cannot store changes right now; try again shortly',
  },
  // The applicant's own view (tracking, ratings, reopen).
  TRACKING_CODE_UNKNOWN: {
    status: 404,
    zh: '查询码无效或已失效，请核对回执上的查询码',
    en: 'This tracking code is not valid or no longer in use; check the code on your receipt',
  },
  TRACKING_BUSY: {
    status: 429,
    zh: '查询次数过多，请稍后再试',
    en: 'Too many tries from here; please try again later',
  },
  RATING_NOT_ALLOWED: {
    status: 409,
    zh: '此事项现在不能评价：尚未答复，或本次答复已评价',
    en: 'This matter cannot be rated now: it has no answer yet, or this answer was rated',
  },
  REOPEN_NOT_ALLOWED: {
    status: 409,
    zh: '此事项现在不能申请重新办理：尚未答复，或已超过答复后10个工作日',
    en: 'A new handling cannot be asked for now: no answer yet, or more than 10 working days since it',
  },
  TRACKING_CODE_MISMATCH: {
    status: 400,
    zh: '查询码与此事项当前的查询码不符',
    en: 'The tracking code is not the current code of this case',
  },
  INTERNAL: { status: 500, zh: '服务器内部错误', en: 'Internal server error' },
  // Consultations (会商) and co-departments (work plan 四(一)).
  CONSULTATION_CONVENER_INVALID: {
    status: 400,
    zh: '会商召集人须是牵头科室或共同办理科室的分管领导、主要领导（跨单位时可为市局主要领导），且不能是本事项的受理人或首问负责人',
    en: 'The convener must be a leader in charge or principal leader of a department concerned (the city bureau principal leader across units), and not whoever registered or first responded to the case',
  },
  NOT_THE_CONVENER: {
    status: 403,
    zh: '只有本次会商的召集人可以邀请参会人员',
    en: 'Only the convener of this consultation may invite participants',
  },
  CO_DEPARTMENTS_NOT_YOURS: {
    status: 403,
    zh: '只有牵头科室的首问负责人或科室负责人可以调整共同办理科室',
    en: "Only the lead department's first responder or department head may change the co-departments",
  },
  // The supervision ledger (台账) and the public report form.
  CHALLENGE_FAILED: {
    status: 400,
    zh: '请完成人机验证后再提交',
    en: 'Please complete the human verification before submitting',
  },
  RATE_LIMITED: {
    status: 429,
    zh: '提交或查询过于频繁，请稍后再试',
    en: 'Too many requests from here; please try again later',
  },
  REPORT_NOT_FOUND: {
    status: 404,
    zh: '查询码无效，请核对您收到的查询码',
    en: 'This tracking code is not valid; check the code you were given',
  },
  TOO_MANY_FILES: {
    status: 413,
    zh: '附件最多5个，请减少后再提交',
    en: 'At most 5 attachments; remove some and submit again',
  },
  REPORT_ACTION_NOT_ALLOWED: {
    status: 409,
    zh: '该反映当前状态下不能进行此操作，请刷新后查看',
    en: 'This action is not possible in the current state of the report',
  },
  REPORT_ORDER_ALREADY_OPEN: {
    status: 409,
    zh: '该科室已有未办结的督办单',
    en: 'This department already has an open supervision order on this report',
  },
  REPORT_ALREADY_LINKED: { status: 409, zh: '该事项已关联', en: 'This case is already linked' },
} as const satisfies Record<string, ErrorSpec>;

export type ErrorCode = keyof typeof ERRORS;

export function errorMessage(code: ErrorCode, lang: Lang): string {
  return ERRORS[code][lang];
}

export function errorStatus(code: ErrorCode): number {
  return ERRORS[code].status;
}

/** A failure the user can act on. `fields` maps a field path (`a.b.0`) to its message. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly fields: Record<string, string> | undefined;
  readonly details: Record<string, unknown> | undefined;
  constructor(
    code: ErrorCode,
    options: { fields?: Record<string, string>; details?: Record<string, unknown> } = {},
  ) {
    super(code);
    this.name = 'AppError';
    this.code = code;
    this.fields = options.fields;
    this.details = options.details;
  }
}

/** Field-level messages services refer to by key; the HTTP layer localizes them. */
export const FIELD_MESSAGES = {
  notFound: { zh: '不存在或已删除', en: 'does not exist' },
  required: { zh: '必填', en: 'required' },
  invalid: { zh: '格式不正确', en: 'invalid format' },
  disabledPerson: { zh: '该人员已停用', en: 'this person is disabled' },
  beforeLastChange: { zh: '不能早于最近一次变更日期', en: 'may not be earlier than the last change' },
  duplicatePerson: { zh: '同一人不能重复列出', en: 'the same person is listed twice' },
  cannotRemoveOwnAdmin: { zh: '不能取消自己的管理员角色', en: 'you cannot remove your own admin role' },
  notFirstResponder: {
    zh: '您不是该科室的首问负责人',
    en: 'you are not a first responder of this department',
  },
  inFuture: { zh: '不能晚于当前时间', en: 'may not be in the future' },
  cannotDisableSelf: { zh: '不能停用自己的账号', en: 'you cannot disable yourself' },
  taken: { zh: '已被使用', en: 'already used' },
  notInMatterList: {
    zh: '不在承办科室的事项清单中，或已停用',
    en: 'not an active matter of the handling department',
  },
  invalidCursor: {
    zh: '翻页位置无效，请从第一页重新查看',
    en: 'not a valid page position: start again from the first page',
  },
  beforeStart: { zh: '不能早于开始日期', en: 'may not be before the start date' },
  deputyIsHolder: { zh: '代理人不能是被代理人本人', en: 'a person cannot deputise for themselves' },
  holdsNoPosition: {
    zh: '该人员在此期间未担任责任链条职务',
    en: 'this person holds no chain position in that period',
  },
  inThePast: { zh: '不能早于今天', en: 'may not be before today' },
  deputyTooLong: {
    zh: '代理期限最长一年；长期不在岗请调整责任链条',
    en: 'at most one year; for a longer absence change the chain instead',
  },
  deputyOverlaps: {
    zh: '该期间已有代理人，同一时间只能有一位代理人',
    en: 'someone already deputises in that period: one deputy at a time',
  },
  notCurrentCode: {
    zh: '不是此事项当前的查询码',
    en: 'not the current tracking code of this case',
  },
  holdsPosition: {
    zh: '该人员仍担任责任链条职务，请先将职务交给他人再停用',
    en: 'this person still holds a chain position: give it to someone else first',
  },
  noCompetentDepartmentLeadsHome: {
    zh: '没有明确主管部门的事项由首问科室牵头，承办科室须为您本人所在科室',
    en: 'a matter with no competent department is led by the first-inquiry department: your own',
  },
  leadDepartmentAsCo: {
    zh: '牵头科室不能同时是共同办理科室',
    en: 'the lead department cannot be a co-department',
  },
  notAPerson: { zh: '人员不存在或已停用', en: 'no such active person' },
  notInvited: { zh: '该人员未受邀参加本次会商', en: 'this person was not invited to the consultation' },
  beforeReceipt: { zh: '不能早于事项受理时间', en: 'may not be before the request was received' },
} as const satisfies Record<string, Record<Lang, string>>;
export type FieldMessageKey = keyof typeof FIELD_MESSAGES;

export function fieldMessage(key: string, lang: Lang): string {
  return key in FIELD_MESSAGES ? FIELD_MESSAGES[key as FieldMessageKey][lang] : key;
}
