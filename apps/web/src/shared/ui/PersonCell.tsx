import type { ReactNode } from 'react';
import { Avatar, Flex, Typography } from 'antd';

const palette = ['#1d4ed8', '#0f766e', '#7c3aed', '#b45309', '#be123c', '#0369a1', '#4d7c0f'];

/** A stable colour per name, so the same person keeps the same avatar everywhere. */
export function avatarColor(name: string): string {
  let hash = 0;
  for (const ch of name) hash = (hash * 31 + (ch.codePointAt(0) ?? 0)) >>> 0;
  return palette[hash % palette.length] ?? palette[0]!;
}

export function initials(name: string): string {
  const trimmed = name.trim();
  if (!trimmed) return '?';
  // Chinese names read best as their last one or two characters (the given name).
  const han = trimmed.match(/[\u3400-\u9fff]/g);
  if (han) return han.slice(-2).join('');
  const parts = trimmed.split(/\s+/);
  return ((parts[0]?.[0] ?? '') + (parts.length > 1 ? (parts[parts.length - 1]?.[0] ?? '') : '')).toUpperCase();
}

export function PersonAvatar({ name, size = 32, ring = false }: { name: string; size?: number; ring?: boolean }) {
  return (
    <Avatar
      size={size}
      style={{
        background: avatarColor(name),
        flexShrink: 0,
        fontSize: size * 0.4,
        // On a coloured header the avatar needs an outline to stand apart.
        boxShadow: ring ? '0 0 0 2px rgba(255,255,255,0.85)' : undefined,
      }}
    >
      {initials(name)}
    </Avatar>
  );
}

interface PersonCellProps {
  name: string;
  secondary?: ReactNode;
  suffix?: ReactNode;
}

export function PersonCell({ name, secondary, suffix }: PersonCellProps) {
  return (
    <Flex gap={10} align="center">
      <PersonAvatar name={name} />
      <div style={{ minWidth: 0 }}>
        <Typography.Text strong>
          {name}
          {suffix}
        </Typography.Text>
        {secondary ? (
          <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
            {secondary}
          </Typography.Text>
        ) : null}
      </div>
    </Flex>
  );
}
