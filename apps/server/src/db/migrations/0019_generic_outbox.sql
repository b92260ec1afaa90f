-- The outbox becomes generic (issue 12): a message has a channel (e-mail today; document exchange,
-- SMS… later) and a subject of any type, named by its type and identifier, instead of always an
-- e-mail about a dossier. The rows already queued are e-mails about dossiers: their subject is
-- backfilled from dossier_id. dossier_id stays, nullable, as the foreign key of dossier subjects.

ALTER TABLE notification_outbox
  ADD COLUMN channel text NOT NULL DEFAULT 'email' CHECK (channel ~ '^[a-z][a-z0-9_]*$'),
  ADD COLUMN subject_type text NOT NULL DEFAULT 'dossier' CHECK (subject_type ~ '^[a-z][a-z0-9_]*$'),
  ADD COLUMN subject_id text NULL;

UPDATE notification_outbox SET subject_id = dossier_id::text;

ALTER TABLE notification_outbox
  ALTER COLUMN subject_id SET NOT NULL,
  ALTER COLUMN dossier_id DROP NOT NULL,
  ALTER COLUMN body_html DROP NOT NULL,
  ADD CONSTRAINT notification_outbox_dossier_subject
    CHECK ((subject_type = 'dossier') = (dossier_id IS NOT NULL)
           AND (dossier_id IS NULL OR subject_id = dossier_id::text)),
  DROP CONSTRAINT notification_outbox_dossier_id_action_seq_kind_key,
  ADD CONSTRAINT notification_outbox_message_key UNIQUE (channel, subject_type, subject_id, action_seq, kind);

COMMENT ON TABLE notification_outbox IS 'Messages to send (e-mails to applicants about their dossiers; later other channels and subjects); a row is written with the event that causes it and delivered later, so no message is lost if the channel is down.';
COMMENT ON COLUMN notification_outbox.channel IS 'How it is delivered: email (the SMTP worker delivers only these); other channels have their own workers.';
COMMENT ON COLUMN notification_outbox.subject_type IS 'What the message is about: dossier, or another type of subject.';
COMMENT ON COLUMN notification_outbox.subject_id IS 'Identifier of the subject within its type (for a dossier, dossiers.id as text).';
COMMENT ON COLUMN notification_outbox.dossier_id IS 'The dossier when the subject is one (same as subject_id); null for other subjects.';
COMMENT ON COLUMN notification_outbox.action_seq IS 'The event of the subject that caused it (for a dossier, dossier_actions.seq).';
COMMENT ON COLUMN notification_outbox.kind IS 'Which message, e.g. for dossiers received | supplement_requested | refused | result_ready | apologised.';
COMMENT ON COLUMN notification_outbox.recipient IS 'Address on the channel, e.g. the applicant''s e-mail address (personal data).';
COMMENT ON COLUMN notification_outbox.body_html IS 'HTML body (every value escaped); null for channels without one.';
