// The rest of the demo county bureau (演示的全县): the business departments a county 市场监督管理局 has beyond
// the core demo (demo-bureau.ts, which the tests know by heart), and two more 市场监管所, each with several
// first responders. Loaded by `npm start` on a fresh database with a year of cases (demo-year.ts).
import type { DemoPerson, DemoUnit } from './demo-bureau.ts';

const p = (
  username: string,
  displayName: string,
  phone: string,
  roles?: DemoPerson['roles'],
): DemoPerson => ({
  username,
  displayName,
  phone,
  ...(roles && { roles }),
});

/** Units by name: a unit of the core demo (the bureau) gets these departments added; others are new. */
export const DEMO_COUNTY: DemoUnit[] = [
  {
    name: '演示市市场监督管理局',
    kind: 'bureau',
    principalLeader: 'juzhang',
    departments: [
      {
        name: '食品经营监管科',
        staff: [
          p('spjy1', '郭晓东', '13800000201'),
          p('spjy2', '孟婷婷', '13800000202'),
          p('spjy3', '秦海波', '13800000203'),
          p('spjykz', '白春梅', '13800000204'),
        ],
        firstResponders: ['spjy1', 'spjy2', 'spjy3'],
        deptHead: 'spjykz',
        leaderInCharge: 'fenguan',
      },
      {
        name: '特种设备安全监察科',
        staff: [
          p('tzsb1', '钱磊', '13800000211'),
          p('tzsb2', '沈雪梅', '13800000212'),
          p('tzsbkz', '尹志刚', '13800000213'),
        ],
        firstResponders: ['tzsb1', 'tzsb2'],
        deptHead: 'tzsbkz',
        leaderInCharge: 'fenguan2',
      },
      {
        name: '质量计量科',
        staff: [
          p('zljl1', '汪洋', '13800000221'),
          p('zljl2', '石慧', '13800000222'),
          p('zljlkz', '万里', '13800000223'),
        ],
        firstResponders: ['zljl1', 'zljl2'],
        deptHead: 'zljlkz',
        leaderInCharge: 'fenguan2',
      },
      {
        name: '知识产权科',
        staff: [
          p('zscq1', '龙飞', '13800000231'),
          p('zscq2', '叶倩', '13800000232'),
          p('zscqkz', '段宏伟', '13800000233'),
        ],
        firstResponders: ['zscq1', 'zscq2'],
        deptHead: 'zscqkz',
        leaderInCharge: 'fenguan',
      },
      {
        name: '药品医疗器械监管科',
        staff: [
          p('ypjg1', '范文静', '13800000241'),
          p('ypjg2', '方舟', '13800000242'),
          p('ypjgkz', '任雅琴', '13800000243'),
        ],
        firstResponders: ['ypjg1', 'ypjg2'],
        deptHead: 'ypjgkz',
        leaderInCharge: 'fenguan',
      },
      {
        name: '广告监督管理科',
        staff: [p('gg1', '姜山', '13800000251'), p('ggkz', '邱丽华', '13800000252')],
        firstResponders: ['gg1'],
        deptHead: 'ggkz',
        leaderInCharge: 'fenguan2',
      },
      {
        name: '综合执法队',
        staff: [
          p('zfd1', '贾勇', '13800000261'),
          p('zfd2', '熊伟', '13800000262'),
          p('zfd3', '陆晨', '13800000263'),
          p('zfddz', '江涛', '13800000264'),
        ],
        firstResponders: ['zfd1', 'zfd2', 'zfd3'],
        deptHead: 'zfddz',
        leaderInCharge: 'fenguan2',
      },
    ],
  },
  {
    name: '西城市场监管所',
    kind: 'unit',
    principalLeader: 'xcsz',
    departments: [
      {
        name: '综合组',
        staff: [
          p('xcsz', '严正', '13800000301'),
          p('xcfsz', '薛梅', '13800000302'),
          p('xczh1', '侯佳', '13800000303'),
          p('xczhzz', '雷鸣', '13800000304'),
          p('xcjj', '阎清', '13800000305', ['disciplineInspection']),
        ],
        firstResponders: ['xczh1'],
        deptHead: 'xczhzz',
        leaderInCharge: 'xcfsz',
      },
      {
        name: '监管执法组',
        staff: [
          p('xczf1', '武超', '13800000311'),
          p('xczf2', '谭静', '13800000312'),
          p('xczf3', '邹鹏', '13800000313'),
          p('xczfzz', '熊丽', '13800000314'),
        ],
        firstResponders: ['xczf1', 'xczf2', 'xczf3'],
        deptHead: 'xczfzz',
        leaderInCharge: 'xcfsz',
      },
    ],
  },
  {
    name: '古城市场监管所',
    kind: 'unit',
    principalLeader: 'gcsz',
    departments: [
      {
        name: '综合组',
        staff: [
          p('gcsz', '常青', '13800000401'),
          p('gcfsz', '黎明', '13800000402'),
          p('gczh1', '符晓', '13800000403'),
          p('gczhzz', '毛平', '13800000404'),
          p('gcjj', '褚文博', '13800000405', ['disciplineInspection']),
        ],
        firstResponders: ['gczh1'],
        deptHead: 'gczhzz',
        leaderInCharge: 'gcfsz',
      },
      {
        name: '监管执法组',
        staff: [
          p('gczf1', '殷红', '13800000411'),
          p('gczf2', '柴进', '13800000412'),
          p('gczfzz', '岳峰', '13800000413'),
        ],
        firstResponders: ['gczf1', 'gczf2'],
        deptHead: 'gczfzz',
        leaderInCharge: 'gcfsz',
      },
    ],
  },
];
