const linkPattern = /\/portal\/kb\/articles\/([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})(?![0-9a-fA-F-])/g;

/** At most this many cited articles are offered for rating: more would be noise, not answers. */
export const maxCitedArticles = 5;

/**
 * The articles the support team linked in their replies (the "insert article" link), in the order
 * first cited. The HTML is the server-sanitized message body; only the article id is taken from it.
 */
export function citedArticleIds(htmls: readonly string[]): string[] {
  const ids = new Set<string>();
  for (const html of htmls) {
    for (const m of html.matchAll(linkPattern)) {
      ids.add(m[1]!.toLowerCase());
      if (ids.size === maxCitedArticles) return [...ids];
    }
  }
  return [...ids];
}
