import type { LocaleTree } from './types';
import type { syncCentreZhCN } from './syncCentre.zh-CN';

export const syncCentreEn: LocaleTree<typeof syncCentreZhCN> = {
  title: 'Sync centre',
  intro: 'What travels between this computer and the server. Offline, data is kept on this computer and sent once a network is there.',
  collections: 'Data',
  columns: {
    name: 'Data',
    state: 'State',
    pending: 'Waiting',
    lastSync: 'Last success',
    lastError: 'Last problem',
  },
  collection: {
    households: 'Households',
    visits: 'Home visits',
    applications: 'Applications',
    careNeeds: 'Care needs',
    policies: 'Policy figures',
    programs: 'Programmes',
    users: 'Colleagues',
  },
  state: {
    syncing: 'Syncing',
    idle: 'Up to date',
    waiting: 'Waiting to send',
    problem: 'Problem',
  },
  pendingCount: '{{count}}',
  none: '—',
  conflicts: {
    title: 'Records to check',
    empty: 'Nothing to check.',
    explain: 'This record was also changed at the township (or on another computer), differently. The server’s version is kept; this computer’s change is shown here for you to choose.',
    field: 'Item',
    local: 'This computer’s change',
    remote: 'Kept now (server)',
    reapply: 'Use this computer’s',
    dismiss: 'Keep the current one',
    reapplied: 'Saved again with this computer’s values; it will be sent when online',
    dismissed: 'The current values are kept',
    record: '{{collection}} · {{name}}',
    at: 'Found {{time}}',
  },
  arrivals: {
    title: 'Sent in by villages today',
    explain: 'Records received or changed today, by village. Press “Sync now” first for complete figures.',
    empty: 'Nothing received today yet.',
    village: 'Village',
    total: 'Total',
  },
};
