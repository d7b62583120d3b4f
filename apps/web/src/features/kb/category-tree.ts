import type { KbCategory } from '@kefu/contracts';

export interface CategoryNode extends KbCategory {
  children: CategoryNode[];
  depth: number;
}

/** The flat list (parent, then position) as a tree; orphans (parent not visible) become roots. */
export function buildCategoryTree(items: readonly KbCategory[]): CategoryNode[] {
  const nodes = new Map<string, CategoryNode>(items.map((c) => [c.id, { ...c, children: [], depth: 0 }]));
  const roots: CategoryNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.parentId ? nodes.get(node.parentId) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  const sort = (list: CategoryNode[], depth: number) => {
    list.sort((a, b) => a.position - b.position || a.name.localeCompare(b.name));
    for (const n of list) {
      n.depth = depth;
      sort(n.children, depth + 1);
    }
  };
  sort(roots, 0);
  return roots;
}

/** Every node with its depth, in tree order: for selects that show the hierarchy by indent. */
export function flattenTree(roots: readonly CategoryNode[]): CategoryNode[] {
  return roots.flatMap((n) => [n, ...flattenTree(n.children)]);
}

/** The path from a root down to the category, for breadcrumbs. */
export function categoryPath(items: readonly KbCategory[], id: string): KbCategory[] {
  const byId = new Map(items.map((c) => [c.id, c]));
  const path: KbCategory[] = [];
  let current = byId.get(id);
  while (current && path.length < 20) {
    path.unshift(current);
    current = current.parentId ? byId.get(current.parentId) : undefined;
  }
  return path;
}
