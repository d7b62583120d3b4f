-- A fresh install has the default mailbox support@localhost, so mail sent to the built-in SMTP
-- listener (KEFU_SMTP_PORT) becomes a ticket with no other setup. Only into an empty table; the
-- admin edits or replaces it like any other mailbox.
INSERT INTO "mailboxes" ("id", "name", "address", "active", "is_default")
SELECT gen_random_uuid(), 'Support', 'support@localhost', true, true
WHERE NOT EXISTS (SELECT 1 FROM "mailboxes");
