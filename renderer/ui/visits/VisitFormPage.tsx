import { App as AntApp, Alert, Button, Descriptions } from 'antd';
import { useCallback, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { headOf, type Household } from '../../../shared/schemas/household';
import type { Visit } from '../../../shared/schemas/visit';
import { liveBenefitApplication } from '../../../shared/rules/benefit';
import { useApplications, useAuth, useDraft, useHousehold, useSaveAttachment, useSaveVisit, WriteRefusedError } from '../../data';
import { formatDateTime, todayIsoDate } from '../format';
import { PageState } from '../PageState';
import { PageTitle } from '../PageTitle';
import {
  emptyVisitValues,
  restoreVisitValues,
  visitDraftKey,
  type VisitDraftState,
  type VisitFormValues,
  type VisitValues,
} from './visitDraft';
import { VisitForm } from './VisitForm';
import type { AddedFile } from '../attachments/AttachmentAdder';
import { PendingAttachments } from '../attachments/PendingAttachments';
import { usePermissions } from '../usePermissions';
import { useLeaveGuard } from '../drafts/useLeaveGuard';

/** /households/:id/visits/new — the 入户调查表, kept as a draft as it is filled in; then back to the household. */
export function VisitFormPage() {
  const { id = '' } = useParams();
  const household = useHousehold(id);
  const can = usePermissions();
  if (household === undefined) return <PageState kind="loading" />;
  if (household === null) return <PageState kind="notFound" />;
  if (!can.canCreate('visits') || household.archived) return <PageState kind="notAllowed" />;
  return <VisitFormScreen key={household.id} household={household} />;
}

function VisitFormScreen({ household }: { household: Household }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { message } = AntApp.useApp();
  const { session } = useAuth();
  const saveVisit = useSaveVisit();
  const saveAttachment = useSaveAttachment();
  // Photos, certificates and signatures taken while filling in: saved with the visit (not in the draft).
  const [files, setFiles] = useState<AddedFile[]>([]);
  const { draft, saveDraft, clearDraft } = useDraft<VisitDraftState>(visitDraftKey(household.id));
  const investigator = session?.user.displayName ?? '';
  const memberIds = useMemo(() => household.members.map((member) => member.id), [household.members]);
  // What the form starts from; a new value (and a new form) when the draft is discarded.
  const [start, setStart] = useState(() => {
    const empty = emptyVisitValues(investigator, todayIsoDate());
    return draft
      ? { values: restoreVisitValues(draft.values, empty, memberIds), step: draft.step, restoredAt: draft.savedAt, generation: 0 }
      : { values: empty, step: 0, restoredAt: null as number | null, generation: 0 };
  });
  const backTo = `/households/${household.id}`;
  // A household receiving a monthly benefit: this visit is its review and says what it found.
  const { applications } = useApplications({ householdId: household.id });
  const reviewAsked = liveBenefitApplication(applications, todayIsoDate()) !== undefined;

  // Once saved, nothing more goes into the draft (a last change event must not bring it back).
  const saved = useRef(false);
  // Leaving asks first while a draft holds something.
  const unsaved = useRef(draft !== null);
  useLeaveGuard(useCallback(() => unsaved.current && !saved.current, []));
  const keepDraft = useCallback(
    (values: VisitFormValues, step: number) => {
      if (saved.current) return;
      unsaved.current = true;
      saveDraft({ values, step, savedAt: Date.now() });
    },
    [saveDraft],
  );

  const discard = () => {
    clearDraft();
    unsaved.current = false;
    setStart((previous) => ({
      values: emptyVisitValues(investigator, todayIsoDate()),
      step: 0,
      restoredAt: null,
      generation: previous.generation + 1,
    }));
    void message.info(t('visitSurvey.draftDiscarded'));
  };

  // When a file fails to save after its visit has, 保存 again must not record the visit twice.
  const savedVisit = useRef<Visit | null>(null);
  const savedFiles = useRef(new Set<AddedFile>());
  const save = async (values: VisitValues) => {
    try {
      saved.current = true;
      savedVisit.current ??= await saveVisit(household.id, values);
      const visit = savedVisit.current;
      for (const file of files) {
        if (savedFiles.current.has(file)) continue;
        await saveAttachment({ owner: { collection: 'visits', id: visit.id }, kind: file.kind, bytes: file.bytes, contentType: file.contentType, name: file.name });
        savedFiles.current.add(file);
      }
      clearDraft();
      void message.success(t('visit.savedLocally'));
      navigate(backTo);
    } catch (error) {
      saved.current = false;
      void message.error(error instanceof WriteRefusedError ? error.message : t('common.saveFailed'));
    }
  };

  return (
    <>
      <PageTitle title={t('visitSurvey.title')} backTo={backTo} />
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
      {start.restoredAt !== null && (
        <Alert
          type="info"
          showIcon
          title={t('visitSurvey.draftRestored')}
          description={t('visitSurvey.draftRestoredDetail', { time: formatDateTime(start.restoredAt) })}
          action={
            <Button danger onClick={discard} data-testid="visit-draft-discard">
              {t('visitSurvey.discardDraft')}
            </Button>
          }
          data-testid="visit-draft-restored"
          style={{ marginBottom: 16, maxWidth: 860 }}
        />
      )}
      <PendingAttachments files={files} onChange={setFiles} />
      <VisitForm
        key={start.generation}
        defaultValues={start.values}
        initialStep={start.step}
        members={household.members}
        onDraftChange={keepDraft}
        onSubmit={save}
        onCancel={() => {
          // 稍后再填 is leaving on purpose, the draft kept: nothing to ask.
          unsaved.current = false;
          navigate(backTo);
        }}
        reviewAsked={reviewAsked}
      />
    </>
  );
}
