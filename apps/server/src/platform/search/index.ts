// Chinese-aware full-text search: other code imports only from here. Design notes atop each file.
export { segment, indexText, queryTerms, MAX_INDEXED_CHARS, MAX_QUERY_CHARS, type QueryTerm } from './segment.js';
export { toSearchVector, weightedVector, toSearchQuery, searchMatches, searchRank, tsvector, type SearchWeight } from './search-sql.js';
export { snippet } from './highlight.js';
