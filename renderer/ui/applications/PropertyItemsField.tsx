import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Checkbox, Flex, Form, Typography } from 'antd';
import { Controller, useFieldArray, useWatch, type Control } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { TextField } from '../forms/TextField';
import { newPropertyItem, type ApplicationDraft, type ApplicationValues } from './applicationDraft';
import { MoneyField } from './MoneyField';

export interface PropertyItemsFieldProps {
  control: Control<ApplicationDraft, unknown, ApplicationValues>;
}

/** 家庭财产: what it is, what it is worth, and whether it is exempt (财产豁免) and why. */
export function PropertyItemsField({ control }: PropertyItemsFieldProps) {
  const { t } = useTranslation();
  const { fields, append, remove } = useFieldArray({ control, name: 'propertyItems' });
  const items = useWatch({ control, name: 'propertyItems' });

  return (
    <div data-testid="property-items">
      <Typography.Paragraph type="secondary">{t('application.form.property.hint')}</Typography.Paragraph>
      {fields.map((item, index) => {
        const n = index + 1;
        const title = t('application.form.property.itemTitle', { n });
        const label = (field: string) => `${title} ${field}`;
        const exempt = items?.[index]?.exempt === true;
        return (
          <Card
            key={item.id}
            size="small"
            title={title}
            data-testid={`property-${n}`}
            style={{ marginBottom: 12 }}
            extra={
              <Button danger icon={<DeleteOutlined />} onClick={() => remove(index)} aria-label={t('application.form.property.removeLabel', { n })} data-testid={`property-${n}-remove`}>
                {t('application.form.property.remove')}
              </Button>
            }
          >
            <Flex wrap gap={16} align="start">
              <div style={{ width: 320 }}>
                <TextField
                  control={control}
                  name={`propertyItems.${index}.description`}
                  id={`property-${n}-description`}
                  label={t('application.form.property.description')}
                  ariaLabel={label(t('application.form.property.description'))}
                  placeholder={t('application.form.property.descriptionPlaceholder')}
                  required
                  testId={`property-${n}-description`}
                />
              </div>
              <MoneyField
                control={control}
                name={`propertyItems.${index}.value`}
                id={`property-${n}-value`}
                label={t('application.form.property.value')}
                ariaLabel={label(t('application.form.property.value'))}
                testId={`property-${n}-value`}
              />
              <Controller
                control={control}
                name={`propertyItems.${index}.exempt`}
                render={({ field }) => (
                  <Form.Item label=" " colon={false}>
                    <Checkbox
                      ref={field.ref}
                      checked={field.value}
                      onChange={(event) => field.onChange(event.target.checked)}
                      data-testid={`property-${n}-exempt`}
                    >
                      {t('application.form.property.exempt')}
                    </Checkbox>
                  </Form.Item>
                )}
              />
            </Flex>
            {exempt && (
              <div style={{ maxWidth: 640 }}>
                <TextField
                  control={control}
                  name={`propertyItems.${index}.exemptReason`}
                  id={`property-${n}-exempt-reason`}
                  label={t('application.form.property.exemptReason')}
                  ariaLabel={label(t('application.form.property.exemptReason'))}
                  testId={`property-${n}-exempt-reason`}
                />
              </div>
            )}
          </Card>
        );
      })}
      <Button icon={<PlusOutlined />} onClick={() => append(newPropertyItem(), { focusName: `propertyItems.${fields.length}.description` })} data-testid="property-add">
        {t('application.form.property.add')}
      </Button>
    </div>
  );
}
