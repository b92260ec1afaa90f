-- Signing PINs (issue #14 §2): an official's key that the platform holds is unlocked by their PIN,
-- as a token would be. A key with a PIN is encrypted under a key derived from TRUST_KEK and the
-- PIN (scrypt, then HKDF): neither the key-encryption key alone nor the PIN alone opens it.
-- Wrong PINs are counted on the key's row (claimed before each try, so parallel tries cannot
-- exceed the limit); after five in a row the key is locked for a quarter of an hour.
ALTER TABLE trust_keys ADD COLUMN pin_salt bytea NULL;
ALTER TABLE trust_keys ADD COLUMN pin_set_at timestamptz NULL;
ALTER TABLE trust_keys ADD COLUMN pin_attempts integer NOT NULL DEFAULT 0 CHECK (pin_attempts BETWEEN 0 AND 5);
ALTER TABLE trust_keys ADD COLUMN pin_locked_until timestamptz NULL;
COMMENT ON COLUMN trust_keys.pin_salt IS 'Salt of the signing PIN (16 random bytes) when the key is protected by one; null: the key-encryption key alone opens it (seals, CAs, the timestamping unit).';
COMMENT ON COLUMN trust_keys.pin_set_at IS 'When the PIN was last set or changed.';
COMMENT ON COLUMN trust_keys.pin_attempts IS 'PIN tries since the last right one (claimed before each try); at five wrong ones the key locks.';
COMMENT ON COLUMN trust_keys.pin_locked_until IS 'Until when the key refuses any PIN after five wrong ones in a row.';
