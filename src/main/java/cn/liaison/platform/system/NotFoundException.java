package cn.liaison.platform.system;

/** 404 with a Chinese message that gives nothing away (e.g. a wrong tracking key looks like no ticket). */
public class NotFoundException extends RuntimeException {

  public NotFoundException(String message) {
    super(message);
  }
}
