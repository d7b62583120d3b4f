import { roleRank, type Role } from '@kefu/contracts';

export const minRole = (a: Role, b: Role): Role => (roleRank[a] <= roleRank[b] ? a : b);
