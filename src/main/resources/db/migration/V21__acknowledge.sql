-- Acknowledge (issue 21): a responder says "I'm on it". Recorded once per incident (the first wins), with who, when
-- and how (api, mail, tasklist). Feeds the time to acknowledge (MTTA) and the open-incident figures.
alter table ro_incident add column acknowledged_at timestamp;
alter table ro_incident add column acknowledged_by varchar(100);
alter table ro_incident add column acknowledged_via varchar(20);

-- A mail link's nonce once used: a link acknowledges once, whoever clicks it again gets the incident's state.
create table ro_ack_link (
    nonce       varchar(64)   not null primary key,
    incident_id varchar(36)   not null references ro_incident (id),
    used_at     timestamp     not null,
    used_by     varchar(100)  not null
);
