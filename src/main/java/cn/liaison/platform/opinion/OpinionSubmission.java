package cn.liaison.platform.opinion;

/**
 * What a citizen (or staff member, for other channels) submits. Validated by {@link OpinionService#submit};
 * the API and the citizen page share the rules and the Chinese messages.
 */
public record OpinionSubmission(String stationCode, String category, String content, String place,
    String contactName, String contactPhone, Boolean anonymous, Boolean consent, Channel channel) {}
