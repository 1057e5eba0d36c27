package io.drwatch.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.Set;

/** PostgreSQL refuses to run as root, so as root the lab hands its directories to the postgres user. */
final class PostgresUser {
    private PostgresUser() {
    }

    /** The servers run as postgres, which must own the directory and be able to walk down to it. */
    static void prepareDir(Path dir) throws IOException {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        if (!Binaries.isRoot()) {
            return; // the servers run as us
        }
        chown(dir);
        // Private temp dirs (JUnit's @TempDir, Files.createTempDirectory: mode 700) block postgres on the way
        // down. Search-only permission does not expose their listing, so grant it, but only inside the temp dir.
        Path tmp = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath().normalize();
        for (Path p = dir.getParent(); p != null; p = p.getParent()) {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p);
            if (perms.contains(PosixFilePermission.OTHERS_EXECUTE)) {
                continue;
            }
            if (!p.normalize().startsWith(tmp) || p.normalize().equals(tmp)) {
                throw new LabException("the postgres user cannot enter " + p + "; use a baseDir under " + tmp);
            }
            perms.add(PosixFilePermission.OTHERS_EXECUTE);
            Files.setPosixFilePermissions(p, perms);
        }
    }

    static void chown(Path p) throws IOException {
        UserPrincipalLookupService users = p.getFileSystem().getUserPrincipalLookupService();
        PosixFileAttributeView view = Files.getFileAttributeView(p, PosixFileAttributeView.class);
        view.setOwner(users.lookupPrincipalByName("postgres"));
        view.setGroup(users.lookupPrincipalByGroupName("postgres"));
    }
}
