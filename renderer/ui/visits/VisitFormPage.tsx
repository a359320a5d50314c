import { App as AntApp, Descriptions } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { headOf } from '../../../shared/schemas/household';
import { useAuth, useHousehold, useSaveVisit } from '../../data';
import { todayIsoDate } from '../format';
import { PageState } from '../PageState';
import { PageTitle } from '../PageTitle';
import { VisitForm, type VisitValues } from './VisitForm';

/** /households/:id/visits/new — record a visit, then back to the household. */
export function VisitFormPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { message } = AntApp.useApp();
  const { id = '' } = useParams();
  const household = useHousehold(id);
  const { session } = useAuth();
  const saveVisit = useSaveVisit();
  if (household === undefined) return <PageState kind="loading" />;
  if (household === null || !session) return <PageState kind="notFound" />;
  const backTo = `/households/${household.id}`;

  const save = async (values: VisitValues) => {
    try {
      await saveVisit(household.id, values);
      void message.success(t('visit.savedLocally'));
      navigate(backTo);
    } catch {
      void message.error(t('common.saveFailed'));
    }
  };

  return (
    <>
      <PageTitle title={t('visit.form.title')} backTo={backTo} />
      <Descriptions
        size="small"
        column={1}
        style={{ marginBottom: 16 }}
        items={[
          {
            key: 'household',
            label: t('visit.form.household'),
            children: [headOf(household)?.name ?? t('household.noHead'), household.address].join(' · '),
          },
        ]}
      />
      <VisitForm
        defaultValues={{
          type: 'routine',
          visitDate: todayIsoDate(),
          investigators: [session.user.displayName],
          findings: '',
          nextVisitDate: undefined,
        }}
        onSubmit={save}
        onCancel={() => navigate(backTo)}
      />
    </>
  );
}
