import { Alert, App as AntApp, Descriptions } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { areaLabel } from '../../../shared/areas';
import type { Application } from '../../../shared/schemas/application';
import { headOf, type Household } from '../../../shared/schemas/household';
import { ActionRefusedError, useApplication, useApplyAction, useCreateApplication, useHousehold, useUpdateApplication } from '../../data';
import { PageState } from '../PageState';
import { usePermissions } from '../usePermissions';
import { PageTitle } from '../PageTitle';
import { DraftNotice } from '../drafts/DraftNotice';
import { useFormDraft } from '../drafts/useFormDraft';
import { applicationToDraft, emptyApplicationDraft, type ApplicationDraft, type ApplicationValues } from './applicationDraft';
import { ApplicationForm } from './ApplicationForm';

/** /households/:id/applications/new — 发起救助申请 for a household. */
export function NewApplicationPage() {
  const { id = '' } = useParams();
  const household = useHousehold(id);
  const can = usePermissions();
  if (household === undefined) return <PageState kind="loading" />;
  if (household === null) return <PageState kind="notFound" />;
  if (!can.canCreate('applications') || household.archived) return <PageState kind="notAllowed" />;
  return <ApplicationFormScreen key={household.id} household={household} existing={undefined} />;
}

/** /applications/:id/edit — while the application is a draft or returned for documents. */
export function EditApplicationPage() {
  const { id = '' } = useParams();
  const application = useApplication(id);
  const household = useHousehold(application?.householdId ?? '');
  const can = usePermissions();
  if (application === undefined || (application && household === undefined)) return <PageState kind="loading" />;
  if (application === null || !household) return <PageState kind="notFound" />;
  if (!can.canChange('applications', 'declaration', application)) return <PageState kind="notAllowed" />;
  return <ApplicationFormScreen key={application.id} household={household} existing={application} />;
}

function ApplicationFormScreen({ household, existing }: { household: Household; existing: Application | undefined }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { message } = AntApp.useApp();
  const createApplication = useCreateApplication();
  const updateApplication = useUpdateApplication();
  const applyAction = useApplyAction();
  const backTo = existing ? `/applications/${existing.id}` : `/households/${household.id}`;
  const editable = !existing || existing.status === 'draft' || existing.status === 'returned';
  const draft = useFormDraft<ApplicationDraft>(
    existing ? `application:${existing.id}` : `application:new:${household.id}`,
    () => (existing ? applicationToDraft(existing) : emptyApplicationDraft(household)),
    { enabled: editable },
  );

  const save = async (values: ApplicationValues, submit: boolean) => {
    let saved: Application;
    try {
      saved = existing ? await updateApplication(existing.id, values) : await createApplication(household.id, values);
    } catch (error) {
      void message.error(error instanceof ActionRefusedError ? error.problems.join('；') : t('common.saveFailed'));
      return;
    }
    // The record holds what was typed now (提交 may still be refused below).
    draft.saved();
    if (submit) {
      try {
        await applyAction(saved.id, 'submit');
      } catch (error) {
        // Saved as a draft; the detail page offers 提交申请 again.
        void message.warning(error instanceof ActionRefusedError ? error.problems.join('；') : t('common.saveFailed'));
        navigate(`/applications/${saved.id}`);
        return;
      }
    }
    void message.success(t('application.savedLocally'));
    navigate(`/applications/${saved.id}`);
  };

  return (
    <>
      <PageTitle title={existing ? t('application.form.titleEdit') : t('application.form.titleNew')} backTo={backTo} />
      <Descriptions
        size="small"
        column={1}
        style={{ marginBottom: 16 }}
        items={[
          {
            key: 'household',
            label: t('application.form.household'),
            children: [headOf(household)?.name ?? t('household.noHead'), areaLabel(household.areaCode), household.address].join(' · '),
          },
        ]}
      />
      {editable && <DraftNotice draft={draft} />}
      {editable ? (
        <ApplicationForm
          key={draft.generation}
          household={household}
          defaultValues={draft.start}
          onChange={draft.keep}
          onSubmit={save}
          onCancel={() => navigate(backTo)}
        />
      ) : (
        <Alert type="info" showIcon title={t('application.form.notEditable')} data-testid="application-not-editable" />
      )}
    </>
  );
}
