-- A work whose caller was cancelled (its run-action instance deleted) is cancelled too. The request is written in
-- the transaction that deletes the instance, so a deletion that rolls back requests nothing; the work's node sees
-- the request on its next heartbeat and stops the process, or, when that node is gone, a node on the same host
-- does. The work then ends CANCELLED with the reason in detail.
alter table ro_background_work add column cancel_requested_at timestamp with time zone;
alter table ro_background_work add column cancel_reason varchar(1000);
