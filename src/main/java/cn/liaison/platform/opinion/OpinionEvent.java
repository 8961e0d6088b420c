package cn.liaison.platform.opinion;

import java.time.Instant;

/** One line of an opinion's history; public ones appear on the citizen's tracking page. */
public record OpinionEvent(OpinionStatus status, String title, String detail, boolean publicView, String actor,
    Instant occurredAt) {}
