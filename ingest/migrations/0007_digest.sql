-- The daily digest by e-mail (api/src/digest): who subscribed, and every step of every message.
-- Kept apart from the models, like the alerts. Both tables are appended to, never updated in place.
create database if not exists vanban_digest;

-- One subscription per person (the `sub` of their token): the newest row wins. Unsubscribing writes
-- a row with active = 0, so the history of who subscribed when stays readable.
create table if not exists vanban_digest.subscription
(
    updated_at DateTime64(3, 'UTC') default now64(3),
    subscriber String,
    name String,
    email String,
    -- the agency whose subtree the digest covers (the city for the city's office and Sở Nội vụ)
    agency String,
    active UInt8
)
engine = ReplacingMergeTree(updated_at)
order by subscriber;

-- Each digest's life for one person and one working day: 'claimed' by one replica (the earliest
-- claim by the warehouse's own clock wins), 'renewed' by the winner while it sends (a claim neither
-- renewed nor followed by 'sent' or 'failed' within the lease expires), 'failed' (an SMTP attempt;
-- retried with backoff by a later claim), 'sent' (with the SMTP server's answer) or 'gave_up'.
-- Whether a day's digest went out is read from here, so a restart or a second replica never sends it
-- twice.
create table if not exists vanban_digest.delivery_log
(
    -- the warehouse's clock, never a replica's: claims are ordered by it
    at DateTime64(3, 'UTC') default now64(3),
    day Date,
    subscriber String,
    claim_id String,
    replica String,
    event LowCardinality(String),
    email String,
    subject String,
    -- on 'sent': the figures the message carried (JSON); on 'failed'/'gave_up': what went wrong
    detail String
)
engine = MergeTree
order by (day, subscriber, at);
