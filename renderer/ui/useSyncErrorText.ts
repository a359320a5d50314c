import { useTranslation } from 'react-i18next';

const syncErrorKeys = ['network', 'unauthorized', 'revoked', 'forbidden', 'server', 'invalid'] as const;
type SyncErrorKey = `sync.error.${(typeof syncErrorKeys)[number]}`;

function isSyncErrorKey(value: string): value is SyncErrorKey {
  return (syncErrorKeys as readonly string[]).some((name) => value === `sync.error.${name}`);
}

/** The data layer reports sync errors as i18n keys (`sync.error.*`); an unknown key reads as a generic retry note. */
export function useSyncErrorText(lastError: string | null): string | null {
  const { t } = useTranslation();
  if (lastError === null) return null;
  return isSyncErrorKey(lastError) ? t(lastError) : t('sync.error.unknown');
}
