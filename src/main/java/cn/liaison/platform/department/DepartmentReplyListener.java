package cn.liaison.platform.department;

/**
 * A feature that takes department replies for its items (the opinion loop for tickets, later the campaign
 * for households). Called inside the transaction that records the reply; throws
 * {@link cn.liaison.platform.system.InvalidInputException} or {@link cn.liaison.platform.system.ConflictException}
 * for a reply that does not fit the item's state, which then leaves nothing stored.
 */
public interface DepartmentReplyListener {

  boolean handles(String reference);

  void onReply(Department department, DepartmentReply reply);
}
