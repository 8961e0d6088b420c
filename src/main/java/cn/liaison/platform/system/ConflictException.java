package cn.liaison.platform.system;

/** 409: the request is well-formed but the item is not in a state that allows it (e.g. evaluated twice). */
public class ConflictException extends RuntimeException {

  public ConflictException(String message) {
    super(message);
  }
}
