CREATE TABLE "mail_messages" (
	"id" uuid PRIMARY KEY NOT NULL,
	"mailbox_id" uuid,
	"ticket_id" uuid,
	"ticket_message_id" uuid,
	"direction" text NOT NULL,
	"message_id" text,
	"content_hash" text,
	"in_reply_to" text,
	"references" text[] DEFAULT '{}'::text[] NOT NULL,
	"from_address" text,
	"from_name" text,
	"to" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"cc" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"subject" text DEFAULT '' NOT NULL,
	"raw_blob_key" text,
	"raw_size" bigint DEFAULT 0 NOT NULL,
	"flagged" boolean DEFAULT false NOT NULL,
	"delivery_state" text DEFAULT 'received' NOT NULL,
	"delivery_error" text,
	"delivery_attempts" integer DEFAULT 0 NOT NULL,
	"sent_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "mail_messages_direction_check" CHECK ("mail_messages"."direction" in ('in','out')),
	CONSTRAINT "mail_messages_delivery_check" CHECK ("mail_messages"."delivery_state" in ('received','queued','sent','failed')),
	CONSTRAINT "mail_messages_identity_check" CHECK ("mail_messages"."message_id" is not null or "mail_messages"."content_hash" is not null or "mail_messages"."direction" = 'out')
);
--> statement-breakpoint
CREATE TABLE "mail_sync_state" (
	"mailbox_id" uuid NOT NULL,
	"folder" text NOT NULL,
	"uid_validity" bigint NOT NULL,
	"last_uid" bigint DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "mail_sync_state_mailbox_id_folder_pk" PRIMARY KEY("mailbox_id","folder")
);
--> statement-breakpoint
CREATE TABLE "mailboxes" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"address" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"is_default" boolean DEFAULT false NOT NULL,
	"imap_host" text,
	"imap_port" integer,
	"imap_tls" boolean DEFAULT true NOT NULL,
	"imap_user" text,
	"imap_password_enc" text,
	"imap_folder" text DEFAULT 'INBOX' NOT NULL,
	"poll_interval_seconds" integer DEFAULT 60 NOT NULL,
	"smtp_host" text,
	"smtp_port" integer,
	"smtp_secure" boolean DEFAULT false NOT NULL,
	"smtp_user" text,
	"smtp_password_enc" text,
	"smtp_from" text,
	"auto_reply_enabled" boolean DEFAULT false NOT NULL,
	"auto_reply_templates" jsonb,
	"unknown_sender_policy" text DEFAULT 'new_ticket' NOT NULL,
	"team_id" uuid,
	"next_poll_at" timestamp with time zone,
	"last_poll_at" timestamp with time zone,
	"last_poll_error" text,
	"last_poll_count" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "mailboxes_policy_check" CHECK ("mailboxes"."unknown_sender_policy" in ('new_ticket','flagged_note')),
	CONSTRAINT "mailboxes_poll_interval_check" CHECK ("mailboxes"."poll_interval_seconds" >= 1)
);
--> statement-breakpoint
CREATE TABLE "ticket_participants" (
	"ticket_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"role" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ticket_participants_ticket_id_customer_id_pk" PRIMARY KEY("ticket_id","customer_id"),
	CONSTRAINT "ticket_participants_role_check" CHECK ("ticket_participants"."role" in ('requester','cc'))
);
--> statement-breakpoint
ALTER TABLE "mail_messages" ADD CONSTRAINT "mail_messages_mailbox_id_mailboxes_id_fk" FOREIGN KEY ("mailbox_id") REFERENCES "public"."mailboxes"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mail_messages" ADD CONSTRAINT "mail_messages_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mail_messages" ADD CONSTRAINT "mail_messages_ticket_message_id_ticket_messages_id_fk" FOREIGN KEY ("ticket_message_id") REFERENCES "public"."ticket_messages"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mail_sync_state" ADD CONSTRAINT "mail_sync_state_mailbox_id_mailboxes_id_fk" FOREIGN KEY ("mailbox_id") REFERENCES "public"."mailboxes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mailboxes" ADD CONSTRAINT "mailboxes_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_participants" ADD CONSTRAINT "ticket_participants_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_participants" ADD CONSTRAINT "ticket_participants_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "mail_messages_message_id_key" ON "mail_messages" USING btree ("message_id") WHERE "mail_messages"."message_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "mail_messages_content_hash_key" ON "mail_messages" USING btree ("content_hash") WHERE "mail_messages"."message_id" is null and "mail_messages"."content_hash" is not null;--> statement-breakpoint
CREATE INDEX "mail_messages_ticket_idx" ON "mail_messages" USING btree ("ticket_id","created_at");--> statement-breakpoint
CREATE INDEX "mail_messages_ticket_message_idx" ON "mail_messages" USING btree ("ticket_message_id");--> statement-breakpoint
CREATE INDEX "mail_messages_delivery_idx" ON "mail_messages" USING btree ("delivery_state") WHERE "mail_messages"."delivery_state" in ('queued','failed');--> statement-breakpoint
CREATE UNIQUE INDEX "mailboxes_address_key" ON "mailboxes" USING btree ("address");--> statement-breakpoint
CREATE UNIQUE INDEX "mailboxes_default_key" ON "mailboxes" USING btree ("is_default") WHERE "mailboxes"."is_default";--> statement-breakpoint
CREATE INDEX "mailboxes_poll_idx" ON "mailboxes" USING btree ("next_poll_at") WHERE "mailboxes"."imap_host" is not null and "mailboxes"."active";--> statement-breakpoint
CREATE INDEX "ticket_participants_customer_idx" ON "ticket_participants" USING btree ("customer_id");