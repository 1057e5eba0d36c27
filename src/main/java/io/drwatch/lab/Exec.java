package io.drwatch.lab;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs short-lived commands with a deadline. */
final class Exec {
    record Result(int exitCode, String stdout, String stderr) {
    }

    private static Path scratch;

    private Exec() {
    }

    /**
     * Output files live in one per-JVM directory that the shutdown hook removes, because a Ctrl-C in the
     * middle of a command skips the finally block that deletes them.
     */
    private static synchronized Path scratchDir() throws IOException {
        if (scratch == null || !Files.isDirectory(scratch)) {
            scratch = Files.createTempDirectory("drwatch-exec-");
            LabProcesses.installHook();
        }
        return scratch;
    }

    /** Called by the shutdown hook after every pair is closed (closing still runs commands). */
    static synchronized void deleteScratch() {
        try {
            if (scratch != null) {
                deleteTree(scratch);
            }
        } catch (IOException e) {
            System.err.println("drwatch lab: could not delete " + scratch + ": " + e);
        }
    }

    /** Runs and fails with stderr in the message on a non-zero exit. */
    static String check(List<String> cmd, Duration timeout) throws IOException {
        return check(cmd, Map.of(), timeout);
    }

    static String check(List<String> cmd, Map<String, String> env, Duration timeout) throws IOException {
        Result r = run(cmd, env, timeout);
        if (r.exitCode() != 0) {
            String err = (r.stderr() + "\n" + r.stdout()).strip();
            throw new IOException("`" + String.join(" ", cmd) + "` exited " + r.exitCode() + ": " + err);
        }
        return r.stdout();
    }

    static Result run(List<String> cmd, Map<String, String> env, Duration timeout) throws IOException {
        // Output goes to files, not pipes: daemons (redis --daemonize, the postmaster) inherit the
        // descriptors and would keep a pipe open forever, so reading it to EOF would hang.
        Path out = Files.createTempFile(scratchDir(), "cmd-", ".out");
        Path err = Files.createTempFile(scratchDir(), "cmd-", ".err");
        try {
            // cwd "/" because commands run via runuser cannot enter root's home and warn about it
            ProcessBuilder pb = new ProcessBuilder(cmd)
                    .directory(Path.of("/").toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile());
            pb.environment().putAll(env);
            Process p = pb.start();
            try {
                if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    p.destroyForcibly();
                    throw new IOException("`" + String.join(" ", cmd) + "` timed out after " + timeout.toMillis() + " ms");
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while running " + cmd.get(0));
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** Last lines of a log file, for failure messages; never throws. */
    static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return file.getFileName() + ":\n  " + String.join("\n  ", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | RuntimeException e) {
            return file.getFileName() + ": (unreadable: " + e.getMessage() + ")";
        }
    }

    /**
     * SIGKILLs a process by pid (servers daemonize, so it is not our child). Callers wait for the port to
     * close rather than for the pid: a killed process can linger as a zombie until init reaps it.
     */
    static void kill(long pid) {
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
    }

    /** Running and not a zombie: a SIGKILLed server stays a zombie until init reaps it (about 2 s here). */
    static boolean isRunning(long pid) {
        Path stat = Path.of("/proc", Long.toString(pid), "stat");
        if (!Files.isDirectory(Path.of("/proc/self"))) {
            return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        }
        try {
            String s = Files.readString(stat, StandardCharsets.UTF_8);
            return s.charAt(s.lastIndexOf(')') + 2) != 'Z';
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Gone entirely, zombie included: PostgreSQL's own stale-lock check treats a zombie postmaster as alive. */
    static boolean isGone(long pid) {
        Path proc = Path.of("/proc", Long.toString(pid));
        return Files.isDirectory(Path.of("/proc/self")) ? !Files.exists(proc) : ProcessHandle.of(pid).isEmpty();
    }

    static long readPid(Path pidFile) throws IOException {
        List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
        if (lines.isEmpty() || lines.get(0).isBlank()) {
            throw new IOException(pidFile + " is empty");
        }
        return Long.parseLong(lines.get(0).strip());
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) paths.sorted(java.util.Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }
}
