package io.drwatch.spi;

import io.drwatch.schema.KindCatalog;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * The descriptors on the class path, found through {@link ServiceLoader}, in the services files'
 * order (the reference's order). Adding a kind means adding
 * its package with a descriptor and one line in the services file; nothing here changes.
 */
public final class KindRegistry implements KindCatalog {
  private static final KindRegistry INSTALLED = new KindRegistry(
      load(ChannelKindDescriptor.class), load(ActionDescriptor.class));

  private final List<ChannelKindDescriptor<?>> channelKinds;
  private final List<ActionDescriptor<?>> actions;

  /** For {@link ServiceLoader} (as the {@link KindCatalog} config reads): the installed descriptors. */
  public KindRegistry() {
    this(INSTALLED.channelKinds, INSTALLED.actions);
  }

  public KindRegistry(List<ChannelKindDescriptor<?>> channelKinds, List<ActionDescriptor<?>> actions) {
    this.channelKinds = List.copyOf(channelKinds);
    this.actions = List.copyOf(actions);
    unique(channelKinds.stream().map(ChannelKindDescriptor::name).toList());
    unique(actions.stream().map(ActionDescriptor::name).toList());
  }

  public static KindRegistry installed() {
    return INSTALLED;
  }

  @Override
  public List<ChannelKindDescriptor<?>> channelKinds() {
    return channelKinds;
  }

  @Override
  public List<ActionDescriptor<?>> actions() {
    return actions;
  }

  public Optional<ChannelKindDescriptor<?>> channelDescriptor(String name) {
    return channelKinds.stream().filter(k -> k.name().equals(name)).findFirst();
  }

  public Optional<ActionDescriptor<?>> actionDescriptor(String name) {
    return actions.stream().filter(a -> a.name().equals(name)).findFirst();
  }

  /** Action names, for the runbook's unknown-action check. */
  public Set<String> actionNames() {
    return Set.copyOf(actions.stream().map(ActionDescriptor::name).toList());
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static <D extends io.drwatch.schema.KindSpec<?>> List<D> load(Class<? super D> type) {
    List<D> found = new ArrayList<>();
    for (Object d : ServiceLoader.load((Class) type, KindRegistry.class.getClassLoader())) {
      found.add((D) d);
    }
    return found;
  }

  private static void unique(List<String> names) {
    Set<String> seen = new HashSet<>();
    for (String n : names) {
      if (!seen.add(n)) {
        throw new IllegalStateException("two descriptors named " + n);
      }
    }
  }
}
