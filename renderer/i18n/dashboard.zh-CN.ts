/** 统计 — the dashboard (registered under `dashboard`). Group, type and status names come from their own modules. */
import { applicationActionTerms, deadlineStateTerms } from '../../shared/vocabulary';

export const dashboardZhCN = {
  menu: '统计',
  title: '统计',
  source: {
    local: '本机数据',
    server: '服务器汇总',
    localHint: '根据本机已同步的记录计算，离线也能看。',
    serverHint: '由服务器按您的管辖范围汇总，需要联网。',
    compare: '改看服务器汇总',
  },
  area: '地区',
  areaAll: '全部辖区',
  asOf: '统计日期 {{date}}',
  loading: '正在统计…',
  error: {
    offline: '服务器汇总需要联网。现在没有网络，联网后会自动显示。',
    outOfScope: '所查地区不在您的管辖范围内。',
    server: '服务器暂时没有给出统计结果，请稍后再试。',
  },
  totals: {
    households: '在册家庭',
    people: '在册人数',
    applications: '救助申请',
    openCareNeeds: '未结照料需求',
  },
  chart: {
    group: '按困难群体（户）',
    circle: '按圈层（户）',
    age: '年龄结构（人）',
    area: '按地区（户）',
    applicationType: '申请按救助类型',
    applicationStatus: '申请按办理状态',
    deadlines: '办理时限',
    visits: '本月入户走访',
    careNeeds: '未结照料需求按类别',
    trend: '近12个月申请趋势',
  },
  column: {
    item: '项目',
    households: '户数',
    people: '人数',
    count: '数量',
  },
  age: {
    under16: '0–15岁',
    age16to59: '16–59岁',
    age60to79: '60–79岁',
    age80plus: '80岁及以上',
    under16Total: '16岁以下 {{count}} 人',
    age60plusTotal: '60岁及以上 {{count}} 人',
  },
  /** Applications with a deadline near (快到期) or overdue (已超期): the deadline states' words. */
  deadline: {
    near: deadlineStateTerms.near.zh,
    overdue: deadlineStateTerms.overdue.zh,
  },
  visits: {
    required: '本月按规定应走访',
    requiredVisited: '其中本月已走访',
    visitsThisMonth: '本月走访次数',
    householdsVisited: '本月走访户数',
    coverage: '覆盖率 {{percent}}%',
  },
  trend: {
    created: '新建申请',
    approved: applicationActionTerms.approve.zh,
  },
  tableCaption: '{{chart}}（数据表，点击一行查看对应名单）',
  openList: '查看名单',
};
