-- A temporary measure in force while an incident is open (Type 2: the service switched to read-only mode), so that
-- it never stays on silently: GET /api/incidents/{id} shows it until the runbook switches it off again.
alter table ro_incident add column temporary_measure varchar(200);
