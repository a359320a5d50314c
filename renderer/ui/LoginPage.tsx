import { LoginOutlined } from '@ant-design/icons';
import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Button, Card, Form, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useAuth, type SignInFailure } from '../data';
import { TextField } from './forms/TextField';
import { makeLoginSchema, type LoginValues } from './loginSchema';
import { ProvisioningImport } from './ProvisioningImport';
import { ServerChoice } from './ServerChoice';

/** Failures where the chosen server did not answer (or failed): another server of the county's file may. */
const OTHER_SERVER_HELPS: ReadonlySet<SignInFailure> = new Set(['network', 'no_offline_profile', 'server_error']);

/**
 * 登录: server address, user name, password. Enter anywhere submits. Once the county's
 * provisioning is on this laptop, only user name and password: the address is shown read-only,
 * with 更改服务器 for the helpdesk. When the county's file names a township station's relay as well
 * (issue 17), the assistant chooses between them (ServerChoice) and signs in to the one chosen.
 */
export function LoginPage() {
  const { t } = useTranslation();
  const auth = useAuth();
  const [failure, setFailure] = useState<SignInFailure | null>(null);
  const { provisioning } = auth;
  const choosing = provisioning !== null && provisioning.servers.length > 1;
  const hasServer = auth.lastServerUrl.trim().length > 0;
  const schema = useMemo(() => makeLoginSchema(t), [t]);
  const { control, handleSubmit, formState, setValue } = useForm<LoginValues, unknown, LoginValues>({
    resolver: zodResolver(schema),
    defaultValues: { serverUrl: auth.lastServerUrl, username: '', password: '' },
  });

  // The provisioning's address fills the (hidden) field, when imported here or read at start.
  useEffect(() => {
    if (provisioning) setValue('serverUrl', auth.lastServerUrl);
  }, [provisioning, auth.lastServerUrl, setValue]);

  const submit = handleSubmit(async (values) => {
    setFailure(null);
    const result = await auth.signIn(values);
    if (!result.ok) setFailure(result.reason);
  });

  return (
    <main style={{ minHeight: '100vh', display: 'grid', placeItems: 'center', padding: 24, background: '#f0f2f5' }}>
      <Card style={{ width: '100%', maxWidth: 460 }}>
        <Typography.Title level={1} style={{ textAlign: 'center', marginBottom: 4 }}>
          {t('login.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ textAlign: 'center' }}>
          {t('login.subtitle')}
        </Typography.Paragraph>
        {failure && (
          <Alert
            type={failure === 'network' ? 'warning' : 'error'}
            showIcon
            title={t('login.failureTitle')}
            description={choosing && OTHER_SERVER_HELPS.has(failure) ? `${t(`login.failure.${failure}`)} ${t('provisioning.tryOther')}` : t(`login.failure.${failure}`)}
            style={{ marginBottom: 16 }}
            data-testid="login-error"
            role="alert"
          />
        )}
        {auth.shippedProvisioningProblems && (
          <Alert
            type="warning"
            showIcon
            title={t('provisioning.shippedProblemsTitle')}
            description={auth.shippedProvisioningProblems.join('；')}
            style={{ marginBottom: 16 }}
            data-testid="provisioning-shipped-problems"
          />
        )}
        {!provisioning && <ProvisioningImport />}
        <Form layout="vertical" onFinish={() => void submit()} aria-label={t('login.title')} noValidate>
          {choosing ? (
            <>
              <ServerChoice provisioning={provisioning} />
              <Typography.Paragraph type="secondary" data-testid="provisioned-server">
                {provisioning.countyName}{' '}
                <Button type="link" size="small" onClick={auth.changeServer} data-testid="change-server" style={{ paddingInline: 4 }}>
                  {t('provisioning.changeServer')}
                </Button>
              </Typography.Paragraph>
            </>
          ) : provisioning ? (
            <Typography.Paragraph type="secondary" data-testid="provisioned-server">
              {provisioning.countyName} · {t('provisioning.server', { name: provisioning.servers[0]!.name, url: provisioning.servers[0]!.url })}{' '}
              <Button type="link" size="small" onClick={auth.changeServer} data-testid="change-server" style={{ paddingInline: 4 }}>
                {t('provisioning.changeServer')}
              </Button>
            </Typography.Paragraph>
          ) : (
            <TextField control={control} name="serverUrl" id="login-server-url" label={t('login.serverUrl')} kind="url" required placeholder={t('login.serverUrlPlaceholder')} autoComplete="url" autoFocus={!hasServer} />
          )}
          <TextField control={control} name="username" id="login-username" label={t('login.username')} required autoComplete="username" autoFocus={hasServer || provisioning !== null} />
          <TextField control={control} name="password" id="login-password" label={t('login.password')} kind="password" required autoComplete="current-password" />
          <Button type="primary" htmlType="submit" block loading={formState.isSubmitting} icon={<LoginOutlined />} data-testid="login-submit">
            {t('login.submit')}
          </Button>
        </Form>
      </Card>
    </main>
  );
}
