CREATE TABLE "mail_auto_replies" (
	"id" uuid PRIMARY KEY NOT NULL,
	"mailbox_id" uuid,
	"recipient" text NOT NULL,
	"ticket_id" uuid,
	"mail_message_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "mail_auto_replies" ADD CONSTRAINT "mail_auto_replies_mailbox_id_mailboxes_id_fk" FOREIGN KEY ("mailbox_id") REFERENCES "public"."mailboxes"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mail_auto_replies" ADD CONSTRAINT "mail_auto_replies_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mail_auto_replies" ADD CONSTRAINT "mail_auto_replies_mail_message_id_mail_messages_id_fk" FOREIGN KEY ("mail_message_id") REFERENCES "public"."mail_messages"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "mail_auto_replies_recipient_idx" ON "mail_auto_replies" USING btree ("recipient","created_at");