package org.jingan.progress.bulletins.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rename decides: of writers racing for one month, exactly one keeps it, whole. */
class BulletinStoreTest {
    private static final YearMonth APRIL = YearMonth.of(2020, 4);

    @Test
    void shouldKeepAMonthOnceWhenWritersRace(@TempDir Path dir) throws Exception {
        int writers = 8;
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        List<Future<Boolean>> results = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            byte[] content = ("writer " + i).getBytes();
            Callable<Boolean> keep = () -> {
                go.await();
                return new BulletinStore(dir).keep(APRIL, Map.of("bulletin-zh.pdf", content),
                        Map.of("month", "2020-04", "files", List.of("bulletin-zh.pdf")));
            };
            results.add(pool.submit(keep));
        }
        go.countDown();
        int kept = 0;
        for (Future<Boolean> result : results) {
            kept += result.get() ? 1 : 0;
        }
        pool.shutdown();
        assertThat(kept).isEqualTo(1);
        assertThat(new String(Files.readAllBytes(dir.resolve("2020-04/bulletin-zh.pdf")))).startsWith("writer ");
        try (var listing = Files.list(dir)) {
            assertThat(listing.map(p -> p.getFileName().toString()).toList()).containsExactly("2020-04");
        }
        assertThat(new BulletinStore(dir).list()).extracting(KeptBulletin::month).containsExactly(APRIL);
    }

    @Test
    void shouldServeOnlyTheMonthsOwnFiles(@TempDir Path dir) {
        BulletinStore store = new BulletinStore(dir);
        store.keep(APRIL, Map.of("bulletin-zh.pdf", new byte[]{1}), Map.of("files", List.of("bulletin-zh.pdf")));
        assertThat(store.file(APRIL, "bulletin-zh.pdf")).isPresent();
        assertThat(store.file(APRIL, "manifest.json")).isEmpty();
        assertThat(store.file(APRIL, "../2020-04/bulletin-zh.pdf")).isEmpty();
        assertThat(store.file(YearMonth.of(2020, 5), "bulletin-zh.pdf")).isEmpty();
    }
}
