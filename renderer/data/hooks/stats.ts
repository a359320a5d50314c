import { dashboardAnswerSchema } from '../../../shared/wire/dashboard';
import { useEffect, useState } from 'react';
import type { RxCollection } from 'rxdb/plugins/core';
import { combineLatest, map } from 'rxjs';
import { scopePrefix } from '../../../shared/auth/roles';
import { chinaToday } from '../../../shared/domain/chinaTime';
import type { Application } from '../../../shared/schemas/application';
import type { CareNeed } from '../../../shared/schemas/careNeed';
import type { Household } from '../../../shared/schemas/household';
import type { Visit } from '../../../shared/schemas/visit';
import { dashboardFigures, type DashboardFigures } from '../../../shared/stats/figures';
import { useAuth, useWorkspace } from './AppDataProvider';
import { SyncHttpError } from '../core/httpErrors';
import { useObservable } from './useObservable';

export type FigureSource = 'local' | 'server';

export interface DashboardFiguresResult {
  figures: DashboardFigures | null;
  loading: boolean;
  /** An i18n key under `dashboard.error.*`, or null. */
  error: 'offline' | 'outOfScope' | 'server' | null;
  /** The area prefix the figures cover. */
  scope: string;
}

/** The signed-in user's area prefix ('' while signed out). */
export function useScope(): string {
  const { session } = useAuth();
  return session ? scopePrefix(session.user.role, session.user.areaCode) : '';
}

function errorOf(failure: unknown): DashboardFiguresResult['error'] {
  if (failure instanceof SyncHttpError) {
    if (failure.kind === 'network') return 'offline';
    if (failure.kind === 'forbidden') return 'outOfScope';
  }
  return 'server';
}

/** Everything in the local database within `prefix`, live, as the figures. */
function useLocalFigures(prefix: string, enabled: boolean): DashboardFigures | null {
  const { db } = useWorkspace();
  return useObservable<DashboardFigures | null>(
    () => {
      // The laptop holds only its own scope; a narrower area is filtered here.
      const all = <T extends { areaCode: string }>(name: 'households' | 'visits' | 'applications' | 'careNeeds') =>
        (db[name] as unknown as RxCollection<T>)
          .find()
          .$.pipe(map((docs) => docs.map((doc) => doc.toJSON() as T).filter((doc) => doc.areaCode.startsWith(prefix))));
      return combineLatest([all<Household>('households'), all<Application>('applications'), all<Visit>('visits'), all<CareNeed>('careNeeds')]).pipe(
        map(([households, applications, visits, careNeeds]) =>
          enabled ? dashboardFigures({ households, applications, visits, careNeeds, today: chinaToday(), scope: prefix }) : null,
        ),
      );
    },
    null,
    [db, prefix, enabled],
  );
}

/**
 * The dashboard's figures. `local` computes them on this laptop from its own records (village
 * and township scopes); `server` asks the server's scoped endpoint (county and city scopes, too
 * large to hold here), which needs a network. `areaPrefix` narrows the area (never widens it).
 */
export function useDashboardFigures(source: FigureSource, areaPrefix?: string): DashboardFiguresResult {
  const { client } = useWorkspace();
  const own = useScope();
  const prefix = areaPrefix && areaPrefix.startsWith(own) ? areaPrefix : own;
  const local = useLocalFigures(prefix, source === 'local');
  const [remote, setRemote] = useState<{ key: string; figures: DashboardFigures | null; error: DashboardFiguresResult['error'] } | null>(null);
  const key = `${source}:${prefix}`;

  useEffect(() => {
    if (source !== 'server') return;
    let live = true;
    const query = prefix === own ? '' : `?areaPrefix=${encodeURIComponent(prefix)}`;
    client
      .call('GET', `/api/v1/stats/dashboard${query}`, dashboardAnswerSchema)
      .then((answer) => live && setRemote({ key, figures: answer.figures, error: null }))
      .catch((failure: unknown) => live && setRemote({ key, figures: null, error: errorOf(failure) }));
    return () => {
      live = false;
    };
  }, [client, source, prefix, own, key]);

  if (source === 'local') return { figures: local, loading: local === null, error: null, scope: prefix };
  const current = remote?.key === key ? remote : null;
  return { figures: current?.figures ?? null, loading: current === null, error: current?.error ?? null, scope: prefix };
}
