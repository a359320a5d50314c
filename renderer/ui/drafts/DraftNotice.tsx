import { Alert, App as AntApp, Button, Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../format';
import type { FormDraft } from './useFormDraft';

/**
 * Shown when a form opens with the draft left last time: the values are already back in the
 * form; 继续填写 closes the notice, 放弃草稿 empties the form and forgets the draft. Otherwise a
 * line saying that what is typed is kept.
 */
export function DraftNotice({ draft, hint }: { draft: Pick<FormDraft<unknown>, 'restoredAt' | 'dismiss' | 'discard'>; hint?: string }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  if (draft.restoredAt === null) {
    return (
      <Typography.Paragraph type="secondary" data-testid="draft-autosave-hint">
        {hint ?? t('drafts.autosaveHint')}
      </Typography.Paragraph>
    );
  }
  return (
    <Alert
      type="info"
      showIcon
      title={t('drafts.restored')}
      description={t('drafts.restoredDetail', { time: formatDateTime(draft.restoredAt) })}
      action={
        <Flex vertical gap={8}>
          <Button type="primary" onClick={draft.dismiss} data-testid="draft-continue">
            {t('drafts.continue')}
          </Button>
          <Button
            danger
            onClick={() => {
              draft.discard();
              void message.info(t('drafts.discarded'));
            }}
            data-testid="draft-discard"
          >
            {t('drafts.discard')}
          </Button>
        </Flex>
      }
      role="status"
      data-testid="draft-notice"
      style={{ marginBottom: 16, maxWidth: 1100 }}
    />
  );
}
