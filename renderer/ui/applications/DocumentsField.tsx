import { DeleteOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Form, Radio, Select, Typography } from 'antd';
import { Controller, useFieldArray, useWatch, type Control } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { documentKinds, documentStates, type DocumentKind } from '../../../shared/schemas/application';
import { DateField } from '../forms/DateField';
import { newDocument, type ApplicationDraft, type ApplicationValues } from './applicationDraft';

/** A stripe by state, so what is still owed stands out: 缺 red, 容缺受理 orange. */
const stateColors = { provided: '#52c41a', missing: '#cf1322', promised: '#d46b08', pledged: '#1677ff' } as const;

export interface DocumentsFieldProps {
  control: Control<ApplicationDraft, unknown, ApplicationValues>;
  /** The checklist follows the type; before one is chosen there is nothing to check. */
  typeChosen: boolean;
}

/** 申请材料: each document 已提交 / 缺 / 容缺受理 (with 补交日期) / 告知承诺; more can be added. */
export function DocumentsField({ control, typeChosen }: DocumentsFieldProps) {
  const { t } = useTranslation();
  const { fields, append, remove } = useFieldArray({ control, name: 'documents' });
  const documents = useWatch({ control, name: 'documents' });
  const stateOptions = documentStates.map((state) => ({ value: state, label: t(`application.documentState.${state}`) }));
  const present = new Set(fields.map((field) => field.kind));
  const addable = documentKinds.filter((kind) => !present.has(kind));

  if (!typeChosen) {
    return <Alert type="info" showIcon title={t('application.form.documents.chooseTypeFirst')} data-testid="documents-choose-type" />;
  }
  return (
    <div data-testid="documents-checklist">
      <Typography.Paragraph type="secondary">{t('application.form.documents.hint')}</Typography.Paragraph>
      {fields.map((item, index) => {
        const name = t(`application.documentKind.${item.kind}`);
        const state = documents?.[index]?.state ?? 'provided';
        const promised = state === 'promised';
        return (
          <Card
            key={item.id}
            size="small"
            style={{ marginBottom: 8, borderInlineStart: `5px solid ${stateColors[state]}` }}
            data-testid={`document-${item.kind}`}
          >
            <Flex wrap gap={16} align="center" justify="space-between">
              <Typography.Text strong style={{ minWidth: 220, fontSize: '1.0625rem' }}>
                {name}
              </Typography.Text>
              <Controller
                control={control}
                name={`documents.${index}.state`}
                render={({ field }) => (
                  <Radio.Group
                    optionType="button"
                    buttonStyle="solid"
                    options={stateOptions}
                    value={field.value}
                    onChange={(event) => field.onChange(event.target.value)}
                    aria-label={t('application.form.documents.state', { document: name })}
                    data-testid={`document-${item.kind}-state`}
                  />
                )}
              />
              <Button icon={<DeleteOutlined />} onClick={() => remove(index)} aria-label={t('application.form.documents.removeLabel', { document: name })} data-testid={`document-${item.kind}-remove`}>
                {t('application.form.documents.remove')}
              </Button>
            </Flex>
            {promised && (
              <div style={{ marginTop: 12 }}>
                <DateField
                  control={control}
                  name={`documents.${index}.promisedBy`}
                  id={`document-${item.kind}-promised-by`}
                  label={t('application.form.documents.promisedBy')}
                  placeholder={t('application.form.documents.promisedByPlaceholder')}
                  required
                  testId={`document-${item.kind}-promised-by`}
                />
              </div>
            )}
          </Card>
        );
      })}
      {addable.length > 0 && (
        <Form.Item label={t('application.form.documents.add')} htmlFor="document-add" style={{ maxWidth: 420, marginTop: 12 }}>
          <Select<DocumentKind>
            id="document-add"
            value={null}
            placeholder={t('application.form.documents.addPlaceholder')}
            options={addable.map((kind) => ({ value: kind, label: t(`application.documentKind.${kind}`) }))}
            onChange={(kind) => append(newDocument(kind))}
            data-testid="document-add"
          />
        </Form.Item>
      )}
    </div>
  );
}
