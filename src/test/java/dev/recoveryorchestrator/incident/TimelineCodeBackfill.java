package dev.recoveryorchestrator.incident;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Flyway V22's one-time backfill, on one database: entries written before timeline codes existed (the words of the
 * writers of V21's time, nothing else) get the code the checklist now matches, so an incident recorded before the
 * update still shows its lines ticked. Run by {@link TimelineCodeBackfillTest} (H2) and
 * {@link TimelineCodeBackfillPostgresTest}.
 */
final class TimelineCodeBackfill {

    private static final Instant OPENED = Instant.parse("2026-03-04T05:06:07Z");
    private static final Instant CONFIRMED = OPENED.plusSeconds(100);

    private TimelineCodeBackfill() {
    }

    /** Migrates to V21, writes the old entries, migrates on, and checks the codes and the checklist. */
    static void check(DataSource dataSource, String schema) {
        flyway(dataSource, schema).target("21").load().migrate();
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        String id = UUID.randomUUID().toString();
        jdbc.update("insert into ro_incident (id, failure_type, target, scope, source, state, opened_at, rto_deadline, "
                        + "recovered_at, downtime_seconds, symptom_confirmed_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                id, FailureType.DATABASE_UNREACHABLE.id(), "routing-ml", "all", "monitor", "RECOVERED",
                Timestamp.from(OPENED), Timestamp.from(OPENED.plus(Duration.ofHours(4))),
                Timestamp.from(OPENED.plusSeconds(900)), 900L, Timestamp.from(CONFIRMED));
        List<Old> old = oldEntries();
        Instant at = OPENED;
        for (Old entry : old) {
            at = entry.step().equals("증상 확인") && entry.code() == TimelineCode.SYMPTOM_CONFIRMED ? CONFIRMED
                    : at.plusSeconds(1);
            jdbc.update("insert into ro_incident_event (incident_id, at, step, detail, actor) values (?, ?, ?, ?, ?)",
                    id, Timestamp.from(at), entry.step(), entry.detail(), null);
        }

        flyway(dataSource, schema).load().migrate();

        IncidentStore store = new IncidentStore(jdbc);
        List<TimelineEntry> timeline = store.timeline(id);
        assertThat(timeline).extracting(entry -> entry.step() + " | " + entry.detail() + " → " + entry.code())
                .containsExactlyElementsOf(old.stream().map(o -> o.step() + " | " + o.detail() + " → " + o.code())
                        .toList());
        List<ChecklistItem> checklist = Checklist.of(store.find(id).orElseThrow(), timeline);
        assertThat(checklist).filteredOn(ChecklistItem::applicable).allSatisfy(item ->
                assertThat(item.done()).as(item.id()).isTrue());
        assertThat(checklist).filteredOn(item -> !item.applicable()).extracting(ChecklistItem::id)
                .as("no review was asked").containsExactly("prevention-measures", "docs-updated");

        // written after the migration: the code, whatever the words
        store.addEvent(id, at.plusSeconds(1), "새 이름", "다른 말로 쓴 내용", null, TimelineCode.HEALTH_PASSED);
        assertThat(store.timeline(id)).last().extracting(TimelineEntry::code).isEqualTo(TimelineCode.HEALTH_PASSED);
    }

    private static FluentConfiguration flyway(DataSource dataSource, String schema) {
        FluentConfiguration configuration = Flyway.configure().dataSource(dataSource).table("ro_schema_history")
                .locations("classpath:db/migration");
        return schema == null ? configuration : configuration.schemas(schema);
    }

    /** An entry as the writers worded it before V22, and the code the backfill must give it (null: none). */
    private record Old(String step, String detail, TimelineCode code) {
    }

    private static List<Old> oldEntries() {
        List<Old> all = new ArrayList<>(Arrays.asList(
                new Old("현재 시각 기록", "발생 2026-03-04T05:06:07Z, RTO 목표 2026-03-04T09:06:07Z", TimelineCode.RECORD_TIME),
                new Old("장애 유형 확인", "Type 2 데이터베이스 연결 실패 (monitor)", TimelineCode.TYPE_IDENTIFIED),
                new Old("영향 범위 확인", "전체", TimelineCode.SCOPE_IDENTIFIED),
                new Old("메일", "incident-opened: 수신자 없음 (설정 확인 필요)", TimelineCode.MAIL),
                new Old("메일", "[장애 발생] Type 2 데이터베이스 연결 실패 - routing-ml (1a2b3c4d) → users@routing-ml.test",
                        TimelineCode.USERS_NOTIFIED),
                new Old("확인(ACK)", "devops1 확인 (메일 링크)", TimelineCode.ACKNOWLEDGED),
                new Old("로그 스냅샷", "로그 파일 없음: /x/app.log (스냅샷 없음)", TimelineCode.LOG_SNAPSHOT_MISSING),
                new Old("로그 스냅샷", "/x/snapshots/1a2b3c4d.log (120줄, 원본 /x/app.log)", TimelineCode.LOG_SNAPSHOT),
                new Old("증상 확인", "증상 미확인: predict 정상", TimelineCode.SYMPTOM_NOT_CONFIRMED),
                new Old("증상 확인", "POST /api/predict 3회 모두 실패 - 500", TimelineCode.SYMPTOM_CONFIRMED),
                new Old("수동 복구", "자동 복구 실패, 수동 복구 작업 생성", null),
                new Old("수동 복구", "선택: restore (devops1)", TimelineCode.MANUAL_CHOICE),
                new Old("증상 미확인", "선택: 오경보 (devops1)", null),
                new Old("증상 미확인", "선택: 그래도 진행 (devops1)", TimelineCode.TRIAGE_PROCEED),
                new Old("최후 수단", "보류: 지금의 복구를 계속함 (cto1)", null),
                new Old("최후 수단", "승인: 백업에서 복원 (cto1)", TimelineCode.LAST_RESORT_APPROVED),
                new Old("백업 확인", "백업 건너뜀: db-2026-03-03.accdb - 손상", TimelineCode.BACKUP_SKIPPED),
                new Old("백업 확인", "백업 선택: db-2026-03-02.accdb (2026-03-02 기준), 데이터 손실 구간 1일",
                        TimelineCode.BACKUP_CHOSEN),
                new Old("백업 확인", "사용할 수 있는 백업 없음: /x/backups (0개 중 0개 확인)", TimelineCode.BACKUP_MISSING),
                new Old("데이터베이스 복원", "restore-database 시작: 백그라운드 작업 1a2b3c4d, 제한 시간 10분, 노드 n1",
                        TimelineCode.ACTION_STARTED),
                new Old("로그 확인", "로그 확인: check-logs 성공 (exit 0)", null),
                new Old("데이터베이스 복원", "restore-database 실패 (exit 1, 3초)", null),
                new Old("데이터베이스 복원", "restore-database 성공 (exit 0, 3초)\nrestored 1 file (exit 0 ok)",
                        TimelineCode.ACTION_SUCCEEDED),
                new Old("서비스 재시작", "조치 결과 확인: 적용되지 않음 (devops1)", null),
                new Old("서비스 재시작", "조치 결과 확인: 적용됨 (devops1)", TimelineCode.ACTION_CONFIRMED_APPLIED),
                new Old("헬스 체크", "헬스 체크: 3회 실패 - 503", TimelineCode.HEALTH_FAILED),
                new Old("헬스 체크", "헬스 체크: 정상 - 200 {\"status\":\"ok\"}", TimelineCode.HEALTH_PASSED),
                new Old("복구 완료", "헬스 체크 통과, 서비스 정상 작동 확인", TimelineCode.RECOVERED),
                new Old("메일", "[복구 완료] Type 2 데이터베이스 연결 실패 - routing-ml (1a2b3c4d, 다운타임 15분) → "
                        + "slack: #ops", TimelineCode.RECOVERY_NOTIFIED),
                new Old("메일", "[훈련] [장애 발생] Type 2 - routing-ml (1a2b3c4d) → users@routing-ml.test",
                        TimelineCode.USERS_NOTIFIED),
                new Old("사후 검토", "요청 안 함: 사람이 관여하지 않은 자동 복구, 다운타임 15분 (기준 5분 이하)",
                        TimelineCode.REVIEW_NOT_ASKED),
                new Old("사후 보고서", "초안 작성", TimelineCode.REPORT_WRITTEN),
                new Old("사후 검토", "요청 → devops (기한 2026-03-18 14:06)", null),
                new Old("사후 검토", "완료: 재발 방지 대책 2건", TimelineCode.REVIEW_DONE),
                new Old("문서 업데이트", "완료: 런북 갱신", TimelineCode.DOCS_UPDATED),
                new Old("알림 추가", "firing RoutingMlDown (같은 경보)", null),
                new Old("메모", "100% 확인_완료 [x] 'quoted'", null)));
        return all;
    }
}
