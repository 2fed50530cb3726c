-- A mail whose member's AccountCreated has not been taken yet (it comes on another topic, and may come later than
-- AccountVerified or an eKYC event) waits for the address: status AWAITING_ADDRESS. A forgotten address (withdrawal,
-- closed account) stays as a row without one, so that a late mail for that member is NO_ADDRESS, not waiting.
ALTER TABLE member_address ALTER COLUMN email DROP NOT NULL;
CREATE INDEX delivery_awaiting_address ON delivery (member_id) WHERE status = 'AWAITING_ADDRESS';
