CREATE TABLE "business_calendars" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"time_zone" text NOT NULL,
	"weekly" jsonb NOT NULL,
	"holidays" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"workdays" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"make_up_weekday" smallint DEFAULT 1 NOT NULL,
	"is_default" boolean DEFAULT false NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "business_calendars_make_up_weekday_check" CHECK ("business_calendars"."make_up_weekday" between 0 and 6),
	CONSTRAINT "business_calendars_version_check" CHECK ("business_calendars"."version" > 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX "business_calendars_name_key" ON "business_calendars" USING btree (lower("name"));--> statement-breakpoint
CREATE UNIQUE INDEX "business_calendars_default_key" ON "business_calendars" USING btree ("is_default") WHERE "business_calendars"."is_default";