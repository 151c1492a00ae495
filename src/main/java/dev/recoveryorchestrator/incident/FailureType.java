package dev.recoveryorchestrator.incident;

import java.util.Arrays;
import java.util.Optional;

/** The runbook's five failure types; each is handled by the runbook process of its key. */
public enum FailureType {
    BACKEND_API_DOWN(1, "backend-api-down", "Backend API 서버 다운"),
    DATABASE_UNREACHABLE(2, "database-unreachable", "Access Database 접근 불가"),
    NETWORK_OUTAGE(3, "network-outage", "네트워크 장애"),
    CONTAINER_FAILURE(4, "container-failure", "Docker 컨테이너 오류"),
    MODEL_CORRUPTION(5, "model-corruption", "모델 파일 손상");

    private final int number;
    private final String id;
    private final String koreanName;

    FailureType(int number, String id, String koreanName) {
        this.number = number;
        this.id = id;
        this.koreanName = koreanName;
    }

    /** The identifier used in the API, alert labels and process variables. */
    public String id() {
        return id;
    }

    public int number() {
        return number;
    }

    public String koreanName() {
        return koreanName;
    }

    /** Key of the process that carries out this type's runbook section. */
    public String runbookProcessKey() {
        return "runbook-" + id;
    }

    /** Accepts the identifier ({@code backend-api-down}) or the runbook's number ({@code 1}). */
    public static Optional<FailureType> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String value = text.strip();
        return Arrays.stream(values())
                .filter(type -> type.id.equalsIgnoreCase(value) || String.valueOf(type.number).equals(value))
                .findFirst();
    }

    @Override
    public String toString() {
        return id;
    }
}
