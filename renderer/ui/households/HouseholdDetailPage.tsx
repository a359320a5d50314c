import { EditOutlined, FileAddOutlined } from '@ant-design/icons';
import { Alert, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { useAuth, useDraft, useHousehold } from '../../data';
import { usePermissions } from '../usePermissions';
import { HouseholdApplications, NewApplicationButton } from '../applications/HouseholdApplications';
import { CareNeedSection } from '../careNeeds/CareNeedSection';
import { formatDate } from '../format';
import { PageState } from '../PageState';
import { PageTitle } from '../PageTitle';
import { VisitList } from '../visits/VisitList';
import { AttachmentPanel } from '../attachments/AttachmentPanel';
import { visitDraftKey, type VisitDraftState } from '../visits/visitDraft';
import { ArchiveHouseholdButton } from './ArchiveHouseholdButton';
import { HouseholdSituation } from './HouseholdSituation';
import { HouseholdSummary } from './HouseholdSummary';
import { MembersTable } from './MembersTable';
import { ResidenceControl } from './ResidenceControl';
import { AwaitingCountyTag } from '../relay/AwaitingCountyTag';

/**
 * /households/:id — the household, its situation, members, visits and care needs; 编辑,
 * 登记走访 (继续填写走访 when a draft is waiting) and 归档.
 */
export function HouseholdDetailPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { id = '' } = useParams();
  const household = useHousehold(id);
  const can = usePermissions();
  const role = useAuth().session?.user.role;
  const { draft: visitDraft } = useDraft<VisitDraftState>(visitDraftKey(id));
  if (household === undefined) return <PageState kind="loading" />;
  if (household === null) return <PageState kind="notFound" />;
  const archived = household.archived;
  // What this user may do here, from the table the server enforces (shared/sync/writePolicy.ts).
  const canEdit = can.canChange('households', 'registration', household);
  const canArchive = !archived && can.canChange('households', 'archived', household);
  const canWork = (collection: 'visits' | 'attachments' | 'careNeeds') => !archived && can.canCreate(collection);

  return (
    <>
      <PageTitle
        title={
          <>
            {t('household.detail.title')} <AwaitingCountyTag collection="households" id={household.id} />
          </>
        }
        backTo="/households"
        backLabel={t('household.detail.backToList')}
        actions={
          <>
            {canEdit && (
              <Button icon={<EditOutlined />} onClick={() => navigate(`/households/${household.id}/edit`)} data-testid="household-edit">
                {t('household.detail.edit')}
              </Button>
            )}
            {canArchive && <ArchiveHouseholdButton householdId={household.id} />}
            {!archived && <NewApplicationButton householdId={household.id} />}
            {canWork('visits') && (
              <Button type="primary" icon={<FileAddOutlined />} onClick={() => navigate(`/households/${household.id}/visits/new`)} data-testid="visit-new">
                {visitDraft ? t('visitSurvey.continueDraft') : t('household.detail.newVisit')}
              </Button>
            )}
          </>
        }
      />
      {archived && (
        <Alert
          type="warning"
          showIcon
          title={t('householdExtra.detail.archivedBanner', { date: formatDate(archived.at) })}
          description={t('householdExtra.detail.archivedReason', { reason: archived.reason })}
          data-testid="household-archived-banner"
          style={{ marginBottom: 16 }}
        />
      )}
      <HouseholdSummary household={household} />
      <HouseholdSituation household={household} />
      <ResidenceControl household={household} />
      <MembersTable members={household.members} />
      <VisitList householdId={household.id} />
      <AttachmentPanel owner={{ collection: 'households', id: household.id }} canAdd={canWork('attachments')} />
      <HouseholdApplications household={household} />
      {/* 照料需求 are the social worker's; the township, county and city see them, the village does not. */}
      {role && role !== 'assistant' && role !== 'admin' && <CareNeedSection household={household} canEdit={canWork('careNeeds')} />}
    </>
  );
}
