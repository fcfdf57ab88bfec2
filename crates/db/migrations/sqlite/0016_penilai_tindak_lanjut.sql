-- Named level-3 assessors (issue 4 item 7): the account (typically the participant's supervisor)
-- that assesses a completed participation 3 and 6 months on. Assigned by the administrator or the
-- OPD operator; NULL keeps the earlier way (entered on the supervisor's behalf).
ALTER TABLE peserta ADD COLUMN penilai_akun_id INTEGER REFERENCES akun (akun_id);
CREATE INDEX peserta_penilai ON peserta (penilai_akun_id) WHERE penilai_akun_id IS NOT NULL;
