/**
 * 简体中文 — the app's first language and the reference key tree: `en.ts` must have exactly
 * these keys (see `LocaleTree` in ./types). Validation messages of the shared zod schemas are
 * already Chinese and are shown as they come; everything else the user reads lives here, and
 * the words of the domain (roles, types, statuses…) come from shared/vocabulary/.
 */
import { labelsIn, memberRelationTerms, roleTerms, sexTerms, visitTypeTerms } from '../../shared/vocabulary';
import { endOfDayZhCN } from './endOfDay.zh-CN';
import { dashboardZhCN } from './dashboard.zh-CN';
import { exportsZhCN } from './exports.zh-CN';
import { applicationZhCN } from './applications.zh-CN';
import { fieldZhCN } from './field.zh-CN';
import { adminZhCN } from './admin.zh-CN';
import { policiesZhCN } from './policies.zh-CN';
import { lockZhCN, securityZhCN } from './security.zh-CN';
import { draftsZhCN } from './drafts.zh-CN';
import { relayZhCN } from './relay.zh-CN';
import { syncCentreZhCN } from './syncCentre.zh-CN';
import { attachmentsZhCN } from './attachments.zh-CN';
import { caseLifeZhCN } from './caseLife.zh-CN';
import { programmeZhCN } from './programmes.zh-CN';
import { shellZhCN } from './shell.zh-CN';
import { provisioningZhCN } from './provisioning.zh-CN';

export const zhCN = {
  application: applicationZhCN,
  caseLife: caseLifeZhCN,
  programme: programmeZhCN,
  shell: shellZhCN,
  syncCentre: syncCentreZhCN,
  relay: relayZhCN,
  attachments: attachmentsZhCN,
  lock: lockZhCN,
  security: securityZhCN,
  drafts: draftsZhCN,
  admin: adminZhCN,
  policies: policiesZhCN,
  dashboard: dashboardZhCN,
  endOfDay: endOfDayZhCN,
  exports: exportsZhCN,
  provisioning: provisioningZhCN,
  ...fieldZhCN,
  app: {
    name: '救助通',
    tagline: '滨州市社会救助 · 入户走访与救助申请',
  },
  common: {
    loading: '正在加载…',
    save: '保存',
    cancel: '取消',
    back: '返回',
    edit: '编辑',
    delete: '删除',
    notFilled: '未填写',
    /** Joins names in a list, e.g. investigators: 张三、李四. */
    listSeparator: '、',
    saveFailed: '保存没有成功，请再试一次。如果一直出现，请联系乡镇管理员。',
    loadFailed: '数据没有读取成功，请刷新页面后再试。',
    notAllowed: '您的账号不能修改这条记录（或它此时已不能修改）。如需更正，请联系乡镇或县民政。',
  },
  login: {
    title: '救助通',
    subtitle: '滨州市社会救助 · 村级民政协理员工作平台',
    serverUrl: '服务器地址',
    serverUrlPlaceholder: '如 https://jiuzhu.binzhou.gov.cn',
    username: '用户名',
    password: '密码',
    submit: '登录',
    validation: {
      serverUrlRequired: '请填写服务器地址',
      serverUrlInvalid: '服务器地址应以 http:// 或 https:// 开头，如 https://jiuzhu.binzhou.gov.cn',
      usernameRequired: '请填写用户名',
      passwordRequired: '请填写密码',
    },
    failureTitle: '没有登录成功',
    failure: {
      invalid_credentials: '用户名或密码不正确，请检查后重新输入。',
      network:
        '无法连接服务器。如果本机曾在线登录过，可离线登录——请确认用户名和密码与上次在线登录时一致；否则请检查网络和服务器地址后再试。',
      no_offline_profile: '本机没有该用户的离线登录记录，请联网后登录一次。',
      no_keys_from_relay: '这台电脑还没有在县里的服务器上登录过。县级服务器暂时连不上，乡镇中转站不能替它第一次登录。请等县里连通后再登录一次。',
      invalid_credentials_at_relay: '没有登录成功：用户名或密码不对，或者这台电脑（这个账号）没有在本乡镇中转站登录过。县级服务器暂时连不上时，只有在本站登录过的账号和电脑可以登录。',
      rate_limited: '登录尝试次数过多，请等几分钟后再试。',
      profile_locked: '本机上该账号的密码错误次数过多，已锁定。请联网后登录。',
      server_error: '服务器暂时出错，请稍后再试。如果一直出现，请联系乡镇或县民政部门。',
    },
  },
  layout: {
    navLabel: '主菜单',
    menu: {
      today: '今日',
      households: '家庭',
      visits: '走访',
      applications: '申请',
      syncCenter: '同步中心',
    },
    signOut: '退出登录',
    offlineBanner: '离线登录：数据保存在本机，联网后自动上传',
    userLabel: '当前用户',
  },
  role: labelsIn(roleTerms, 'zh'),
  sync: {
    label: '同步状态',
    online: '在线',
    offline: '离线',
    pending: '待同步 {{count}} 条',
    lastSync: '上次同步 {{time}}',
    never: '尚未同步',
    syncing: '正在同步…',
    syncNow: '立即同步',
    error: {
      network: '连不上服务器。数据已保存在本机，联网后会自动上传。',
      unauthorized: '登录已过期，请退出后重新登录，再同步。',
      revoked: '这台电脑（或您的账号）已被停用，不能再同步。本机未上传的数据仍在，可在同步中心导出到U盘交给乡镇。',
      forbidden: '有记录不在您的管辖范围内，服务器没有接收，请联系乡镇管理员。',
      server: '服务器暂时出错，稍后会自动重试。',
      invalid: '有记录没有通过服务器检查，请核对后重新保存。',
      tooOld: '救助通版本过旧：请更新到 {{version}} 或更高版本后再同步。您未上传的记录仍保存在本机。',
      unknown: '同步没有成功，稍后会自动重试。',
    },
  },
  household: {
    savedLocally: '已保存在本机，联网后自动上传',
    noHead: '未指定户主',
    relation: labelsIn(memberRelationTerms, 'zh'),
    sex: labelsIn(sexTerms, 'zh'),
    list: {
      title: '家庭',
      searchLabel: '按姓名或身份证号查找',
      searchPlaceholder: '输入成员姓名，或完整的18位身份证号',
      register: '登记家庭',
      columns: {
        head: memberRelationTerms.head.zh,
        size: '人数',
        village: '所在村',
        address: '住址',
        updatedAt: '更新时间',
      },
      size: '{{count}} 人',
      total: '共 {{count}} 户',
      empty: '还没有登记的家庭。点击“登记家庭”开始登记。',
      emptySearch: '没有找到与“{{text}}”相符的家庭（姓名可以只输入一部分，身份证号要输入完整的18位）。',
    },
    form: {
      titleNew: '登记家庭',
      titleEdit: '编辑家庭信息',
      village: '所在村',
      villagePlaceholder: '请选择村（社区）',
      villageSearchHint: '可输入村名查找',
      villageRequired: '请选择所在村',
      idNumberRegisteredElsewhere: '此人已登记在{{head}}家（{{address}}），一个人只能登记在一户。如已搬到这一户，请先在原来那一户把他移出。',
      address: '家庭住址',
      addressPlaceholder: '如：王家村 3 排 12 号',
      phone: '联系电话',
      phonePlaceholder: '手机号，可以不填',
      note: '备注',
      notePlaceholder: '需要说明的情况，可以不填',
      members: '家庭成员',
      memberTitle: '成员{{n}}',
      /** Accessible name of one field of one member row: 成员1 姓名. */
      memberField: '成员{{n}} {{field}}',
      memberName: '姓名',
      memberIdNumber: '身份证号',
      memberRelation: '与户主关系',
      memberRelationPlaceholder: '请选择',
      memberBirthDate: '出生日期',
      memberSex: '性别',
      derivedPending: '填写身份证号后自动得出',
      addMember: '添加成员',
      removeMember: '删除',
      removeMemberLabel: '删除成员{{n}}',
      submit: '保存',
      enterHint: '按回车键跳到下一项；填完后点“保存”。',
    },
    detail: {
      title: '家庭详情',
      backToList: '返回家庭列表',
      head: memberRelationTerms.head.zh,
      village: '所在村',
      address: '家庭住址',
      phone: '联系电话',
      note: '备注',
      updatedAt: '更新时间',
      members: '家庭成员',
      showIds: '显示身份证号',
      hideIds: '隐藏身份证号',
      columns: {
        name: '姓名',
        relation: '与户主关系',
        idNumber: '身份证号',
        birthDate: '出生日期',
        sex: '性别',
      },
      edit: '编辑',
      newVisit: '登记走访',
      notFound: '没有找到这户家庭。可能还没有同步到本机，或不在您的管辖范围内。',
    },
  },
  visit: {
    savedLocally: '走访记录已保存在本机，联网后自动上传',
    type: labelsIn(visitTypeTerms, 'zh'),
    form: {
      title: '登记走访',
      household: '走访家庭',
      type: '走访类型',
      visitDate: '走访日期',
      investigators: '走访人',
      investigatorsHint: '输入姓名后按回车，可以填写多人；入户调查须有两人以上。',
      findings: '走访情况',
      findingsPlaceholder: '家庭收入、住房、身体状况、发现的需求等',
      nextVisitDate: '下次走访',
      nextVisitDateHint: '可以不填',
      datePlaceholder: '请选择日期',
      submit: '保存',
    },
    list: {
      title: '走访记录',
      empty: '还没有走访记录。',
      columns: {
        visitDate: '走访日期',
        type: '类型',
        investigators: '走访人',
        findings: '走访情况',
        nextVisitDate: '下次走访',
      },
    },
  },
} as const;
