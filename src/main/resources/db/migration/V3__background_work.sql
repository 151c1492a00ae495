-- Long actions (restart, rollback, rebuild) run as tracked background work, never inside a job past its lock.
-- One row per run: which node runs it, the OS process of its current step, where its output goes, its deadline,
-- and a heartbeat the owning node renews while it runs. owner_key (the run-action instance and its start task)
-- is unique, so a start that is retried or runs twice finds the work already there instead of starting it again.
-- Times are written from the nodes' clocks (real time, not the engine's), with their offset.
create table ro_background_work (
    id                varchar(36)              not null primary key,
    owner_key         varchar(200)             not null,
    action_name       varchar(100)             not null,
    reference         varchar(100),
    node_id           varchar(200)             not null,
    host_id           varchar(200)             not null,
    state             varchar(20)              not null,
    step              integer                  default 0 not null,
    pid               bigint,
    pid_started_ms    bigint,
    output_file       varchar(1000)            not null,
    output_tail       varchar(4000),
    started_at        timestamp with time zone not null,
    deadline          timestamp with time zone not null,
    heartbeat_at      timestamp with time zone not null,
    ended_at          timestamp with time zone,
    exit_code         integer,
    adopted_by        varchar(200),
    detail            varchar(2000),
    constraint ro_background_work_owner unique (owner_key)
);

create index ro_background_work_node on ro_background_work (node_id, state);
