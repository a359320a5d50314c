import { Form, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { checkIdNumber } from '../../../shared/domain/idNumber';
import { formatDate } from '../format';

export interface MemberDerivedInfoProps {
  /** 1-based, as shown to the person (成员1). */
  number: number;
  idNumber: string;
}

/** 出生日期 and 性别, read from a valid ID number as it is typed; nothing to fill in. */
export function MemberDerivedInfo({ number, idNumber }: MemberDerivedInfoProps) {
  const { t } = useTranslation();
  const check = checkIdNumber(idNumber);
  const pending = <Typography.Text type="secondary">{t('household.form.derivedPending')}</Typography.Text>;
  const birthLabel = t('household.form.memberField', { n: number, field: t('household.form.memberBirthDate') });
  const sexLabel = t('household.form.memberField', { n: number, field: t('household.form.memberSex') });
  return (
    <>
      <Form.Item label={t('household.form.memberBirthDate')} style={{ minWidth: 150 }}>
        <output aria-label={birthLabel} data-testid={`member-${number}-birth-date`}>
          {check.ok ? formatDate(check.birthDate) : pending}
        </output>
      </Form.Item>
      <Form.Item label={t('household.form.memberSex')} style={{ minWidth: 60 }}>
        <output aria-label={sexLabel} data-testid={`member-${number}-sex`}>
          {check.ok ? t(`household.sex.${check.sex}`) : '—'}
        </output>
      </Form.Item>
    </>
  );
}
