import type { LocaleTree } from './types';
import type { relayZhCN } from './relay.zh-CN';

export const relayEn: LocaleTree<typeof relayZhCN> = {
  server: {
    label: 'Server this computer talks to',
    central: 'County server',
    relayUp: 'Township relay (county reachable)',
    relayDown: 'Township relay (county not reachable now)',
    named: '{{name}}',
  },
  awaitingTag: 'Awaiting county',
  awaitingHint: 'This record was handed to the township relay; the county server has not confirmed it yet.',
  handedOver: 'Handed to the township relay, awaiting the county ({{count}})',
  handedOverExplain: 'Once the county is reachable the relay sends these records up; the county’s answer comes back here.',
  refusals: {
    title: 'Records the county did not accept',
    explain: 'These records went to the county through the township relay and were not accepted. Nothing typed on this computer is lost: it is all under “Records to check”, to review and correct.',
    item: '{{collection}}, {{count}}: {{message}}',
    noMessage: 'The county gave no reason.',
    dismiss: 'Got it',
  },
  villages: {
    title: 'Records waiting at the township relay for the county',
    explain: 'While the county cannot be reached, what the villages send waits at the township relay and goes up once the link is back.',
    village: 'Village',
    count: 'Waiting',
    oldest: 'Oldest since',
    empty: 'Nothing is waiting at the relay for the county.',
  },
};
