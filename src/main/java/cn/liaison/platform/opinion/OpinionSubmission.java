package cn.liaison.platform.opinion;

/**
 * What a citizen (or staff member, for other channels) submits. Validated by {@link OpinionService#submit};
 * the API and the citizen page share the rules and the Chinese messages. answeredOnSpot: for an opinion
 * solved on the spot at a reception or forum, the answer given there (staff channels only); the opinion is
 * then recorded as answered directly and waits for the citizen's evaluation.
 */
public record OpinionSubmission(String stationCode, String category, String content, String place,
    String contactName, String contactPhone, Boolean anonymous, Boolean consent, Channel channel,
    String answeredOnSpot) {

  public OpinionSubmission(String stationCode, String category, String content, String place, String contactName,
      String contactPhone, Boolean anonymous, Boolean consent, Channel channel) {
    this(stationCode, category, content, place, contactName, contactPhone, anonymous, consent, channel, null);
  }
}
