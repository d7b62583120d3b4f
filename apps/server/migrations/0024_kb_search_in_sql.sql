-- Knowledge-base search as a few fixed statements. The tsquery used to be composed in TypeScript as
-- nested SQL fragments (one to_tsquery per word and synonym); building that text, and the engine
-- parsing a different statement for every query, cost more than the search itself under load. Now
-- the words travel as ONE jsonb parameter and these functions build the query and rank the page.
--
-- kb_tsquery(spec, mode): spec is [[[word, …] (an alternative: words ANDed), …] (a group:
-- alternatives ORed), …]; a word is {"o": quoted tsquery operand, "k": "s" simple | "e" english |
-- "es" english OR simple (a word being typed: stemmed and as written)}. mode: 'all' (every group),
-- 'any' (one group), 'all_but_one' (all groups but any one). Operators combine left to right, as
-- (a && b) && c; an operand that is only a stop word is empty, and an empty query is neutral in
-- && and ||, so it drops out.
CREATE OR REPLACE FUNCTION kb_tsquery(spec jsonb, mode text) RETURNS tsquery
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
AS $$
DECLARE
  g jsonb;
  alt jsonb;
  w jsonb;
  groups tsquery[] := '{}';
  gq tsquery;
  aq tsquery;
  wq tsquery;
  result tsquery;
  part tsquery;
  n integer;
BEGIN
  FOR g IN SELECT value FROM jsonb_array_elements(spec) LOOP
    gq := NULL;
    FOR alt IN SELECT value FROM jsonb_array_elements(g) LOOP
      aq := NULL;
      FOR w IN SELECT value FROM jsonb_array_elements(alt) LOOP
        wq := CASE w->>'k'
          WHEN 's' THEN to_tsquery('simple'::regconfig, w->>'o')
          WHEN 'e' THEN to_tsquery('english'::regconfig, w->>'o')
          ELSE to_tsquery('english'::regconfig, w->>'o') || to_tsquery('simple'::regconfig, w->>'o')
        END;
        aq := CASE WHEN aq IS NULL THEN wq ELSE aq && wq END;
      END LOOP;
      IF aq IS NOT NULL THEN gq := CASE WHEN gq IS NULL THEN aq ELSE gq || aq END; END IF;
    END LOOP;
    IF gq IS NOT NULL THEN groups := groups || gq; END IF;
  END LOOP;
  n := coalesce(array_length(groups, 1), 0);
  IF n = 0 THEN RETURN ''::tsquery; END IF;
  IF mode = 'all_but_one' THEN
    FOR skip IN 1..n LOOP
      part := NULL;
      FOR i IN 1..n LOOP
        CONTINUE WHEN i = skip;
        part := CASE WHEN part IS NULL THEN groups[i] ELSE part && groups[i] END;
      END LOOP;
      result := CASE WHEN result IS NULL THEN part ELSE result || part END;
    END LOOP;
    RETURN result;
  END IF;
  result := groups[1];
  FOR i IN 2..n LOOP
    result := CASE WHEN mode = 'any' THEN result || groups[i] ELSE result && groups[i] END;
  END LOOP;
  RETURN result;
END
$$;

-- Relevance (`relevance`, from ts_rank_cd or title similarity) nudged by the asked language and by
-- popularity, so relevance decides and popularity breaks near-ties.
CREATE OR REPLACE FUNCTION kb_score(relevance double precision, locale text, lang text, views integer, helpful integer, not_helpful integer)
RETURNS double precision
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
  SELECT relevance * (CASE WHEN locale = lang THEN 1.25 ELSE 1 END)
    * (1 + 0.04 * ln(1 + views) + 0.1 * helpful::float8 / (helpful + not_helpful + 2))
$$;

-- The ranked ids of a word search: at most `candidates` matches from the GIN index
-- (kb_search_candidates), ranked on ids and numbers only; the caller reads bodies for its page.
CREATE OR REPLACE FUNCTION kb_word_ranks(q tsquery, include_internal boolean, category uuid, lang text, lim integer, candidates integer, weight double precision)
RETURNS TABLE (id uuid, view_count integer, score double precision)
LANGUAGE sql STABLE
AS $$
  SELECT c.id, c.view_count,
    kb_score(ts_rank_cd(c.search_vector, q) * weight, c.locale, lang, c.view_count, c.helpful_count, c.not_helpful_count) AS score
  FROM kb_search_candidates(q, include_internal, category, candidates) c
  ORDER BY score DESC, c.view_count DESC, c.id
  LIMIT lim
$$;

-- The last resort for a mangled query no word search rescues: titles by trigram similarity
-- (`%` uses pg_trgm's threshold through the trigram index), far below any word match.
CREATE OR REPLACE FUNCTION kb_title_ranks(wanted text, include_internal boolean, category uuid, lang text, lim integer, candidates integer, min_similarity real)
RETURNS TABLE (id uuid, view_count integer, score double precision)
LANGUAGE sql STABLE
AS $$
  SELECT n.id, n.view_count, kb_score(n.sim * 0.01, n.locale, lang, n.view_count, n.helpful_count, n.not_helpful_count) AS score
  FROM (
    SELECT a.id, a.view_count, similarity(a.search_title, wanted) AS sim, a.locale, a.helpful_count, a.not_helpful_count
    FROM kb_articles a
    WHERE a.search_title % wanted
      AND similarity(a.search_title, wanted) >= min_similarity
      AND a.state = 'published'
      AND (include_internal OR a.visibility = 'public')
      AND (category IS NULL OR a.category_id = category)
    LIMIT candidates
  ) n
  ORDER BY score DESC, n.view_count DESC, n.id
  LIMIT lim
$$;
