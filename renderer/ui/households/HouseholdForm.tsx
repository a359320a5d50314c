import { App as AntApp, Button, Flex, Form, Typography } from 'antd';
import { useRef, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { headOf, type Household } from '../../../shared/schemas/household';
import { useKeepOnChange } from '../drafts/useFormDraft';
import { focusNextOnEnter } from '../forms/focusNextOnEnter';
import { TextField } from '../forms/TextField';
import {
  householdResolver,
  toSubmission,
  type HouseholdDraft,
  type HouseholdFormState,
  type HouseholdSubmission,
  type HouseholdValues,
} from './householdDraft';
import { HouseholdSituationField } from './HouseholdSituationField';
import { MembersField } from './MembersField';
import { VillageField } from './VillageField';

export interface HouseholdFormProps {
  defaultValues: HouseholdDraft;
  /** The village the household belongs to, when already known (editing, or an assistant's own). */
  defaultAreaCode: string | undefined;
  /** The user's scope prefix: which villages can be chosen. */
  scope: string;
  /** Called only with valid values; rejects when saving failed. */
  onSubmit: (submission: HouseholdSubmission) => Promise<void>;
  onCancel: () => void;
  /** Every change (values and village), at once: the page keeps it as a draft. */
  onChange: (state: HouseholdFormState) => void;
  /** The other household already holding a member with this ID number, if any. */
  findIdNumberHolder: (idNumber: string) => Promise<Household | null>;
}

/**
 * 登记家庭 / 编辑家庭: village, address, phone, note, the members and the household's situation
 * (4+N groups, 单人户, 单独登记备案, 收入不固定), checked by the shared rules.
 */
export function HouseholdForm({ defaultValues, defaultAreaCode, scope, onSubmit, onCancel, onChange, findIdNumberHolder }: HouseholdFormProps) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const [areaCode, setAreaCode] = useState(defaultAreaCode);
  const [villageMissing, setVillageMissing] = useState(false);
  const { control, handleSubmit, formState, getValues, watch, setError, setFocus } = useForm<HouseholdDraft, unknown, HouseholdValues>({
    resolver: householdResolver,
    defaultValues,
  });
  const area = useRef(defaultAreaCode);
  useKeepOnChange(watch, (values) => onChange({ values, areaCode: area.current }));

  const submit = handleSubmit(
    async (values) => {
      if (!areaCode) {
        setVillageMissing(true);
        return;
      }
      // A person is registered in one household: one already registered elsewhere is named at
      // their ID number, and nothing is saved.
      // Not known (the local search index could not be read): nothing is saved unchecked, and the
      // person is told, as for any failed save (the error itself may quote the ID number).
      const holders = await Promise.all(values.members.map((member) => findIdNumberHolder(member.idNumber))).catch(() => null);
      if (!holders) {
        void message.error(t('common.saveFailed'));
        return;
      }
      const taken = holders.flatMap((holder, index) => (holder ? [{ holder, index }] : []));
      for (const { holder, index } of taken) {
        const head = headOf(holder)?.name ?? t('household.noHead');
        setError(`members.${index}.idNumber`, { type: 'registeredElsewhere', message: t('household.form.idNumberRegisteredElsewhere', { head, address: holder.address }) });
      }
      if (taken[0]) {
        setFocus(`members.${taken[0].index}.idNumber`);
        return;
      }
      await onSubmit(toSubmission(values, areaCode));
    },
    () => setVillageMissing(!areaCode),
  );

  return (
    <Form
      layout="vertical"
      onFinish={() => void submit()}
      onKeyDown={focusNextOnEnter}
      noValidate
      aria-labelledby="page-title"
      data-testid="household-form"
      style={{ maxWidth: 1100 }}
    >
      <Typography.Paragraph type="secondary">{t('household.form.enterHint')}</Typography.Paragraph>
      <VillageField
        scope={scope}
        value={areaCode}
        onChange={(code) => {
          area.current = code;
          onChange({ values: getValues(), areaCode: code });
          setAreaCode(code);
          setVillageMissing(false);
        }}
        error={villageMissing ? t('household.form.villageRequired') : undefined}
      />
      <div style={{ maxWidth: 640 }}>
        <TextField control={control} name="address" id="household-address" label={t('household.form.address')} required placeholder={t('household.form.addressPlaceholder')} testId="household-address" />
        <TextField control={control} name="phone" id="household-phone" label={t('household.form.phone')} kind="tel" placeholder={t('household.form.phonePlaceholder')} testId="household-phone" />
        <TextField control={control} name="note" id="household-note" label={t('household.form.note')} kind="multiline" placeholder={t('household.form.notePlaceholder')} testId="household-note" />
      </div>
      <MembersField control={control} errors={formState.errors} getMembers={() => getValues('members')} />
      <HouseholdSituationField control={control} />
      <Flex gap={12} style={{ marginTop: 24 }}>
        <Button type="primary" htmlType="submit" loading={formState.isSubmitting} data-testid="household-submit">
          {t('household.form.submit')}
        </Button>
        <Button onClick={onCancel} data-testid="household-cancel">
          {t('common.cancel')}
        </Button>
      </Flex>
    </Form>
  );
}
