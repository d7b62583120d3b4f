import { Card, Descriptions, Skeleton, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { KbDiffRow } from '@kefu/contracts';
import { ProblemResult } from '../../../shared/ui/ProblemResult';
import { getKbDiff, kbResource } from '../api';

const tint = { added: '#e6ffec', removed: '#ffebe9', equal: 'transparent' } as const;

function Rows({ rows }: { rows: KbDiffRow[] }) {
  return (
    <table style={{ width: '100%', borderCollapse: 'collapse', tableLayout: 'fixed', fontSize: 13 }} data-testid="kb-diff">
      <tbody>
        {rows.map((r, i) => (
          <tr key={i} data-kind={r.kind}>
            <td style={{ width: 36, color: '#8c8c8c', textAlign: 'right', paddingInlineEnd: 6, verticalAlign: 'top' }}>{r.leftLine ?? ''}</td>
            <td style={{ background: r.kind === 'removed' ? tint.removed : r.left === null ? '#fafafa' : undefined, padding: '2px 8px', whiteSpace: 'pre-wrap', wordBreak: 'break-word', verticalAlign: 'top' }}>
              {r.left ?? ''}
            </td>
            <td style={{ width: 36, color: '#8c8c8c', textAlign: 'right', paddingInlineEnd: 6, verticalAlign: 'top' }}>{r.rightLine ?? ''}</td>
            <td style={{ background: r.kind === 'added' ? tint.added : r.right === null ? '#fafafa' : undefined, padding: '2px 8px', whiteSpace: 'pre-wrap', wordBreak: 'break-word', verticalAlign: 'top' }}>
              {r.right ?? ''}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Two versions side by side, computed by the server line by line. */
export function VersionDiff({ articleId, from, to }: { articleId: string; from: number; to: number }) {
  const { t } = useTranslation();
  const diff = useQuery({ queryKey: [kbResource, 'diff', articleId, from, to], queryFn: ({ signal }) => getKbDiff(articleId, from, to, signal) });
  if (diff.isError) return <ProblemResult error={diff.error} />;
  if (!diff.data) return <Skeleton active />;
  const d = diff.data;
  return (
    <Card size="small" title={t('kb.versions.compare', { from, to })}>
      {d.fields.length ? (
        <Descriptions size="small" column={1} bordered style={{ marginBottom: 12 }}>
          {d.fields.map((f) => (
            <Descriptions.Item key={f.field} label={f.field}>
              <Typography.Text delete type="secondary">{f.from ?? '—'}</Typography.Text> → <Typography.Text>{f.to ?? '—'}</Typography.Text>
            </Descriptions.Item>
          ))}
        </Descriptions>
      ) : null}
      <Typography.Text strong>{t('kb.fields.title')}</Typography.Text>
      <Rows rows={d.title} />
      <Typography.Text strong style={{ display: 'block', marginTop: 12 }}>{t('kb.fields.body')}</Typography.Text>
      <Rows rows={d.body} />
    </Card>
  );
}
