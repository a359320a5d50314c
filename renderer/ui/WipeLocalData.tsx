import { DeleteOutlined } from '@ant-design/icons';
import { Alert, App, Button, Flex, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useAuth, useSyncNow, useSyncStatus } from '../data';

/**
 * 清除本机数据: removes this person's records from the laptop (a shared or handed-on laptop, or
 * one the township stopped). Signing out alone keeps them, encrypted, for the same person's
 * next sign-in. When records have not reached the server the dialog says so first and offers
 * to send them or take them to the township on a USB drive; clearing anyway is asked twice.
 */
export function WipeLocalData() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { wipeAndSignOut } = useAuth();
  const status = useSyncStatus();
  const syncNow = useSyncNow();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const revoked = status.lastError === 'sync.error.revoked';
  const pending = status.pending;

  const close = () => {
    setOpen(false);
    setConfirming(false);
  };
  const wipe = async () => {
    setBusy(true);
    try {
      await wipeAndSignOut();
    } catch {
      setBusy(false);
      void message.error(t('security.wipe.failed'));
    }
  };

  return (
    <>
      <Button icon={<DeleteOutlined />} danger={revoked} type={revoked ? 'primary' : 'default'} onClick={() => setOpen(true)} data-testid="wipe-open">
        {t('security.wipe.button')}
      </Button>
      <Modal open={open} title={t('security.wipe.title')} onCancel={close} footer={null} destroyOnHidden data-testid="wipe-dialog">
        <Flex vertical gap="middle">
          {revoked && <Alert type="warning" showIcon title={t('security.revoked')} />}
          {pending > 0 ? (
            <Alert
              type="error"
              showIcon
              title={t('security.wipe.pending', { count: pending })}
              description={t('security.wipe.pendingHint')}
              data-testid="wipe-pending"
            />
          ) : (
            <Typography.Paragraph>{t('security.wipe.explain')}</Typography.Paragraph>
          )}
          {confirming ? (
            <>
              <Typography.Text strong>{t('security.wipe.confirmTitle')}</Typography.Text>
              {pending > 0 && <Typography.Text type="danger">{t('security.wipe.confirmPending', { count: pending })}</Typography.Text>}
              <Flex gap="small" wrap justify="end">
                <Button size="large" onClick={close}>
                  {t('security.wipe.cancel')}
                </Button>
                <Button size="large" danger type="primary" loading={busy} onClick={() => void wipe()} data-testid="wipe-confirm">
                  {t('security.wipe.confirm')}
                </Button>
              </Flex>
            </>
          ) : (
            <Flex gap="small" wrap justify="end">
              {pending > 0 && !revoked && (
                <Button size="large" type="primary" onClick={syncNow} data-testid="wipe-sync-now">
                  {t('security.wipe.syncNow')}
                </Button>
              )}
              {pending > 0 && (
                <Button
                  size="large"
                  onClick={() => {
                    close();
                    void navigate('/sync-centre');
                  }}
                  data-testid="wipe-export-usb"
                >
                  {t('security.wipe.exportUsb')}
                </Button>
              )}
              <Button size="large" onClick={close}>
                {t('security.wipe.cancel')}
              </Button>
              <Button size="large" danger onClick={() => setConfirming(true)} data-testid="wipe-anyway">
                {pending > 0 ? t('security.wipe.anyway') : t('security.wipe.clear')}
              </Button>
            </Flex>
          )}
        </Flex>
      </Modal>
    </>
  );
}
