-- A procedure's published "yêu cầu, điều kiện thực hiện" (NĐ 63/2010, Điều 8.2.i) gets its own
-- column, shown to citizens; `notes` becomes the catalogue editors' internal notes (sources,
-- data-entry remarks such as "Cổng DVC ghi thời hạn '1' (không kèm đơn vị)"), which the public API
-- leaves out.
--
-- Existing versions keep their notes as written and get no requirements: which sentences of a note
-- are meant for citizens was never recorded, so nothing is copied across as if it had been. An
-- editor publishes the requirements in a new version.

ALTER TABLE procedure_versions ADD COLUMN requirements text NULL;
COMMENT ON COLUMN procedure_versions.requirements IS 'Requirements and conditions for the applicant (yêu cầu, điều kiện thực hiện), as published to citizens; NULL when none. Versions created before migration 0015 have NULL.';
COMMENT ON COLUMN procedure_versions.notes IS 'Internal notes of the catalogue editors (sources, data-entry remarks); shown only to users who may manage the catalogue, never on public pages or in the public API.';
