import { Flex, Radio, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Provisioning } from '../../shared/wire/provisioning';
import { useAuth, useServerReach, type ServerReach } from '../data';

const REACH_COLOURS: Record<ServerReach, string> = { checking: 'default', reachable: 'success', unreachable: 'warning' };

/**
 * 选择服务器 (issue 17): the county's file names its server and a township station's relay. The
 * assistant picks one with a large card (what it is, in words; its address small), the choice is
 * kept on this laptop, and each card says whether the server answers now — a hint only: sign-in
 * is tried at the chosen one whatever it says.
 */
export function ServerChoice({ provisioning }: { provisioning: Provisioning }) {
  const { t } = useTranslation();
  const auth = useAuth();
  const reach = useServerReach(provisioning.servers.map((server) => server.url));
  return (
    <fieldset style={{ border: 0, padding: 0, margin: '0 0 16px' }} data-testid="server-choice">
      <legend style={{ fontSize: 16, fontWeight: 600, marginBottom: 4, borderBottom: 'none' }}>{t('provisioning.chooseTitle')}</legend>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {t('provisioning.chooseHint')}
      </Typography.Paragraph>
      <Radio.Group value={auth.lastServerUrl} onChange={(event) => auth.chooseServer(String(event.target.value))} style={{ width: '100%' }}>
        <Flex vertical gap={8}>
          {provisioning.servers.map((server) => {
            const chosen = server.url === auth.lastServerUrl;
            return (
              <Radio
                key={server.url}
                value={server.url}
                style={{
                  width: '100%',
                  margin: 0,
                  padding: '12px 16px',
                  minHeight: 64,
                  border: `2px solid ${chosen ? '#1677ff' : '#d9d9d9'}`,
                  borderRadius: 8,
                  background: chosen ? '#e6f4ff' : '#fff',
                }}
              >
                <Flex vertical gap={2} data-testid="server-option">
                  <Flex gap={8} align="center" wrap>
                    {server.kind && <Tag color={server.kind === 'relay' ? 'green' : 'blue'}>{t(`provisioning.kind.${server.kind}`)}</Tag>}
                    <Typography.Text strong style={{ fontSize: 17 }}>
                      {server.name}
                    </Typography.Text>
                    <Tag color={REACH_COLOURS[reach[server.url]!]} data-testid="server-reach">
                      {t(`provisioning.reach.${reach[server.url]!}`)}
                    </Tag>
                  </Flex>
                  {server.kind && <Typography.Text>{t(`provisioning.kindHint.${server.kind}`)}</Typography.Text>}
                  <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                    {server.url}
                  </Typography.Text>
                </Flex>
              </Radio>
            );
          })}
        </Flex>
      </Radio.Group>
    </fieldset>
  );
}
