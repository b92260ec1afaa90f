-- Applicants' evaluation of a resolved dossier (TT 01/2018 Điều 13–15), once per dossier.

CREATE TABLE dossier_ratings (
  dossier_id bigint PRIMARY KEY REFERENCES dossiers (id),
  rated_by bigint NOT NULL REFERENCES users (id),
  rated_at timestamptz NOT NULL DEFAULT now(),
  time_score smallint NOT NULL CHECK (time_score IN (0, 1, 2)),
  contacts_score smallint NOT NULL CHECK (contacts_score IN (0, 1, 2)),
  bodies_score smallint NOT NULL CHECK (bodies_score IN (0, 1, 2)),
  attitude_score smallint NOT NULL CHECK (attitude_score IN (0, 1, 2)),
  satisfaction text NOT NULL CHECK (satisfaction IN ('rat-hai-long', 'hai-long', 'khong-hai-long')),
  comment text NULL CHECK (length(comment) <= 2000)
);
CREATE TRIGGER dossier_ratings_append_only BEFORE UPDATE OR DELETE ON dossier_ratings
  FOR EACH ROW EXECUTE FUNCTION reject_history_change();
COMMENT ON TABLE dossier_ratings IS 'Evaluation of a returned dossier by its applicant (TT 01/2018 Điều 13–15); one per dossier, never changed.';
COMMENT ON COLUMN dossier_ratings.dossier_id IS 'The dossier evaluated.';
COMMENT ON COLUMN dossier_ratings.rated_by IS 'Applicant who evaluated it.';
COMMENT ON COLUMN dossier_ratings.rated_at IS 'When.';
COMMENT ON COLUMN dossier_ratings.time_score IS 'Indicator 1, computed by the system: resolved before (2), on (1) or after (0) the appointment day.';
COMMENT ON COLUMN dossier_ratings.contacts_score IS 'Indicator 3: contacts needed to complete the dossier: none 2, once 1, more 0.';
COMMENT ON COLUMN dossier_ratings.bodies_score IS 'Indicator 4: bodies the applicant had to contact: none 2, only the one-stop shop 1, more 0.';
COMMENT ON COLUMN dossier_ratings.attitude_score IS 'Indicator 7: staff attitude as the applicant saw it: 2, 1 or 0.';
COMMENT ON COLUMN dossier_ratings.satisfaction IS 'Overall satisfaction: rất hài lòng, hài lòng, không hài lòng.';
COMMENT ON COLUMN dossier_ratings.comment IS 'Free comment of the applicant.';
