import { Button, Result, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';

export interface PageStateProps {
  kind: 'loading' | 'notFound' | 'notAllowed';
}

/** What a record's page shows while it loads, when there is no such record, or when this user may not change it. */
export function PageState({ kind }: PageStateProps) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  if (kind === 'loading') {
    return (
      <div style={{ padding: 48, textAlign: 'center' }} data-testid="page-loading">
        <Spin description={t('common.loading')} size="large">
          <div style={{ minHeight: 80 }} />
        </Spin>
      </div>
    );
  }
  if (kind === 'notAllowed') {
    return (
      <Result
        status="403"
        title={t('common.notAllowed')}
        data-testid="page-not-allowed"
        extra={
          <Button type="primary" onClick={() => navigate(-1)}>
            {t('common.back')}
          </Button>
        }
      />
    );
  }
  return (
    <Result
      status="404"
      title={t('household.detail.notFound')}
      data-testid="page-not-found"
      extra={
        <Button type="primary" onClick={() => navigate('/households')}>
          {t('household.detail.backToList')}
        </Button>
      }
    />
  );
}
