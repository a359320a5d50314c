import { Button, Card, Flex, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../../shared/auth/roles';
import { chinaToday } from '../../../shared/domain/chinaTime';
import { allowedActions, type ApplicationAction } from '../../../shared/rules/applicationStatus';
import { addCalendarDays } from '../../../shared/rules/dates';
import { canClosePublicNotice, publicNoticeEndDate } from '../../../shared/rules/deadlines';
import type { Application } from '../../../shared/schemas/application';
import { formatDate } from '../format';
import { usePermissions } from '../usePermissions';
import { ActionModal } from './ActionModal';
import { EmergencyGrantModal } from './EmergencyGrantModal';
import { approvalWaitsForVerification, programmeRecordSteps, type ProgrammeRecordStep } from './programmeRecordSteps';
import { useProgrammeFigures } from './useProgrammeFigures';
import { VerificationModal } from './VerificationModal';

const secondary: readonly ApplicationAction[] = ['return', 'objection'];
const dangerous: readonly ApplicationAction[] = ['refuse', 'withdraw'];

/** 办理: the steps the status machine allows this role now, each opening its small form. */
export function ActionPanel({ application, role }: { application: Application; role: Role }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<ApplicationAction | null>(null);
  const [recording, setRecording] = useState<ProgrammeRecordStep | null>(null);
  const can = usePermissions();
  // The steps of the application's own path (its type, 急难, the 初审 opinion, the county's choice
  // of a 公示 for 医疗救助 in force on its date), and the records it adds.
  const figures = useProgrammeFigures(application);
  const actions = allowedActions(application.status, role, { ...application, countyRequiresPublicNotice: figures('medicalAidPublicNotice') === 1 });
  const records = programmeRecordSteps(application, can);
  const waitsForVerification = actions.includes('approve') && approvalWaitsForVerification(application);
  const negativeOpinion = application.preliminaryReview?.outcome === 'negative' ? application.preliminaryReview.opinion : undefined;
  const today = chinaToday();
  const noticeStart = application.publicNotice?.start;
  // Only a file under 公示 waits for it to end; one sent on without a 公示 goes at once.
  const noticeRunning = actions.includes('sendToCounty') && application.status === 'publicNotice' && (!noticeStart || !canClosePublicNotice(noticeStart, today));

  return (
    <Card
      title={
        <Typography.Title level={3} id="application-actions-title" style={{ margin: 0 }}>
          {t('application.detail.actions.title')}
        </Typography.Title>
      }
      aria-labelledby="application-actions-title"
      style={{ marginBottom: 24, borderColor: actions.length + records.length > 0 ? '#91caff' : undefined }}
      data-testid="application-actions"
    >
      {negativeOpinion !== undefined && (
        <Typography.Paragraph strong style={{ color: '#d46b08' }} data-testid="preliminary-negative">
          {t('programme.preliminary.negativeShown', { opinion: negativeOpinion })}
        </Typography.Paragraph>
      )}
      {actions.length + records.length === 0 ? (
        <Typography.Text type="secondary">{t('application.detail.actions.none')}</Typography.Text>
      ) : (
        <Flex wrap gap={12}>
          {actions.map((action) => (
            <Button
              key={action}
              type={secondary.includes(action) || dangerous.includes(action) ? 'default' : 'primary'}
              danger={dangerous.includes(action)}
              disabled={(action === 'sendToCounty' && noticeRunning) || (action === 'approve' && waitsForVerification)}
              onClick={() => setOpen(action)}
              data-testid={`action-${action}`}
              style={{ minWidth: 120 }}
            >
              {action === 'refuse' && role === 'township' ? t('programme.close.button') : t(`application.action.${action}`)}
            </Button>
          ))}
          {records.map((step) => (
            <Button key={step} onClick={() => setRecording(step)} data-testid={`record-${step}`} style={{ minWidth: 120 }}>
              {t(step === 'verification' ? 'programme.verification.button' : 'programme.emergency.button')}
            </Button>
          ))}
        </Flex>
      )}
      {noticeRunning && noticeStart && (
        <Typography.Paragraph strong style={{ marginTop: 12, marginBottom: 0, color: '#d46b08' }} data-testid="send-to-county-wait">
          {t('application.detail.actions.sendToCountyWait', {
            end: formatDate(publicNoticeEndDate(noticeStart)),
            next: formatDate(addCalendarDays(publicNoticeEndDate(noticeStart), 1)),
          })}
        </Typography.Paragraph>
      )}
      {waitsForVerification && (
        <Typography.Paragraph strong style={{ marginTop: 12, marginBottom: 0, color: '#d46b08' }} data-testid="approve-waits-for-verification">
          {t('programme.verification.needed')}
        </Typography.Paragraph>
      )}
      {recording === 'verification' && <VerificationModal application={application} onClose={() => setRecording(null)} />}
      {recording === 'emergencyGrant' && <EmergencyGrantModal application={application} onClose={() => setRecording(null)} />}
      {open && <ActionModal key={open} application={application} action={open} onClose={() => setOpen(null)} />}
    </Card>
  );
}
