package org.jingan.progress.intake.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RouteTableTest {
    @Test
    void shouldMatchPathsSegmentBySegmentWithParametersForOneSegment() {
        assertThat(RouteTable.matches("/api/v1/reports", "/api/v1/reports")).isTrue();
        assertThat(RouteTable.matches("/api/v1/reports", "/api/v1/reports/")).isTrue();
        assertThat(RouteTable.matches("/problems/{slug}", "/problems/not-found")).isTrue();
        assertThat(RouteTable.matches("/problems/{slug}", "/problems/")).isFalse();
        assertThat(RouteTable.matches("/problems/{slug}", "/problems/a/b")).isFalse();
        assertThat(RouteTable.matches("/api/v1/reports", "/api/v1/reports/batch")).isFalse();
        assertThat(RouteTable.matches("/", "/")).isTrue();
    }
}
