-- HsActors schema, version 2: exactly-once assessment counting across silos.
-- The highest assessment-stream offset counted into an importer's statistics (null: none yet). A delta carrying a
-- stream offset is applied only when its offset is above this mark, checked under the importer row's lock in the
-- transaction that adds the delta, so silos consuming the same stream count every assessment once.
ALTER TABLE importer_totals ADD COLUMN assessment_stream_offset bigint CHECK (assessment_stream_offset >= 0);
