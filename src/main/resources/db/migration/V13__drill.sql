-- DR drills (훈련, issue 11). A drill incident is an ordinary incident row marked drill: it runs the same lifecycle
-- and runbook, but is never counted in real incident figures, never pages the approver tier (the CTO) and holds its
-- own open slot (open_key ends in '|drill'), so that a drill never absorbs a real incident nor a real one a drill.
alter table ro_incident add column drill boolean default false not null;

create index ro_incident_drill on ro_incident (drill, opened_at);

-- One row per drill run by process inspection-drill, refused ones included: what was injected when, when the drill
-- incident recovered, the recovery time achieved against the RTO target, and what was found.
create table ro_drill (
    id                   varchar(36)    not null primary key,
    failure_type         varchar(40)    not null,
    incident_id          varchar(36)    references ro_incident (id),
    process_instance_id  varchar(64),
    started_at           timestamp      not null,
    injected_at          timestamp,
    recovered_at         timestamp,
    ended_at             timestamp      not null,
    recovery_seconds     bigint,
    target_seconds       bigint         not null,
    outcome              varchar(20)    not null,
    finding              varchar(4000)  not null,
    started_by           varchar(100)
);

create index ro_drill_ended on ro_drill (ended_at);
