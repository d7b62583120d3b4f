import { describe, expect, it } from 'vitest';
import type { KbCategory } from '@kefu/contracts';
import { buildCategoryTree, categoryPath, flattenTree } from './category-tree';

const at = '2026-11-24T00:00:00.000Z';
const cat = (id: string, parentId: string | null, position: number, name = id): KbCategory => ({
  id, parentId, name, slug: null, description: null, position, articleCount: 0, createdAt: at, updatedAt: at,
});

describe('category tree', () => {
  it('nests by parent and orders siblings by position, then name', () => {
    const tree = buildCategoryTree([cat('b', null, 1), cat('a', null, 0), cat('a2', 'a', 1), cat('a1', 'a', 0), cat('a1x', 'a1', 0), cat('z', null, 1, 'Alpha')]);
    expect(flattenTree(tree).map((n) => [n.id, n.depth])).toEqual([['a', 0], ['a1', 1], ['a1x', 2], ['a2', 1], ['z', 0], ['b', 0]]);
  });

  it('shows a category whose parent the caller cannot see at the top level', () => {
    const tree = buildCategoryTree([cat('child', 'hidden-parent', 0)]);
    expect(tree.map((n) => n.id)).toEqual(['child']);
  });

  it('never loops on a cycle in bad data: the cycle is left out, the rest shows', () => {
    const items = [cat('x', 'y', 0), cat('y', 'x', 0), cat('ok', null, 0)];
    expect(flattenTree(buildCategoryTree(items)).map((n) => n.id)).toEqual(['ok']);
    expect(categoryPath(items, 'x').length).toBeLessThanOrEqual(20);
  });

  it('gives the breadcrumb from the root down', () => {
    const items = [cat('root', null, 0), cat('mid', 'root', 0), cat('leaf', 'mid', 0)];
    expect(categoryPath(items, 'leaf').map((c) => c.id)).toEqual(['root', 'mid', 'leaf']);
    expect(categoryPath(items, 'missing')).toEqual([]);
  });
});
