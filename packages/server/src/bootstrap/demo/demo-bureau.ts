// The demo bureau, modelled on the work plan: a city bureau with its 办公室, 督察室 and business
// departments, a 分局 and a 市场监管所 with departments of their own, and people in every role.
import type { Role } from '@bancheng/core';

export const DEMO_PASSWORD = 'Demo@2026';
export const DEMO_CHAIN_DATE = '2026-01-01';

export interface DemoPerson {
  username: string;
  displayName: string;
  /** Extra roles beyond the chain positions they hold (which add their own roles). */
  roles?: Role[];
  phone?: string;
}

export interface DemoDepartment {
  name: string;
  /** Everyone who works here; the first `firstResponders` of them answer the public. */
  staff: DemoPerson[];
  firstResponders: string[];
  deptHead: string;
  leaderInCharge: string;
}

export interface DemoUnit {
  name: string;
  kind: 'bureau' | 'unit';
  principalLeader: string;
  departments: DemoDepartment[];
}

/** The accounts README lists, one per role. */
export const DEMO_ACCOUNTS: { username: string; role: Role; displayName: string; where: string }[] = [
  { username: 'shouwen', role: 'firstResponder', displayName: '张伟', where: '市局 登记注册科' },
  { username: 'keshi', role: 'deptHead', displayName: '陈静', where: '市局 登记注册科' },
  { username: 'fenguan', role: 'leaderInCharge', displayName: '李明', where: '市局 分管登记注册、食品生产' },
  { username: 'juzhang', role: 'principalLeader', displayName: '王建国', where: '市局 局长' },
  { username: 'ducha', role: 'supervisionOffice', displayName: '刘芳', where: '市局 督察室' },
  { username: 'jijian', role: 'disciplineInspection', displayName: '孙强', where: '市局 纪检监察室' },
  { username: 'admin', role: 'admin', displayName: '系统管理员', where: '市局 办公室' },
];

const p = (username: string, displayName: string, phone?: string, roles?: Role[]): DemoPerson => ({
  username,
  displayName,
  ...(phone && { phone }),
  ...(roles && { roles }),
});

export const DEMO_BUREAU: DemoUnit[] = [
  {
    name: '演示市市场监督管理局',
    kind: 'bureau',
    principalLeader: 'juzhang',
    departments: [
      {
        name: '办公室',
        staff: [
          p('juzhang', '王建国', '13800000001'),
          p('fenguan', '李明', '13800000002'),
          p('fenguan2', '赵红', '13800000003'),
          p('admin', '系统管理员', undefined, ['admin']),
          p('bgs1', '周晓燕', '13800000011'),
          p('bgszr', '吴海涛', '13800000012'),
        ],
        firstResponders: ['bgs1'],
        deptHead: 'bgszr',
        leaderInCharge: 'fenguan2',
      },
      {
        name: '督察室',
        staff: [
          p('ducha', '刘芳', '13800000021', ['supervisionOffice']),
          p('dcs1', '郑凯', '13800000022', ['supervisionOffice']),
        ],
        firstResponders: ['dcs1'],
        deptHead: 'ducha',
        leaderInCharge: 'fenguan2',
      },
      {
        name: '纪检监察室',
        staff: [
          p('jijian', '孙强', '13800000031', ['disciplineInspection']),
          p('jjs1', '马丽', '13800000032', ['disciplineInspection']),
        ],
        firstResponders: ['jjs1'],
        deptHead: 'jijian',
        leaderInCharge: 'fenguan2',
      },
      {
        name: '登记注册科',
        staff: [
          p('shouwen', '张伟', '13800000041'),
          p('djzc2', '杨帆', '13800000042'),
          p('keshi', '陈静', '13800000043'),
        ],
        firstResponders: ['shouwen', 'djzc2'],
        deptHead: 'keshi',
        leaderInCharge: 'fenguan',
      },
      {
        name: '食品生产安全监管科',
        staff: [
          p('spsc1', '黄磊', '13800000051'),
          p('spsc2', '林静怡', '13800000052'),
          p('spsckz', '何志强', '13800000053'),
        ],
        firstResponders: ['spsc1', 'spsc2'],
        deptHead: 'spsckz',
        leaderInCharge: 'fenguan',
      },
      {
        name: '价格监督检查科',
        staff: [
          p('jgjc1', '罗斌', '13800000061'),
          p('jgjc2', '高雪', '13800000062'),
          p('jgjckz', '梁振华', '13800000063'),
        ],
        firstResponders: ['jgjc1', 'jgjc2'],
        deptHead: 'jgjckz',
        leaderInCharge: 'fenguan2',
      },
      {
        name: '消费者权益保护科',
        staff: [
          p('xbk1', '宋佳', '13800000071'),
          p('xbk2', '唐亮', '13800000072'),
          p('xbkkz', '韩梅', '13800000073'),
        ],
        firstResponders: ['xbk1', 'xbk2'],
        deptHead: 'xbkkz',
        leaderInCharge: 'fenguan2',
      },
    ],
  },
  {
    name: '城区分局',
    kind: 'unit',
    principalLeader: 'cqjz',
    departments: [
      {
        name: '综合办公室',
        staff: [
          p('cqjz', '冯国栋', '13800000081'),
          p('cqfj', '许文', '13800000082'),
          p('cqbgs1', '邓琳', '13800000083'),
          p('cqbgszr', '曹阳', '13800000084'),
          p('cqjj', '宁静', '13800000085', ['disciplineInspection']),
        ],
        firstResponders: ['cqbgs1'],
        deptHead: 'cqbgszr',
        leaderInCharge: 'cqfj',
      },
      {
        name: '市场监管股',
        staff: [
          p('cqsc1', '彭涛', '13800000091'),
          p('cqsc2', '蒋敏', '13800000092'),
          p('cqsckz', '蔡军', '13800000093'),
        ],
        firstResponders: ['cqsc1', 'cqsc2'],
        deptHead: 'cqsckz',
        leaderInCharge: 'cqfj',
      },
    ],
  },
  {
    name: '东城市场监管所',
    kind: 'unit',
    principalLeader: 'dcsz',
    departments: [
      {
        name: '综合组',
        staff: [
          p('dcsz', '田野', '13800000101'),
          p('dcfsz', '董洁', '13800000102'),
          p('dczh1', '袁博', '13800000103'),
          p('dczhzz', '潘婷', '13800000104'),
          p('dcjj', '白露', '13800000105', ['disciplineInspection']),
        ],
        firstResponders: ['dczh1'],
        deptHead: 'dczhzz',
        leaderInCharge: 'dcfsz',
      },
      {
        name: '监管执法组',
        staff: [
          p('dczf1', '杜鹏', '13800000111'),
          p('dczf2', '戴敏', '13800000112'),
          p('dczfzz', '夏雨', '13800000113'),
        ],
        firstResponders: ['dczf1', 'dczf2'],
        deptHead: 'dczfzz',
        leaderInCharge: 'dcfsz',
      },
    ],
  },
];
