import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { KbArticleState } from '@kefu/contracts';

const colors: Record<KbArticleState, string> = { draft: 'default', published: 'green', archived: 'orange' };

export function StateTag({ state }: { state: KbArticleState }) {
  const { t } = useTranslation();
  return <Tag color={colors[state]} data-testid="kb-state" data-state={state}>{t(`kb.state.${state}`)}</Tag>;
}
