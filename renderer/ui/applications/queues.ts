import type { ApplicationStatus } from '../../../shared/rules/applicationStatus';

/** 待办审核 tabs of the township: which statuses wait at which step. */
export const townshipTabs = [
  { key: 'submitted', statuses: ['submitted'] },
  { key: 'investigating', statuses: ['accepted', 'investigating'] },
  { key: 'review', statuses: ['preliminaryReviewed', 'publicNotice'] },
  { key: 'county', statuses: ['pendingConfirmation'] },
] as const satisfies readonly { key: string; statuses: readonly ApplicationStatus[] }[];

export type TownshipTab = (typeof townshipTabs)[number]['key'];

export const townshipQueueStatuses: ApplicationStatus[] = townshipTabs.flatMap((tab) => [...tab.statuses]);

/** 审核确认: what waits for the county. */
export const countyQueueStatuses: ApplicationStatus[] = ['pendingConfirmation'];

export function isTownshipTab(value: string | null): value is TownshipTab {
  return townshipTabs.some((tab) => tab.key === value);
}
