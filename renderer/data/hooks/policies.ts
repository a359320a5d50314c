import { useCallback } from 'react';
import type { NewPolicyPeriod } from '../../../shared/schemas/policyPeriod';
import { policyPeriodAnswerSchema, type PolicyPeriodAnswer } from '../../../shared/wire/policies';
import { SyncHttpError } from '../core/httpErrors';
import { useWorkspace } from './AppDataProvider';

/** Why setting a period failed, as an i18n key under `policies.error.*`. */
export function policyErrorKey(error: unknown): string {
  if (error instanceof SyncHttpError) {
    if (error.kind === 'network') return 'policies.error.offline';
    if (error.code === 'period_not_after_current') return 'policies.error.notAfterCurrent';
    if (error.kind === 'forbidden') return 'policies.error.forbidden';
    if (error.kind === 'invalid') return 'policies.error.invalid';
  }
  return 'policies.error.server';
}

/**
 * Sets a new period of figures on the server (online only, like account administration: never
 * queued), then pulls at once so this laptop holds the new period and the closed one.
 */
export function useSetPolicyPeriod(): (period: NewPolicyPeriod) => Promise<PolicyPeriodAnswer> {
  const { client, sync } = useWorkspace();
  return useCallback(
    async (period) => {
      const answer = await client.call('POST', '/api/v1/policies', policyPeriodAnswerSchema, period);
      sync.syncNow();
      return answer;
    },
    [client, sync],
  );
}
