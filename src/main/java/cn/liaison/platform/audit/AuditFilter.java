package cn.liaison.platform.audit;

import java.time.Instant;

/** What auditors filter by; null = any. The period is [from, until). */
public record AuditFilter(Instant from, Instant until, String user, AuditAction action, String subject,
    String station) {}
