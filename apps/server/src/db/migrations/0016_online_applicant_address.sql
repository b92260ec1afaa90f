-- Online dossiers submitted from a draft kept the applicant details of the moment the draft was
-- started: the account's, without the residence declared in the form's applicant section, so the
-- receipt (Mẫu 01) printed an empty "Địa chỉ". Submissions now take it from the form
-- (dossiers/applicant.ts); this copies it into the dossiers already submitted. Data only: no new
-- table or column. The history (dossier_actions) is not touched.
UPDATE dossiers
   SET applicant = jsonb_set(applicant, '{address}', form_data -> 'applicant' -> 'address')
 WHERE code IS NOT NULL
   AND channel = 'online'
   AND coalesce(applicant ->> 'address', '') = ''
   AND jsonb_typeof(form_data -> 'applicant' -> 'address') = 'string'
   AND btrim(form_data -> 'applicant' ->> 'address') <> '';
