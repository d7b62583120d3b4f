import type { ReactNode } from 'react';

/** A small rounded square holding an icon, leading a list row. */
export function IconTile({ children, tinted = false }: { children: ReactNode; tinted?: boolean }) {
  return (
    <div
      aria-hidden
      style={{
        width: 36,
        height: 36,
        borderRadius: 8,
        background: tinted ? 'var(--ant-color-primary-bg)' : 'var(--ant-color-fill-tertiary)',
        color: 'var(--ant-color-primary)',
        display: 'grid',
        placeItems: 'center',
        flexShrink: 0,
      }}
    >
      {children}
    </div>
  );
}
