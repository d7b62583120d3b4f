-- The articles a knowledge-base word search ranks: at most `lim` rows matching `q`, found through
-- the GIN index. As one statement with LIMIT, the planner prefers a sequential scan that stops at
-- the limit whenever it expects many matches; when the matches are sparse in the table (a fallback
-- "any word" query, say) that scan reads tens of thousands of rows (60 ms at 50,000 articles) where
-- the index needs a few hundred. A function's SET clause scopes the setting to this query alone.
CREATE OR REPLACE FUNCTION kb_search_candidates(q tsquery, include_internal boolean, category uuid, lim integer)
RETURNS TABLE (id uuid, search_vector tsvector, locale text, view_count integer, helpful_count integer, not_helpful_count integer)
LANGUAGE sql STABLE
SET enable_seqscan = off
AS $$
  SELECT a.id, a.search_vector, a.locale, a.view_count, a.helpful_count, a.not_helpful_count
  FROM kb_articles a
  WHERE a.search_vector @@ q
    AND a.state = 'published'
    AND (include_internal OR a.visibility = 'public')
    AND (category IS NULL OR a.category_id = category)
  LIMIT lim
$$;
