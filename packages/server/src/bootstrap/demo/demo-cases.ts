// Demo cases in every state across the four quarters of 2026, made by the demo people through the same
// service functions the API uses, so every one of them went through the real workflow rules.
import type { CaseActionBody } from '@bancheng/core';
import { fixedClock } from '../../platform/clock.ts';
import type { AppContext } from '../../platform/context.ts';
import { actOnCase, registerCase } from '../../modules/cases/index.ts';
import { findAccountByUsername } from '../../modules/people/index.ts';
import { listDepartmentMatters } from '../../modules/matters/index.ts';

type Step = [username: string, action: CaseActionBody];

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

interface DemoCase {
  by: string;
  receivedAt: string;
  applicant: { kind: 'person' | 'enterprise'; name: string; phone: string; creditCode?: string };
  channel: 'visit' | 'phone' | 'letter' | 'online' | 'counter';
  matterType:
    'licensing' | 'service' | 'assigned' | 'petition' | 'complaint' | 'enquiry' | 'blockage' | 'breakpoint';
  matterTitle: string;
  /** A matter of the first responder's department's list (demo-matters.ts), looked up by title. */
  matter?: string;
  description: string;
  coDepartments?: string[];
  steps: Step[];
}

const propose = (
  reasonText: string,
  reason: 'outOfScope' | 'uncertain' | 'notPermitted' | 'conditionsLacking' = 'uncertain',
): CaseActionBody => ({
  type: 'proposeRefusal',
  reason,
  reasonText,
});
const escalate = (opinion: string): CaseActionBody => ({ type: 'decide', decision: 'escalate', opinion });
const resolvable = (opinion: string): CaseActionBody => ({ type: 'decide', decision: 'resolvable', opinion });
const refuse = (opinion: string, workableSuggestion: string): CaseActionBody => ({
  type: 'decide',
  decision: 'refuse',
  opinion,
  workableSuggestion,
});

const REFUSAL_CHAIN = (reason: string, suggestion: string): Step[] => [
  ['shouwen', propose(reason, 'notPermitted')],
  ['keshi', escalate('经研判确有法律障碍，提请分管领导审批')],
  ['fenguan', escalate('组织审核研判，仍不能办，提请主要领导审定')],
  ['juzhang', refuse('确因法律、政策不允许，不能办理', suggestion)],
];

export const DEMO_CASES: DemoCase[] = [
  {
    by: 'shouwen',
    receivedAt: '2026-01-12T09:20:00+08:00',
    applicant: {
      kind: 'enterprise',
      name: '演示市恒达商贸有限公司',
      phone: '13700000001',
      creditCode: '91411381MA45RX1A2T',
    },
    channel: 'counter',
    matterType: 'licensing',
    matterTitle: '企业名称变更登记',
    matter: '企业名称变更登记',
    description: '企业申请变更名称，材料齐全。',
    steps: [['shouwen', { type: 'closeDone', note: '当场办结，已发放新营业执照' }]],
  },
  {
    by: 'shouwen',
    receivedAt: '2026-02-03T10:05:00+08:00',
    applicant: { kind: 'person', name: '赵先生', phone: '13700000002' },
    channel: 'phone',
    matterType: 'enquiry',
    matterTitle: '个体工商户注销需要哪些材料',
    description: '来电咨询个体工商户简易注销的流程和材料。',
    steps: [
      [
        'shouwen',
        {
          type: 'giveOneTimeNotice',
          notice: [
            '一、办理依据：《市场主体登记管理条例》及其实施细则',
            '二、办理程序：网上申请→公示20日→窗口确认',
            '三、所需材料：1.注销登记申请书；2.营业执照正副本；3.经营者身份证明',
            '四、办理时限：1个工作日',
            '五、办理地点及联系方式：市民之家一楼登记注册窗口，0377-62306039',
          ].join('\n'),
        },
      ],
    ],
  },
  {
    by: 'shouwen',
    receivedAt: '2026-03-18T14:30:00+08:00',
    applicant: {
      kind: 'enterprise',
      name: '演示市鑫源建材有限公司',
      phone: '13700000003',
      creditCode: '91411381MA46LK3C42',
    },
    channel: 'visit',
    matterType: 'licensing',
    matterTitle: '股东身份证明缺失的股权变更登记',
    matter: '股权变更登记',
    description: '原股东已出国，无法到场签字，企业申请办理股权变更。',
    steps: [
      ['shouwen', propose('原股东无法到场签字，把握不准能否受理', 'uncertain')],
      ['keshi', resolvable('可通过公证委托书办理，指导企业补充公证材料后受理')],
      ['shouwen', { type: 'closeDone', note: '企业补充公证委托书后办结' }],
    ],
  },
  {
    by: 'shouwen',
    receivedAt: '2026-04-09T09:00:00+08:00',
    applicant: {
      kind: 'enterprise',
      name: '演示市百味餐饮管理有限公司',
      phone: '13700000004',
      creditCode: '91411381MA47PQ5E6K',
    },
    channel: 'online',
    matterType: 'blockage',
    matterTitle: '住所与经营场所分离登记',
    description: '企业希望在同一登记机关管辖范围内增设经营场所，系统无此选项。',
    steps: [
      ['shouwen', propose('系统暂不支持，超出本人处理范围', 'outOfScope')],
      ['keshi', escalate('涉及系统功能，提请分管领导协调')],
      ['fenguan', resolvable('协调信息中心开通备案功能，可以办理')],
    ],
  },
  {
    by: 'shouwen',
    receivedAt: '2026-05-20T11:15:00+08:00',
    applicant: { kind: 'person', name: '钱女士', phone: '13700000005' },
    channel: 'visit',
    matterType: 'licensing',
    matterTitle: '在住宅楼内开办食品加工作坊',
    description: '申请人希望在住宅楼一层开设食品加工作坊并办理许可。',
    steps: [
      ...REFUSAL_CHAIN(
        '住宅楼内不得从事食品加工，法规不允许',
        '可在城东标准化厂房或小作坊集中区申办，局里提供选址和布局指导',
      ),
      [
        'shouwen',
        {
          type: 'recordReply',
          method: 'phone',
          calledAt: '2026-05-25T10:00:00+08:00',
          phoneNumber: '13700000005',
          answeredBy: '钱女士本人',
          content: '告知不能办理的法律依据及小作坊集中区申办建议',
        },
      ],
      ['shouwen', { type: 'recordFeedback', accepted: true, text: '表示理解，将考虑集中区' }],
    ],
  },
  {
    by: 'shouwen',
    receivedAt: '2026-07-14T08:40:00+08:00',
    applicant: {
      kind: 'enterprise',
      name: '演示市远航物流有限公司',
      phone: '13700000006',
      creditCode: '91411381MA48TU7G8N',
    },
    channel: 'letter',
    matterType: 'petition',
    matterTitle: '要求撤销十年前的虚假登记',
    description: '来信反映被冒用身份登记为企业股东，要求撤销登记。',
    steps: [
      ...REFUSAL_CHAIN(
        '超过法定期限，把握不准能否撤销',
        '可向公安机关报案取得冒用身份证明后，依据新规申请撤销',
      ),
      [
        'shouwen',
        {
          type: 'recordReply',
          method: 'written',
          sentOn: '2026-07-18',
          delivery: 'post',
          address: '演示市工业大道88号 演示市远航物流有限公司',
          content: '书面回复：说明目前不能直接撤销的原因，以及报案取证后申请撤销的途径。',
        },
      ],
      ['shouwen', { type: 'recordFeedback', accepted: false, text: '申请人不认可，表示将向督查室投诉' }],
    ],
  },
  {
    by: 'shouwen',
    receivedAt: '2026-08-25T16:20:00+08:00',
    applicant: { kind: 'person', name: '孙先生', phone: '13700000007' },
    channel: 'counter',
    matterType: 'service',
    matterTitle: '异地迁入企业档案调取',
    description: '企业从外省迁入，档案调取流程不通。',
    coDepartments: ['消费者权益保护科'],
    steps: [
      [
        'shouwen',
        // No convener named: the lead department's leader in charge (李明) convenes it.
        { type: 'requestConsultation', proposal: '提请分管领导会商，由登记注册科牵头与外省对接档案移交' },
      ],
      [
        'fenguan',
        {
          type: 'recordConsultation',
          heldAt: '2026-08-28T09:30:00+08:00',
          place: '市局三楼会议室',
          participants: '李明（分管领导）、赵红（分管领导）、陈静、韩梅',
          conclusion: 'resolvable',
          record: '会商决定由登记注册科牵头发函调取电子档案，消保科配合答复企业。',
        },
      ],
    ],
  },
  {
    by: 'shouwen',
    receivedAt: '2026-09-30T10:10:00+08:00',
    applicant: {
      kind: 'enterprise',
      name: '演示市新禾农业科技有限公司',
      phone: '13700000008',
      creditCode: '91411381MA49WX9J0U',
    },
    channel: 'online',
    matterType: 'breakpoint',
    matterTitle: '经营范围含前置审批项目的登记',
    description: '前置审批文件尚在办理中，企业希望先行登记。',
    steps: [['shouwen', propose('前置审批文件未取得，把握不准', 'conditionsLacking')]],
  },
  {
    by: 'shouwen',
    receivedAt: '2026-10-16T09:45:00+08:00',
    applicant: { kind: 'person', name: '李女士', phone: '13700000009' },
    channel: 'visit',
    matterType: 'complaint',
    matterTitle: '投诉登记窗口多次要求补充材料',
    description: '申请人反映窗口多次要求补充不同材料。',
    steps: [
      ['shouwen', propose('涉及其他窗口人员，超出本人职责', 'outOfScope')],
      ['keshi', escalate('涉及多个窗口，提请分管领导协调')],
    ],
  },
  {
    by: 'shouwen',
    receivedAt: '2026-11-02T14:00:00+08:00',
    applicant: {
      kind: 'enterprise',
      name: '演示市宏图广告有限公司',
      phone: '13700000010',
      creditCode: '91411381MA4A1B2C3N',
    },
    channel: 'counter',
    matterType: 'licensing',
    matterTitle: '户外广告设置登记',
    description: '申请设置户外大型广告牌。',
    steps: [
      ['shouwen', propose('广告设置规划审批不属于本局职责', 'outOfScope')],
      ['keshi', escalate('确属其他部门职责，提请分管领导')],
      ['fenguan', escalate('提请主要领导审定')],
    ],
  },
  {
    by: 'shouwen',
    receivedAt: '2026-11-10T09:00:00+08:00',
    applicant: { kind: 'person', name: '周先生', phone: '13700000011' },
    channel: 'phone',
    matterType: 'enquiry',
    matterTitle: '网店经营者登记',
    description: '咨询网店是否需要办理营业执照。',
    steps: [],
  },
  {
    by: 'shouwen',
    receivedAt: '2026-11-12T10:30:00+08:00',
    applicant: {
      kind: 'enterprise',
      name: '演示市东方化工有限公司',
      phone: '13700000012',
      creditCode: '91411381MA4B4E5F6K',
    },
    channel: 'visit',
    matterType: 'licensing',
    matterTitle: '危险化学品经营场所变更',
    description: '新场所不符合安全距离要求。',
    steps: REFUSAL_CHAIN('新场所不符合安全距离要求', '可在化工园区内选址，局里协调应急管理部门联合指导'),
  },
];

/** Runs the demo cases through the workflow; returns how many were made. */
export async function loadDemoCases(ctx: AppContext): Promise<number> {
  const db = ctx.database.db;
  const ids = new Map<string, string>();
  const personId = async (username: string) => {
    let id = ids.get(username);
    if (!id) {
      const person = await findAccountByUsername(db, username);
      if (!person) throw new Error(`demo cases name an unknown person: ${username}`);
      id = person.id;
      ids.set(username, id);
    }
    return id;
  };
  const departments = await db.selectFrom('departments').select(['id', 'name']).execute();
  const matterId = async (username: string, title: string) => {
    const person = await findAccountByUsername(db, username);
    const matters = person
      ? await listDepartmentMatters(db, { departmentId: person.departmentId, includeInactive: false })
      : [];
    const found = matters.find((m) => m.title === title);
    if (!found) throw new Error(`demo cases name an unknown matter: ${title}`);
    return found.id;
  };
  for (const demo of DEMO_CASES) {
    const actor = { personId: await personId(demo.by), address: null };
    // Each case is registered when it came in and each step taken a working day later, so the demo has
    // history across the quarters (and a refusal whose reply is now overdue).
    const received = Date.parse(demo.receivedAt);
    const at = (step: number) => ({
      ...ctx,
      clock: fixedClock(new Date(received + step * DAY_MS + HOUR_MS)),
    });
    let detail = await registerCase(at(0), actor, {
      applicant: demo.applicant,
      channel: demo.channel,
      receivedAt: demo.receivedAt,
      ...(demo.matter && { matterId: await matterId(demo.by, demo.matter) }),
      matterType: demo.matterType,
      matterTitle: demo.matterTitle,
      description: demo.description,
      coDepartmentIds: (demo.coDepartments ?? []).map((name) => {
        const d = departments.find((x) => x.name === name);
        if (!d) throw new Error(`demo cases name an unknown department: ${name}`);
        return d.id;
      }),
    });
    for (const [index, [username, action]] of demo.steps.entries()) {
      detail = await actOnCase(
        at(index + 1),
        { personId: await personId(username), address: null },
        {
          id: detail.id,
          request: { version: detail.version, action },
        },
      );
    }
  }
  return DEMO_CASES.length;
}
