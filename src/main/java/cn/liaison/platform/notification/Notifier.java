package cn.liaison.platform.notification;

/**
 * Tells people what happened to an item (its {@link Subject}). The default implementation writes to the outbox
 * table (shown on the citizen's tracking page); an SMS gateway can be plugged in as another implementation.
 * Calls are idempotent by dedupKey: a retried step does not notify twice.
 */
public interface Notifier {

  /** To the citizen who submitted the subject (never with personal data in the text). */
  void notifyCitizen(Subject subject, String dedupKey, String title, String body);

  /** To the members of a group (a department, the supervisors); subject may be null. */
  void notifyGroup(String groupId, Subject subject, String dedupKey, String title, String body);

  /** To one user of the platform (e.g. an invited deputy); subject may be null. */
  void notifyUser(String userId, Subject subject, String dedupKey, String title, String body);
}
