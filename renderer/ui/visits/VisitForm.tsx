import { Alert, Button, Flex, Form, Steps, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useForm, type FieldErrors } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { Member } from '../../../shared/schemas/household';
import { focusNextOnEnter } from '../forms/focusNextOnEnter';
import { visitResolver, visitSteps, type VisitFormContext, type VisitFormValues, type VisitValues } from './visitDraft';
import { VisitBasicStep } from './VisitBasicStep';
import { VisitLivingStep } from './VisitLivingStep';
import { VisitNeedsStep } from './VisitNeedsStep';

export interface VisitFormProps {
  defaultValues: VisitFormValues;
  /** The section to open on (a restored draft opens where it was left). */
  initialStep: number;
  /** The household's members, for 在场成员. */
  members: Member[];
  /** Every change, at once: the page keeps it as a draft. */
  onDraftChange: (values: VisitFormValues, step: number) => void;
  /** Called only with valid values; rejects when saving failed. */
  onSubmit: (values: VisitValues) => Promise<void>;
  onCancel: () => void;
  /** The household receives a monthly benefit: the visit is its review and gives a 复核结论. */
  reviewAsked?: boolean;
}

const LAST_STEP = visitSteps.length - 1;

function stepHasErrors(errors: FieldErrors<VisitFormValues>, step: number): boolean {
  return visitSteps[step]?.fields.some((field) => errors[field] !== undefined) ?? false;
}

/**
 * 入户调查表 in three sections with a step bar — 基本情况 / 家庭经济与生活状况 / 需求与下次走访.
 * 下一步 checks the section first; 保存 checks everything and opens the first section with an
 * error. Every change is handed to `onDraftChange` at once.
 */
export function VisitForm({ defaultValues, initialStep, members, onDraftChange, onSubmit, onCancel, reviewAsked = false }: VisitFormProps) {
  const { t } = useTranslation();
  const [step, setStep] = useState(() => Math.min(Math.max(initialStep, 0), LAST_STEP));
  const { control, handleSubmit, formState, trigger, watch, getValues } = useForm<VisitFormValues, unknown, VisitValues>({
    resolver: visitResolver,
    context: { reviewAsked } satisfies VisitFormContext,
    defaultValues,
  });
  const stepRef = useRef(step);
  const changed = useRef(false);
  // Errors are on screen (after 下一步 or 保存): every change checks the section again, so they clear as they are fixed.
  const checking = useRef(false);
  const draftChange = useRef(onDraftChange);
  useEffect(() => {
    draftChange.current = onDraftChange;
  }, [onDraftChange]);

  useEffect(() => {
    const subscription = watch((values) => {
      changed.current = true;
      draftChange.current(values as VisitFormValues, stepRef.current);
      if (checking.current) void trigger([...(visitSteps[stepRef.current]?.fields ?? [])]);
    });
    return () => subscription.unsubscribe();
  }, [watch, trigger]);

  const goTo = (next: number) => {
    stepRef.current = next;
    setStep(next);
    // The step is part of the draft too, once there is something worth keeping.
    if (changed.current) draftChange.current(getValues(), next);
    window.scrollTo({ top: 0 });
  };

  const next = async () => {
    const fields = visitSteps[step]?.fields ?? [];
    const valid = await trigger([...fields]);
    checking.current = !valid;
    if (valid) goTo(Math.min(step + 1, LAST_STEP));
  };

  const submit = handleSubmit(
    (values) => onSubmit(values),
    (errors) => {
      checking.current = true;
      const first = visitSteps.findIndex((_, index) => stepHasErrors(errors, index));
      if (first >= 0 && first !== step) goTo(first);
    },
  );

  const errors = formState.errors;
  const showErrors = formState.submitCount > 0;
  const items = visitSteps.map((s, index) => ({
    title: t(`visitSurvey.steps.${s.key}`),
    status: showErrors && stepHasErrors(errors, index) ? ('error' as const) : undefined,
  }));

  return (
    <Form
      layout="vertical"
      onFinish={() => void submit()}
      onKeyDown={focusNextOnEnter}
      noValidate
      aria-labelledby="page-title"
      data-testid="visit-form"
      style={{ maxWidth: 860 }}
    >
      <Steps
        current={step}
        items={items}
        onChange={(target) => {
          if (target < step) goTo(target);
          else if (target > step) void next();
        }}
        style={{ marginBottom: 8 }}
        data-testid="visit-steps"
      />
      <Typography.Paragraph type="secondary" style={{ marginBottom: 16 }}>
        {t('visitSurvey.stepOf', { current: step + 1, total: visitSteps.length })} · {t('visitSurvey.autosaveHint')}
      </Typography.Paragraph>
      {stepHasErrors(errors, step) && (
        <Alert type="error" showIcon title={t('visitSurvey.stepHasErrors')} role="alert" style={{ marginBottom: 16 }} data-testid="visit-step-errors" />
      )}
      <section data-testid={`visit-step-${step + 1}`} aria-label={t(`visitSurvey.steps.${visitSteps[step]?.key ?? 'basic'}`)}>
        {step === 0 && <VisitBasicStep control={control} members={members} />}
        {step === 1 && <VisitLivingStep control={control} />}
        {step === 2 && <VisitNeedsStep control={control} reviewAsked={reviewAsked} />}
      </section>
      <Flex gap={12} wrap style={{ marginTop: 24 }}>
        {step > 0 && (
          <Button onClick={() => goTo(step - 1)} data-testid="visit-prev">
            {t('visitSurvey.prev')}
          </Button>
        )}
        {step < LAST_STEP ? (
          <Button type="primary" onClick={() => void next()} data-testid="visit-next">
            {t('visitSurvey.next')}
          </Button>
        ) : (
          <Button type="primary" htmlType="submit" loading={formState.isSubmitting} data-testid="visit-submit">
            {t('visit.form.submit')}
          </Button>
        )}
        <Button onClick={onCancel} data-testid="visit-cancel">
          {t('visitSurvey.later')}
        </Button>
      </Flex>
    </Form>
  );
}
