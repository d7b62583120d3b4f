CREATE TABLE "account_requests" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"action" text NOT NULL,
	"ip" text NOT NULL,
	"email" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "account_tokens" (
	"id" uuid PRIMARY KEY NOT NULL,
	"purpose" text NOT NULL,
	"user_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "account_tokens_purpose_check" CHECK ("account_tokens"."purpose" in ('verify_email','password_reset','login_link','invitation'))
);
--> statement-breakpoint
CREATE TABLE "portal_settings" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"name" text DEFAULT '' NOT NULL,
	"logo" "bytea",
	"logo_type" text,
	"logo_hash" text,
	"primary_color" text DEFAULT '#1d4ed8' NOT NULL,
	"languages" text[] DEFAULT '{zh-CN,en}'::text[] NOT NULL,
	"signup_mode" text DEFAULT 'open' NOT NULL,
	"login_link_enabled" boolean DEFAULT false NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "portal_settings_single_row" CHECK ("portal_settings"."id" = 1),
	CONSTRAINT "portal_settings_signup_mode_check" CHECK ("portal_settings"."signup_mode" in ('open','invitation'))
);
--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "email_verified_at" timestamp with time zone DEFAULT now();--> statement-breakpoint
ALTER TABLE "account_tokens" ADD CONSTRAINT "account_tokens_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "account_requests_ip_idx" ON "account_requests" USING btree ("action","ip","created_at");--> statement-breakpoint
CREATE INDEX "account_requests_email_idx" ON "account_requests" USING btree ("action","email","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "account_tokens_hash_key" ON "account_tokens" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "account_tokens_user_idx" ON "account_tokens" USING btree ("user_id","purpose");--> statement-breakpoint
CREATE INDEX "account_tokens_expires_idx" ON "account_tokens" USING btree ("expires_at");