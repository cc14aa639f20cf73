package org.jingan.progress.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The schema registry a run uses: its URL and, where it needs one, a login that may register schemas (the benchmark
 * has no deploy step: it registers what it writes as it goes). {@link #toString()} never shows the password.
 */
record BenchRegistry(String url, String userInfo) {

    /** {@code schema.registry.url} and, with a login, {@code basic.auth.user.info}: for the serdes. */
    Map<String, Object> serdeConfig() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("schema.registry.url", url);
        if (userInfo != null) {
            config.put("basic.auth.user.info", userInfo);
        }
        return config;
    }

    /** The registry as arguments of a command line whose flags are {@code urlFlag} and {@code userInfoFlag}. */
    List<String> args(String urlFlag, String userInfoFlag) {
        List<String> args = new ArrayList<>(List.of(urlFlag, url));
        if (userInfo != null) {
            args.addAll(List.of(userInfoFlag, userInfo));
        }
        return args;
    }

    @Override
    public String toString() {
        return url + (userInfo == null ? "" : " (as " + userInfo.substring(0, userInfo.indexOf(':') + 1) + "***)");
    }
}
