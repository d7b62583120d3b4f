import { Button, Popover, Typography } from 'antd';
import { QuestionCircleOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

/** The ticket page's keyboard shortcuts, also opened with "?". */
export function ShortcutsHelp({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }) {
  const { t } = useTranslation();
  const rows: [string, string][] = [
    ['r', t('tickets.shortcuts.reply')],
    ['n', t('tickets.shortcuts.note')],
    ['j', t('tickets.shortcuts.next')],
    ['k', t('tickets.shortcuts.prev')],
    [`${isMac ? '⌘' : 'Ctrl'} + Enter`, t('tickets.shortcuts.send')],
    ['?', t('tickets.shortcuts.help')],
  ];
  return (
    <Popover
      open={open}
      onOpenChange={onOpenChange}
      trigger="click"
      placement="bottomRight"
      title={t('tickets.shortcuts.title')}
      content={
        <table style={{ borderSpacing: '0 6px' }}>
          <tbody>
            {rows.map(([key, label]) => (
              <tr key={key}>
                <td style={{ paddingInlineEnd: 16 }}>
                  <Typography.Text keyboard>{key}</Typography.Text>
                </td>
                <td>{label}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    >
      <Button icon={<QuestionCircleOutlined />} aria-label={t('tickets.shortcuts.title')} />
    </Popover>
  );
}
