DROP INDEX "kb_articles_search_idx";--> statement-breakpoint
DROP INDEX "kb_articles_title_trgm_idx";--> statement-breakpoint
DROP INDEX "kb_terms_trgm_idx";--> statement-breakpoint
CREATE INDEX "kb_articles_search_idx" ON "kb_articles" USING gin ("search_vector") WITH (fastupdate=false);--> statement-breakpoint
CREATE INDEX "kb_articles_title_trgm_idx" ON "kb_articles" USING gin ("search_title" gin_trgm_ops) WITH (fastupdate=false);--> statement-breakpoint
CREATE INDEX "kb_terms_trgm_idx" ON "kb_terms" USING gin ("term" gin_trgm_ops) WITH (fastupdate=false);