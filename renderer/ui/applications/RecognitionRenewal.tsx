import { Alert, App as AntApp, Button } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { isRenewableRecognition, renewalOf } from '../../../shared/rules/recognitionRenewal';
import type { Application } from '../../../shared/schemas/application';
import { ActionRefusedError, useApplications, useRenewRecognition } from '../../data';
import { formatDate } from '../format';
import { usePermissions } from '../usePermissions';

/**
 * 重新认定 on an approved 边缘 or 刚性支出 recognition: until it is assessed again, the village or
 * the township starts the new application here (from last time's declaration); afterwards, a link
 * to it.
 */
export function RecognitionRenewal({ application }: { application: Application }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const navigate = useNavigate();
  const can = usePermissions();
  const renew = useRenewRecognition();
  const { applications } = useApplications({ householdId: application.householdId });
  const [busy, setBusy] = useState(false);
  const validUntil = application.decision?.validUntil;
  if (!isRenewableRecognition(application) || validUntil === undefined) return null;
  const renewal = renewalOf(application, applications);

  const start = async () => {
    setBusy(true);
    try {
      const draft = await renew(application.id);
      void message.success(t('programme.renewal.started'));
      navigate(`/applications/${draft.id}/edit`);
    } catch (error) {
      void message.error(error instanceof ActionRefusedError ? error.problems.join('；') : t('common.saveFailed'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Alert
      type={renewal ? 'success' : 'info'}
      showIcon
      style={{ marginBottom: 16 }}
      data-testid="recognition-renewal"
      title={renewal ? t('programme.renewal.started') : t('programme.renewal.hint', { date: formatDate(validUntil) })}
      action={
        renewal ? (
          <Button onClick={() => navigate(`/applications/${renewal.id}`)} data-testid="recognition-renewal-open">
            {t('programme.renewal.open')}
          </Button>
        ) : (
          can.canCreate('applications') && (
            <Button type="primary" loading={busy} onClick={() => void start()} data-testid="recognition-renew">
              {t('programme.renewal.button')}
            </Button>
          )
        )
      }
    />
  );
}
