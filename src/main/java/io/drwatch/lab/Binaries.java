package io.drwatch.lab;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Locates the server binaries the lab needs; a miss names the exact install command. */
public final class Binaries {
    static final Path PG_ROOT = Path.of("/usr/lib/postgresql");

    private Binaries() {
    }

    /** Directory holding initdb, pg_ctl, pg_basebackup and psql (highest installed major version). */
    public static Path postgresBin() {
        String override = System.getenv("DRWATCH_PG_BIN");
        if (override != null && !override.isBlank() && Files.isExecutable(Path.of(override, "initdb"))) {
            return Path.of(override);
        }
        List<Path> candidates = new ArrayList<>();
        if (Files.isDirectory(PG_ROOT)) {
            try (DirectoryStream<Path> dirs = Files.newDirectoryStream(PG_ROOT)) {
                for (Path d : dirs) {
                    Path bin = d.resolve("bin");
                    if (Files.isExecutable(bin.resolve("initdb")) && Files.isExecutable(bin.resolve("psql"))) {
                        candidates.add(bin);
                    }
                }
            } catch (IOException e) {
                // unreadable means not usable: fall through to the install hint
            }
        }
        return candidates.stream()
                .max(Comparator.comparingInt(Binaries::majorVersion))
                .orElseThrow(() -> new LabException("PostgreSQL 15 not found (looked in /usr/lib/postgresql/*/bin). "
                        + "Install it with: apt-get install -y postgresql"));
    }

    public static Path redisServer() {
        return onPath("redis-server").orElseThrow(() -> new LabException(
                "redis-server not found (looked in PATH, /usr/bin, /usr/local/bin). "
                        + "Install it with: apt-get install -y redis-server"));
    }

    public static Path redisCli() {
        return onPath("redis-cli").orElseThrow(() -> new LabException(
                "redis-cli not found (looked in PATH, /usr/bin, /usr/local/bin). "
                        + "Install it with: apt-get install -y redis-tools"));
    }

    /** runuser lives in sbin, which is not on every PATH. */
    static Path runuser() {
        for (String dir : List.of("/usr/sbin", "/sbin", "/usr/bin", "/bin")) {
            Path p = Path.of(dir, "runuser");
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return onPath("runuser").orElseThrow(() -> new LabException(
                "runuser not found; PostgreSQL refuses to run as root and the lab needs runuser to switch to "
                        + "the postgres user. Install it with: apt-get install -y util-linux"));
    }

    static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static Optional<Path> onPath(String name) {
        List<String> dirs = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(":")));
        dirs.addAll(List.of("/usr/bin", "/usr/local/bin"));
        return dirs.stream()
                .filter(d -> !d.isBlank())
                .map(d -> Path.of(d, name))
                .filter(Files::isExecutable)
                .findFirst();
    }

    private static int majorVersion(Path bin) {
        try {
            return Integer.parseInt(bin.getParent().getFileName().toString());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
