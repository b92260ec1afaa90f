-- What the applicant declared beside the form: which case of the procedure applies (thành phần
-- hồ sơ theo trường hợp), how they want the result (nhận kết quả trực tiếp, qua bưu chính hoặc
-- trực tuyến), and, at the counter or by post, which documents the officer checked as received.
--
-- Existing dossiers were received before cases existed: they keep an empty case list (every
-- document of their procedure applied to them) and no delivery choice.

ALTER TABLE dossiers
  ADD COLUMN cases jsonb NOT NULL DEFAULT '[]'
    CONSTRAINT dossiers_cases_array CHECK (jsonb_typeof(cases) = 'array'),
  ADD COLUMN result_delivery text NULL
    CONSTRAINT dossiers_result_delivery CHECK (result_delivery IN ('counter', 'post', 'online')),
  ADD COLUMN result_address text NULL,
  ADD COLUMN documents_received jsonb NULL
    CONSTRAINT dossiers_documents_received_array CHECK (jsonb_typeof(documents_received) = 'array');
COMMENT ON COLUMN dossiers.cases IS 'Codes of the procedure version''s cases (sub_cases) the applicant chose, one per question; they decide which documents are required. Empty for dossiers submitted before migration 0012.';
COMMENT ON COLUMN dossiers.result_delivery IS 'How the applicant wants the result: counter (in person at the one-stop shop), post (public postal service, to result_address), online (electronic result on the portal); NULL for dossiers submitted before migration 0012.';
COMMENT ON COLUMN dossiers.result_address IS 'Postal address for the result when result_delivery is post (personal data).';
COMMENT ON COLUMN dossiers.documents_received IS 'Counter and post dossiers: codes of the procedure''s documents the receiving officer checked as received (bản giấy). NULL online, where the files uploaded for each document say what was provided.';
