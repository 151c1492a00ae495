-- Bounded inputs (issue 20 item 3, issue 19 item 4). A repeated outside event (the same alert again, an alert storm)
-- is one timeline entry with a count, not one entry per repeat: such an entry has a collapse_key, unique per
-- incident, and every repeat adds one to repeats (in the database, so the count is exact under concurrent requests)
-- and moves last_at. Entries without a key (the runbook's steps, a person's notes) are written as before.
alter table ro_incident_event add column collapse_key varchar(250);
alter table ro_incident_event add column repeats integer default 1 not null;
alter table ro_incident_event add column last_at timestamp;

create unique index ro_incident_event_collapse on ro_incident_event (incident_id, collapse_key);

-- The kept alerts are pruned oldest first (recovery.intake.max-alerts-kept).
create index ro_alert_received on ro_alert (received_at);

-- A maintenance window ended early (DELETE /api/maintenance/{id}): who ended it and when, shown by the API.
alter table ro_maintenance add column ended_by varchar(100);
alter table ro_maintenance add column ended_at timestamp;
