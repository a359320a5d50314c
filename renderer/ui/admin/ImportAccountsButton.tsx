import { FileExcelOutlined } from '@ant-design/icons';
import { Alert, App, Button, Modal, Typography } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ACCOUNT_IMPORT_MAX_ROWS } from '../../../shared/wire/accountImport';
import { adminErrorKey, SheetHeaderError, TooManyRowsError, UnreadableSheetError, useAccountImport, type AccountImportResult } from '../../data';

/**
 * 从 Excel 导入: picks an account sheet, has the server create its accounts, and shows what was
 * created and refused (and why), with the result sheet to save — the only copy of the passwords.
 */
export function ImportAccountsButton({ onImported }: { onImported: () => Promise<void> }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const importSheet = useAccountImport(onImported);
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<AccountImportResult | null>(null);

  const failureText = (failure: unknown): string => {
    if (failure instanceof SheetHeaderError) return failure.message;
    if (failure instanceof UnreadableSheetError) return t('admin.import.unreadable');
    if (failure instanceof TooManyRowsError) return t('admin.import.tooMany', { max: ACCOUNT_IMPORT_MAX_ROWS });
    return t(adminErrorKey(failure) as 'admin.error.server');
  };

  const picked = async (file: File | undefined) => {
    if (!file) return;
    setBusy(true);
    try {
      setResult(await importSheet(file, file.name));
    } catch (failure) {
      void message.error(failureText(failure));
    } finally {
      setBusy(false);
      if (input.current) input.current.value = '';
    }
  };

  const save = async () => {
    if (!result) return;
    try {
      const saved = await result.saveResult();
      if (saved.saved) void message.success(t('admin.done'));
    } catch {
      void message.error(t('admin.error.server'));
    }
  };

  return (
    <>
      <input ref={input} type="file" accept=".xlsx" hidden data-testid="account-import-file" onChange={(e) => void picked(e.target.files?.[0])} />
      <Button icon={<FileExcelOutlined />} loading={busy} onClick={() => input.current?.click()} title={t('admin.import.hint', { max: ACCOUNT_IMPORT_MAX_ROWS })} data-testid="account-import">
        {t('admin.import.button')}
      </Button>
      {result && (
        <Modal open title={t('admin.import.title')} onCancel={() => setResult(null)} mask={{ closable: false }}
          footer={[
            <Button key="close" onClick={() => setResult(null)} data-testid="account-import-close">{t('admin.import.close')}</Button>,
            <Button key="save" type="primary" onClick={() => void save()} data-testid="account-import-save">{t('admin.import.save')}</Button>,
          ]}>
          <Alert type={result.refused.length ? 'warning' : 'success'} showIcon data-testid="account-import-summary"
            title={t('admin.import.summary', { created: result.created, refused: result.refused.length })} />
          {result.refused.length > 0 && (
            <>
              <Typography.Title level={5}>{t('admin.import.refusedTitle')}</Typography.Title>
              <ul data-testid="account-import-refused">
                {result.refused.map((row) => <li key={row.rowNumber}>{t('admin.import.rowReason', { row: row.rowNumber, reason: row.reason })}</li>)}
              </ul>
            </>
          )}
          <Alert type="info" showIcon title={t('admin.import.passwords')} />
        </Modal>
      )}
    </>
  );
}
