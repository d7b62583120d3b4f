CREATE TABLE "canned_responses" (
	"id" uuid PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"body_text" text NOT NULL,
	"category" text,
	"scope" text DEFAULT 'personal' NOT NULL,
	"shortcut" text,
	"locale" text,
	"usage_count" integer DEFAULT 0 NOT NULL,
	"owner_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "canned_responses_scope_check" CHECK ("canned_responses"."scope" in ('personal','shared')),
	CONSTRAINT "canned_responses_locale_check" CHECK ("canned_responses"."locale" is null or "canned_responses"."locale" in ('zh-CN','en'))
);
--> statement-breakpoint
ALTER TABLE "canned_responses" ADD CONSTRAINT "canned_responses_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "canned_responses_owner_shortcut_key" ON "canned_responses" USING btree ("owner_id",lower("shortcut")) WHERE "canned_responses"."shortcut" is not null;--> statement-breakpoint
CREATE INDEX "canned_responses_owner_idx" ON "canned_responses" USING btree ("owner_id");--> statement-breakpoint
CREATE INDEX "canned_responses_scope_idx" ON "canned_responses" USING btree ("scope");--> statement-breakpoint
CREATE INDEX "canned_responses_category_idx" ON "canned_responses" USING btree ("category");