import { LoginOutlined } from '@ant-design/icons';
import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Button, Card, Form, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useAuth, type SignInFailure } from '../data';
import { TextField } from './forms/TextField';
import { makeLoginSchema, type LoginValues } from './loginSchema';

/** 登录: server address, user name, password. Enter anywhere submits. */
export function LoginPage() {
  const { t } = useTranslation();
  const auth = useAuth();
  const [failure, setFailure] = useState<SignInFailure | null>(null);
  const hasServer = auth.lastServerUrl.trim().length > 0;
  const schema = useMemo(() => makeLoginSchema(t), [t]);
  const { control, handleSubmit, formState } = useForm<LoginValues, unknown, LoginValues>({
    resolver: zodResolver(schema),
    defaultValues: { serverUrl: auth.lastServerUrl, username: '', password: '' },
  });

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
            description={t(`login.failure.${failure}`)}
            style={{ marginBottom: 16 }}
            data-testid="login-error"
            role="alert"
          />
        )}
        <Form layout="vertical" onFinish={() => void submit()} aria-label={t('login.title')} noValidate>
          <TextField control={control} name="serverUrl" id="login-server-url" label={t('login.serverUrl')} kind="url" required placeholder={t('login.serverUrlPlaceholder')} autoComplete="url" autoFocus={!hasServer} />
          <TextField control={control} name="username" id="login-username" label={t('login.username')} required autoComplete="username" autoFocus={hasServer} />
          <TextField control={control} name="password" id="login-password" label={t('login.password')} kind="password" required autoComplete="current-password" />
          <Button type="primary" htmlType="submit" block loading={formState.isSubmitting} icon={<LoginOutlined />} data-testid="login-submit">
            {t('login.submit')}
          </Button>
        </Form>
      </Card>
    </main>
  );
}
