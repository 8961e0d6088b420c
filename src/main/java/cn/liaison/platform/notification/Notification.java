package cn.liaison.platform.notification;

import java.time.Instant;

/** One notification in the outbox; subject is null for one that is about no particular item. */
public record Notification(long id, Subject subject, String recipientKind, String recipient, String title,
    String body, Instant createdAt, Instant sentAt) {}
