/**
 * Type 5, 모델 파일 손상: the delegates of {@code runbook-model-corruption} and what they work on — the model folder
 * with {@code latest/} and dated versions, each version's checksum manifests ({@code checksums.md5} in md5sum's
 * format, {@code checksums.sha256} beside it), verification, and installing a version into {@code latest/} by copy
 * and rename, the damaged file moved aside, never deleted.
 */
package dev.recoveryorchestrator.runbook.modelcorruption;
