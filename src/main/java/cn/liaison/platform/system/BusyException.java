package cn.liaison.platform.system;

/**
 * 503 with Retry-After (liaison.overload.retry-after-seconds): the platform is too busy to take the request right now (for example, a submission
 * waited too long for its ticket number); nothing was stored, the client may send the same request again.
 */
public class BusyException extends RuntimeException {

  public BusyException(Throwable cause) {
    super("系统繁忙，您的意见尚未提交，请稍后再试。", cause);
  }

  /** The same with a message of the caller's own (what was not stored). */
  public BusyException(String message, Throwable cause) {
    super(message, cause);
  }
}
