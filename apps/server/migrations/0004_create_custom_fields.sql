CREATE TABLE "custom_fields" (
	"id" uuid PRIMARY KEY NOT NULL,
	"key" text NOT NULL,
	"label" jsonb NOT NULL,
	"kind" text NOT NULL,
	"options" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"required" boolean DEFAULT false NOT NULL,
	"ticket_types" text[] DEFAULT '{}'::text[] NOT NULL,
	"visible_to_customer" boolean DEFAULT false NOT NULL,
	"position" integer NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"help_text" jsonb NOT NULL,
	"min" double precision,
	"max" double precision,
	"max_length" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "custom_fields_kind_check" CHECK ("custom_fields"."kind" in ('text','number','select','multi_select','date','checkbox')),
	CONSTRAINT "custom_fields_key_check" CHECK ("custom_fields"."key" ~ '^[a-z][a-z0-9_]{0,39}$')
);
--> statement-breakpoint
CREATE UNIQUE INDEX "custom_fields_key_key" ON "custom_fields" USING btree ("key");--> statement-breakpoint
CREATE INDEX "custom_fields_position_idx" ON "custom_fields" USING btree ("position");