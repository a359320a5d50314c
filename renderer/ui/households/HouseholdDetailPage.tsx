import { EditOutlined, FileAddOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { useHousehold } from '../../data';
import { PageState } from '../PageState';
import { PageTitle } from '../PageTitle';
import { VisitList } from '../visits/VisitList';
import { HouseholdSummary } from './HouseholdSummary';
import { MembersTable } from './MembersTable';

/** /households/:id — the household, its members and its visits; 编辑 and 登记走访. */
export function HouseholdDetailPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { id = '' } = useParams();
  const household = useHousehold(id);
  if (household === undefined) return <PageState kind="loading" />;
  if (household === null) return <PageState kind="notFound" />;

  return (
    <>
      <PageTitle
        title={t('household.detail.title')}
        backTo="/households"
        backLabel={t('household.detail.backToList')}
        actions={
          <>
            <Button icon={<EditOutlined />} onClick={() => navigate(`/households/${household.id}/edit`)} data-testid="household-edit">
              {t('household.detail.edit')}
            </Button>
            <Button type="primary" icon={<FileAddOutlined />} onClick={() => navigate(`/households/${household.id}/visits/new`)} data-testid="visit-new">
              {t('household.detail.newVisit')}
            </Button>
          </>
        }
      />
      <HouseholdSummary household={household} />
      <MembersTable members={household.members} />
      <VisitList householdId={household.id} />
    </>
  );
}
