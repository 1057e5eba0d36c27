package io.drwatch.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.ArrayList;
import java.util.List;

/**
 * A system user per observer, so that nftables can tell the observers' packets apart on loopback
 * ({@code meta skuid}). Created on first use; left in place (like the lab's postgres user).
 */
record E2eUser(String name, int uid, int gid) {

  static E2eUser ensure(String name) throws IOException {
    if (Sh.run(List.of("id", "-u", name), null, 10_000).exit() != 0) {
      Sh.check("useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", name);
    }
    return new E2eUser(name, Integer.parseInt(Sh.check("id", "-u", name)),
        Integer.parseInt(Sh.check("id", "-g", name)));
  }

  /** {@code cmd} run as this user with no supplementary groups; setpriv execs, so the pid is the command's. */
  List<String> wrap(List<String> cmd) {
    List<String> full = new ArrayList<>(List.of("setpriv", "--reuid=" + uid, "--regid=" + gid, "--clear-groups"));
    full.addAll(cmd);
    return full;
  }

  void own(Path p) throws IOException {
    UserPrincipalLookupService users = p.getFileSystem().getUserPrincipalLookupService();
    PosixFileAttributeView view = Files.getFileAttributeView(p, PosixFileAttributeView.class);
    view.setOwner(users.lookupPrincipalByName(name));
    view.setGroup(users.lookupPrincipalByGroupName(Sh.check("id", "-gn", name)));
  }

  /**
   * Whether a TCP connect from this user to 127.0.0.1:{@code port} completes within {@code ms}:
   * {@code CONNECTED}, {@code REFUSED} (RST) or {@code TIMED_OUT} (a dropped SYN).
   */
  Reach reach(int port, int ms) throws IOException {
    return Reach.of(wrap(connectCmd(port, ms)));
  }

  static Reach reachAsRoot(int port, int ms) throws IOException {
    return Reach.of(connectCmd(port, ms));
  }

  private static List<String> connectCmd(int port, int ms) {
    return List.of("timeout", String.format("%.1f", ms / 1000.0), "bash", "-c",
        "exec 3<>/dev/tcp/127.0.0.1/" + port);
  }

  enum Reach {
    CONNECTED, REFUSED, TIMED_OUT;

    static Reach of(List<String> cmd) throws IOException {
      Sh.Result r = Sh.run(cmd, null, 20_000);
      return switch (r.exit()) {
        case 0 -> CONNECTED;
        case 124 -> TIMED_OUT;
        case 1 -> REFUSED;
        default -> throw new IOException(cmd + " exited " + r.exit() + ": " + r.out());
      };
    }
  }
}
