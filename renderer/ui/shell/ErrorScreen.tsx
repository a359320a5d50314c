import { DownloadOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Result, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { exportDiagnostics } from '../../data';
import type { CaughtRender } from './ErrorBoundary';

export interface ErrorScreenProps extends CaughtRender {
  /** 'page': one page failed and the menu beside it still works; 'app': the whole window. */
  where: 'page' | 'app';
}

/**
 * What a person sees instead of a blank window: what happened, that their work is safe, and what
 * to do — 重新加载, another page from the menu, or 导出诊断信息 for the support desk.
 */
export function ErrorScreen({ where, error, componentStack }: ErrorScreenProps) {
  const { t } = useTranslation();
  // Said on the screen, not in a toast: this screen may stand outside antd's App (the outermost boundary).
  const [exported, setExported] = useState<'saved' | 'failed' | null>(null);
  const [exporting, setExporting] = useState(false);
  const technical = error instanceof Error ? `${error.name}: ${error.message}` : String(error);

  const exportFile = async () => {
    setExporting(true);
    try {
      const saved = await exportDiagnostics({ where, error, componentStack });
      if (saved.saved) setExported('saved');
    } catch {
      setExported('failed');
    } finally {
      setExporting(false);
    }
  };

  return (
    <div role="alert" data-testid={`error-boundary-${where}`} style={where === 'app' ? { padding: 48 } : undefined}>
      <Result
        status="warning"
        title={t(where === 'page' ? 'shell.error.pageTitle' : 'shell.error.appTitle')}
        subTitle={<Typography.Text style={{ fontSize: '1.0625rem' }}>{t('shell.error.dataSafe')}</Typography.Text>}
        extra={
          <Space wrap style={{ justifyContent: 'center' }}>
            <Button type="primary" icon={<ReloadOutlined />} onClick={() => window.location.reload()} data-testid="error-reload">
              {t('shell.error.reload')}
            </Button>
            <Button icon={<DownloadOutlined />} onClick={() => void exportFile()} loading={exporting} data-testid="error-export-diagnostics">
              {t('shell.error.exportDiagnostics')}
            </Button>
          </Space>
        }
      >
        <Typography.Paragraph>{t(where === 'page' ? 'shell.error.pageHint' : 'shell.error.appHint')}</Typography.Paragraph>
        {exported && (
          <Alert
            type={exported === 'saved' ? 'success' : 'error'}
            showIcon
            title={t(exported === 'saved' ? 'shell.error.exported' : 'shell.error.exportFailed')}
            data-testid="error-export-result"
            style={{ marginBottom: 16 }}
          />
        )}
        <Alert type="info" showIcon title={t('shell.error.technical')} description={<code data-testid="error-technical">{technical}</code>} />
      </Result>
    </div>
  );
}
