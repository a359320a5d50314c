import { Alert, Button, DatePicker, Form, InputNumber, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { chinaDateOf } from '../../../shared/domain/chinaTime';
import { addCalendarDays } from '../../../shared/rules/dates';
import { medicalAidGrantedInYear, medicalAidGroupOf, medicalAidSum, type MedicalAidSum } from '../../../shared/rules/programmes/medicalAidAmount';
import { medicalAidFiguresOf, type FigureLookup } from '../../../shared/rules/programmes/programmeFigures';
import type { Application } from '../../../shared/schemas/application';
import type { MedicalAidGroup } from '../../../shared/vocabulary/programmePaths';
import { useApplications, useHousehold } from '../../data';
import { fieldStatus } from '../forms/fieldStatus';
import { DATE_FORMAT, formatDate } from '../format';
import { formatMoney } from './money';
import { useProgrammeFigures, useProgrammeFiguresAreExample } from './useProgrammeFigures';

type Suggestion = { ok: true; group: MedicalAidGroup; sum: MedicalAidSum } | { ok: false; why: 'noMedical' | 'noGroup' | 'missingFigures' };

/** The medical-aid sum the rules give for this application, or why there is none. */
function medicalSuggestion(
  application: Application,
  categories: readonly string[],
  others: readonly Application[],
  lookup: FigureLookup,
  today: string,
): Suggestion {
  if (!application.medical) return { ok: false, why: 'noMedical' };
  const outOfPocket = Math.max(0, application.medical.totalCost - application.medical.reimbursed);
  const group = medicalAidGroupOf(categories, outOfPocket, lookup('illnessPovertyThreshold') ?? null);
  if (group === null) return { ok: false, why: 'noGroup' };
  const figures = medicalAidFiguresOf(lookup, group);
  if (!figures.ok) return { ok: false, why: 'missingFigures' };
  const grantedThisYear = medicalAidGrantedInYear(
    others,
    { applicationId: application.id, memberId: application.applicantMemberId, year: Number(today.slice(0, 4)) },
    (at) => Number(chinaDateOf(at).slice(0, 4)),
  );
  return { ok: true, group, sum: medicalAidSum({ ...application.medical, grantedThisYear }, figures.figures) };
}

/** 医疗救助: the suggestion with its working, which the county may take into the amount. */
function MedicalAidSuggestion({ application, today, onUse }: { application: Application; today: string; onUse: (amount: number) => void }) {
  const { t } = useTranslation();
  const household = useHousehold(application.householdId);
  const { applications } = useApplications({ householdId: application.householdId });
  const lookup = useProgrammeFigures(application);
  const example = useProgrammeFiguresAreExample(application);
  const suggestion = medicalSuggestion(application, household?.categories ?? [], applications, lookup, today);
  if (!suggestion.ok) {
    return (
      <Alert type="warning" title={t('programme.approve.noSuggestion', { why: t(`programme.approve.${suggestion.why}`) })} style={{ marginBottom: 16 }} data-testid="medical-aid-suggestion" />
    );
  }
  return (
    <Alert
      type="info"
      data-testid="medical-aid-suggestion"
      data-amount={suggestion.sum.amount}
      style={{ marginBottom: 16 }}
      title={t('programme.approve.suggestionTitle', { amount: formatMoney(suggestion.sum.amount), group: t(`programme.medicalAidGroup.${suggestion.group}`) })}
      description={
        <>
          {example && (
            <Typography.Paragraph type="warning" strong style={{ marginBottom: 8 }} data-testid="medical-aid-example">
              {t('programme.approve.exampleFigures')}
            </Typography.Paragraph>
          )}
          <Typography.Paragraph style={{ marginBottom: 8 }} data-testid="medical-aid-working">
            {suggestion.sum.working}
          </Typography.Paragraph>
          <Button size="small" onClick={() => onUse(suggestion.sum.amount)} data-testid="medical-aid-use-suggestion">
            {t('programme.approve.useSuggestion')}
          </Button>
        </>
      }
    />
  );
}

export function OneOffAmountField(props: { application: Application; today: string; amount: number | null; onChange: (amount: number | null) => void; error?: string | undefined }) {
  const { t } = useTranslation();
  const { application, amount, onChange } = props;
  return (
    <>
      {application.type === 'medicalAid' && <MedicalAidSuggestion application={application} today={props.today} onUse={onChange} />}
      {application.emergencyGrant && (
        <Typography.Paragraph>{t('programme.approve.emergencyGranted', { amount: formatMoney(application.emergencyGrant.amount) })}</Typography.Paragraph>
      )}
      <Form.Item label={t('programme.approve.oneOffAmount')} htmlFor="action-one-off-amount" required {...fieldStatus(props.error)}>
        <InputNumber<number>
          id="action-one-off-amount"
          value={amount}
          onChange={(value) => onChange(typeof value === 'number' ? value : null)}
          min={0}
          precision={2}
          step={100}
          controls={false}
          suffix={t('application.form.money')}
          data-testid="action-one-off-amount"
          style={{ width: 240 }}
        />
      </Form.Item>
    </>
  );
}

/** 边缘, 刚性支出: the recognition's last day, at most `latest` where the rules cap it. */
export function ValidUntilField(props: {
  today: string;
  value: string | undefined;
  onChange: (value: string | undefined) => void;
  latest: string | undefined;
  maxMonths: number | undefined;
  error?: string | undefined;
}) {
  const { t } = useTranslation();
  const { today, value, latest } = props;
  return (
    <Form.Item
      label={t('programme.approve.validUntil')}
      htmlFor="action-valid-until"
      required
      extra={latest && props.maxMonths ? t('programme.approve.validUntilMax', { months: props.maxMonths, date: formatDate(latest) }) : undefined}
      {...fieldStatus(props.error)}
    >
      <DatePicker
        id="action-valid-until"
        format={DATE_FORMAT}
        value={value ? dayjs(value) : null}
        onChange={(date) => props.onChange(date ? date.format(DATE_FORMAT) : undefined)}
        disabledDate={(date) => {
          const day = date.format(DATE_FORMAT);
          return day <= today || (latest !== undefined && day > latest);
        }}
        style={{ width: 240 }}
        data-testid="action-valid-until"
      />
    </Form.Item>
  );
}

/** A day a year on, the usual validity (capped where the rules cap it). */
export function defaultValidUntil(today: string, latest: string | undefined): string {
  return latest ?? addCalendarDays(today, 365);
}
