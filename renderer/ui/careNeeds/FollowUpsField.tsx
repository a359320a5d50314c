import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Typography } from 'antd';
import { useFieldArray, type Control } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { DateField } from '../forms/DateField';
import { TextField } from '../forms/TextField';
import { newFollowUp, type CareNeedFormValues, type CareNeedValues } from './careNeedDraft';

export interface FollowUpsFieldProps {
  control: Control<CareNeedFormValues, unknown, CareNeedValues>;
  readOnly: boolean;
}

/** 回访: the planned date, then the date it was done and what was found. */
export function FollowUpsField({ control, readOnly }: FollowUpsFieldProps) {
  const { t } = useTranslation();
  const { fields, append, remove } = useFieldArray({ control, name: 'followUps' });

  return (
    <section aria-labelledby="follow-ups-title" style={{ marginTop: 24 }}>
      <Typography.Title level={4} id="follow-ups-title">
        {t('careNeed.form.followUps')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('careNeed.form.followUpsHint')}</Typography.Paragraph>
      {fields.map((item, index) => {
        const n = index + 1;
        return (
          <Card
            key={item.id}
            size="small"
            title={t('careNeed.form.followUpTitle', { n })}
            data-testid={`follow-up-${n}`}
            style={{ marginBottom: 12 }}
            extra={
              !readOnly && (
                <Button danger icon={<DeleteOutlined />} onClick={() => remove(index)} aria-label={t('careNeed.form.followUpRemove', { n })} data-testid={`follow-up-${n}-remove`}>
                  {t('careNeed.form.remove')}
                </Button>
              )
            }
          >
            <Flex wrap gap={16} align="start">
              <div style={{ width: 240 }}>
                <DateField control={control} name={`followUps.${index}.dueDate`} id={`follow-up-${n}-due`} label={t('careNeed.form.followUpDue')} placeholder={t('visit.form.datePlaceholder')} required testId={`follow-up-${n}-due`} />
              </div>
              <div style={{ width: 240 }}>
                <DateField control={control} name={`followUps.${index}.doneOn`} id={`follow-up-${n}-done`} label={t('careNeed.form.followUpDone')} placeholder={readOnly ? '' : t('careNeed.form.followUpDoneHint')} testId={`follow-up-${n}-done`} />
              </div>
            </Flex>
            <div style={{ maxWidth: 720 }}>
              <TextField control={control} name={`followUps.${index}.note`} id={`follow-up-${n}-note`} label={t('careNeed.form.followUpNote')} kind="multiline" testId={`follow-up-${n}-note`} />
            </div>
          </Card>
        );
      })}
      {!readOnly && (
        <Button icon={<PlusOutlined />} onClick={() => append(newFollowUp())} data-testid="follow-up-add">
          {t('careNeed.form.followUpAdd')}
        </Button>
      )}
    </section>
  );
}
