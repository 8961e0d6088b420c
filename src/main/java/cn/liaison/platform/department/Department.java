package cn.liaison.platform.department;

/**
 * A department (承办部门) in the directory: its Camunda group works its tasks in Tasklist (channel INBOX)
 * or its own system is called over HTTP (channel HTTP). The signing secret itself never leaves {@link Departments}.
 */
public record Department(String code, String name, String groupId, Channel channel, String endpoint,
    int timeoutMillis, boolean active, boolean hasSecret) {

  public enum Channel { INBOX, HTTP }
}
