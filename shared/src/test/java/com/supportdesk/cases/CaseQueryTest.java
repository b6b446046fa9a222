package com.supportdesk.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.supportdesk.model.CaseStatus;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What a list asks for decides the index it reads; services never name one. */
class CaseQueryTest {
    private static final Instant NOW = Instant.parse("2026-03-02T09:00:00Z");

    private static CaseRepository.Index index(
            Optional<String> tenant, Optional<CaseStatus> status, Optional<Instant> breachingSoon) {
        return CaseRepository.indexFor(new CaseQuery(tenant, status, breachingSoon, 20, Optional.empty()));
    }

    @Test
    void aTenantsCasesNewestFirst() {
        assertThat(index(Optional.of("contoso"), Optional.empty(), Optional.empty()))
                .isEqualTo(CaseRepository.Index.BY_TENANT);
    }

    @Test
    void aTenantsCasesInOneStatus() {
        assertThat(index(Optional.of("contoso"), Optional.of(CaseStatus.OPEN), Optional.empty()))
                .isEqualTo(CaseRepository.Index.BY_TENANT_STATUS);
    }

    @Test
    void everyTenantsCasesInOneStatus() {
        assertThat(index(Optional.empty(), Optional.of(CaseStatus.IN_PROGRESS), Optional.empty()))
                .isEqualTo(CaseRepository.Index.BY_STATUS);
    }

    @Test
    void breachingSoonReadsTheWarningIndexWhateverElseNarrowsIt() {
        assertThat(index(Optional.empty(), Optional.empty(), Optional.of(NOW)))
                .isEqualTo(CaseRepository.Index.BY_RESPONSE_WARNING);
        assertThat(index(Optional.of("contoso"), Optional.of(CaseStatus.OPEN), Optional.of(NOW)))
                .isEqualTo(CaseRepository.Index.BY_RESPONSE_WARNING);
    }

    @Test
    void aListAcrossTenantsMustBeNarrowed() {
        assertThatThrownBy(
                        () -> new CaseQuery(Optional.empty(), Optional.empty(), Optional.empty(), 20, Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() ->
                        new CaseQuery(Optional.of("contoso"), Optional.empty(), Optional.empty(), 0, Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
