import { FileTextOutlined, QrcodeOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Input, Space, Typography } from 'antd';
import { useRef, useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../data';

/**
 * 导入配置文件 / 粘贴配置码 on the sign-in page (a browser, or a laptop whose installer came
 * without the county's file): once the file is right, the page asks only for username and password.
 * What is wrong is said field by field, in the file's own words (shared/wire/provisioning.ts).
 */
export function ProvisioningImport() {
  const { t } = useTranslation();
  const auth = useAuth();
  const input = useRef<HTMLInputElement>(null);
  const [pasting, setPasting] = useState(false);
  const [code, setCode] = useState('');
  const [problems, setProblems] = useState<string[] | null>(null);

  const take = (text: string) => {
    const reading = auth.importProvisioning(text);
    setProblems(reading.ok ? null : reading.problems);
  };

  const picked = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    try {
      take(await file.text());
    } catch {
      setProblems([t('provisioning.unreadableFile')]);
    }
  };

  return (
    <Space orientation="vertical" style={{ width: '100%', marginBottom: 16 }}>
      <Typography.Text type="secondary">{t('provisioning.hint')}</Typography.Text>
      <Flex gap={8} wrap>
        <Button icon={<FileTextOutlined />} onClick={() => input.current?.click()} data-testid="provisioning-import">
          {t('provisioning.importFile')}
        </Button>
        <Button icon={<QrcodeOutlined />} onClick={() => setPasting(true)} data-testid="provisioning-paste">
          {t('provisioning.pasteCode')}
        </Button>
        <input ref={input} type="file" accept=".json,application/json,text/plain" hidden onChange={(event) => void picked(event)} data-testid="provisioning-file-input" />
      </Flex>
      {pasting && (
        <>
          <label htmlFor="provisioning-code">{t('provisioning.pasteLabel')}</label>
          <Input.TextArea id="provisioning-code" rows={4} value={code} onChange={(event) => setCode(event.target.value)} />
          <Flex gap={8}>
            <Button type="primary" onClick={() => (code.trim() ? take(code) : setProblems([t('provisioning.pasteRequired')]))} data-testid="provisioning-paste-use">
              {t('provisioning.pasteUse')}
            </Button>
            <Button onClick={() => setPasting(false)}>{t('provisioning.pasteCancel')}</Button>
          </Flex>
        </>
      )}
      {problems && (
        <Alert
          type="error"
          showIcon
          role="alert"
          data-testid="provisioning-problems"
          title={t('provisioning.problemsTitle')}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 20 }}>
              {problems.map((problem) => (
                <li key={problem}>{problem}</li>
              ))}
            </ul>
          }
        />
      )}
    </Space>
  );
}
