import { applicationActionTerms, deadlineStateTerms } from '../../shared/vocabulary';
import type { dashboardZhCN } from './dashboard.zh-CN';
import type { LocaleTree } from './types';

export const dashboardEn: LocaleTree<typeof dashboardZhCN> = {
  menu: 'Statistics',
  title: 'Statistics',
  source: {
    local: 'This computer',
    server: 'Server totals',
    localHint: 'Computed from the records synced to this computer; works offline.',
    serverHint: 'Totalled by the server for your area; needs a network.',
    compare: 'Show server totals',
  },
  area: 'Area',
  areaAll: 'Whole area',
  asOf: 'As of {{date}}',
  loading: 'Counting…',
  error: {
    offline: 'Server totals need a network. There is none now; they appear once you are online.',
    outOfScope: 'That area is outside yours.',
    server: 'The server gave no figures just now. Please try again later.',
  },
  totals: {
    households: 'Households',
    people: 'People',
    applications: 'Applications',
    openCareNeeds: 'Open care needs',
  },
  chart: {
    group: 'By target group (households)',
    circle: 'By circle (households)',
    age: 'Age structure (people)',
    area: 'By area (households)',
    applicationType: 'Applications by type',
    applicationStatus: 'Applications by status',
    deadlines: 'Deadlines',
    visits: 'Home visits this month',
    careNeeds: 'Open care needs by category',
    trend: 'Applications over the last 12 months',
  },
  column: {
    item: 'Item',
    households: 'Households',
    people: 'People',
    count: 'Count',
  },
  age: {
    under16: '0–15',
    age16to59: '16–59',
    age60to79: '60–79',
    age80plus: '80 and over',
    under16Total: 'Under 16: {{count}}',
    age60plusTotal: '60 and over: {{count}}',
  },
  deadline: {
    near: deadlineStateTerms.near.en,
    overdue: deadlineStateTerms.overdue.en,
  },
  visits: {
    required: 'Due for a review visit this month',
    requiredVisited: 'Of these, visited this month',
    visitsThisMonth: 'Visits this month',
    householdsVisited: 'Households visited this month',
    coverage: 'Coverage {{percent}}%',
  },
  trend: {
    created: 'New applications',
    approved: applicationActionTerms.approve.en,
  },
  tableCaption: '{{chart}} (table; click a row to open the list)',
  openList: 'Open list',
};
