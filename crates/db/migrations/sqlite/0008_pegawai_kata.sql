-- The word table is a search index that only the employee writer maintains (it writes the words
-- of a name when it writes the name, and deletes them by their full key when the name changes).
-- Its foreign key and its pegawai_id index cost a parent lookup per word and a second index of
-- every word on each bulk load, and protected nothing the writer does not already guarantee.
CREATE TABLE pegawai_kata_baru (
    kata       TEXT NOT NULL,
    nama_urut  TEXT NOT NULL,
    pegawai_id INTEGER NOT NULL,
    PRIMARY KEY (kata, nama_urut, pegawai_id)
) WITHOUT ROWID;
INSERT INTO pegawai_kata_baru (kata, nama_urut, pegawai_id)
    SELECT kata, nama_urut, pegawai_id FROM pegawai_kata;
DROP TABLE pegawai_kata;
ALTER TABLE pegawai_kata_baru RENAME TO pegawai_kata;
