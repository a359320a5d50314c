import { CloudServerOutlined } from '@ant-design/icons';
import { Space, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { useServerKind } from '../../data';

/** 县级服务器 / 乡镇中转站（县里已连通 | 县里暂时连不上）: which server the laptop talks to, in the sync indicator. */
export function ServerKindLabel() {
  const { t } = useTranslation();
  const server = useServerKind();
  if (!server) return null;
  const text =
    server.mode === 'central' ? t('relay.server.central') : server.upstream.reachable ? t('relay.server.relayUp') : t('relay.server.relayDown');
  const label = (
    <Space size={4} data-testid="sync-server" data-mode={server.mode} data-upstream={server.mode === 'relay' ? String(server.upstream.reachable) : undefined} aria-label={t('relay.server.label')}>
      <CloudServerOutlined />
      {text}
    </Space>
  );
  // The station's own name (…镇中转站) on hover: the indicator stays short.
  return server.mode === 'relay' && server.name ? <Tooltip title={t('relay.server.named', { name: server.name })}>{label}</Tooltip> : label;
}
