package cn.liaison.platform.system;

/** Marks an exception that retrying cannot cure: the failing job gets no further retries and an incident at once. */
public interface NonRetryable {}
