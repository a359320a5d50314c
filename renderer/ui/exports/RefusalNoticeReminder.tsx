import { PrinterOutlined } from '@ant-design/icons';
import { Alert, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { Role } from '../../../shared/auth/roles';
import { chinaToday } from '../../../shared/domain/chinaTime';
import { refusalNoticeOf } from '../../../shared/exports/refusalNotice';
import { compareDates } from '../../../shared/rules/dates';
import type { Application } from '../../../shared/schemas/application';
import type { Household } from '../../../shared/schemas/household';
import { applicationFormsFor } from './paperForms';

/**
 * On a refused application, for those who issue it: the 不予批准通知书 is due within 3 working days
 * of the decision (B1 step 6) — by which day, and a button to print it.
 */
export function RefusalNoticeReminder({ application, household, role }: { application: Application; household: Household; role: Role }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const notice = refusalNoticeOf(application, household);
  if (!notice || !applicationFormsFor(application.status, role).some((form) => form.key === 'refusal-notice')) return null;
  const overdue = compareDates(chinaToday(), notice.dueBy) > 0;
  return (
    <Alert
      type={overdue ? 'warning' : 'info'}
      showIcon
      style={{ marginBottom: 16 }}
      data-testid="refusal-notice-due"
      title={t(overdue ? 'exports.print.refusalOverdue' : 'exports.print.refusalDue', { decided: notice.decidedOn, due: notice.dueBy })}
      action={
        <Button icon={<PrinterOutlined />} onClick={() => navigate(`/print/applications/${application.id}/refusal-notice`)}>
          {t('exports.print.refusalNotice')}
        </Button>
      }
    />
  );
}
