import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';

/** Signed in against the local profile: normal, not an error — a calm blue note. */
export function OfflineBanner() {
  const { t } = useTranslation();
  return <Alert type="info" showIcon banner title={t('layout.offlineBanner')} data-testid="offline-banner" />;
}
