package cn.liaison.platform.notification;

/**
 * Tells people what happened to an item. The default implementation writes to the outbox table
 * (shown on the citizen's tracking page); an SMS gateway can be plugged in as another implementation.
 * Calls are idempotent by dedupKey: a retried step does not notify twice.
 */
public interface Notifier {

  /** To the citizen who submitted the opinion (never with personal data in the text). */
  void notifyCitizen(long opinionId, String dedupKey, String title, String body);

  /** To the members of a group (a department, the supervisors). */
  void notifyGroup(String groupId, Long opinionId, String dedupKey, String title, String body);
}
