import { App, Button, Card, Empty, Space, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useConflictActions, useOpenConflicts, WriteRefusedError, type ConflictRecord } from '../../data';
import { formatRecentTime } from '../format';

type Json = Record<string, unknown>;

/** A value of a collided field, readable: text as it is, lists and records as short JSON. */
function show(value: unknown): string {
  if (value === undefined || value === null || value === '') return '—';
  return typeof value === 'string' || typeof value === 'number' ? String(value) : JSON.stringify(value);
}

/** Reads a collision path ('members[m1].name') out of a document. */
function valueAt(doc: Json, path: string): unknown {
  let current: unknown = doc;
  for (const part of path.split('.')) {
    const match = /^([^[]+)(?:\[(.+)\])?$/.exec(part);
    if (!match || typeof current !== 'object' || current === null) return undefined;
    current = (current as Json)[match[1]!];
    if (match[2] && Array.isArray(current)) current = current.find((item: Json) => item['id'] === match[2]);
  }
  return current;
}

/** A record's name for people: a household's head, otherwise its id. */
function nameOf(doc: Json): string {
  const members = doc['members'] as { name?: string }[] | undefined;
  return members?.[0]?.name ?? String(doc['id']);
}

function ConflictCard({ conflict }: { conflict: ConflictRecord }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { reapply, dismiss } = useConflictActions();
  const local = JSON.parse(conflict.localJson) as Json;
  const remote = JSON.parse(conflict.remoteJson) as Json;
  return (
    <Card
      size="small"
      data-testid="conflict-card"
      title={t('syncCentre.conflicts.record', {
        collection: t(`syncCentre.collection.${conflict.collectionName}` as 'syncCentre.collection.households'),
        name: nameOf(remote),
      })}
      extra={<Typography.Text type="secondary">{t('syncCentre.conflicts.at', { time: formatRecentTime(conflict.createdAt) })}</Typography.Text>}
      style={{ marginBottom: 12 }}
    >
      <Table
        size="small"
        pagination={false}
        rowKey="field"
        dataSource={conflict.fields.map((field) => ({ field, local: show(valueAt(local, field)), remote: show(valueAt(remote, field)) }))}
        columns={[
          { title: t('syncCentre.conflicts.field'), dataIndex: 'field' },
          { title: t('syncCentre.conflicts.local'), dataIndex: 'local', render: (v: string) => <span data-testid="conflict-local">{v}</span> },
          { title: t('syncCentre.conflicts.remote'), dataIndex: 'remote', render: (v: string) => <span data-testid="conflict-remote">{v}</span> },
        ]}
      />
      <Space style={{ marginTop: 12 }}>
        <Button
          type="primary"
          data-testid="conflict-reapply"
          onClick={() =>
            void reapply(conflict.id).then(
              () => message.success(t('syncCentre.conflicts.reapplied')),
              // 以本机为准 is a new edit: the write policy may no longer allow it (the record was archived meanwhile).
              (error: unknown) => message.error(error instanceof WriteRefusedError ? error.message : t('common.saveFailed')),
            )
          }
        >
          {t('syncCentre.conflicts.reapply')}
        </Button>
        <Button data-testid="conflict-dismiss" onClick={() => void dismiss(conflict.id).then(() => message.info(t('syncCentre.conflicts.dismissed')))}>
          {t('syncCentre.conflicts.dismiss')}
        </Button>
      </Space>
    </Card>
  );
}

/** 需要核对的记录: each collision side by side, with the two choices. */
export function ConflictReview() {
  const { t } = useTranslation();
  const conflicts = useOpenConflicts();
  return (
    <section aria-labelledby="conflicts-title">
      <Typography.Title level={4} id="conflicts-title">
        {t('syncCentre.conflicts.title')}
      </Typography.Title>
      {conflicts.length === 0 ? (
        <Empty description={t('syncCentre.conflicts.empty')} data-testid="conflicts-empty" />
      ) : (
        <>
          <Typography.Paragraph>{t('syncCentre.conflicts.explain')}</Typography.Paragraph>
          {conflicts.map((conflict) => (
            <ConflictCard key={conflict.id} conflict={conflict} />
          ))}
        </>
      )}
    </section>
  );
}
