// The Chinese text of generated cases: applicants (people and enterprises with a 统一社会信用代码 whose check
// character is right), descriptions built from fragments, and what each step of the workflow writes.
import { CREDIT_CODE_CHARS, creditCodeCheckChar, type RefusalReason } from '@bancheng/core';
import { mobile, personName, surnameOf } from './org-texts.ts';
import type { Random } from './random.ts';

/** A 统一社会信用代码 (GB 32100-2015) with a correct check character. */
export function creditCode(r: Random): string {
  let body = `9${r.pick(['1', '1', '1', '2', '3'])}41${r.digits(4)}`;
  for (let i = 0; i < 9; i++) body += CREDIT_CODE_CHARS[r.int(0, 30)] ?? '0';
  return body + creditCodeCheckChar(body);
}

const BRANDS = [
  '恒达',
  '鑫源',
  '百味',
  '华联',
  '金穗',
  '瑞丰',
  '宏图',
  '安康',
  '佳禾',
  '联创',
  '永盛',
  '润泽',
  '天成',
  '鼎新',
  '众和',
  '星辰',
  '汇通',
  '福满',
  '顺心',
  '嘉美',
  '盛世',
  '银河',
  '长青',
  '明德',
];
const TRADES = [
  '商贸',
  '餐饮管理',
  '食品',
  '建材',
  '电梯工程',
  '广告传媒',
  '医药连锁',
  '科技',
  '物业服务',
  '教育咨询',
  '汽车销售',
  '农业开发',
  '服装',
  '家电',
  '健身服务',
];
const ROADS = ['人民路', '解放路', '建设路', '中山路', '文化路', '工业大道', '滨河路', '新华街', '朝阳路'];

export interface Applicant {
  kind: 'person' | 'enterprise';
  name: string;
  creditCode: string | null;
  phone: string;
  address: string | null;
}

export function applicant(r: Random, district: string): Applicant {
  const address = r.chance(0.6) ? `${district}${r.pick(ROADS)}${r.int(1, 399)}号` : null;
  if (r.chance(0.55)) {
    const shop = r.chance(0.25);
    return {
      kind: 'enterprise',
      name: shop
        ? `${district}${r.pick(BRANDS)}${r.pick(['便利店', '餐馆', '药房', '超市', '理发店'])}`
        : `演示市${r.pick(BRANDS)}${r.pick(TRADES)}有限公司`,
      creditCode: creditCode(r),
      phone: mobile(r),
      address,
    };
  }
  const name = r.chance(0.5) ? personName(r) : `${surnameOf(r)}${r.pick(['先生', '女士'])}`;
  return { kind: 'person', name, creditCode: null, phone: mobile(r), address };
}

const OPENINGS = [
  '申请人来窗口反映',
  '申请人来电称',
  '申请人通过网上平台提交诉求',
  '申请人来信反映',
  '申请人到场咨询',
];
const CONCERNS: Record<string, string[]> = {
  营业执照: ['经营范围变更', '住所变更后营业执照换发', '股东变更材料', '名称预先核准', '简易注销流程'],
  食品经营许可: ['新开店铺办理食品经营许可', '许可证到期延续', '经营场所面积不足的处理', '网络餐饮备案'],
  特种设备: ['小区电梯频繁故障', '锅炉使用登记', '叉车检验超期', '气瓶充装资质'],
  广告: ['户外广告牌设置', '网络直播广告用语', '医疗广告审查', '虚假宣传线索'],
  价格投诉: ['停车场收费不明码标价', '景区二次收费', '药店价格虚高', '物业费上涨'],
  消费投诉: ['预付卡商家关门', '网购商品质量问题', '装修合同纠纷', '汽车维修收费争议'],
  产品质量: ['电子秤计量不准', '燃气灶质量问题', '儿童玩具安全隐患'],
  商标专利: ['商标被抢注', '专利侵权线索', '地理标志使用'],
  药品零售: ['药店执业药师不在岗', '二类器械备案材料', '网售药品资质'],
  执法检查: ['无证经营线索', '行政处罚信用修复', '检查结果异议'],
};
const ASKS = [
  '希望尽快办理。',
  '请求给予指导。',
  '材料已基本齐全，希望一次办好。',
  '多次往返未办成，请求协调解决。',
  '要求依法处理并答复。',
  '咨询需要哪些材料和多长时间。',
];

export function description(r: Random, topic: string, matterTitle: string): string {
  const concern = r.pick(CONCERNS[topic] ?? ['相关业务办理']);
  return `${r.pick(OPENINGS)}${concern}问题（${matterTitle}），${r.pick(ASKS)}`;
}

export function enquiryTitle(r: Random, topic: string): string {
  return `${r.pick(CONCERNS[topic] ?? ['业务办理'])}${r.pick(['咨询', '问题', '诉求'])}`;
}

export const closeNote = (r: Random): string =>
  r.pick([
    '当场办结，已告知申请人结果',
    '材料齐全，已按规定办结',
    '经现场核实后办结，申请人表示满意',
    '已协调相关单位解决，申请人认可',
    '按能办意见指导申请人补正材料后办结',
  ]);

// Every heading of the notice's template filled (core cases/one-time-notice.ts); the same draws as before.
export const notice = (r: Random, matterTitle: string): string => {
  const materials = r.pick([
    '申请书、营业执照、法定代表人身份证明',
    '申请书、经营场所证明、健康证明',
    '登记表、设备合格证明、检验报告',
  ]);
  const days = r.int(1, 20);
  const phone = r.digits(8);
  return [
    `一、办理依据：${matterTitle}相关法律法规及本局事项清单`,
    '二、办理程序：网上申请或窗口受理，审核后作出决定',
    `三、所需材料：${materials}`,
    `四、办理时限：${days}个工作日`,
    `五、办理地点及联系方式：市民服务中心市场监管窗口，咨询电话0371-${phone}`,
  ].join('\n');
};

const REASON_TEXTS: Record<RefusalReason, string[]> = {
  outOfScope: ['该诉求不属于本科室职责范围', '涉及其他部门职能，本人无法处理'],
  uncertain: ['政策规定不明确，把握不准能否办理', '材料真实性存疑，难以判断'],
  notPermitted: ['法律法规明确禁止，不能办理', '不符合许可条件，依法不予受理'],
  conditionsLacking: ['现场条件不具备，暂不能办理', '申请人无法提供必要材料'],
  other: ['历史遗留问题，需上级研判', '情况特殊，需领导决定'],
};
export const reasonText = (r: Random, reason: RefusalReason): string => r.pick(REASON_TEXTS[reason]);

export const escalateOpinion = (r: Random): string =>
  r.pick(['经研判本级难以解决，提请上级审批', '涉及政策把握，提请上级研究', '本级无权决定，请上级审定']);
export const resolvableOpinion = (r: Random): string =>
  r.pick([
    '可以办理：指导申请人补充材料后受理',
    '经研究可办，按容缺受理方式办理',
    '协调相关科室联合办理，可以办成',
    '可通过告知承诺制办理',
  ]);
export const refuseOpinion = (r: Random): string =>
  r.pick(['确因法律、政策不允许，不能办理', '经集体研究，确实不具备办理条件']);
export const workableSuggestion = (r: Random): string =>
  r.pick([
    '建议申请人整改经营场所后重新申请',
    '可向有管辖权的部门申请，我局协助对接',
    '建议补齐材料后通过网上平台重新提交',
    '可申请变更经营项目后办理',
  ]);

export const replyContent = (r: Random): string =>
  r.pick([
    '已向申请人说明不能办理的原因和说“行”建议，申请人表示理解',
    '告知不能办理的法律依据，并提供了可行的替代办法',
    '书面告知不予办理理由及后续办理途径',
  ]);
export const feedbackText = (r: Random, accepted: boolean): string =>
  accepted
    ? r.pick(['理解并接受答复', '对答复满意', '表示按建议办理'])
    : r.pick(['对答复不满意，保留意见', '认为理由不充分']);
export const answeredBy = (r: Random, applicantName: string): string =>
  r.chance(0.7) ? applicantName.slice(0, 20) : `${surnameOf(r)}${r.pick(['先生', '女士'])}`;

export const consultationProposal = (r: Random): string =>
  r.pick(['涉及多个科室职责，申请会商研判', '跨部门事项，需联合会商确定牵头办理方案']);
export const consultationRecord = (r: Random, resolvable: boolean): string =>
  resolvable
    ? r.pick(['会商明确由牵头科室办理，协作科室配合', '会商确定联合办理方案，限期办结'])
    : r.pick(['会商认为暂不具备条件，由首问负责人继续研究', '会商未形成办理方案']);
export const followUpNote = (r: Random): string =>
  r.pick(['回访申请人，事项已实际办成', '电话回访，申请人对办理结果满意', '实地查看，问题已解决']);
export const contributionText = (r: Random): string =>
  r.pick(['已提供本科室意见，配合牵头科室办理', '已完成现场核查并反馈结果', '已出具协查意见']);
export const handOverNote = (r: Random): string =>
  r.pick(['本人外出培训，移交同事办理', '该同事熟悉此类业务', '工作调整，移交办理']);
