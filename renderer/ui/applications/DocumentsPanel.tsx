import { Alert, Card, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Application } from '../../../shared/schemas/application';
import type { Household } from '../../../shared/schemas/household';
import { formatDate } from '../format';
import { memberOf, missingDocumentsOf } from './applicationFacts';

const stateColors = { provided: 'green', missing: 'red', promised: 'orange', pledged: 'blue' } as const;

/**
 * 申请材料 and the 一次性告知书: every missing document in one block of text, so the applicant
 * is told once (B1 step 2); promised documents with their dates; the pledge.
 */
export function DocumentsPanel({ application, household }: { application: Application; household: Household }) {
  const { t } = useTranslation();
  const missing = missingDocumentsOf(application);
  const promised = application.documents.filter((doc) => doc.state === 'promised');
  const applicant = memberOf(household, application.applicantMemberId)?.name ?? '';
  const docName = (kind: Application['documents'][number]['kind']) => t(`application.documentKind.${kind}`);

  const noticeLines: string[] = [
    ...(missing.length > 0
      ? [
          t('application.detail.notice.intro', { name: applicant, type: t(`application.type.${application.type}`) }),
          ...missing.map((kind, i) => t('application.detail.notice.item', { n: i + 1, document: docName(kind) })),
        ]
      : []),
    ...(promised.length > 0
      ? [
          t('application.detail.notice.promisedIntro'),
          ...promised.map((doc) =>
            t('application.detail.notice.promisedItem', { document: docName(doc.kind), date: doc.promisedBy ? formatDate(doc.promisedBy) : '' }),
          ),
        ]
      : []),
    ...(application.status === 'returned' && application.returnNotice?.note
      ? [t('application.detail.notice.note', { note: application.returnNotice.note })]
      : []),
  ];
  if (noticeLines.length > 0) noticeLines.push(t('application.detail.notice.outro'));

  return (
    <section aria-labelledby="application-documents-title" style={{ marginBottom: 24 }}>
      <Typography.Title level={3} id="application-documents-title">
        {t('application.detail.documents.title')}
      </Typography.Title>
      <div style={{ border: '1px solid #d9d9d9', borderRadius: 8 }} data-testid="application-documents">
        {application.documents.length === 0 && (
          <Typography.Paragraph type="secondary" style={{ padding: '12px 16px', margin: 0 }}>
            {t('application.detail.documents.empty')}
          </Typography.Paragraph>
        )}
        {application.documents.map((doc) => (
          <div
            key={doc.kind}
            data-testid="application-document"
            data-kind={doc.kind}
            data-state={doc.state}
            style={{ padding: '10px 16px', borderBottom: '1px solid #f0f0f0' }}
          >
            <Space size="middle" wrap>
              <Typography.Text strong>{docName(doc.kind)}</Typography.Text>
              <Tag color={stateColors[doc.state]} style={{ fontSize: '0.9375rem' }}>
                {t(`application.documentState.${doc.state}`)}
              </Tag>
              {doc.state === 'promised' && doc.promisedBy && (
                <Typography.Text strong style={{ color: '#d46b08' }}>
                  {t('application.detail.documents.promisedBy', { date: formatDate(doc.promisedBy) })}
                </Typography.Text>
              )}
            </Space>
          </div>
        ))}
        <div style={{ padding: '10px 16px' }} data-testid="application-pledge" data-signed={application.pledgeSigned}>
          {t('application.detail.field', {
            label: t('application.detail.documents.pledge'),
            value: application.pledgeSigned ? t('application.detail.documents.pledgeSigned') : t('application.detail.documents.pledgeNotSigned'),
          })}
        </div>
      </div>
      <Card
        size="small"
        title={t('application.detail.notice.title')}
        style={{ marginTop: 16, background: noticeLines.length > 0 ? '#fffbe6' : undefined }}
      >
        {noticeLines.length > 0 ? (
          <>
            <div data-testid="missing-items-notice" style={{ whiteSpace: 'pre-wrap', fontSize: '1.0625rem', lineHeight: 1.8 }}>
              {noticeLines.join('\n')}
            </div>
            <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
              {t('application.detail.notice.hint')}
            </Typography.Paragraph>
          </>
        ) : (
          <Alert type="success" showIcon title={t('application.detail.notice.none')} data-testid="missing-items-none" />
        )}
      </Card>
    </section>
  );
}
