-- The inbox forgets ids older than kencom.inbox.keep (InboxPruning). Rows arrive in time order, so a BRIN index finds
-- the old ones at almost no cost to the inserts on the consumers' path.
CREATE INDEX processed_event_processed_at ON processed_event USING brin (processed_at);
