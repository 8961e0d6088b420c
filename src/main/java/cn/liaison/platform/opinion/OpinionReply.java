package cn.liaison.platform.opinion;

import java.time.Instant;

/** A reply to the citizen; source ANALYST (answered directly), DEPARTMENT or PROPOSAL. */
public record OpinionReply(long id, long opinionId, int round, String source, String departmentCode,
    ReplyResult result, String text, String measures, String repliedBy, Instant repliedAt, Rating rating,
    String evaluationComment, Instant evaluatedAt) {}
