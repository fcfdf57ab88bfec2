-- The word table is a search index that only the employee writer maintains (it writes the words
-- of a name when it writes the name, and deletes them by their full key when the name changes).
-- Its foreign key and its pegawai_id index cost a parent lookup per word and a second index of
-- every word on each bulk load, and protected nothing the writer does not already guarantee.
ALTER TABLE pegawai_kata DROP CONSTRAINT IF EXISTS pegawai_kata_pegawai_id_fkey;
DROP INDEX IF EXISTS pegawai_kata_pegawai;
