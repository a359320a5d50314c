import { useCallback } from 'react';
import { map } from 'rxjs';
import type { BenefitChangeInput, BenefitReview } from '../../../shared/rules/benefit';
import type { Application } from '../../../shared/schemas/application';
import { changeBenefit, recordReview } from '../applications/benefitRecords';
import { useWorkspace } from './AppDataProvider';
import { useObservable } from './useObservable';

/** 增发 / 减发 / 渐退期 / 停发; rejects with ActionRefusedError (its messages in Chinese). */
export function useChangeBenefit(): (id: string, input: BenefitChangeInput) => Promise<Application> {
  const workspace = useWorkspace();
  return useCallback((id, input) => changeBenefit(workspace, id, input), [workspace]);
}

export function useRecordReview(): (id: string, review: Omit<BenefitReview, 'id'>) => Promise<Application> {
  const workspace = useWorkspace();
  return useCallback((id, review) => recordReview(workspace, id, review), [workspace]);
}

/** Approved applications held locally (those with a benefit make the 花名册), live. */
export function useApprovedApplications(): { applications: Application[]; loading: boolean } {
  const { db } = useWorkspace();
  return useObservable<{ applications: Application[]; loading: boolean }>(
    () =>
      db.applications
        .find({ selector: { status: 'approved' } })
        .$.pipe(map((docs) => ({ applications: docs.map((d) => d.toJSON() as Application).filter((app) => app.benefit !== undefined), loading: false }))),
    { applications: [], loading: true },
    [db],
  );
}
