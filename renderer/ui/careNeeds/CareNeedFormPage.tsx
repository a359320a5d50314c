import { App as AntApp, Button, Descriptions, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { areaLabel } from '../../../shared/areas';
import type { CareNeed } from '../../../shared/schemas/careNeed';
import { headOf, type Household } from '../../../shared/schemas/household';
import { useCareNeed, useHousehold, useSaveCareNeed, WriteRefusedError } from '../../data';
import { PageState } from '../PageState';
import { usePermissions } from '../usePermissions';
import { PageTitle } from '../PageTitle';
import { DraftNotice } from '../drafts/DraftNotice';
import { useFormDraft } from '../drafts/useFormDraft';
import { careNeedToValues, emptyCareNeedValues, type CareNeedFormValues, type CareNeedValues } from './careNeedDraft';
import { CareNeedForm } from './CareNeedForm';

/** /households/:id/care-needs/new — a new care need for the household. */
export function CareNeedNewPage() {
  const { id = '' } = useParams();
  const household = useHousehold(id);
  if (household === undefined) return <PageState kind="loading" />;
  if (household === null) return <PageState kind="notFound" />;
  return <CareNeedScreen key={household.id} household={household} existing={undefined} />;
}

/** /care-needs/:id — one care need: editable for social workers, read-only for everyone else. */
export function CareNeedEditPage() {
  const { id = '' } = useParams();
  const need = useCareNeed(id);
  if (need === undefined) return <PageState kind="loading" />;
  if (need === null) return <CareNeedNotFound />;
  return <CareNeedOfHousehold need={need} />;
}

function CareNeedOfHousehold({ need }: { need: CareNeed }) {
  const household = useHousehold(need.householdId);
  if (household === undefined) return <PageState kind="loading" />;
  if (household === null) return <PageState kind="notFound" />;
  return <CareNeedScreen key={`${need.id}:${need.updatedAt}`} household={household} existing={need} />;
}

function CareNeedNotFound() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Result
      status="404"
      title={t('careNeed.form.notFound')}
      data-testid="page-not-found"
      extra={
        <Button type="primary" onClick={() => navigate('/care-needs')}>
          {t('careNeed.form.backToList')}
        </Button>
      }
    />
  );
}

function CareNeedScreen({ household, existing }: { household: Household; existing: CareNeed | undefined }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { message } = AntApp.useApp();
  const can = usePermissions();
  const saveCareNeed = useSaveCareNeed();
  // Only the social worker writes care needs (the write policy); the township reads them here.
  const readOnly = existing ? !can.canChange('careNeeds', 'need', existing) : !can.canCreate('careNeeds') || Boolean(household.archived);
  const backTo = existing ? '/care-needs' : `/households/${household.id}`;
  const draft = useFormDraft<CareNeedFormValues>(
    existing ? `careNeed:${existing.id}` : `careNeed:new:${household.id}`,
    () => (existing ? careNeedToValues(existing) : emptyCareNeedValues()),
    { enabled: !readOnly },
  );

  const save = async (values: CareNeedValues) => {
    try {
      await saveCareNeed(household.id, values, existing?.id);
      draft.saved();
      void message.success(t('careNeed.form.savedLocally'));
      navigate(backTo);
    } catch (error) {
      void message.error(error instanceof WriteRefusedError ? error.message : t('common.saveFailed'));
    }
  };

  return (
    <>
      <PageTitle
        title={existing ? t('careNeed.form.titleEdit') : t('careNeed.form.titleNew')}
        backTo={backTo}
        backLabel={existing ? t('careNeed.form.backToList') : t('household.detail.title')}
      />
      <Descriptions
        size="small"
        column={1}
        style={{ marginBottom: 16 }}
        items={[
          {
            key: 'household',
            label: t('careNeed.form.household'),
            children: (
              <Button type="link" style={{ padding: 0, height: 'auto', fontSize: '1rem' }} onClick={() => navigate(`/households/${household.id}`)} data-testid="care-need-household">
                {[headOf(household)?.name ?? t('household.noHead'), areaLabel(household.areaCode), household.address].join(' · ')}
              </Button>
            ),
          },
        ]}
      />
      {!readOnly && <DraftNotice draft={draft} />}
      <CareNeedForm
        key={draft.generation}
        defaultValues={draft.start}
        onChange={draft.keep}
        members={household.members}
        readOnly={readOnly}
        onSubmit={save}
        onCancel={() => navigate(backTo)}
      />
    </>
  );
}
