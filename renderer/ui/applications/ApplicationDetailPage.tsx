import { EditOutlined, HomeOutlined } from '@ant-design/icons';
import { Button, Col, Row } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { chinaToday } from '../../../shared/domain/chinaTime';
import { useApplication, useAuth, useHousehold } from '../../data';
import { ApplicationPrintButton } from '../exports/ApplicationPrintButton';
import { RefusalNoticeReminder } from '../exports/RefusalNoticeReminder';
import { PageState } from '../PageState';
import { usePermissions } from '../usePermissions';
import { PageTitle } from '../PageTitle';
import { BenefitPanel } from '../caseLife/BenefitPanel';
import { ActionPanel } from './ActionPanel';
import { RecognitionRenewal } from './RecognitionRenewal';
import { deadlinesOf, memberOf } from './applicationFacts';
import { ApplicationSummary } from './ApplicationSummary';
import { DeadlinesPanel } from './DeadlinesPanel';
import { DocumentsPanel } from './DocumentsPanel';
import { EligibilityPanel } from './EligibilityPanel';
import { HistoryTimeline } from './HistoryTimeline';
import { TrackingCodePanel } from './TrackingCodePanel';

/**
 * /applications/:id — who applies for what and where it stands; the documents and the one-time
 * notice; the deadlines; the eligibility preview; the history; and the steps this user may take.
 */
export function ApplicationDetailPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { id = '' } = useParams();
  const { session } = useAuth();
  const application = useApplication(id);
  const can = usePermissions();
  const household = useHousehold(application?.householdId ?? '');
  if (application === undefined || (application && household === undefined)) return <PageState kind="loading" />;
  if (application === null || !household || !session) return <PageState kind="notFound" />;
  const { role } = session.user;
  const editable = can.canChange('applications', 'declaration', application);
  const applicant = memberOf(household, application.applicantMemberId)?.name ?? '';

  return (
    <>
      <PageTitle
        title={t('application.detail.titleWithName', { name: applicant, type: t(`application.type.${application.type}`) })}
        backTo="/applications"
        backLabel={t('application.detail.backToList')}
        actions={
          <>
            <Button icon={<HomeOutlined />} onClick={() => navigate(`/households/${household.id}`)} data-testid="application-open-household">
              {t('application.detail.openHousehold')}
            </Button>
            <ApplicationPrintButton applicationId={application.id} status={application.status} role={role} />
            {editable && (
              <Button icon={<EditOutlined />} onClick={() => navigate(`/applications/${application.id}/edit`)} data-testid="application-edit">
                {t('application.detail.edit')}
              </Button>
            )}
          </>
        }
      />
      <ApplicationSummary application={application} household={household} />
      <RefusalNoticeReminder application={application} household={household} role={role} />
      <ActionPanel application={application} role={role} />
      <BenefitPanel application={application} role={role} />
      <RecognitionRenewal application={application} />
      <Row gutter={[24, 0]}>
        <Col xs={24} xl={12}>
          <DocumentsPanel application={application} household={household} />
          <DeadlinesPanel deadlines={deadlinesOf(application, chinaToday())} />
          <TrackingCodePanel application={application} />
        </Col>
        <Col xs={24} xl={12}>
          <HistoryTimeline application={application} />
        </Col>
      </Row>
      <EligibilityPanel application={application} household={household} />
    </>
  );
}
