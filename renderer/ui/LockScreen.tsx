import { LockOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Form, Input, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { useAuth, type SignInFailure } from '../data';
import { drawCurtain } from './lockCurtain';

/**
 * Covers the whole app while it is locked: nothing of the records shows, takes the focus or is
 * read out until the password is given (`drawCurtain`). The pages stay mounted behind it.
 */
export function LockScreen() {
  const { t } = useTranslation();
  const { session, unlock, signOut } = useAuth();
  const [password, setPassword] = useState('');
  const [failure, setFailure] = useState<SignInFailure | 'required' | null>(null);
  const [busy, setBusy] = useState(false);
  const screen = useRef<HTMLDivElement>(null);
  // Read while rendering, before the password field takes the focus.
  const [focusedBefore] = useState(() => document.activeElement);
  useEffect(() => (screen.current ? drawCurtain(screen.current, focusedBefore) : undefined), [focusedBefore]);

  const submit = async () => {
    if (!password) return setFailure('required');
    setBusy(true);
    const result = await unlock(password);
    setBusy(false);
    setPassword('');
    setFailure(result.ok ? null : result.reason);
  };

  // A child of <body> of its own, so everything else there can be hidden.
  return createPortal(
    <Flex
      ref={screen}
      justify="center"
      align="center"
      style={{ position: 'fixed', inset: 0, background: '#f0f2f5', zIndex: 2000 }}
      data-testid="lock-screen"
      role="dialog"
      aria-modal="true"
      aria-labelledby="lock-title"
    >
      <Card style={{ width: 420 }}>
        <Typography.Title level={3} id="lock-title">
          <LockOutlined /> {t('lock.title')}
        </Typography.Title>
        <Typography.Paragraph>{t('lock.explain')}</Typography.Paragraph>
        <Typography.Paragraph strong>{t('lock.user', { name: session?.user.displayName ?? '' })}</Typography.Paragraph>
        {failure && (
          <Alert type="error" showIcon role="alert" data-testid="unlock-error" style={{ marginBottom: 16 }}
            title={failure === 'required' ? t('lock.required') : t(`lock.failure.${failure}`)} />
        )}
        <Form layout="vertical" onFinish={() => void submit()}>
          <Form.Item label={t('lock.password')} htmlFor="unlock-password">
            <Input.Password id="unlock-password" value={password} onChange={(e) => setPassword(e.target.value)} autoFocus autoComplete="current-password" />
          </Form.Item>
          <Flex gap={12}>
            <Button type="primary" htmlType="submit" loading={busy} data-testid="unlock-submit">
              {t('lock.unlock')}
            </Button>
            <Button onClick={() => void signOut()} data-testid="unlock-sign-out">
              {t('lock.signOut')}
            </Button>
          </Flex>
        </Form>
      </Card>
    </Flex>,
    document.body,
  );
}
