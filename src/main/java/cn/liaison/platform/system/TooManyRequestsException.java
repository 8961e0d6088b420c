package cn.liaison.platform.system;

/** 429: the client is over its rate limit. */
public class TooManyRequestsException extends RuntimeException {

  public TooManyRequestsException() {
    super("提交过于频繁，请稍后再试。");
  }
}
