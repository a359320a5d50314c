import { App as AntApp } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { scopePrefix } from '../../../shared/auth/roles';
import type { Household } from '../../../shared/schemas/household';
import { useAuth, useHousehold, useIdNumberHolder, useSaveHousehold, WriteRefusedError } from '../../data';
import { PageTitle } from '../PageTitle';
import { PageState } from '../PageState';
import { usePermissions } from '../usePermissions';
import { DraftNotice } from '../drafts/DraftNotice';
import { useFormDraft } from '../drafts/useFormDraft';
import { emptyHouseholdDraft, householdToDraft, type HouseholdFormState, type HouseholdSubmission } from './householdDraft';
import { HouseholdForm } from './HouseholdForm';

/** /households/new and /households/:id/edit. */
export function HouseholdFormPage() {
  const { id } = useParams();
  const can = usePermissions();
  if (id) return <EditHousehold id={id} />;
  return can.canCreate('households') ? <HouseholdFormScreen existing={undefined} /> : <PageState kind="notAllowed" />;
}

function EditHousehold({ id }: { id: string }) {
  const household = useHousehold(id);
  const can = usePermissions();
  if (household === undefined) return <PageState kind="loading" />;
  if (household === null) return <PageState kind="notFound" />;
  if (!can.canChange('households', 'registration', household)) return <PageState kind="notAllowed" />;
  return <HouseholdFormScreen key={household.id} existing={household} />;
}

function HouseholdFormScreen({ existing }: { existing: Household | undefined }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { message } = AntApp.useApp();
  const { session } = useAuth();
  const saveHousehold = useSaveHousehold();
  const idNumberHolder = useIdNumberHolder();
  const scope = session ? scopePrefix(session.user.role, session.user.areaCode) : '';
  // Kept per record; a new household per user (the drafts are) and scope.
  const draft = useFormDraft<HouseholdFormState>(existing ? `household:${existing.id}` : `household:new:${scope}`, () => ({
    values: existing ? householdToDraft(existing) : emptyHouseholdDraft(),
    areaCode: existing?.areaCode ?? (scope.length === 12 ? scope : undefined),
  }));
  if (!session) return null;
  const backTo = existing ? `/households/${existing.id}` : '/households';

  const save = async (submission: HouseholdSubmission) => {
    try {
      const saved = await saveHousehold(submission, existing?.id);
      draft.saved();
      void message.success(t('household.savedLocally'));
      navigate(`/households/${saved.id}`);
    } catch (error) {
      // The data layer's error may quote what was typed (ID numbers): show a plain message only,
      // unless it is the write policy's, which names fields and never values.
      void message.error(error instanceof WriteRefusedError ? error.message : t('common.saveFailed'));
    }
  };

  return (
    <>
      <PageTitle title={existing ? t('household.form.titleEdit') : t('household.form.titleNew')} backTo={backTo} />
      <DraftNotice draft={draft} />
      <HouseholdForm
        key={draft.generation}
        defaultValues={draft.start.values}
        defaultAreaCode={draft.start.areaCode}
        onChange={draft.keep}
        scope={scope}
        onSubmit={save}
        onCancel={() => navigate(backTo)}
        findIdNumberHolder={(idNumber) => idNumberHolder(idNumber, existing?.id)}
      />
    </>
  );
}
