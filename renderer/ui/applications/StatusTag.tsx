import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ApplicationStatus } from '../../../shared/rules/applicationStatus';

const colors: Record<ApplicationStatus, string> = {
  draft: 'default',
  submitted: 'blue',
  returned: 'orange',
  accepted: 'cyan',
  investigating: 'geekblue',
  preliminaryReviewed: 'purple',
  publicNotice: 'gold',
  pendingConfirmation: 'magenta',
  approved: 'green',
  refused: 'red',
  withdrawn: 'default',
};

/** An application's status as a coloured tag: 已申请, 调查中, 公示中 … */
export function StatusTag({ status }: { status: ApplicationStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={colors[status]} variant="outlined" data-testid="application-status" data-status={status} style={{ fontSize: '0.9375rem', padding: '2px 10px' }}>
      {t(`application.status.${status}`)}
    </Tag>
  );
}
