-- Timeline codes (issue 23): what an entry records, as a fixed code (incident/TimelineCode, by its name) next to the
-- words people read. The checklist and the report match the code, so rewording a step or a finding unticks nothing.
-- NULL for an entry no reader needs to recognise (a person's note, an alert, a diagnosis step).
alter table ro_incident_event add column code varchar(40);

-- The entries written before this migration get their code once, here, from the words the checklist and the report
-- matched until now (the same rules, most specific first); from now on every writer stores its code, and no reader
-- looks at the words again. Plain SQL that H2 and PostgreSQL both run: LIKE, POSITION(... IN ...), a subquery.
update ro_incident_event set code = 'RECORD_TIME' where code is null and step = '현재 시각 기록';
update ro_incident_event set code = 'TYPE_IDENTIFIED' where code is null and step = '장애 유형 확인';
update ro_incident_event set code = 'SCOPE_IDENTIFIED' where code is null and step = '영향 범위 확인';
update ro_incident_event set code = 'LOG_SNAPSHOT_MISSING' where code is null and step = '로그 스냅샷'
    and detail like '%(스냅샷 없음)%';
update ro_incident_event set code = 'LOG_SNAPSHOT' where code is null and step = '로그 스냅샷';
update ro_incident_event set code = 'SYMPTOM_CONFIRMED' where code is null and step = '증상 확인'
    and at >= (select i.symptom_confirmed_at from ro_incident i where i.id = ro_incident_event.incident_id);
update ro_incident_event set code = 'SYMPTOM_NOT_CONFIRMED' where code is null and step = '증상 확인';
update ro_incident_event set code = 'ACKNOWLEDGED' where code is null and step = '확인(ACK)';
update ro_incident_event set code = 'USERS_NOTIFIED' where code is null and step = '메일' and detail like '% → %'
    and (detail like '[장애 발생]%' or detail like '[훈련] [장애 발생]%');
update ro_incident_event set code = 'RECOVERY_NOTIFIED' where code is null and step = '메일' and detail like '% → %'
    and (detail like '[복구 완료]%' or detail like '[훈련] [복구 완료]%');
update ro_incident_event set code = 'MAIL' where code is null and step = '메일';
update ro_incident_event set code = 'MANUAL_CHOICE' where code is null and step = '수동 복구' and detail like '선택:%';
update ro_incident_event set code = 'TRIAGE_PROCEED' where code is null and step = '증상 미확인'
    and detail like '선택: 그래도 진행%';
update ro_incident_event set code = 'LAST_RESORT_APPROVED' where code is null and step = '최후 수단' and detail like '승인:%';
update ro_incident_event set code = 'BACKUP_CHOSEN' where code is null and step = '백업 확인' and detail like '백업 선택%';
update ro_incident_event set code = 'BACKUP_SKIPPED' where code is null and step = '백업 확인' and detail like '백업 건너뜀%';
update ro_incident_event set code = 'BACKUP_MISSING' where code is null and step = '백업 확인'
    and detail like '사용할 수 있는 백업 없음%';
update ro_incident_event set code = 'RECOVERED' where code is null and step = '복구 완료';
update ro_incident_event set code = 'REPORT_WRITTEN' where code is null and step = '사후 보고서';
update ro_incident_event set code = 'REVIEW_NOT_ASKED' where code is null and step = '사후 검토' and detail like '요청 안 함%';
update ro_incident_event set code = 'REVIEW_ASKED' where code is null and step = '사후 검토' and detail like '요청함%';
update ro_incident_event set code = 'REVIEW_DONE' where code is null and step = '사후 검토' and detail like '완료%';
update ro_incident_event set code = 'DOCS_UPDATED' where code is null and step = '문서 업데이트' and detail like '완료%';
-- Under any step (the action's own, such as 서비스 재시작):
update ro_incident_event set code = 'ACTION_STARTED' where code is null and detail like '% 시작: 백그라운드 작업%';
-- "restart-backend 성공 (exit 0, …)": one word, then the outcome.
update ro_incident_event set code = 'ACTION_SUCCEEDED' where code is null and detail like '% 성공 (exit %'
    and position(' ' in detail) > 1 and position(' ' in detail) = position(' 성공 (exit ' in detail);
update ro_incident_event set code = 'ACTION_CONFIRMED_APPLIED' where code is null
    and detail like '조치 결과 확인: 적용됨%';
update ro_incident_event set code = 'HEALTH_PASSED' where code is null and detail like '헬스 체크: 정상%';
update ro_incident_event set code = 'HEALTH_FAILED' where code is null and step = '헬스 체크' and detail like '헬스 체크: %';
