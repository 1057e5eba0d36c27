package io.drwatch.schema;

/** A channel kind as config reads it: {@link KindSpec} plus its endpoints and heartbeat defaults. */
public interface ChannelKindSpec<T> extends KindSpec<T> {
  ChannelShape shape();
}
