package io.drwatch.adapter.journal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drwatch.domain.runbook.JournalRecord;
import io.drwatch.domain.runbook.JournalRecord.StepFinished;
import io.drwatch.domain.runbook.JournalRecord.StepStarted;
import io.drwatch.testkit.TestVertx;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileJournalTest {
  private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");

  @TempDir
  Path tmp;
  private Vertx vertx;
  private Path dir;
  private FileJournal journal;

  @BeforeEach
  void setUp() {
    vertx = TestVertx.create();
    dir = tmp.resolve("state/drwatch");
    journal = FileJournal.create(vertx, dir);
  }

  @AfterEach
  void tearDown() throws Exception {
    await(journal.close());
    await(vertx.close());
  }

  @Test
  void shouldCreateTheStateDirAndAppendOneLinePerRecord() throws Exception {
    await(journal.append(started(1)));
    await(journal.append(finished("ok")));

    assertThat(journal.file()).isEqualTo(dir.resolve("journal.jsonl"));
    assertThat(Files.readAllLines(journal.file())).hasSize(2);
    assertThat(await(journal.readAll())).containsExactly(started(1), finished("ok"));
    assertThat(journal.warnings()).isEmpty();
  }

  @Test
  void shouldReadNothingBeforeTheFirstAppend() throws Exception {
    assertThat(await(journal.readAll())).isEmpty();
    assertThat(Files.exists(dir)).isFalse();
  }

  @Test
  void shouldKeepCallOrderForAppendsNotAwaitedOneByOne() throws Exception {
    List<Future<Void>> appends = new ArrayList<>();
    for (int i = 1; i <= 100; i++) {
      appends.add(journal.append(started(i)));
    }
    await(Future.all(appends));

    List<JournalRecord> read = await(journal.readAll());
    assertThat(read).extracting(r -> ((StepStarted) r).attempt())
        .containsExactlyElementsOf(IntStream.rangeClosed(1, 100).boxed().toList());
  }

  @Test
  void shouldIgnoreATruncatedLastLineAndLoseNothingBeforeIt() throws Exception {
    await(journal.append(started(1)));
    await(journal.append(finished("ok")));
    String whole = JournalCodec.encode(started(2), 0);
    appendRaw(whole.substring(0, whole.length() / 2)); // kill -9 mid-write: no newline

    assertThat(await(reopen().readAll())).containsExactly(started(1), finished("ok"));
    assertThat(journal.warnings()).singleElement().asString()
        .startsWith("journal.jsonl line 3 (last): unreadable, ignored; a write cut short");
  }

  @Test
  void shouldEndADamagedLastLineBeforeTheNextAppend() throws Exception {
    await(journal.append(started(1)));
    appendRaw("{\"type\":\"step-fin");
    FileJournal restarted = reopen();

    await(restarted.append(finished("after restart")));

    assertThat(await(restarted.readAll())).containsExactly(started(1), finished("after restart"));
    assertThat(restarted.warnings()).singleElement().asString()
        .startsWith("journal.jsonl line 2: unreadable, skipped: ");
    assertThat(Files.readAllLines(journal.file())).hasSize(3);
  }

  @Test
  void shouldIgnoreACorruptLastLineEvenWhenItEndsWithANewline() throws Exception {
    await(journal.append(started(1)));
    appendRaw("\u0000\u0000garbage\n");

    assertThat(await(journal.readAll())).containsExactly(started(1));
    assertThat(journal.warnings()).singleElement().asString()
        .startsWith("journal.jsonl line 2 (last): unreadable, ignored");
  }

  @Test
  void shouldSkipACorruptMiddleLineNamingItsNumber() throws Exception {
    await(journal.append(started(1)));
    appendRaw("{\"type\":\"step-started\",\"runId\":\"r1\"}\n");
    await(journal.append(finished("ok")));

    assertThat(await(journal.readAll())).containsExactly(started(1), finished("ok"));
    assertThat(journal.warnings()).containsExactly(
        "journal.jsonl line 2: unreadable, skipped: missing field \"at\"");
  }

  @Test
  void shouldFsyncEachRecordOnTheJournalThreadBeforeTheAppendSucceeds() throws Exception {
    List<String> seen = new CopyOnWriteArrayList<>();
    FileJournal synced = new FileJournal(vertx, dir.resolve(FileJournal.FILE_NAME), channel -> {
      seen.add(Thread.currentThread().getName() + " " + Files.readAllLines(journal.file()).size());
      channel.force(true);
    });
    // Append from an event loop, as the pipeline will: the file work must leave it.
    await(vertx.getOrCreateContext().<Void>executeBlocking(() -> null)
        .compose(v -> synced.append(started(1)))
        .compose(v -> synced.append(finished("ok"))));

    assertThat(seen).hasSize(2);
    assertThat(seen.get(0)).startsWith("drwatch-journal").endsWith(" 1");
    assertThat(seen.get(1)).endsWith(" 2");
    await(synced.close());
  }

  @Test
  void shouldFailTheAppendWhenTheFsyncFailsAndRecoverAfter() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    FileJournal flaky = new FileJournal(vertx, dir.resolve(FileJournal.FILE_NAME), channel -> {
      if (calls.incrementAndGet() == 1) {
        throw new IOException("EIO");
      }
      channel.force(true);
    });

    assertThatThrownBy(() -> await(flaky.append(started(1))))
        .isInstanceOf(IOException.class).hasMessage("EIO");
    await(flaky.append(finished("ok")));

    // The unsynced record may survive; the pipeline never acted on it, replay re-checks it.
    assertThat(await(flaky.readAll())).endsWith(finished("ok"));
    assertThat(flaky.warnings()).isEmpty();
    await(flaky.close());
  }

  private FileJournal reopen() throws Exception {
    await(journal.close());
    journal = FileJournal.create(vertx, dir);
    return journal;
  }

  private void appendRaw(String text) throws IOException {
    Files.write(journal.file(), text.getBytes(UTF_8), StandardOpenOption.APPEND);
  }

  private static StepStarted started(int attempt) {
    return new StepStarted("r1", "promote-db", attempt, T0);
  }

  private static StepFinished finished(String message) {
    return new StepFinished("r1", "promote-db", message, T0.plusSeconds(3));
  }

  static <T> T await(Future<T> future) throws Exception {
    try {
      return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception c ? c : e;
    }
  }
}
