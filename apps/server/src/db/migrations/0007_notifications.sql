-- Durable outbox of e-mail notifications: written in the same transaction as the dossier action
-- that causes it, delivered by a background worker with retries.

CREATE TABLE notification_outbox (
  id bigserial PRIMARY KEY,
  dossier_id bigint NOT NULL REFERENCES dossiers (id),
  action_seq integer NOT NULL,
  kind text NOT NULL,
  recipient text NOT NULL,
  subject text NOT NULL,
  body_text text NOT NULL,
  body_html text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  sent_at timestamptz NULL,
  failed_at timestamptz NULL,
  last_error text NULL,
  UNIQUE (dossier_id, action_seq, kind)
);
CREATE INDEX notification_outbox_pending ON notification_outbox (next_attempt_at) WHERE sent_at IS NULL AND failed_at IS NULL;
COMMENT ON TABLE notification_outbox IS 'E-mails to applicants about their dossiers; a row is written with the action and delivered later, so no notification is lost if mail is down.';
COMMENT ON COLUMN notification_outbox.id IS 'Identifier; also the stable Message-ID of the e-mail, so a repeated delivery can be recognised.';
COMMENT ON COLUMN notification_outbox.dossier_id IS 'The dossier.';
COMMENT ON COLUMN notification_outbox.action_seq IS 'The action (dossier_actions.seq) that caused it.';
COMMENT ON COLUMN notification_outbox.kind IS 'received | supplement_requested | refused | result_ready | apologised.';
COMMENT ON COLUMN notification_outbox.recipient IS 'E-mail address of the applicant (personal data).';
COMMENT ON COLUMN notification_outbox.subject IS 'Subject line.';
COMMENT ON COLUMN notification_outbox.body_text IS 'Plain-text body.';
COMMENT ON COLUMN notification_outbox.body_html IS 'HTML body (every value escaped).';
COMMENT ON COLUMN notification_outbox.created_at IS 'When it was queued.';
COMMENT ON COLUMN notification_outbox.attempts IS 'Delivery attempts so far.';
COMMENT ON COLUMN notification_outbox.next_attempt_at IS 'Earliest time of the next attempt (backoff after failures; a claim pushes it forward).';
COMMENT ON COLUMN notification_outbox.sent_at IS 'When the SMTP server accepted it.';
COMMENT ON COLUMN notification_outbox.failed_at IS 'When it was given up after the last attempt.';
COMMENT ON COLUMN notification_outbox.last_error IS 'Error of the last failed attempt.';
