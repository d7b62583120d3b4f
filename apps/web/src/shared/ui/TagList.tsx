import { Flex, Tag, Typography } from 'antd';

interface TagListProps {
  items: readonly string[];
  max?: number;
  color?: string;
}

/** A compact row of tags for table cells; the rest collapse into "+N". */
export function TagList({ items, max = 3, color }: TagListProps) {
  if (items.length === 0) return <Typography.Text type="secondary">—</Typography.Text>;
  const shown = items.slice(0, max);
  return (
    <Flex gap={4} wrap>
      {shown.map((item, i) => (
        // Index keys: placeholders ("…" while names load) may repeat.
        <Tag key={`${i}:${item}`} color={color} style={{ marginInlineEnd: 0 }}>
          {item}
        </Tag>
      ))}
      {items.length > max ? <Tag style={{ marginInlineEnd: 0 }}>+{items.length - max}</Tag> : null}
    </Flex>
  );
}
