// The names a generated bureau is made of: its units (区县局 and 市场监管所), the departments each unit has
// with the matters on their lists (事项清单), and the names of the people who work there. Pure text.
import type { MatterType } from '@bancheng/core';
import type { Random } from './random.ts';

export interface MatterTemplate {
  title: string;
  type: MatterType;
  /** Statutory time limit in working days; null when the matter has none. */
  workdays: number | null;
}

export interface DepartmentTemplate {
  name: string;
  /** What its cases are about, for descriptions: 食品经营许可, 特种设备, 广告 … */
  topic: string;
  matters: MatterTemplate[];
}

const m = (title: string, type: MatterType, workdays: number | null): MatterTemplate => ({ title, type, workdays });

/** The departments a unit is made of, the busiest first. */
export const DEPARTMENT_TEMPLATES: DepartmentTemplate[] = [
  {
    name: '登记注册科',
    topic: '营业执照',
    matters: [
      m('企业设立登记', 'licensing', 3),
      m('企业变更登记', 'licensing', 3),
      m('企业注销登记', 'licensing', 5),
      m('个体工商户登记', 'licensing', 1),
      m('股权出质登记', 'service', 3),
      m('登记业务咨询', 'enquiry', null),
    ],
  },
  {
    name: '食品经营监管科',
    topic: '食品经营许可',
    matters: [
      m('食品经营许可', 'licensing', 10),
      m('食品经营许可变更', 'licensing', 5),
      m('小餐饮登记', 'licensing', 5),
      m('食品安全投诉', 'complaint', 15),
      m('食品经营业务咨询', 'enquiry', null),
    ],
  },
  {
    name: '特种设备安全监察科',
    topic: '特种设备',
    matters: [
      m('特种设备使用登记', 'licensing', 15),
      m('电梯安全投诉', 'complaint', 15),
      m('气瓶充装许可', 'licensing', 20),
      m('特种设备作业人员证咨询', 'enquiry', null),
    ],
  },
  {
    name: '广告监督管理科',
    topic: '广告',
    matters: [
      m('广告发布登记', 'licensing', 10),
      m('虚假广告举报', 'petition', 15),
      m('户外广告咨询', 'enquiry', null),
    ],
  },
  {
    name: '价格监督检查科',
    topic: '价格投诉',
    matters: [
      m('价格投诉处理', 'complaint', 15),
      m('明码标价咨询', 'enquiry', null),
      m('收费问题举报', 'petition', 15),
    ],
  },
  {
    name: '消费者权益保护科',
    topic: '消费投诉',
    matters: [
      m('消费投诉调解', 'complaint', 20),
      m('消费举报受理', 'petition', 15),
      m('预付卡纠纷', 'complaint', 20),
      m('消费维权咨询', 'enquiry', null),
    ],
  },
  {
    name: '质量计量科',
    topic: '产品质量',
    matters: [
      m('计量器具检定', 'service', 10),
      m('产品质量投诉', 'complaint', 15),
      m('工业产品生产许可', 'licensing', 20),
    ],
  },
  {
    name: '知识产权科',
    topic: '商标专利',
    matters: [
      m('商标质押登记', 'service', 5),
      m('专利侵权纠纷', 'complaint', 20),
      m('知识产权咨询', 'enquiry', null),
    ],
  },
  {
    name: '药品医疗器械监管科',
    topic: '药品零售',
    matters: [
      m('药品经营许可', 'licensing', 15),
      m('第二类医疗器械经营备案', 'service', 5),
      m('药品质量投诉', 'complaint', 15),
    ],
  },
  {
    name: '综合执法队',
    topic: '执法检查',
    matters: [m('举报线索核查', 'petition', 15), m('行政处罚信息修复', 'service', 10)],
  },
];

const DISTRICTS = [
  '东城', '西城', '南湖', '北塘', '城关', '新华', '和平', '建设', '长安', '高新', '经开', '滨江', '临河',
  '青山', '白云', '金水', '二七', '中原', '惠济', '管城', '龙湖', '石桥', '望城', '清河', '红旗', '永安',
  '太平', '丰乐', '双桥', '柳林', '花园', '杏坛', '桂城', '大沙', '鹤山', '沙河', '凤凰', '梅岭', '松林',
  '枫桥',
];

/** The n-th generated unit's name (0-based): a 区县局 for every fourth, otherwise a 市场监管所. */
export function unitName(n: number): string {
  const district = DISTRICTS[n % DISTRICTS.length] ?? '城关';
  const round = Math.floor(n / DISTRICTS.length);
  const suffix = round === 0 ? '' : String(round + 1);
  return n % 4 === 0 ? `${district}${suffix}区市场监督管理局` : `${district}${suffix}市场监管所`;
}

const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN =
  '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍鹏辉建国红梅宇浩凯健俊帆瑶婷倩晨欣怡子涵嘉琪思远海燕立新志强文博雪莉春生秋菊晓东卫东建华振宇';

export function personName(r: Random): string {
  const surname = SURNAMES[r.int(0, SURNAMES.length - 1)] ?? '王';
  const given = Array.from(GIVEN);
  const first = r.pick(given);
  return r.chance(0.7) ? `${surname}${first}${r.pick(given)}` : `${surname}${first}`;
}

export function surnameOf(r: Random): string {
  return SURNAMES[r.int(0, SURNAMES.length - 1)] ?? '王';
}

/** A valid-format mainland mobile number (1[3-9]x xxxx xxxx). */
export function mobile(r: Random): string {
  return `1${r.pick(['3', '5', '7', '8', '9'])}${r.digits(9)}`;
}
