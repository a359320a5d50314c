import { FontSizeOutlined } from '@ant-design/icons';
import { Button, Dropdown } from 'antd';
import { useTranslation } from 'react-i18next';
import { textSizes, useTextSize } from '../../data';

/** 字号 in the header: 标准 / 大 / 特大, for the whole app, remembered for this person. */
export function TextSizeMenu() {
  const { t } = useTranslation();
  const { size, setSize } = useTextSize();
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        selectable: true,
        selectedKeys: [size],
        items: textSizes.map((key) => ({ key, label: <span data-testid={`text-size-${key}`}>{t(`shell.textSize.${key}`)}</span> })),
        onClick: ({ key }) => setSize(key as (typeof textSizes)[number]),
      }}
    >
      <Button icon={<FontSizeOutlined />} data-testid="text-size" data-size={size}>
        {t('shell.textSize.button', { size: t(`shell.textSize.${size}`) })}
      </Button>
    </Dropdown>
  );
}
