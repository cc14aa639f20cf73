package org.jingan.progress.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** What the numbers were measured on: they mean little without it. */
public record Machine(String cpuModel, int cores, long memoryBytes, long maxHeapBytes, String java, String os,
                      double loadAverageAtStart) {

    public static Machine describe() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        long memory = os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getTotalMemorySize() : -1;
        return new Machine(readCpuModel(), Runtime.getRuntime().availableProcessors(), memory, Runtime.getRuntime().maxMemory(),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
                os.getSystemLoadAverage());
    }

    /** The 1-minute load average now: a load well above the core count means the numbers are noisy. */
    public static double loadAverageNow() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cpu", cpuModel);
        m.put("cores", cores);
        m.put("memoryGiB", Math.round(memoryBytes / (1024.0 * 1024 * 1024) * 10) / 10.0);
        m.put("maxHeapGiB", Math.round(maxHeapBytes / (1024.0 * 1024 * 1024) * 10) / 10.0);
        m.put("java", java);
        m.put("os", os);
        m.put("loadAverageAtStart", loadAverageAtStart);
        return m;
    }

    public String oneLine() {
        return String.format("%s, %d cores, %.1f GiB RAM (heap max %.1f GiB), %s, %s, load average at start %.2f",
                cpuModel, cores, memoryBytes / (1024.0 * 1024 * 1024), maxHeapBytes / (1024.0 * 1024 * 1024), java, os,
                loadAverageAtStart);
    }

    private static String readCpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .findFirst().orElse("unknown CPU");
        } catch (IOException | RuntimeException e) {
            return System.getProperty("os.arch") + " CPU";
        }
    }
}
