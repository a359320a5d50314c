import { endOfDayAnswerSchema } from '../../../shared/wire/endOfDay';
import { useCallback, useEffect, useState } from 'react';
import type { EndOfDayReport } from '../../../shared/stats/endOfDay';
import { useWorkspace } from './AppDataProvider';
import { SyncHttpError } from '../core/httpErrors';

export type EndOfDayError = 'offline' | 'forbidden' | 'failed';

export interface EndOfDayState {
  report: EndOfDayReport | null;
  loading: boolean;
  /** An i18n key under `endOfDay.*`, or null. */
  error: EndOfDayError | null;
  reload: () => void;
}

function errorOf(failure: unknown): EndOfDayError {
  if (failure instanceof SyncHttpError) {
    if (failure.kind === 'network') return 'offline';
    if (failure.kind === 'forbidden') return 'forbidden';
  }
  return 'failed';
}

/**
 * 今日汇总 from the server (`GET /api/v1/reports/end-of-day`). Online only: nothing is kept or
 * queued; without a network the page says so and the sync centre still shows what this laptop
 * has received.
 */
export function useEndOfDayReport(date: string, staleDays: number): EndOfDayState {
  const { client } = useWorkspace();
  const [state, setState] = useState<{ key: string; report: EndOfDayReport | null; error: EndOfDayError | null } | null>(null);
  const [round, setRound] = useState(0);
  const key = `${date}:${staleDays}:${round}`;

  useEffect(() => {
    let live = true;
    const query = new URLSearchParams({ date, staleDays: String(staleDays) });
    client
      .call('GET', `/api/v1/reports/end-of-day?${query}`, endOfDayAnswerSchema)
      .then((answer) => live && setState({ key, report: answer.report, error: null }))
      .catch((failure: unknown) => live && setState({ key, report: null, error: errorOf(failure) }));
    return () => {
      live = false;
    };
  }, [client, date, staleDays, key]);

  const reload = useCallback(() => setRound((n) => n + 1), []);
  const current = state?.key === key ? state : null;
  return { report: current?.report ?? null, loading: current === null, error: current?.error ?? null, reload };
}
