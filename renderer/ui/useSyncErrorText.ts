import { useTranslation } from 'react-i18next';

const syncErrorKeys = ['network', 'unauthorized', 'revoked', 'forbidden', 'server', 'invalid'] as const;
type SyncErrorKey = `sync.error.${(typeof syncErrorKeys)[number]}`;

function isSyncErrorKey(value: string): value is SyncErrorKey {
  return (syncErrorKeys as readonly string[]).some((name) => value === `sync.error.${name}`);
}

/**
 * The data layer reports sync errors as i18n keys (`sync.error.*`); an unknown key reads as a
 * generic retry note. A refused old app names the version to update to (`requiredAppVersion`).
 */
export function useSyncErrorText(lastError: string | null, requiredAppVersion?: string | null): string | null {
  const { t } = useTranslation();
  if (lastError === null) return null;
  if (lastError === 'sync.error.tooOld') return t('sync.error.tooOld', { version: requiredAppVersion ?? '' });
  return isSyncErrorKey(lastError) ? t(lastError) : t('sync.error.unknown');
}
