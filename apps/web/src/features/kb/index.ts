// What the ticket page embeds.
export { InsertArticlePicker } from './agent/InsertArticlePicker';
export { useArticleFromTicket } from './agent/use-article-from-ticket';
