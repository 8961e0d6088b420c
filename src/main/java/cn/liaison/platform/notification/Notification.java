package cn.liaison.platform.notification;

import java.time.Instant;

public record Notification(long id, Long opinionId, String recipientKind, String recipient, String title, String body,
    Instant createdAt, Instant sentAt) {}
