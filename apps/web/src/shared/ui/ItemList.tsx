import { Fragment, type Key, type ReactNode } from 'react';
import { Divider } from 'antd';

interface ItemListProps<T> {
  items: readonly T[];
  itemKey: (item: T) => Key;
  render: (item: T) => ReactNode;
}

/** A plain divided list for cards (antd's List is deprecated in v6). */
export function ItemList<T>({ items, itemKey, render }: ItemListProps<T>) {
  return (
    <div role="list">
      {items.map((item, i) => (
        <Fragment key={itemKey(item)}>
          {i > 0 ? <Divider style={{ margin: 0 }} /> : null}
          <div role="listitem" style={{ padding: '12px 0' }}>
            {render(item)}
          </div>
        </Fragment>
      ))}
    </div>
  );
}
